"""The import's own insert path: overlong texts are fitted, duplicate GlobalIds replace the
earlier element (as the upsert did), and sub-elements share their element's columns."""

from __future__ import annotations

import pytest
from tests.factories import world
from tests.files.test_import_flow import upload
from tests.ifc_models import ModelBuilder
from tests.test_building_flow import run_jobs

from matbank.databases.cli import install_generic_database


@pytest.fixture
def w(session):
    install_generic_database(session)
    session.commit()
    return world(session)


def _model(path) -> bytes:
    b = ModelBuilder(schema="IFC4", length="METRE")
    long_name = "Wall " + "x" * 1000
    first = b.element("IfcWall", long_name)
    layers = b.layer_set("Cavity", [("Masonry - Brick", 0.1), ("Concrete", 0.2)])
    b.assign_material([first], "IfcMaterialLayerSet", layers)
    b.qto(first, "Qto_WallBaseQuantities", {"NetSideArea": 10.0, "NetVolume": 3.0})
    twin = b.element("IfcWall", "Wall twin")
    twin.GlobalId = first.GlobalId  # a broken export: two elements, one GlobalId
    b.assign_material([twin], "IfcMaterial", b.material("Timber"))
    b.qto(twin, "Qto_WallBaseQuantities", {"NetVolume": 0.5})
    return b.write(path).read_bytes()


def test_texts_are_fitted_and_a_repeated_global_id_replaces_the_element(
    client, w, session_factory, tmp_path
):
    url = upload(client, w, "model.ifc", _model(tmp_path / "model.ifc"))
    run_jobs(client, session_factory)
    status = client.get(f"{url}/status", headers=w.headers).json()
    assert status["status"] == "Mapped"
    elements = {e["id"]: e for e in client.get(f"{url}/elements", headers=w.headers).json()}
    [guid] = [i for i in elements if ":" not in i]
    # The later element with the same GlobalId wins, as with the upsert before.
    assert elements[guid]["name"] == "Wall twin"
    assert elements[guid]["materialName"] == "Timber"
    layers = sorted(i for i in elements if ":" in i)
    assert layers == [f"{guid}:1", f"{guid}:2"]
    # The layers keep the wall's name, cut to the column's 400 characters.
    assert len(elements[f"{guid}:1"]["name"]) == 400
    assert elements[f"{guid}:1"]["volume"] == pytest.approx(1.0)
