"""Who sees and changes which database: scope kinds, permission levels and tenants."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from tests.factories import (
    V4,
    add_building,
    add_folder,
    create_commodity,
    material_body,
    token,
    world,
)

from matbank.auth.permissions import PermissionLevel, ScopeKind
from matbank.databases.catalogue import GENERIC_DATABASE_ID
from matbank.databases.imports import install_generic
from matbank.databases.models import MaterialDatabase

A, MC, M, R = (
    PermissionLevel.ADMINISTRATOR,
    PermissionLevel.MANAGER_CONTRIBUTOR,
    PermissionLevel.MANAGER,
    PermissionLevel.READER,
)


@dataclass
class Estate:
    ids: dict[str, str]
    w: object
    keys: dict[tuple[ScopeKind, PermissionLevel], dict[str, str]]
    stranger: dict[str, str]


def _db(session, account_id, kind, owner_id, name):
    database = MaterialDatabase(
        account_id=account_id, owner_kind=kind, owner_id=owner_id, names={"en": name}
    )
    session.add(database)
    session.flush()
    return database


@pytest.fixture
def estate(session) -> Estate:
    install_generic(session)
    w = world(session)
    sub = add_folder(session, w.account_id, "Sub", parent=w.folder)
    other_folder = add_folder(session, w.account_id, "Elsewhere")
    inner_building = add_building(session, sub, "Inner")
    other_building = add_building(session, other_folder, "Other")
    dbs = {
        "account": _db(session, w.account_id, "account", w.account_id, "Account DB"),
        "folder": _db(session, w.account_id, "folder", w.folder.id, "Folder DB"),
        "subfolder": _db(session, w.account_id, "folder", sub.id, "Sub-folder DB"),
        "other_folder": _db(session, w.account_id, "folder", other_folder.id, "Other folder DB"),
        "building": _db(session, w.account_id, "building", w.building.id, "Building DB"),
        "inner_building": _db(session, w.account_id, "building", inner_building.id, "Inner DB"),
        "other_building": _db(session, w.account_id, "building", other_building.id, "Other DB"),
    }
    scopes = {
        ScopeKind.ACCOUNT: w.account_id,
        ScopeKind.FOLDER: w.folder.id,
        ScopeKind.BUILDING: w.building.id,
        ScopeKind.DATABASE: dbs["folder"].id,
    }
    keys = {
        (kind, level): {"X-API-Key": token(session, w.account_id, kind, sid, level)}
        for kind, sid in scopes.items()
        for level in (A, MC, R)
    }
    stranger = world(session, "Stranger")
    ids = {name: str(db.id) for name, db in dbs.items()}
    ids["generic"] = str(GENERIC_DATABASE_ID)
    return Estate(ids=ids, w=w, keys=keys, stranger=stranger.headers)


VISIBLE = {
    ScopeKind.ACCOUNT: {
        "account",
        "folder",
        "subfolder",
        "other_folder",
        "building",
        "inner_building",
        "other_building",
        "generic",
    },
    ScopeKind.FOLDER: {"account", "folder", "subfolder", "building", "inner_building", "generic"},
    ScopeKind.BUILDING: {"account", "building", "generic"},
    ScopeKind.DATABASE: {"folder", "generic"},
}


@pytest.mark.parametrize("kind", list(VISIBLE))
def test_each_scope_kind_lists_what_it_may_see(client, estate, kind):
    listed = client.get(f"{V4}/database", headers=estate.keys[(kind, R)]).json()
    names = {name for name, db in estate.ids.items() if db in {d["id"] for d in listed}}
    assert names == VISIBLE[kind]


@pytest.mark.parametrize("kind", list(VISIBLE))
def test_out_of_scope_database_of_the_account_is_403_and_another_tenants_is_404(
    client, estate, kind
):
    for name, db in estate.ids.items():
        status = client.get(f"{V4}/database/{db}", headers=estate.keys[(kind, R)]).status_code
        assert status == (200 if name in VISIBLE[kind] else 403), name
    for name, db in estate.ids.items():
        status = client.get(f"{V4}/database/{db}", headers=estate.stranger).status_code
        assert status == (200 if name == "generic" else 404), name


@pytest.mark.parametrize(("level", "allowed"), [(A, True), (MC, True), (R, False)])
@pytest.mark.parametrize("kind", list(VISIBLE))
def test_contributors_and_administrators_write_commodities(client, estate, kind, level, allowed):
    target = "folder"
    response = client.post(
        f"{V4}/commodity",
        json=material_body(estate.ids[target]),
        headers=estate.keys[(kind, level)],
    )
    # The folder's database lies outside a building token's scope: 403 as for reading it.
    expected = 200 if allowed and kind is not ScopeKind.BUILDING else 403
    assert response.status_code == expected, response.text


def test_nobody_writes_into_the_public_database(client, estate):
    body = material_body(estate.ids["generic"])
    assert (
        client.post(
            f"{V4}/commodity", json=body, headers=estate.keys[(ScopeKind.ACCOUNT, A)]
        ).status_code
        == 403
    )


def test_a_database_token_reads_and_contributes_to_its_database_only(client, estate):
    key = estate.keys[(ScopeKind.DATABASE, MC)]
    made = create_commodity(client, key, material_body(estate.ids["folder"]))
    assert client.get(f"{V4}/commodity/{made['id']}", headers=key).status_code == 200
    assert (
        client.post(
            f"{V4}/database",
            json={"names": {"en": "x"}},
            headers=estate.keys[(ScopeKind.DATABASE, A)],
        ).status_code
        == 403
    )
    other = material_body(estate.ids["account"])
    assert client.post(f"{V4}/commodity", json=other, headers=key).status_code == 403


def test_a_commodity_of_another_tenant_is_404(client, estate):
    made = create_commodity(
        client, estate.keys[(ScopeKind.ACCOUNT, A)], material_body(estate.ids["account"])
    )
    assert client.get(f"{V4}/commodity/{made['id']}", headers=estate.stranger).status_code == 404
    assert client.delete(f"{V4}/commodity/{made['id']}", headers=estate.stranger).status_code == 404


def test_databases_are_created_at_the_level_of_the_token(client, estate, session):
    for kind, owner in ((ScopeKind.FOLDER, "Folder"), (ScopeKind.BUILDING, "Building")):
        made = client.post(
            f"{V4}/database", json={"names": {"en": owner}}, headers=estate.keys[(kind, A)]
        )
        assert made.status_code == 201 and made.json()["owner"] == owner
    reader = client.get(
        f"{V4}/database/{estate.ids['account']}", headers=estate.keys[(ScopeKind.ACCOUNT, R)]
    ).json()
    assert reader["readOnly"] is True
