"""API v4.0 commodity operations: polymorphic bodies, replace, delete, versions."""

from __future__ import annotations

import uuid

import pytest
from tests.factories import V4, create_commodity, material_body, product_body, world


@pytest.fixture
def db(client, session):
    w = world(session)
    made = client.post(f"{V4}/database", json={"names": {"en": "DB"}}, headers=w.headers)
    return w, made.json()["id"]


def test_material_and_product_are_told_apart_by_commodity_type(client, db):
    w, database = db
    material = create_commodity(client, w.headers, material_body(database, externalId="M-1"))
    assert material["commodityType"] == "Material"
    assert material["materialFamilies"] == {"madaster": "wood", "madasterv2": "i3"}
    assert material["circularity"]["feedstock"]["totalSecondary"] == pytest.approx(0.2)
    assert material["circularity"]["output"]["incineration"] == pytest.approx(0.4)
    assert "functionalUnit" not in material and material["inUse"] is False
    assert material["images"] == []
    product = create_commodity(
        client,
        w.headers,
        product_body(
            database,
            GTIN="4712662086590",
            functionalUnit="Quantity",
            weight=12.5,
            manufacturer={"name": "Maker", "GLN": "123"},
            doNotUseBillOfMaterials=True,
            materialFamilies=[{"familyId": "madaster", "values": {"metal": 0.7}}],
        ),
    )
    assert product["commodityType"] == "Product" and product["GTIN"] == "4712662086590"
    assert product["manufacturer"] == {"name": "Maker", "GLN": "123"}
    assert product["weight"] == 12.5 and "density" not in product
    fetched = client.get(f"{V4}/commodity/{product['id']}", headers=w.headers).json()
    assert fetched == product


@pytest.mark.parametrize(
    "change",
    [
        {"commodityType": "Thing"},
        {"commodityType": None},
        {"density": -1},
        {"materialFamilies": {"madaster": "gold"}},
        {"materialFamilies": {"nope": "x"}},
        {"circularity": {"feedstock": {"recycled": 1.5}}},
        {"circularity": {"feedstock": {"recycled": 0.8, "renewables": 0.5}}},
        {"names": {"en": "a\u0000b"}},
        {"lifespan": 5000},
        {"externalId": "x" * 201},
    ],
)
def test_bad_commodity_bodies_are_400(client, db, change):
    w, database = db
    body = {k: v for k, v in {**material_body(database), **change}.items() if v is not None}
    response = client.post(f"{V4}/commodity", json=body, headers=w.headers)
    assert response.status_code == 400, response.text


def test_missing_database_or_commodity_is_404(client, db):
    w, database = db
    missing = str(uuid.uuid4())
    assert (
        client.post(f"{V4}/commodity", json=material_body(missing), headers=w.headers).status_code
        == 404
    )
    assert client.get(f"{V4}/commodity/{missing}", headers=w.headers).status_code == 404
    assert (
        client.put(
            f"{V4}/commodity", json={**material_body(database), "id": missing}, headers=w.headers
        ).status_code
        == 404
    )
    assert client.get(f"{V4}/commodity/{missing}/external/x", headers=w.headers).status_code == 404


def test_replace_keeps_type_and_external_id(client, db):
    w, database = db
    made = create_commodity(client, w.headers, material_body(database, externalId="M-9"))
    body = material_body(
        database, id=made["id"], names={"en": "Oak"}, density=750, externalId="other"
    )
    replaced = client.put(f"{V4}/commodity", json=body, headers=w.headers)
    assert replaced.status_code == 200
    assert replaced.json()["names"] == {"en": "Oak"} and replaced.json()["density"] == 750
    assert replaced.json()["externalId"] == "M-9"
    as_product = product_body(database, id=made["id"])
    assert client.put(f"{V4}/commodity", json=as_product, headers=w.headers).status_code == 400


def test_duplicate_active_external_id_is_a_conflict(client, db):
    w, database = db
    create_commodity(client, w.headers, material_body(database, externalId="SAME"))
    again = client.post(
        f"{V4}/commodity", json=material_body(database, externalId="SAME"), headers=w.headers
    )
    assert again.status_code == 409


def test_delete_is_412_while_used_in_a_bill_of_materials(client, db):
    w, database = db
    material = create_commodity(client, w.headers, material_body(database))
    product = create_commodity(client, w.headers, product_body(database))
    client.post(
        f"{V4}/commodity/{product['id']}/children/weight",
        json={"commodityId": material["id"], "quantity": 1},
        headers=w.headers,
    )
    assert client.get(f"{V4}/commodity/{material['id']}", headers=w.headers).json()["inUse"]
    assert client.delete(f"{V4}/commodity/{material['id']}", headers=w.headers).status_code == 412
    deleted = client.delete(f"{V4}/commodity/{product['id']}", headers=w.headers)
    assert deleted.status_code == 202 and deleted.content == b""
    assert client.delete(f"{V4}/commodity/{material['id']}", headers=w.headers).status_code == 202
    assert client.get(f"{V4}/commodity/{material['id']}", headers=w.headers).status_code == 404


def test_a_new_version_deactivates_the_old_one(client, db):
    w, database = db
    material = create_commodity(client, w.headers, material_body(database, externalId="V-1"))
    product = create_commodity(client, w.headers, product_body(database, externalId="P-1"))
    client.post(
        f"{V4}/commodity/{product['id']}/children/weight",
        json={"commodityId": material["id"], "quantity": 4},
        headers=w.headers,
    )
    client.post(
        f"{V4}/commodity/{product['id']}/matches", json={"value": "panel"}, headers=w.headers
    )
    response = client.post(f"{V4}/commodity/{product['id']}/version", headers=w.headers)
    assert response.status_code == 202
    new_id = response.json()
    assert uuid.UUID(new_id) and new_id != product["id"]
    old = client.get(f"{V4}/commodity/{product['id']}", headers=w.headers).json()
    new = client.get(f"{V4}/commodity/{new_id}", headers=w.headers).json()
    assert old["isActive"] is False and new["isActive"] is True
    assert new["externalId"] == "P-1" and new["density"] == 4
    by_external = client.get(f"{V4}/commodity/{database}/external/P-1", headers=w.headers)
    assert by_external.json()["id"] == new_id
    assert [
        m["value"] for m in client.get(f"{V4}/commodity/{new_id}/matches", headers=w.headers).json()
    ] == ["panel"]
    listing = f"{V4}/database/{database}/commodities"
    active = {c["id"] for c in client.get(listing, headers=w.headers).json()}
    everything = {
        c["id"]
        for c in client.get(listing, params={"includeInactive": True}, headers=w.headers).json()
    }
    assert product["id"] not in active and {product["id"], new_id} <= everything
