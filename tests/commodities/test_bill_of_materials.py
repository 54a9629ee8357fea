"""Bills of materials through the API: the three ways to add a child, the listing, removal,
route order of ``children/clear``, cycles (409) and additions that cannot be resolved (412),
with a worked example of mass and mass-weighted fractions."""

from __future__ import annotations

import pytest
from tests.factories import V4, create_commodity, material_body, product_body, world


@pytest.fixture
def db(client, session):
    w = world(session)
    made = client.post(f"{V4}/database", json={"names": {"en": "DB"}}, headers=w.headers)
    return w, made.json()["id"]


def _add(client, headers, parent, basis, child, quantity):
    return client.post(
        f"{V4}/commodity/{parent}/children/{basis}",
        json={"commodityId": child, "quantity": quantity},
        headers=headers,
    )


def _circularity(recycled, recycle, landfill):
    return {
        "feedstock": {"recycled": recycled, "recyclingEfficiency": 0.75},
        "output": {
            "availableForRecycle": recycle,
            "recyclingEfficiency": 0.75,
            "landfill": landfill,
        },
    }


def test_worked_example_of_mass_and_fractions(client, db):
    """A wall panel (per m²) made of:

    * 0.02 m³ of concrete, density 2400 kg/m³  -> 0.02 × 2400 = 48 kg
      (recycled 0.25, end of life: recycled 0.5, landfill 0.5, family stone)
    * 4 anchors, a Quantity product of 0.5 kg each -> 4 × 0.5 = 2 kg
      (recycled 0.5, end of life: recycled 1.0, family metal)
    * 10 kg of insulation given by weight           -> 10 kg
      (no circularity data: 100 % virgin, 100 % incinerated; family plastic)

    Mass per m² = 48 + 2 + 10 = 60 kg; shares 80 %, 3.333 %, 16.667 %.
    Recycled feedstock = (48 × 0.25 + 2 × 0.5 + 10 × 0) / 60 = 13 / 60 = 0.216667.
    Recycled at end of life = (48 × 0.5 + 2 × 1 + 0) / 60 = 26 / 60 = 0.433333.
    Landfill = 48 × 0.5 / 60 = 0.4; incineration = 1 − 0.433333 − 0.4 = 0.166667.
    Family split: stone 48/60 = 0.8, metal 2/60 = 0.033333, plastic 10/60 = 0.166667.
    """
    w, database = db
    h = w.headers
    concrete = create_commodity(
        client,
        h,
        material_body(
            database,
            names={"en": "Concrete"},
            density=2400,
            circularity=_circularity(0.25, 0.5, 0.5),
            materialFamilies={"madaster": "stone"},
        ),
    )
    anchor = create_commodity(
        client,
        h,
        product_body(
            database,
            names={"en": "Anchor"},
            functionalUnit="Quantity",
            weight=0.5,
            doNotUseBillOfMaterials=True,
            circularity=_circularity(0.5, 1.0, 0.0),
            materialFamilies=[{"familyId": "madaster", "values": {"metal": 1}}],
        ),
    )
    insulation = create_commodity(
        client,
        h,
        material_body(
            database,
            names={"en": "EPS"},
            density=20,
            circularity=None,
            materialFamilies={"madaster": "plastic"},
        ),
    )
    panel = create_commodity(client, h, product_body(database, functionalUnit="Area"))
    assert _add(client, h, panel["id"], "unit", concrete["id"], 0.02).status_code == 202
    assert _add(client, h, panel["id"], "quantity", anchor["id"], 4).status_code == 202
    assert _add(client, h, panel["id"], "weight", insulation["id"], 10).status_code == 202

    body = client.get(f"{V4}/commodity/{panel['id']}", headers=h).json()
    assert body["density"] == pytest.approx(60)
    feedstock, output = body["circularity"]["feedstock"], body["circularity"]["output"]
    assert feedstock["recycled"] == pytest.approx(13 / 60)
    assert output["availableForRecycle"] == pytest.approx(26 / 60)
    assert output["landfill"] == pytest.approx(0.4)
    assert output["incineration"] == pytest.approx(1 / 6)
    families = {f["familyId"]: f["values"] for f in body["materialFamilies"]}
    assert families["madaster"] == pytest.approx({"stone": 0.8, "metal": 2 / 60, "plastic": 1 / 6})

    children = client.get(f"{V4}/commodity/{panel['id']}/children", headers=h).json()
    assert [c["commodityType"] for c in children] == ["Material", "Product", "Material"]
    assert [c["quantityType"] for c in children] == ["m3", "#", "kg"]
    assert [c["weight"] for c in children] == pytest.approx([48, 2, 10])
    assert [c["weightPercentage"] for c in children] == pytest.approx([80, 10 / 3, 50 / 3])
    assert children[1]["functionalUnit"] == "Quantity" and "functionalUnit" not in children[0]
    assert children[0]["commodityId"] == concrete["id"] and children[0]["id"] != concrete["id"]


def test_nested_products_resolve_recursively(client, db):
    """A 2 kg sub-assembly used three times by weight-less quantity is 6 kg in the parent."""
    w, database = db
    h = w.headers
    steel = create_commodity(client, h, material_body(database, density=8000))
    bracket = create_commodity(client, h, product_body(database, functionalUnit="Quantity"))
    _add(client, h, bracket["id"], "weight", steel["id"], 2)
    frame = create_commodity(client, h, product_body(database, functionalUnit="Length"))
    assert _add(client, h, frame["id"], "quantity", bracket["id"], 3).status_code == 202
    assert client.get(f"{V4}/commodity/{bracket['id']}", headers=h).json()["weight"] == 2
    assert client.get(f"{V4}/commodity/{frame['id']}", headers=h).json()["density"] == 6


def test_delete_one_child_and_clear_route_order(client, db):
    w, database = db
    h = w.headers
    material = create_commodity(client, h, material_body(database))
    product = create_commodity(client, h, product_body(database))
    for kg in (1, 2, 3):
        _add(client, h, product["id"], "weight", material["id"], kg)
    url = f"{V4}/commodity/{product['id']}/children"
    first = client.get(url, headers=h).json()[0]["id"]
    assert client.delete(f"{url}/{first}", headers=h).status_code == 202
    assert [c["quantity"] for c in client.get(url, headers=h).json()] == [2, 3]
    assert client.delete(f"{url}/{first}", headers=h).status_code == 404
    cleared = client.delete(f"{url}/clear", headers=h)
    assert cleared.status_code == 202, cleared.text
    assert client.get(url, headers=h).json() == []


def test_a_cycle_is_409_naming_it_and_is_not_stored(client, db):
    w, database = db
    h = w.headers
    a = create_commodity(
        client, h, product_body(database, names={"en": "A"}, functionalUnit="Quantity")
    )
    b = create_commodity(
        client, h, product_body(database, names={"en": "B"}, functionalUnit="Quantity", weight=1)
    )
    assert _add(client, h, a["id"], "quantity", b["id"], 1).status_code == 202
    refused = _add(client, h, b["id"], "quantity", a["id"], 1)
    assert refused.status_code == 409
    assert "'B'" in refused.json()["detail"] and "'A'" in refused.json()["detail"]
    assert refused.json()["cycle"][0] == refused.json()["cycle"][-1]
    assert client.get(f"{V4}/commodity/{b['id']}/children", headers=h).json() == []
    assert _add(client, h, a["id"], "weight", a["id"], 1).status_code == 409


def test_additions_that_cannot_be_resolved_are_412(client, db):
    w, database = db
    h = w.headers
    material = create_commodity(client, h, material_body(database))
    product = create_commodity(client, h, product_body(database))
    energy = create_commodity(client, h, product_body(database, functionalUnit="Energy"))
    assert _add(client, h, material["id"], "weight", product["id"], 1).status_code == 412
    assert _add(client, h, product["id"], "quantity", material["id"], 1).status_code == 412
    assert _add(client, h, product["id"], "unit", energy["id"], 1).status_code == 412
    assert _add(client, h, product["id"], "weight", material["id"], -1).status_code == 400
    missing = "00000000-0000-0000-0000-0000000000ff"
    assert _add(client, h, product["id"], "weight", missing, 1).status_code == 404
    assert client.get(f"{V4}/commodity/{material['id']}/children", headers=h).status_code == 412
