"""Building files over HTTP: creation, the state machine, activation and validation."""

from __future__ import annotations

import uuid

import pytest
from tests.factories import ZERO, world

API = "/api/v3.0"
OMNICLASS = "e6bbe656-6722-4f7c-a825-8be526e13189"


@pytest.fixture
def w(session):
    return world(session)


def new_file(client, w, **overrides):
    body = {
        "name": "model.ifc",
        "type": "Source",
        "preferredDatabaseIds": [ZERO],
        "classificationTypeId": OMNICLASS,
    }
    body.update(overrides)
    response = client.post(f"{API}/building/{w.building.id}/files", json=body, headers=w.headers)
    assert response.status_code == 201, response.text
    return response.json()


def test_create_list_get_and_delete(client, w):
    created = new_file(client, w, tags=["structure"], timeStamp="2024-10-11T12:34:56.123456")
    assert created["status"] == "Creating" and created["isActive"] is False
    assert created["buildingId"] == str(w.building.id) and created["type"] == "Source"
    assert created["validation"]["percentageElementsMappedByNumber"] == 0
    base = f"{API}/building/{w.building.id}/files"
    assert [f["id"] for f in client.get(base, headers=w.headers).json()] == [created["id"]]
    assert (
        client.get(f"{base}/{created['id']}", headers=w.headers).json()["fileName"] == "model.ifc"
    )
    assert client.delete(f"{base}/{created['id']}", headers=w.headers).status_code == 204
    assert client.get(f"{base}/{created['id']}", headers=w.headers).status_code == 404


def test_status_reports_counts(client, w):
    created = new_file(client, w)
    status = client.get(
        f"{API}/building/{w.building.id}/files/{created['id']}/status", headers=w.headers
    ).json()
    assert status == {"status": "Creating", "elementProcessedCount": 0, "elementCount": 0}


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"type": "PassportPdf"}, "type"),
        ({"name": ""}, "name"),
        ({"preferredDatabaseIds": ["nope"]}, "preferredDatabaseIds.0"),
    ],
)
def test_bad_file_requests(client, w, override, field):
    body = {"name": "x", "type": "Source", "preferredDatabaseIds": []} | override
    response = client.post(f"{API}/building/{w.building.id}/files", json=body, headers=w.headers)
    assert response.status_code == 400 and field in response.json()["errors"]


def test_unknown_classification_method_is_400(client, w):
    body = {
        "name": "x",
        "type": "Source",
        "preferredDatabaseIds": [],
        "classificationTypeId": str(uuid.uuid4()),
    }
    response = client.post(f"{API}/building/{w.building.id}/files", json=body, headers=w.headers)
    assert response.status_code == 400 and "classificationTypeId" in response.json()["detail"]


def test_illegal_transitions_are_409_naming_the_status(client, w):
    created = new_file(client, w)
    base = f"{API}/building/{w.building.id}/files/{created['id']}"
    refine = client.post(f"{base}/startrefinement", headers=w.headers)
    assert refine.status_code == 409 and "Creating" in refine.json()["detail"]
    activate = client.post(f"{base}/active", json=True, headers=w.headers)
    assert activate.status_code == 409 and "Creating" in activate.json()["detail"]
    element = client.post(f"{base}/elements", json={"id": "e1"}, headers=w.headers)
    assert element.status_code == 409 and "Creating" in element.json()["detail"]


def test_information_files_are_never_imported(client, w):
    created = new_file(client, w, type="Information")
    base = f"{API}/building/{w.building.id}/files/{created['id']}"
    response = client.post(f"{base}/setimporting", headers=w.headers)
    assert response.status_code == 409 and "Information" in response.json()["detail"]


def test_setimporting_then_refinement_is_accepted(client, w):
    created = new_file(client, w)
    base = f"{API}/building/{w.building.id}/files/{created['id']}"
    assert (
        client.post(
            f"{base}/setimporting", headers={**w.headers, "content-type": "application/json"}
        ).status_code
        == 204
    )
    assert client.get(base, headers=w.headers).json()["status"] == "Importing"
    started = client.post(f"{base}/startrefinement", headers=w.headers)
    assert started.status_code == 202 and started.headers["location"].endswith("/status")
    assert client.get(f"{base}/status", headers=w.headers).json()["status"] == "Refining"


def test_batch_activate_requires_every_file_to_be_mapped(client, w):
    created = new_file(client, w)
    response = client.post(
        f"{API}/building/{w.building.id}/batchactivate", json=[created["id"]], headers=w.headers
    )
    assert response.status_code == 409
    missing = client.post(
        f"{API}/building/{w.building.id}/batchactivate", json=[str(uuid.uuid4())], headers=w.headers
    )
    assert missing.status_code == 404


def test_process_marks_the_building_dirty(client, w):
    assert (
        client.post(f"{API}/building/{w.building.id}/process", headers=w.headers).status_code == 202
    )
    assert client.get(f"{API}/building/{w.building.id}", headers=w.headers).json()["isDirty"]


def test_validation_of_a_building_without_active_files_is_zero(client, w):
    body = client.get(f"{API}/building/{w.building.id}/validation", headers=w.headers).json()
    assert body["percentageElementsMappedByVolume"] == 0
    assert len(body) == 11


def test_files_of_another_building_are_not_found(client, w, session):
    other = world(session, "Other account")
    created = new_file(client, w)
    url = f"{API}/building/{w.building.id}/files/{created['id']}"
    assert client.get(url, headers=other.headers).status_code == 404
    wrong_building = f"{API}/building/{other.building.id}/files/{created['id']}"
    assert client.get(wrong_building, headers=other.headers).status_code == 404
