"""The get-or-create flows of the published C# example (contract §9.3 / §11.2)."""

from __future__ import annotations

from tests.factories import V4, create_commodity, material_body, world

ZERO = "00000000-0000-0000-0000-000000000000"


def test_get_or_create_database_and_product_by_external_id(client, session):
    w = world(session)
    h = w.headers
    assert client.get(f"{V4}/database/external/DB-12345", headers=h).status_code == 404
    created = client.post(
        f"{V4}/database",
        json={
            "id": ZERO,
            "names": {"nl": "Mijn database", "en": "My database"},
            "initiallySelectedForEnrichment": True,
            "externalId": "DB-12345",
        },
        headers=h,
    )
    assert created.status_code == 201, created.text
    database = created.json()
    assert database["id"] != ZERO and database["externalId"] == "DB-12345"
    assert created.headers["Location"].endswith(database["id"])
    found = client.get(f"{V4}/database/external/DB-12345", headers=h)
    assert found.status_code == 200 and found.json()["id"] == database["id"]

    db = database["id"]
    steel = create_commodity(client, h, material_body(db, names={"en": "Steel"}, density=7850))
    wood = create_commodity(client, h, material_body(db))
    assert client.get(f"{V4}/commodity/{db}/external/ABC-123", headers=h).status_code == 404
    product = client.post(
        f"{V4}/commodity",
        json={
            "commodityType": "Product",
            "id": ZERO,
            "databaseId": db,
            "externalId": "ABC-123",
            "names": {"nl": "Mijn product"},
            "isActive": True,
            "functionalUnit": "Volume",
            "lifespan": 100,
            "defaultFunctionalUnitAmount": 1,
            "doNotUseBillOfMaterials": False,
            "calculateEnvironmentValuesFromBillOfMaterials": True,
        },
        headers=h,
    )
    assert product.status_code == 200, product.text
    pid = product.json()["id"]
    assert product.json()["commodityType"] == "Product"
    for value in ("wall", "muur", "Wand", "mur"):
        match = client.post(
            f"{V4}/commodity/{pid}/matches",
            json={"id": ZERO, "value": value, "matchType": "Contains"},
            headers=h,
        )
        assert match.status_code == 201, match.text
    for child, kg in ((steel["id"], 100), (wood["id"], 50)):
        added = client.post(
            f"{V4}/commodity/{pid}/children/weight",
            json={"commodityId": child, "quantity": kg},
            headers=h,
        )
        assert added.status_code == 202, added.text
        assert added.content == b""
    again = client.get(f"{V4}/commodity/{db}/external/ABC-123", headers=h)
    assert again.status_code == 200
    body = again.json()
    assert body["id"] == pid and body["density"] == 150
    children = client.get(f"{V4}/commodity/{pid}/children", headers=h).json()
    assert [c["commodityType"] for c in children] == ["Material", "Material"]
    assert [round(c["weightPercentage"], 3) for c in children] == [66.667, 33.333]
