"""System settings and account endpoints, with the seed data real clients look for."""

from __future__ import annotations

import pytest
from tests.factories import world

API = "/api/v3.0"


@pytest.fixture
def w(session):
    return world(session)


def test_classification_methods_have_invariant_names(client, w):
    methods = client.get(f"{API}/system/classificationmethods", headers=w.headers).json()
    assert all("iv" in m["name"] for m in methods)
    by_iv = {m["name"]["iv"]: m for m in methods}
    assert {"NL-SfB", "Omniclass", "Uniclass 2015", "DIN 276", "Madaster Shearing Layers"} <= set(
        by_iv
    )
    assert by_iv["NL-SfB"]["name"]["nl"] == "NL-SfB"
    assert by_iv["Omniclass"]["id"] == "e6bbe656-6722-4f7c-a825-8be526e13189"


@pytest.mark.parametrize(
    ("language", "label"),
    [
        (None, "Offices - Small"),
        ("nl", "Kantoren - Klein"),
        ("de", "Büro - Klein"),
        ("fr", "Bureaux - Petit"),
        ("nb", "Kontor - Lite"),
        ("nl-NL,nl;q=0.9,en;q=0.8", "Kantoren - Klein"),
        ("xx", "Offices - Small"),
    ],
)
def test_building_usages_are_localised(client, w, language, label):
    headers = dict(w.headers)
    if language:
        headers["accept-language"] = language
    usages = client.get(f"{API}/system/buildingusages", headers=headers).json()
    assert usages["offices-small"] == label
    assert "other-othersub" in usages and len(usages) >= 31


def test_material_families_include_madaster(client, w):
    families = client.get(
        f"{API}/system/materialfamilies", headers={**w.headers, "accept-language": "nl"}
    ).json()
    assert {"id": "madaster", "name": "Madaster"} in families
    assert {f["id"] for f in families} >= {"madaster", "madasterv2", "nl_sfb"}


def test_account_and_folder_types(client, w):
    account = client.get(f"{API}/account", headers=w.headers).json()
    assert account == {"id": str(w.account_id), "name": "Account A", "accountType": "General"}
    types = client.get(f"{API}/account/foldertypes", headers=w.headers).json()
    portfolio = next(t for t in types if t["name"]["en"] == "Portfolio")
    assert portfolio["name"]["nl"] == "Portfolio" and portfolio["allowbuildings"] is True
    assert portfolio["id"] in portfolio["allowedSubFolderTypeIds"]
    assert {t["name"]["en"] for t in types} >= {"Portfolio", "Project", "Region", "Company"}
