"""LCAs, financial settings, dossier files, images and matching terms of a commodity."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from tests.factories import V4, create_commodity, material_body, world

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def thing(client, session):
    w = world(session)
    database = client.post(
        f"{V4}/database", json={"names": {"en": "DB"}}, headers=w.headers
    ).json()["id"]
    commodity = create_commodity(client, w.headers, material_body(database))
    return w.headers, database, f"{V4}/commodity/{commodity['id']}"


def _lca(iso="nl", compliance=("EN 15804",), gwp=1.5):
    return {
        "isoCode": iso,
        "compliance": list(compliance),
        "UUID": "abc",
        "referenceYear": 2020,
        "phases": [
            {
                "phaseId": "A1_A3",
                "EN15804_2012_04_A1_2013": {
                    "globalWarmingPotential": gwp,
                    "ozoneDeplationPotential": 1e-9,
                },
            },
            {
                "phaseId": "D",
                "EN15804_2012_A2_2019": {"globalWarmingPotentialTotal": -0.5, "ecoTox": 2.0},
            },
        ],
    }


def test_life_cycle_assessments_per_country_and_compliance(client, thing):
    h, _, url = thing
    created = client.post(f"{url}/lca", json=_lca(), headers=h)
    assert created.status_code == 201
    assert created.json()["phases"][0]["EN15804_2012_04_A1_2013"]["globalWarmingPotential"] == 1.5
    assert created.json()["UUID"] == "abc"
    assert client.post(f"{url}/lca", json=_lca(), headers=h).status_code == 409
    assert (
        client.post(f"{url}/lca", json=_lca(compliance=["EN 15804+A2"]), headers=h).status_code
        == 201
    )
    assert client.post(f"{url}/lca", json=_lca(iso="de"), headers=h).status_code == 201
    one = client.get(f"{url}/lca/nl/EN%2015804", headers=h)
    assert one.status_code == 200 and one.json()["compliance"] == ["EN 15804"]
    assert client.get(f"{url}/lca/nl/EN%2015804%2BA2", headers=h).json()["compliance"] == [
        "EN 15804+A2"
    ]
    assert client.get(f"{url}/lca/nl/KBOB", headers=h).status_code == 404
    assert client.get(f"{url}/lca/NL/EN%2015804", headers=h).status_code == 400
    replaced = client.put(f"{url}/lca", json=_lca(gwp=2.0), headers=h)
    assert replaced.status_code == 202
    assert (
        client.get(f"{url}/lca/nl/EN%2015804", headers=h).json()["phases"][0][
            "EN15804_2012_04_A1_2013"
        ]["globalWarmingPotential"]
        == 2.0
    )
    assert len(client.get(f"{url}/lca", headers=h).json()) == 3
    assert client.delete(f"{url}/lca/nl", headers=h).status_code == 202
    assert client.delete(f"{url}/lca/nl", headers=h).status_code == 404
    assert [lca["isoCode"] for lca in client.get(f"{url}/lca", headers=h).json()] == ["de"]
    bad = {**_lca(), "phases": [{"phaseId": "A9"}]}
    assert client.post(f"{url}/lca", json=bad, headers=h).status_code == 400
    assert client.put(f"{url}/lca", json=_lca(iso="fr"), headers=h).status_code == 404


def test_financial_settings_per_country(client, thing):
    h, _, url = thing
    setting = {
        "isoCode": "nl",
        "mode": "PriceSet",
        "priceSet": "copper",
        "transportCostsCurrencyPerKilo": 0.1,
    }
    created = client.post(f"{url}/financial", json=setting, headers=h)
    assert created.status_code == 200 and created.json()["priceSet"] == "copper"
    assert client.post(f"{url}/financial", json=setting, headers=h).status_code == 409
    unknown = {**setting, "isoCode": "de", "priceSet": "unobtainium"}
    assert client.post(f"{url}/financial", json=unknown, headers=h).status_code == 400
    manual = {"isoCode": "nl", "mode": "Manual", "handlingFeedstockPercentage": 10}
    updated = client.put(f"{url}/financial", json=manual, headers=h)
    assert updated.status_code == 200 and "priceSet" not in updated.json()
    assert (
        client.put(f"{url}/financial", json={**manual, "isoCode": "be"}, headers=h).status_code
        == 404
    )
    assert [f["mode"] for f in client.get(f"{url}/financial", headers=h).json()] == ["Manual"]
    assert client.delete(f"{url}/financial/nl", headers=h).status_code == 202
    assert client.delete(f"{url}/financial/nl", headers=h).status_code == 404
    assert client.post(f"{url}/financial", json={"isoCode": "nl"}, headers=h).status_code == 400


def test_dossier_files_links_and_uploads(client, thing, settings, tmp_path, monkeypatch):
    h, database, url = thing
    tree = client.get(f"{V4}/database/{database}/folderstructure", headers=h).json()
    folder = tree["children"][0]["id"]
    link = {
        "fileName": "EPD.pdf",
        "folderId": folder,
        "url": "https://example.org/epd.pdf",
        "tags": ["epd"],
    }
    created = client.post(f"{url}/files", json=link, headers=h)
    assert created.status_code == 200
    assert created.json()["folderNames"]["en"] == tree["children"][0]["folderNames"]["en"]
    wrong_folder = {**link, "folderId": str(uuid.uuid4())}
    assert client.post(f"{url}/files", json=wrong_folder, headers=h).status_code == 400
    assert client.post(f"{url}/files", json={**link, "url": None}, headers=h).status_code == 400
    update = {**link, "id": created.json()["id"], "fileName": "EPD 2024.pdf"}
    assert client.put(f"{url}/files", json=update, headers=h).status_code == 202

    uploaded = client.post(
        f"{url}/files/upload", files={"file": ("notes.txt", b"hello")}, headers=h
    )
    assert uploaded.status_code == 200, uploaded.text
    body = uploaded.json()
    assert body["fileName"] == "notes.txt" and "url" in body and body["url"] is None
    root = Path(settings.storage_url.removeprefix("file://"))
    stored = list(root.glob(f"commodities/*/files/{body['id']}"))
    assert stored and stored[0].read_bytes() == b"hello"
    names = {f["fileName"] for f in client.get(f"{url}/files", headers=h).json()}
    assert names == {"EPD 2024.pdf", "notes.txt"}
    assert client.delete(f"{url}/files/{body['id']}", headers=h).status_code == 202
    assert not stored[0].exists()
    assert client.delete(f"{url}/files/{body['id']}", headers=h).status_code == 404


@pytest.fixture
def settings(settings, tmp_path):
    return settings.model_copy(update={"storage_url": f"file://{tmp_path / 'storage'}"})


def test_images_are_unique_by_name(client, thing):
    h, _, url = thing
    response = client.post(
        f"{url}/images", files={"image": ("photo.png", PNG, "image/png")}, headers=h
    )
    assert response.status_code == 202 and response.content == b""
    again = client.post(f"{url}/images", files={"image": ("photo.png", PNG)}, headers=h)
    assert again.status_code == 409
    text = client.post(f"{url}/images", files={"image": ("x.png", b"not an image")}, headers=h)
    assert text.status_code == 400
    assert (
        client.post(f"{url}/images", files={"file": ("x.png", PNG)}, headers=h).status_code == 400
    )
    assert client.get(url, headers=h).json()["images"] == [{"name": "photo.png"}]
    assert client.delete(f"{url}/images/photo.png", headers=h).status_code == 202
    assert client.delete(f"{url}/images/photo.png", headers=h).status_code == 404


MATCH_TYPES = [
    "EqualsCaseSensitive",
    "Equals",
    "Startwith",
    "ContainsExactWord",
    "ContainsCaseSensitive",
    "Contains",
    "Endswith",
]


def test_matching_terms_of_every_type(client, thing):
    h, database, url = thing
    made = []
    for kind in MATCH_TYPES:
        response = client.post(
            f"{url}/matches", json={"value": "Beton", "matchType": kind}, headers=h
        )
        assert response.status_code == 201, response.text
        assert response.json()["matchType"] == kind
        made.append(response.json())
    assert "language" not in made[0]
    assert (
        client.post(
            f"{url}/matches", json={"value": "Beton", "matchType": "Equals"}, headers=h
        ).status_code
        == 409
    )
    nl = client.post(
        f"{url}/matches",
        json={"value": "Beton", "matchType": "Equals", "language": "nl", "matchOnTypeName": True},
        headers=h,
    )
    assert nl.status_code == 201 and nl.json()["matchOnTypeName"] is True
    other = create_commodity(client, h, material_body(database))
    clash = client.post(
        f"{V4}/commodity/{other['id']}/matches",
        json={"value": "Beton", "matchType": "Contains"},
        headers=h,
    )
    assert clash.status_code == 409
    term = made[0]["id"]
    assert client.get(f"{url}/matches/{term}", headers=h).json()["value"] == "Beton"
    moved = client.put(
        f"{url}/matches", json={"id": term, "value": "Beton", "matchType": "Contains"}, headers=h
    )
    assert moved.status_code == 409
    renamed = client.put(
        f"{url}/matches",
        json={"id": term, "value": "Stahlbeton", "matchType": "EqualsCaseSensitive"},
        headers=h,
    )
    assert renamed.status_code == 202 and renamed.json()["value"] == "Stahlbeton"
    assert client.put(f"{url}/matches", json={"value": "x"}, headers=h).status_code == 404
    for bad in (
        {"value": ""},
        {"value": "x", "matchType": "StartsWith"},
        {"value": "x", "language": "es"},
    ):
        assert client.post(f"{url}/matches", json=bad, headers=h).status_code == 400
    assert client.delete(f"{url}/matches/{term}", headers=h).status_code == 204
    assert client.get(f"{url}/matches/{term}", headers=h).status_code == 404
    assert len(client.get(f"{url}/matches", headers=h).json()) == 7
