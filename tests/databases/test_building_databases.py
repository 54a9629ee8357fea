"""API v3.0 building-side database calls."""

from __future__ import annotations

import uuid

from tests.factories import V4, add_building, add_folder, token, world

from matbank.auth.permissions import PermissionLevel, ScopeKind
from matbank.databases.catalogue import GENERIC_DATABASE_ID
from matbank.databases.imports import install_generic

V3 = "/api/v3.0"


def test_add_and_list_building_databases(client, session):
    w = world(session)
    created = client.post(f"{V3}/building/{w.building.id}/database", headers=w.headers)
    assert created.status_code == 200
    db = created.json()
    assert isinstance(db, str) and uuid.UUID(db)
    listed = client.get(f"{V3}/building/{w.building.id}/database", headers=w.headers).json()
    assert listed == [
        {"databaseId": db, "name": "Office 1 database", "defaultIncludeForRefinement": False}
    ]
    v4 = client.get(f"{V4}/database/{db}", headers=w.headers).json()
    assert v4["owner"] == "Building"


def test_available_databases_with_and_without_public_ones(client, session):
    install_generic(session)
    w = world(session)
    account_db = client.post(
        f"{V4}/database", json={"names": {"en": "Account DB"}}, headers=w.headers
    ).json()["id"]
    elsewhere = add_building(session, add_folder(session, w.account_id, "Other"), "Far")
    far_db = client.post(f"{V3}/building/{elsewhere.id}/database", headers=w.headers).json()
    own_db = client.post(f"{V3}/building/{w.building.id}/database", headers=w.headers).json()
    url = f"{V3}/building/{w.building.id}/availabledatabases"
    everything = {d["databaseId"] for d in client.get(url, headers=w.headers).json()}
    assert {account_db, own_db, str(GENERIC_DATABASE_ID)} <= everything
    assert far_db not in everything
    shared = client.get(url, params={"explicitlyShared": "true"}, headers=w.headers).json()
    assert str(GENERIC_DATABASE_ID) not in {d["databaseId"] for d in shared}


def test_building_database_calls_check_access(client, session):
    w, stranger = world(session), world(session, "Stranger")
    url = f"{V3}/building/{w.building.id}/database"
    assert client.get(url, headers=stranger.headers).status_code == 404
    reader = {
        "X-API-Key": token(
            session, w.account_id, ScopeKind.BUILDING, w.building.id, PermissionLevel.READER
        )
    }
    assert client.post(url, headers=reader).status_code == 403
    assert client.get(url, headers=reader).status_code == 200
    assert (
        client.post(f"{V3}/building/{uuid.uuid4()}/database", headers=w.headers).status_code == 404
    )
