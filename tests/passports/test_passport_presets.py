"""Passport presets stored per account, folder and building: CRUD, inheritance down the folder
tree, access (Managers write, Readers read, other accounts see nothing) and their use."""

from __future__ import annotations

import pytest
from tests.factories import add_building, add_folder, token, world
from tests.passports.support import API, ZERO, pdf_passport, text_of
from tests.test_building_flow import run_jobs

from matbank.auth.permissions import PermissionLevel, ScopeKind

ENVIRONMENTAL = {
    "compliance": "EN 15804+A2",
    "indicators": ["globalWarmingPotentialTotal"],
    "modules": ["A1_A3", "C4"],
}


def preset(name: str, kind: str = "Full", sections=("mass",), environmental=None) -> dict:
    return {
        "name": name,
        "passportType": kind,
        "sections": list(sections),
        "environmental": environmental,
    }


@pytest.fixture
def tree(session):
    """Account → folder → subfolder → building ``deep``; ``w.building`` sits in the folder."""
    w = world(session)
    sub = add_folder(session, w.account_id, "Region north", parent=w.folder)
    deep = add_building(session, sub, "Depot")
    session.commit()
    return w, sub, deep


def _create(client, w, path: str, body: dict, headers=None) -> dict:
    response = client.post(f"{API}{path}", json=body, headers=headers or w.headers)
    assert response.status_code == 201, response.text
    return response.json()


def _usable(client, w, building_id, kind="Full", headers=None) -> list[str]:
    url = f"{API}/building/{building_id}/passportpresets/{kind}"
    response = client.get(url, headers=headers or w.headers)
    assert response.status_code == 200, response.text
    return [p["name"] for p in response.json()]


def test_presets_are_inherited_down_the_folder_tree(client, tree):
    w, sub, deep = tree
    account = _create(client, w, "/account/passportpresets", preset("Account wide"))
    assert account["level"] == "Account" and account["levelId"] == str(w.account_id)
    _create(client, w, f"/folder/{w.folder.id}/passportpresets", preset("Portfolio"))
    _create(client, w, f"/folder/{sub.id}/passportpresets", preset("Region"))
    own = _create(client, w, f"/building/{deep.id}/passportpresets", preset("Depot only"))
    _create(client, w, "/account/passportpresets", preset("Summary", "ExecutiveSummary"))

    expected = ["Default", "Circularity", "Account wide", "Portfolio", "Region", "Depot only"]
    assert _usable(client, w, deep.id) == expected
    assert _usable(client, w, w.building.id) == ["Default", "Circularity", "Account wide",
                                                 "Portfolio"]
    assert _usable(client, w, deep.id, "ExecutiveSummary")[2:] == ["Summary"]
    listed = client.get(f"{API}/building/{deep.id}/passportpresets", headers=w.headers).json()
    assert [p["id"] for p in listed] == [own["id"]]
    entry = client.get(f"{API}/building/{deep.id}/passportpresets/Full", headers=w.headers)
    assert set(entry.json()[-1]) == {"id", "name"}  # the contract's shape is unchanged


def test_replace_and_delete(client, tree):
    w, sub, _ = tree
    created = _create(client, w, f"/folder/{sub.id}/passportpresets", preset("Region"))
    url = f"{API}/passportpresets/{created['id']}"
    body = preset("Region, environment", sections=("environmental",), environmental=ENVIRONMENTAL)
    replaced = client.put(url, json=body, headers=w.headers)
    assert replaced.status_code == 200, replaced.text
    assert replaced.json()["environmental"] == ENVIRONMENTAL
    assert replaced.json()["level"] == "Folder" and replaced.json()["levelId"] == str(sub.id)
    assert client.get(url, headers=w.headers).json()["name"] == "Region, environment"
    assert client.delete(url, headers=w.headers).status_code == 204
    assert client.get(url, headers=w.headers).status_code == 404
    assert client.delete(url, headers=w.headers).status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        preset("Env", sections=("environmental",)),  # environmental without its selection
        preset("Env", sections=("mass",), environmental=ENVIRONMENTAL),  # selection unused
        preset("Env", sections=("environmental",),
               environmental={**ENVIRONMENTAL, "modules": ["Z9"]}),
        preset("Env", sections=("environmental",),
               environmental={**ENVIRONMENTAL, "compliance": "ISO 9999"}),
        preset("Twice", sections=("mass", "mass")),
        preset("", sections=("mass",)),
        preset("Big", kind="Huge"),
        preset("Odd", sections=("toxicity",)),
    ],
)
def test_invalid_presets_are_400_problem_details(client, tree, body):
    w, _, _ = tree
    response = client.post(f"{API}/account/passportpresets", json=body, headers=w.headers)
    assert response.status_code == 400, response.text
    problem = response.json()
    assert problem["status"] == 400 and problem["errors"]


def test_readers_read_managers_write(client, session, tree):
    w, sub, deep = tree
    created = _create(client, w, f"/folder/{sub.id}/passportpresets", preset("Region"))
    reader = token(session, w.account_id, ScopeKind.ACCOUNT, w.account_id, PermissionLevel.READER)
    manager = token(session, w.account_id, ScopeKind.BUILDING, deep.id, PermissionLevel.MANAGER)
    session.commit()
    as_reader, as_manager = {"X-API-Key": reader}, {"X-API-Key": manager}
    url = f"{API}/passportpresets/{created['id']}"
    assert client.get(url, headers=as_reader).status_code == 200
    assert _usable(client, w, deep.id, headers=as_reader)[-1] == "Region"
    assert client.put(url, json=preset("X"), headers=as_reader).status_code == 403
    assert client.delete(url, headers=as_reader).status_code == 403
    assert client.post(f"{API}/account/passportpresets", json=preset("X"),
                       headers=as_reader).status_code == 403
    # A building-scoped Manager writes at its building, not above it.
    _create(client, w, f"/building/{deep.id}/passportpresets", preset("Mine"), as_manager)
    assert client.post(f"{API}/account/passportpresets", json=preset("X"),
                       headers=as_manager).status_code == 403
    assert client.delete(url, headers=as_manager).status_code == 404  # folder not in scope
    assert _usable(client, w, deep.id, headers=as_manager)[-2:] == ["Region", "Mine"]


def test_another_accounts_presets_are_not_found(client, session, tree):
    w, sub, deep = tree
    created = _create(client, w, f"/building/{deep.id}/passportpresets", preset("Secret"))
    other = world(session, "Account B")
    session.commit()
    url = f"{API}/passportpresets/{created['id']}"
    for method in ("get", "delete"):
        assert getattr(client, method)(url, headers=other.headers).status_code == 404
    assert client.put(url, json=preset("Mine"), headers=other.headers).status_code == 404
    assert client.post(f"{API}/folder/{sub.id}/passportpresets", json=preset("X"),
                       headers=other.headers).status_code == 404
    assert client.get(f"{API}/building/{deep.id}/passportpresets",
                      headers=other.headers).status_code == 404
    assert "Secret" not in _usable(client, other, other.building.id)


def test_a_stored_preset_chooses_the_sections_printed(client, built, session_factory):
    w, url = built
    body = preset("Flows and carbon", "ExecutiveSummary", ("flows", "environmental"),
                  ENVIRONMENTAL)
    created = _create(client, w, f"/folder/{w.folder.id}/passportpresets", body)
    text = text_of(pdf_passport(client, w, url, session_factory, "ExecutiveSummary",
                                preset=created["id"]))
    assert "Material flows" in text and "Environmental impact per module" in text
    assert "Mass per layer and material family" not in text
    assert "A1_A3" in text and "C4" in text and "B4" not in text
    # The same id is no preset of another passport type: 400, as an unknown id.
    request = {"passportType": "Full", "language": "en", "preset": created["id"]}
    response = client.post(f"{url}/passport", json=request, headers=w.headers)
    assert response.status_code == 400 and response.json()["title"] == "Unknown passport preset."


def test_a_passport_keeps_its_preset_when_the_preset_is_deleted(client, built, session_factory):
    w, url = built
    created = _create(client, w, "/account/passportpresets",
                      preset("Only detachability", "ExecutiveSummary", ("detachability",)))
    request = {"passportType": "ExecutiveSummary", "language": "en", "preset": created["id"]}
    queued = client.post(f"{url}/passport", json=request, headers=w.headers).json()
    deleted = client.delete(f"{API}/passportpresets/{created['id']}", headers=w.headers)
    assert deleted.status_code == 204
    run_jobs(client, session_factory)
    status = client.get(f"{url}/files/{queued['id']}", headers=w.headers).json()
    assert status["status"] == "Uploaded"


def test_the_default_preset_still_answers_to_zeros(client, built):
    w, url = built
    presets = client.get(f"{url}/passportpresets/OnePager", headers=w.headers).json()
    assert presets[0] == {"id": ZERO, "name": "Default"}
