"""Imported multi-material elements are matched material by material: the parts of a set
without thicknesses or fractions link to the generic database by their own names."""

from __future__ import annotations

import pytest
from tests.factories import world
from tests.files.test_import_flow import upload
from tests.ifc_models import ModelBuilder
from tests.test_building_flow import run_jobs

from matbank.commodities.models import Commodity
from matbank.databases.cli import install_generic_database


@pytest.fixture
def w(session):
    install_generic_database(session)
    session.commit()
    return world(session)


def _model(path) -> bytes:
    b = ModelBuilder(schema="IFC4", length="METRE")
    wall = b.element("IfcWall", "Basiswand:Ziegel+WD hart")
    constituents = b.constituent_set("Ziegel+WD", ["Dämmung - hart", "Mauerwerk - Ziegel"])
    b.assign_material([wall], "IfcMaterialConstituentSet", constituents)
    b.body_with_aspects(wall, [("Dämmung - hart", 0.16), ("Mauerwerk - Ziegel", 0.36)])
    b.qto(wall, "Qto_WallBaseQuantities", {"NetVolume": 6.24})
    window = b.element("IfcWindow", "Window")
    b.assign_material([window], "IfcMaterialList", b.material_list(["Vidrio", "Pine"]))
    b.qto(window, "Qto_WindowBaseQuantities", {"NetVolume": 0.2})
    return b.write(path).read_bytes()


def test_each_material_of_an_unmeasured_set_links_by_its_own_name(
    client, w, session, session_factory, tmp_path
):
    url = upload(client, w, "house.ifc", _model(tmp_path / "house.ifc"))
    run_jobs(client, session_factory)
    assert client.get(f"{url}/status", headers=w.headers).json()["status"] == "Mapped"
    elements = client.get(f"{url}/elements", headers=w.headers).json()
    external = {str(c.id): c.external_id for c in session.query(Commodity)}
    parts = {
        e["materialName"]: (external.get((e.get("mapping") or {}).get("id")), e["volume"])
        for e in elements
        if ":" in e["id"]
    }
    assert parts == {
        "Dämmung - hart": ("mb-insulation-eps", pytest.approx(6.24 * 0.16 / 0.52)),
        "Mauerwerk - Ziegel": ("mb-masonry-brick-clay", pytest.approx(6.24 * 0.36 / 0.52)),
        "Vidrio": ("mb-glass-float", pytest.approx(0.1)),
        "Pine": ("mb-timber-softwood", pytest.approx(0.1)),
    }
    parents = [e for e in elements if ":" not in e["id"]]
    assert len(parents) == 2 and all("mapping" not in e for e in parents)
