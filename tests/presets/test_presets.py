"""Upload presets: levels, inheritance (nearest wins), access, validation, and their use."""

from __future__ import annotations

import uuid

import pytest
from tests.factories import add_building, add_folder, token, world
from tests.files.test_import_flow import upload
from tests.ifc_models import ModelBuilder
from tests.test_building_flow import API, run_jobs

from matbank.auth.permissions import PermissionLevel, ScopeKind
from matbank.databases.cli import install_generic_database
from matbank.files.models import BuildingFile

NL_SFB = "af7368c6-d8ec-45ea-85b2-ca4325ae1191"


@pytest.fixture
def w(session):
    install_generic_database(session)
    session.commit()
    return world(session)


def put(client, w, path, body, headers=None):
    return client.put(f"{API}/{path}/uploadpresets", json=body, headers=headers or w.headers)


def effective(client, w, building_id):
    url = f"{API}/building/{building_id}/uploadpresets/effective"
    return client.get(url, headers=w.headers).json()


def test_nearest_level_wins_and_delete_restores_inheritance(client, w, session):
    child = add_folder(session, w.account_id, "Child", parent=w.folder)
    building = add_building(session, child, "Deep")
    assert (
        put(client, w, "account", {"defaultPhase": "Preserved", "languages": ["de"]}).status_code
        == 200
    )
    put(
        client,
        w,
        f"folder/{w.folder.id}",
        {"defaultPhase": "Demolition", "excludedIfcTypes": ["IfcFurniture"]},
    )
    put(client, w, f"folder/{child.id}", {"excludedIfcTypes": ["IfcDoor", "IfcWindow"]})
    got = effective(client, w, building.id)
    assert got["defaultPhase"] == "Demolition" and got["languages"] == ["de"]
    assert got["excludedIfcTypes"] == ["IfcDoor", "IfcWindow"]
    assert got["sources"] == {
        "defaultPhase": "Folder",
        "languages": "Account",
        "excludedIfcTypes": "Folder",
    }
    put(client, w, f"building/{building.id}", {"defaultPhase": "New"})
    assert effective(client, w, building.id)["sources"]["defaultPhase"] == "Building"
    own = client.get(f"{API}/building/{building.id}/uploadpresets", headers=w.headers).json()
    assert own == {"level": "Building", "id": str(building.id), "defaultPhase": "New"}
    assert (
        client.delete(f"{API}/folder/{child.id}/uploadpresets", headers=w.headers).status_code
        == 204
    )
    assert effective(client, w, building.id)["excludedIfcTypes"] == ["IfcFurniture"]
    assert (
        client.delete(f"{API}/folder/{child.id}/uploadpresets", headers=w.headers).status_code
        == 404
    )


def test_readers_read_writers_write_and_scopes_hold(client, w, session):
    reader = {
        "X-API-Key": token(
            session, w.account_id, ScopeKind.ACCOUNT, w.account_id, PermissionLevel.READER
        )
    }
    manager = {
        "X-API-Key": token(
            session, w.account_id, ScopeKind.ACCOUNT, w.account_id, PermissionLevel.MANAGER
        )
    }
    on_building = {"X-API-Key": token(session, w.account_id, ScopeKind.BUILDING, w.building.id)}
    assert put(client, w, "account", {"languages": ["en"]}, reader).status_code == 403
    assert client.get(f"{API}/account/uploadpresets", headers=reader).status_code == 200
    assert (
        put(client, w, f"folder/{w.folder.id}", {"languages": ["nl"]}, manager).status_code == 200
    )
    assert (
        put(client, w, f"folder/{w.folder.id}", {"languages": ["nl"]}, on_building).status_code
        == 403
    )
    assert client.get(f"{API}/account/uploadpresets", headers=on_building).status_code == 403
    assert (
        put(client, w, f"building/{w.building.id}", {"languages": ["fr"]}, on_building).status_code
        == 200
    )
    other = world(session, "Account B")
    assert put(client, w, f"building/{other.building.id}", {"languages": ["fr"]}).status_code == 404
    assert (
        client.get(f"{API}/folder/{other.folder.id}/uploadpresets", headers=w.headers).status_code
        == 404
    )


@pytest.mark.parametrize(
    "body",
    [
        {"excludedIfcTypes": ["Wall; DROP"]},
        {"customPropertyNames": {"Colour": {"propertyName": "x"}}},
        {"defaultPhase": "Someday"},
        {"classificationTypeId": "3fa85f64-5717-4562-b3fc-2c963f66afa6"},
    ],
)
def test_invalid_presets_are_a_400_problem(client, w, body):
    response = put(client, w, "account", body)
    assert response.status_code == 400 and response.json()["status"] == 400


def _model(path) -> bytes:
    builder = ModelBuilder(schema="IFC4", length="METRE")
    wall = builder.element("IfcWall", "Wall")
    builder.assign_material([wall], "IfcMaterial", builder.material("Concrete"))
    builder.qto(wall, "Qto_WallBaseQuantities", {"NetVolume": 2.0})
    builder.pset(wall, "Pset_Bauphase", {"Bauabschnitt": "Sloop"})
    chair = builder.element("IfcFurniture", "Chair")
    builder.assign_material([chair], "IfcMaterial", builder.material("Timber"))
    return builder.write(path).read_bytes()


def test_the_import_applies_the_presets(client, w, session, session_factory, tmp_path):
    put(
        client,
        w,
        "account",
        {
            "excludedIfcTypes": ["IfcFurnishingElement"],
            "customPropertyNames": {
                "Phase": {"propertySet": "Pset_Bauphase", "propertyName": "Bauabschnitt"}
            },
            "defaultPhase": "Preserved",
            "classificationTypeId": NL_SFB,
            "languages": ["en", "nl"],
        },
    )
    created = client.post(
        f"{API}/building/{w.building.id}/files",
        json={"name": "m", "type": "Source", "preferredDatabaseIds": []},
        headers=w.headers,
    ).json()
    url = f"{API}/building/{w.building.id}/files/{created['id']}"
    client.post(
        f"{url}/upload/m.ifc",
        content=_model(tmp_path / "m.ifc"),
        headers={**w.headers, "content-type": "application/octet-stream"},
    )
    run_jobs(client, session_factory)
    assert client.get(f"{url}/status", headers=w.headers).json()["elementCount"] == 1
    [wall] = client.get(f"{url}/elements", headers=w.headers).json()
    assert wall["phaseLookup"] == ["Sloop"] and wall["phaseMatch"]["name"] == "Demolition"
    assert client.get(url, headers=w.headers).json()["classificationTypeId"] == NL_SFB
    stored = session.get(BuildingFile, uuid.UUID(created["id"]))
    session.refresh(stored)
    assert stored.languages == ["en", "nl"]


def test_default_phase_and_mismatch_flag_reach_refinement(client, w, session_factory):
    put(
        client,
        w,
        f"building/{w.building.id}",
        {"defaultPhase": "Preserved", "allowFunctionalUnitMismatch": True},
    )
    source = {
        "New materials": [
            ["Material/Product", "Classification code", "Amount (pieces)"],
            ["Stahlbeton", "23.1", 2],
        ]
    }
    from tests.files.test_import_flow import workbook_bytes

    url = upload(client, w, "s.xlsx", workbook_bytes(source))
    run_jobs(client, session_factory)
    [slab] = client.get(f"{url}/elements", headers=w.headers).json()
    assert slab["phaseMatch"]["name"] == "New"  # the sheet's phase beats the default
    assert "mapping" in slab  # a Volume product linked to an element counted in pieces
