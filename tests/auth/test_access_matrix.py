"""The access matrix: every token scope × permission level against the v3.0 endpoints.

Expected outcomes are written out here, independently of the rights table in the code.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from tests.factories import ZERO, add_building, add_database, add_folder, building_body, token

from matbank.accounts.schemas import AccountType
from matbank.accounts.service import create_account
from matbank.auth.permissions import PermissionLevel, ScopeKind

API = "/api/v3.0"
A, MC, M, R = (
    PermissionLevel.ADMINISTRATOR,
    PermissionLevel.MANAGER_CONTRIBUTOR,
    PermissionLevel.MANAGER,
    PermissionLevel.READER,
)


@dataclass
class Estate:
    ids: dict[str, str]
    keys: dict[tuple[ScopeKind, PermissionLevel], str]
    other_key: str


@pytest.fixture
def estate(session) -> Estate:
    account = create_account(session, "Owner", AccountType.GENERAL)
    f1 = add_folder(session, account.id, "F1")
    f2 = add_folder(session, account.id, "F2", parent=f1)
    f3 = add_folder(session, account.id, "F3")
    empty = add_folder(session, account.id, "Empty", parent=f1)
    b1, b2, b3 = (
        add_building(session, f1, "B1"),
        add_building(session, f2, "B2"),
        add_building(session, f3, "B3"),
    )
    database = add_database(session, account.id)
    scope_ids = {
        ScopeKind.ACCOUNT: account.id,
        ScopeKind.FOLDER: f1.id,
        ScopeKind.BUILDING: b1.id,
        ScopeKind.DATABASE: database.id,
    }
    keys = {
        (kind, level): token(session, account.id, kind, scope_id, level)
        for kind, scope_id in scope_ids.items()
        for level in PermissionLevel
    }
    other = create_account(session, "Stranger", AccountType.GENERAL)
    other_key = token(session, other.id, ScopeKind.ACCOUNT, other.id)
    ids = {
        "account": str(account.id),
        "F1": str(f1.id),
        "F2": str(f2.id),
        "F3": str(f3.id),
        "Empty": str(empty.id),
        "B1": str(b1.id),
        "B2": str(b2.id),
        "B3": str(b3.id),
        "portfolio": str(f1.folder_type_id),
    }
    return Estate(ids=ids, keys=keys, other_key=other_key)


VISIBLE_BUILDINGS = {
    ScopeKind.ACCOUNT: {"B1", "B2", "B3"},
    ScopeKind.FOLDER: {"B1", "B2"},
    ScopeKind.BUILDING: {"B1"},
    ScopeKind.DATABASE: set(),
}
VISIBLE_FOLDERS = {
    ScopeKind.ACCOUNT: {"F1", "F2", "F3", "Empty"},
    ScopeKind.FOLDER: {"F1", "F2", "Empty"},
    ScopeKind.BUILDING: set(),
    ScopeKind.DATABASE: set(),
}
WRITERS = {A, MC, M}
# Who may do what, per scope (from the platform's account/folder/object tables).
UPDATE_BUILDING = {
    ScopeKind.ACCOUNT: WRITERS,
    ScopeKind.FOLDER: WRITERS,
    ScopeKind.BUILDING: WRITERS,
    ScopeKind.DATABASE: set(),
}
DELETE_BUILDING = {
    ScopeKind.ACCOUNT: {A},
    ScopeKind.FOLDER: {A},
    ScopeKind.BUILDING: {A},
    ScopeKind.DATABASE: set(),
}
CREATE_BUILDING = {
    ScopeKind.ACCOUNT: WRITERS,
    ScopeKind.FOLDER: WRITERS,
    ScopeKind.BUILDING: set(),
    ScopeKind.DATABASE: set(),
}
CREATE_SUBFOLDER = {
    ScopeKind.ACCOUNT: WRITERS,
    ScopeKind.FOLDER: {A},
    ScopeKind.BUILDING: set(),
    ScopeKind.DATABASE: set(),
}
DELETE_FOLDER = {
    ScopeKind.ACCOUNT: {A},
    ScopeKind.FOLDER: {A},
    ScopeKind.BUILDING: set(),
    ScopeKind.DATABASE: set(),
}

CASES = [(kind, level) for kind in ScopeKind for level in PermissionLevel]


def _names(items, ids):
    by_id = {v: k for k, v in ids.items()}
    return {by_id[item["id"]] for item in items}


@pytest.mark.parametrize(("kind", "level"), CASES, ids=[f"{k.value}-{lv.value}" for k, lv in CASES])
def test_reads_are_scoped(client, estate, kind, level):
    headers = {"X-API-Key": estate.keys[(kind, level)]}
    assert client.get(f"{API}/account", headers=headers).json()["id"] == estate.ids["account"]
    assert client.get(f"{API}/account/foldertypes", headers=headers).status_code == 200
    buildings = client.get(f"{API}/building", headers=headers).json()
    assert _names(buildings, estate.ids) == VISIBLE_BUILDINGS[kind]
    folders = client.get(f"{API}/folder", headers=headers).json()
    assert _names(folders, estate.ids) == VISIBLE_FOLDERS[kind]
    for name in ("B1", "B2", "B3"):
        expected = 200 if name in VISIBLE_BUILDINGS[kind] else 404
        assert (
            client.get(f"{API}/building/{estate.ids[name]}", headers=headers).status_code
            == expected
        ), name


@pytest.mark.parametrize(("kind", "level"), CASES, ids=[f"{k.value}-{lv.value}" for k, lv in CASES])
def test_building_writes_follow_the_rights_table(client, estate, kind, level):
    headers = {"X-API-Key": estate.keys[(kind, level)]}
    b1 = estate.ids["B1"]
    put = client.put(
        f"{API}/building/{b1}", json=building_body(estate.ids["F1"], name="B1"), headers=headers
    )
    assert put.status_code == (200 if level in UPDATE_BUILDING[kind] else 403), put.text
    post = client.post(f"{API}/building", json=building_body(estate.ids["F1"]), headers=headers)
    assert post.status_code == (201 if level in CREATE_BUILDING[kind] else 403), post.text
    delete = client.delete(f"{API}/building/{b1}", headers=headers)
    assert delete.status_code == (204 if level in DELETE_BUILDING[kind] else 403), delete.text


@pytest.mark.parametrize(("kind", "level"), CASES, ids=[f"{k.value}-{lv.value}" for k, lv in CASES])
def test_folder_writes_follow_the_rights_table(client, estate, kind, level):
    headers = {"X-API-Key": estate.keys[(kind, level)]}
    body = {"name": "Sub", "parentId": estate.ids["F1"], "foldertypeId": estate.ids["portfolio"]}
    post = client.post(f"{API}/folder", json=body, headers=headers)
    assert post.status_code == (201 if level in CREATE_SUBFOLDER[kind] else 403), post.text
    delete = client.delete(f"{API}/folder/{estate.ids['Empty']}", headers=headers)
    assert delete.status_code == (204 if level in DELETE_FOLDER[kind] else 403), delete.text


def test_out_of_scope_writes_look_like_missing_objects(client, estate):
    headers = {"X-API-Key": estate.keys[(ScopeKind.FOLDER, A)]}
    put = client.put(
        f"{API}/building/{estate.ids['B3']}",
        json=building_body(estate.ids["F3"], name="B3"),
        headers=headers,
    )
    assert put.status_code == 404
    moved = client.put(
        f"{API}/building/{estate.ids['B1']}",
        json=building_body(estate.ids["F3"], name="B1"),
        headers=headers,
    )
    assert moved.status_code == 404
    root = client.post(
        f"{API}/folder",
        json={"name": "Top", "parentId": ZERO, "foldertypeId": estate.ids["portfolio"]},
        headers=headers,
    )
    assert root.status_code == 403


def test_two_accounts_cannot_see_each_other(client, estate):
    stranger = {"X-API-Key": estate.other_key}
    assert client.get(f"{API}/building", headers=stranger).json() == []
    assert client.get(f"{API}/folder", headers=stranger).json() == []
    for name in ("B1", "B2", "B3"):
        response = client.get(f"{API}/building/{estate.ids[name]}", headers=stranger)
        assert response.status_code == 404
        assert response.json()["detail"] == f"No building with id {estate.ids[name]}."
    assert client.get(f"{API}/folder/{estate.ids['F1']}", headers=stranger).status_code == 404
    assert client.delete(f"{API}/building/{estate.ids['B1']}", headers=stranger).status_code == 404
    foreign_parent = {
        "name": "x",
        "parentId": estate.ids["F1"],
        "foldertypeId": estate.ids["portfolio"],
    }
    assert client.post(f"{API}/folder", json=foreign_parent, headers=stranger).status_code in (
        400,
        404,
    )
