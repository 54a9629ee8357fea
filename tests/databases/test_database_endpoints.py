"""API v4.0 database operations: create, replace, read, delete, listing, paging and the
reference lists (folder structure, compliances, material families, price sets)."""

from __future__ import annotations

import uuid

import pytest
from tests.factories import V4, create_commodity, material_body, product_body, token, world

from matbank.auth.permissions import PermissionLevel, ScopeKind
from matbank.commodities.models import Commodity
from matbank.databases.catalogue import GENERIC_DATABASE_ID
from matbank.databases.imports import install_generic


def _create(client, headers, **body):
    body.setdefault("names", {"en": "Custom"})
    return client.post(f"{V4}/database", json=body, headers=headers)


def test_create_read_replace_and_delete(client, session):
    w = world(session)
    created = _create(client, w.headers, names={"en": "Mine", "nl": "Mijn"}, externalId="X-1")
    assert created.status_code == 201
    body = created.json()
    assert body["names"] == {"en": "Mine", "nl": "Mijn"}
    assert body["readOnly"] is False and body["owner"] == "Account"
    assert "description" not in body  # never null for a non-nullable field
    db = body["id"]
    assert client.get(f"{V4}/database/{db}", headers=w.headers).json()["externalId"] == "X-1"
    replaced = client.put(
        f"{V4}/database",
        json={
            "id": db,
            "names": {"de": "Meine"},
            "initiallySelectedForEnrichment": True,
            "externalId": "changed",
        },
        headers=w.headers,
    )
    assert replaced.status_code == 202
    assert replaced.json()["names"] == {"de": "Meine"}
    assert replaced.json()["externalId"] == "X-1"  # immutable
    assert client.delete(f"{V4}/database/{db}", headers=w.headers).status_code == 204
    assert client.get(f"{V4}/database/{db}", headers=w.headers).status_code == 404


def test_duplicate_external_id_is_a_conflict_per_account(client, session):
    w, other = world(session), world(session, "Account B")
    assert _create(client, w.headers, externalId="DB-1").status_code == 201
    assert _create(client, w.headers, externalId="DB-1").status_code == 409
    assert _create(client, other.headers, externalId="DB-1").status_code == 201


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"names": {}},
        {"names": {"en": ""}},
        {"names": {"en": "x"}, "externalId": ""},
        {"names": {"en": "x" * 401}},
        {"names": "text"},
    ],
)
def test_bad_database_bodies_are_400(client, session, body):
    w = world(session)
    response = client.post(f"{V4}/database", json=body, headers=w.headers)
    assert response.status_code == 400
    assert response.json()["status"] == 400


def test_missing_ids_are_404(client, session):
    w = world(session)
    missing = uuid.uuid4()
    assert client.get(f"{V4}/database/{missing}", headers=w.headers).status_code == 404
    assert client.delete(f"{V4}/database/{missing}", headers=w.headers).status_code == 404
    put = client.put(
        f"{V4}/database", json={"id": str(missing), "names": {"en": "x"}}, headers=w.headers
    )
    assert put.status_code == 404
    assert client.get(f"{V4}/database/external/nope", headers=w.headers).status_code == 404
    assert client.get(f"{V4}/database/not-a-uuid", headers=w.headers).status_code == 400


def test_public_generic_database_is_listed_and_read_only(client, session):
    install_generic(session)
    w = world(session)
    listed = client.get(f"{V4}/database", headers=w.headers).json()
    generic = next(d for d in listed if d["id"] == str(GENERIC_DATABASE_ID))
    assert generic["readOnly"] is True and generic["owner"] == "System"
    assert generic["externalId"] == "matbank-generic"
    by_ext = client.get(f"{V4}/database/external/matbank-generic", headers=w.headers)
    assert by_ext.status_code == 200
    assert (
        client.delete(f"{V4}/database/{GENERIC_DATABASE_ID}", headers=w.headers).status_code == 403
    )
    put = client.put(
        f"{V4}/database",
        json={"id": str(GENERIC_DATABASE_ID), "names": {"en": "x"}},
        headers=w.headers,
    )
    assert put.status_code == 403


def test_delete_is_refused_while_another_database_uses_a_commodity(client, session):
    w = world(session)
    first = _create(client, w.headers).json()["id"]
    second = _create(client, w.headers).json()["id"]
    material = create_commodity(client, w.headers, material_body(first))
    product = create_commodity(client, w.headers, product_body(second))
    added = client.post(
        f"{V4}/commodity/{product['id']}/children/weight",
        json={"commodityId": material["id"], "quantity": 3},
        headers=w.headers,
    )
    assert added.status_code == 202
    refused = client.delete(f"{V4}/database/{first}", headers=w.headers)
    assert refused.status_code == 412
    assert client.get(f"{V4}/commodity/{material['id']}", headers=w.headers).status_code == 200
    assert client.delete(f"{V4}/database/{second}", headers=w.headers).status_code == 204
    assert client.delete(f"{V4}/database/{first}", headers=w.headers).status_code == 204


def _bulk_commodities(session, database_id, count, inactive=0):
    session.add_all(
        Commodity(
            database_id=database_id,
            commodity_type="Material",
            names={"en": f"M{i}"},
            external_id=f"M{i}",
            is_active=i >= inactive,
        )
        for i in range(count)
    )
    session.flush()


def test_commodities_are_paged_with_a_hard_maximum(client, session):
    w = world(session)
    db = _create(client, w.headers).json()["id"]
    _bulk_commodities(session, uuid.UUID(db), 1205, inactive=5)
    url = f"{V4}/database/{db}/commodities"
    assert len(client.get(url, headers=w.headers).json()) == 1000
    assert len(client.get(url, params={"take": 5000}, headers=w.headers).json()) == 1000
    first = client.get(url, params={"skip": 0, "take": 600}, headers=w.headers).json()
    rest = client.get(url, params={"skip": 600, "take": 600}, headers=w.headers).json()
    assert len(first) == 600 and len(rest) == 600
    assert {c["id"] for c in first}.isdisjoint({c["id"] for c in rest})
    everything = client.get(
        url, params={"skip": 1000, "includeInactive": True}, headers=w.headers
    ).json()
    assert len(everything) == 205
    info = first[0]
    assert set(info) == {"id", "names", "commodityType", "externalId", "isActive"}
    assert client.get(url, params={"take": -1}, headers=w.headers).status_code == 400


def test_reference_lists(client, session):
    w = world(session)
    db = _create(client, w.headers).json()["id"]
    tree = client.get(f"{V4}/database/{db}/folderstructure", headers=w.headers).json()
    assert tree["folderNames"]["en"] == "Dossier" and len(tree["children"]) >= 3
    compliances = client.get(f"{V4}/database/{db}/compliances", headers=w.headers).json()
    assert {c["ruleSet"] for c in compliances} >= {"EN 15804:2012-04+A1 2013"}
    families = client.get(f"{V4}/database/{db}/materialfamilies", headers=w.headers).json()
    madaster = next(f for f in families if f["id"] == "madaster")
    assert {v["id"] for v in madaster["values"]} == {
        "glass",
        "metal",
        "organic",
        "plastic",
        "stone",
        "wood",
        "unknown",
    }
    price_sets = client.get(f"{V4}/system/pricesets", headers=w.headers).json()
    assert {"id", "names", "sources", "obsolete"} <= set(price_sets[0])
    other = uuid.uuid4()
    assert (
        client.get(f"{V4}/database/{other}/folderstructure", headers=w.headers).status_code == 404
    )


def test_only_administrators_create_and_delete(client, session):
    w = world(session)
    db = _create(client, w.headers).json()["id"]
    for level in (
        PermissionLevel.MANAGER_CONTRIBUTOR,
        PermissionLevel.MANAGER,
        PermissionLevel.READER,
    ):
        key = {"X-API-Key": token(session, w.account_id, ScopeKind.ACCOUNT, w.account_id, level)}
        assert _create(client, key).status_code == 403
        assert client.delete(f"{V4}/database/{db}", headers=key).status_code == 403
        assert client.get(f"{V4}/database/{db}", headers=key).status_code == 200
