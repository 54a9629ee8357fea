"""Buildings over HTTP: the create/read/replace/delete flow and its validation."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select
from tests.factories import ZERO, building_body, world

from matbank.buildings.models import Building

API = "/api/v3.0"


@pytest.fixture
def w(session):
    return world(session)


def test_create_returns_201_with_location_and_every_default(client, w):
    response = client.post(
        f"{API}/building",
        json=building_body(
            w.folder.id, externalId="b-1", cadastralArea=0, breeamLabel=0, designStage="Unknown"
        ),
        headers=w.headers,
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["location"] == f"{API}/building/{body['id']}"
    assert body["externalId"] == "b-1"
    assert body["materialClassificationTypeId"] == "madaster"
    assert body["expectedLifespan"] == 50 and body["expectedLifespanSkin"] == 20
    assert body["isDirty"] is False and body["phase"] == "New"
    assert body["completionDate"].startswith("2024-10-11T10:20:30.123456")
    assert "lastRenovationDate" not in body  # never null for non-nullable fields: omitted


def test_dotnet_style_request_with_null_gfa_and_year_one(client, w):
    body = building_body(
        w.folder.id,
        grossSurfaceArea=None,
        completionDate="0001-01-01T00:00:00+00:00",
        buildingUsage="other-othersub",
        materialClassificationTypeId="nl_sfb",
        buildingUsageOtherDescription="Depot",
        unknownField=1,
    )
    response = client.post(f"{API}/building", json=body, headers=w.headers)
    assert response.status_code == 201, response.text
    assert "grossSurfaceArea" not in response.json()


def test_get_replace_and_delete(client, w, session):
    url = f"{API}/building/{w.building.id}"
    assert client.get(url, headers=w.headers).json()["name"] == "Office 1"
    replaced = client.put(
        url,
        json=building_body(
            w.folder.id, name="Renamed", phase="Renovation", geoLatitude=5, parcelnumber="P-7"
        ),
        headers=w.headers,
    )
    assert replaced.status_code == 200, replaced.text
    assert replaced.json()["name"] == "Renamed"
    assert replaced.json()["parcelnumber"] == "P-7"
    assert client.delete(url, headers=w.headers).status_code == 204
    assert client.get(url, headers=w.headers).status_code == 404


def test_list_and_get_by_external_id(client, w):
    client.post(
        f"{API}/building", json=building_body(w.folder.id, externalId="ext 1/2"), headers=w.headers
    )
    listed = client.get(f"{API}/building", headers=w.headers).json()
    assert {b["name"] for b in listed} == {"Office 1", "New office"}
    found = client.get(f"{API}/building/external/ext%201%2F2", headers=w.headers)
    assert found.status_code == 200 and found.json()["externalId"] == "ext 1/2"
    missing = client.get(f"{API}/building/external/nope", headers=w.headers)
    assert missing.status_code == 404
    assert missing.json()["detail"] == "No building with externalId 'nope'."


def test_duplicate_external_id_is_409(client, w):
    client.post(
        f"{API}/building", json=building_body(w.folder.id, externalId="dup"), headers=w.headers
    )
    again = client.post(
        f"{API}/building", json=building_body(w.folder.id, externalId="dup"), headers=w.headers
    )
    assert again.status_code == 409
    assert "dup" in again.json()["detail"]


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"phase": "Old"}, "phase"),
        ({"name": ""}, "name"),
        ({"grossSurfaceArea": "big"}, "grossSurfaceArea"),
        ({"grossSurfaceArea": -1}, "grossSurfaceArea"),
        ({"cadastralArea": 2**31}, "cadastralArea"),
        ({"completionDate": "yesterday"}, "completionDate"),
        ({"completionDate": "0001-01-01T00:00:00+01:00"}, "completionDate"),
        ({"folderId": "not-a-uuid"}, "folderId"),
        ({"designStage": "Sketch"}, "designStage"),
        ({"wellScoreBuilding": 1.5}, "wellScoreBuilding"),
    ],
)
def test_bad_input_is_400_problem_naming_the_field(client, w, session, override, field):
    before = session.scalar(select(func.count()).select_from(Building))
    response = client.post(
        f"{API}/building", json=building_body(w.folder.id, **override), headers=w.headers
    )
    assert response.status_code == 400, response.text
    problem = response.json()
    assert problem["status"] == 400 and field in problem["errors"]
    assert session.scalar(select(func.count()).select_from(Building)) == before


def test_missing_required_fields_are_listed(client, w):
    response = client.post(f"{API}/building", json={"name": "x"}, headers=w.headers)
    assert response.status_code == 400
    assert {
        "folderId",
        "phase",
        "completionDate",
        "buildingUsage",
        "grossSurfaceArea",
        "materialClassificationTypeId",
    } <= set(response.json()["errors"])


def test_nan_and_infinity_are_refused(client, w):
    raw = building_body(w.folder.id)
    text = __import__("json").dumps(raw).replace("2500.5", "NaN")
    response = client.post(
        f"{API}/building", content=text, headers={**w.headers, "content-type": "application/json"}
    )
    assert response.status_code == 400
    text = __import__("json").dumps(raw).replace("2500.5", "Infinity")
    assert (
        client.post(
            f"{API}/building",
            content=text,
            headers={**w.headers, "content-type": "application/json"},
        ).status_code
        == 400
    )


@pytest.mark.parametrize(
    ("override", "fragment"),
    [
        ({"buildingUsage": "castle"}, "buildingUsage 'castle'"),
        ({"materialClassificationTypeId": "colours"}, "materialClassificationTypeId 'colours'"),
    ],
)
def test_unknown_reference_values_are_400(client, w, override, fragment):
    response = client.post(
        f"{API}/building", json=building_body(w.folder.id, **override), headers=w.headers
    )
    assert response.status_code == 400
    assert fragment in response.json()["detail"]


def test_folder_must_exist_and_allow_buildings(client, w):
    missing = client.post(f"{API}/building", json=building_body(uuid.uuid4()), headers=w.headers)
    assert missing.status_code == 404
    region = client.post(
        f"{API}/folder",
        json={"name": "North", "parentId": ZERO, "foldertypeId": str(w.region_type_id)},
        headers=w.headers,
    ).json()
    refused = client.post(f"{API}/building", json=building_body(region["id"]), headers=w.headers)
    assert refused.status_code == 400
    assert "cannot hold buildings" in refused.json()["detail"]


def test_malformed_id_in_path_is_400(client, w):
    response = client.get(f"{API}/building/12345", headers=w.headers)
    assert response.status_code == 400
    assert response.json()["errors"]["path.id"]
