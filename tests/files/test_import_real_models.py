"""Every public sample model in ../shared/data/ifc uploaded through the HTTP flow and imported
by the real job: element counts equal the extractor's, and named elements arrive intact.

The two multi-megabyte models are marked ``slow`` (deselect with ``-m "not slow"``); the rest
run in every test run. Skipped with a reason when ../shared is absent.
"""

from __future__ import annotations

import pytest
from tests.conftest import SHARED
from tests.factories import world
from tests.files.test_import_flow import upload
from tests.test_building_flow import run_jobs

from matbank.databases.cli import install_generic_database
from matbank.importers.ifc import open_ifc

MODELS = SHARED / "data" / "ifc"
LARGE = {"webifc_AC20-FZK-Haus_IFC4.ifc", "webifc_Duplex_A_20110907.ifc"}
NAMES = sorted(
    [
        "bsi_ifc43_wall-extruded-solid.ifc",
        "hygros_Test-Modell_revit_ifc4.ifc",
        "ifclca_simple_building.ifc",
        "webifc_AC20-FZK-Haus_IFC4.ifc",
        "webifc_Duplex_A_20110907.ifc",
        "webifc_IfcOpenHouse_IFC4.ifc",
        "webifc_example_revit_structural.ifc",
        "webifc_tested_sample_project.ifc",
    ]
)

# model -> GlobalId -> expected (material name, floor, classification, volume m³ or None)
SPOT_CHECKS = {
    "webifc_example_revit_structural.ifc": {
        # No quantity sets in this model: the volume comes from the beam's geometry.
        "0VNYAWfXv8JvIRVfOzYH1j": (
            "Metal - Steel - 345 MPa",
            "Level 2",
            "S-BEAM-____-OTLN",
            0.02796789,
        ),
    },
    "hygros_Test-Modell_revit_ifc4.ifc": {
        "1MDeeqM_emFHfg$OVklUyR": ("Ortbeton - bewehrt", None, "A-FLOR-LEVL-OTLN", 1.43400504),
    },
    "webifc_AC20-FZK-Haus_IFC4.ifc": {
        "3tCgZT92j6fw8fXgwCL3Jm": (
            "Radial Gradient Fill 1515460218",
            "Erdgeschoss",
            "Unterzuege",
            0.19583811,
        ),
    },
    "webifc_tested_sample_project.ifc": {
        # Geometry-derived volume, as the model has no quantity sets.
        "2idC0G3ezCdhA9WVjWe$$S": ("Madera - Castaño", "Nivel 1", "A-DOOR-____-OTLN", 0.09457542),
    },
}
DUPLEX_WALL = "2O2Fr$t4X7Zf8NOew3FNtn"
DUPLEX_LAYERS = [
    "Masonry - Brick",
    "Misc. Air Layers - Air Space",
    "Insulation / Thermal Barriers - Rigid insulation",
    "Masonry - Concrete Block",
    "Metal - Stud Layer",
    "Plasterboard",
]


@pytest.fixture(scope="module")
def models():
    if not MODELS.is_dir():
        pytest.skip(f"real IFC models not available: {MODELS} is absent")
    return MODELS


@pytest.fixture
def w(session):
    install_generic_database(session)
    session.commit()
    return world(session)


def _params():
    return [pytest.param(n, marks=pytest.mark.slow) if n in LARGE else n for n in NAMES]


@pytest.mark.parametrize("name", _params())
def test_uploaded_model_imports_every_element(client, w, session_factory, models, name):
    path = models / name
    url = upload(client, w, name, path.read_bytes())
    run_jobs(client, session_factory)
    status = client.get(f"{url}/status", headers=w.headers).json()
    expected = open_ifc(path).count_elements()
    assert status["status"] == "Mapped", status
    assert status["elementCount"] == status["elementProcessedCount"]
    elements = client.get(f"{url}/elements", params={"$top": 5000}, headers=w.headers).json()
    by_id = {e["id"]: e for e in elements}
    assert sum(1 for i in by_id if ":" not in i) == expected
    for guid, (material, floor, classification, volume) in SPOT_CHECKS.get(name, {}).items():
        element = by_id[guid]
        assert (element["materialName"], element.get("floor")) == (material, floor)
        assert element["classificationLookup"] == [classification]
        assert element.get("volume") == (pytest.approx(volume) if volume else None)
    if name == "webifc_Duplex_A_20110907.ifc":
        assert by_id[DUPLEX_WALL]["volume"] == pytest.approx(5.67613728)
        layers = [by_id[f"{DUPLEX_WALL}:{n}"] for n in range(1, len(DUPLEX_LAYERS) + 1)]
        assert [e["materialName"] for e in layers] == DUPLEX_LAYERS
        assert all(e["volume"] > 0 for e in layers)
