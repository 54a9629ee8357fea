"""Elements over HTTP: single CRUD, the batch upsert and OData-style listing."""

from __future__ import annotations

import pytest
from tests.factories import ZERO, world

API = "/api/v3.0"


@pytest.fixture
def w(session):
    return world(session)


@pytest.fixture
def base(client, w):
    body = {"name": "api.ifc", "type": "Source", "preferredDatabaseIds": [ZERO]}
    created = client.post(
        f"{API}/building/{w.building.id}/files", json=body, headers=w.headers
    ).json()
    url = f"{API}/building/{w.building.id}/files/{created['id']}"
    assert client.post(f"{url}/setimporting", headers=w.headers).status_code == 204
    return url


def element(i, **extra):
    body = {
        "id": f"e{i}",
        "name": f"Wall {i}",
        "materialName": "Beton" if i % 2 else "Staal",
        "phaseLookup": "casco",
        "volume": float(i),
        "area": 0,
        "height": 0,
        "width": 0,
        "length": 0,
        "classificationLookup": "21.22",
        "elementClass": "ifcwall",
        "typeName": "Basic Wall",
        "detachabilityConnectionType": "Unknown",
    }
    body.update(extra)
    return body


def test_python_example_element_round_trip(client, w, base):
    body = {
        "id": "ifcelement1",
        "name": "Element 1",
        "materialName": "staal",
        "phaseLookup": "casco",
        "volume": 10.0,
        "classificationLookup": "21.22",
        "elementClass": "ifcwall",
        "typeName": "Type 1",
    }
    created = client.post(f"{base}/elements", json=body, headers=w.headers)
    assert created.status_code == 201, created.text
    got = client.get(f"{base}/elements/ifcelement1", headers=w.headers).json()
    assert got == created.json()
    assert got["phaseLookup"] == ["casco"] and got["classificationLookup"] == ["21.22"]
    assert got["buildingFileId"] in base and got["volume"] == 10.0
    assert "mapping" not in got


def test_duplicate_id_is_409_and_replace_and_delete(client, w, base):
    client.post(f"{base}/elements", json=element(1), headers=w.headers)
    assert client.post(f"{base}/elements", json=element(1), headers=w.headers).status_code == 409
    replaced = client.put(f"{base}/elements/e1", json=element(1, name="Renamed"), headers=w.headers)
    assert replaced.status_code == 200 and replaced.json()["name"] == "Renamed"
    mismatch = client.put(f"{base}/elements/e1", json=element(2), headers=w.headers)
    assert mismatch.status_code == 400
    assert client.delete(f"{base}/elements/e1", headers=w.headers).status_code == 204
    assert client.get(f"{base}/elements/e1", headers=w.headers).status_code == 404
    assert client.delete(f"{base}/elements/e1", headers=w.headers).status_code == 404


def test_batch_upsert_reports_failures_and_keeps_the_rest(client, w, base):
    items = [element(i) for i in range(1, 6)]
    items.append({"id": "bad", "volume": -3})
    items.append({"name": "no id"})
    items.append(element(1, name="duplicate in batch"))
    response = client.post(f"{base}/elements/batch", json=items, headers=w.headers)
    assert response.status_code == 200, response.text
    assert response.json()["failures"] == ["bad", "#6", "e1"]
    listed = client.get(f"{base}/elements", headers=w.headers).json()
    assert [e["id"] for e in listed] == ["e1", "e2", "e3", "e4", "e5"]
    again = client.post(
        f"{base}/elements/batch", json=[element(2, name="Changed")], headers=w.headers
    )
    assert again.json()["failures"] == []
    assert client.get(f"{base}/elements/e2", headers=w.headers).json()["name"] == "Changed"
    status = client.get(f"{base}/status", headers=w.headers).json()
    assert status["elementCount"] == 5


def test_batch_over_500_is_400_and_stores_nothing(client, w, base):
    response = client.post(
        f"{base}/elements/batch", json=[{"id": f"e{i}"} for i in range(501)], headers=w.headers
    )
    assert response.status_code == 400 and "500" in response.json()["detail"]
    assert client.get(f"{base}/elements", headers=w.headers).json() == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("$filter=materialName eq 'Beton'", ["e1", "e3", "e5"]),
        ("$filter=volume gt 2 and volume le 4", ["e3", "e4"]),
        ("$filter=contains(name,'Wall 1') or id eq 'e5'", ["e1", "e5"]),
        ("$filter=not (materialName eq 'Beton')", ["e2", "e4"]),
        ("$filter=startswith(typeName,'Basic') and GTIN eq null", ["e1", "e2", "e3", "e4", "e5"]),
        ("$top=2&$skip=1", ["e2", "e3"]),
    ],
)
def test_odata_listing(client, w, base, query, expected):
    client.post(f"{base}/elements/batch", json=[element(i) for i in range(1, 6)], headers=w.headers)
    listed = client.get(f"{base}/elements?{query}", headers=w.headers)
    assert listed.status_code == 200, listed.text
    assert [e["id"] for e in listed.json()] == expected


def test_odata_select_and_errors(client, w, base):
    client.post(f"{base}/elements/batch", json=[element(1)], headers=w.headers)
    selected = client.get(f"{base}/elements?$select=id,volume", headers=w.headers).json()
    assert selected == [{"id": "e1", "volume": 1.0}]
    for query in (
        "$filter=volume gt",
        "$filter=colour eq 'red'",
        "$select=colour",
        "$top=99999",
        "$filter=name eq 'x' garbage",
    ):
        response = client.get(f"{base}/elements?{query}", headers=w.headers)
        assert response.status_code == 400, query


def test_elements_are_frozen_outside_importing(client, w, base):
    client.post(f"{base}/elements/batch", json=[element(1)], headers=w.headers)
    client.post(f"{base}/startrefinement", headers=w.headers)
    response = client.post(f"{base}/elements/batch", json=[element(2)], headers=w.headers)
    assert response.status_code == 409 and "Refining" in response.json()["detail"]


def test_readers_cannot_change_elements(client, w, base, session):
    from tests.factories import token

    from matbank.auth.permissions import PermissionLevel, ScopeKind

    reader = {
        "X-API-Key": token(
            session, w.account_id, ScopeKind.BUILDING, w.building.id, PermissionLevel.READER
        )
    }
    assert client.get(f"{base}/elements", headers=reader).status_code == 200
    assert (
        client.post(f"{base}/elements/batch", json=[element(1)], headers=reader).status_code == 403
    )
