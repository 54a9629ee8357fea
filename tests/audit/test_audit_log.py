"""The audit log: every authenticated write is recorded; administrators read their own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from tests.factories import ZERO, token, world

from matbank.audit.models import AuditEvent
from matbank.audit.recorder import author, resource_ids
from matbank.auth.permissions import PermissionLevel, ScopeKind

API = "/api/v3.0"


@pytest.fixture
def w(session):
    return world(session)


def events(session) -> int:
    return session.scalar(select(func.count()).select_from(AuditEvent))


def new_folder(client, w, name="Audited"):
    body = {"name": name, "parentId": ZERO, "foldertypeId": str(w.portfolio_type_id)}
    return client.post(f"{API}/folder", json=body, headers=w.headers)


def test_a_write_is_recorded_with_who_what_when_and_outcome(client, w, session):
    before = datetime.now(UTC) - timedelta(seconds=1)
    created = new_folder(client, w).json()
    log = client.get(f"{API}/audit", headers=w.headers).json()
    assert len(log) == 1
    event = log[0]
    assert event["method"] == "POST" and event["path"] == f"{API}/folder"
    assert event["status"] == 201
    assert created["id"] in event["resourceIds"], "the new folder's id, from Location"
    assert event["tokenId"] and event["accountId"] == str(w.account_id)
    assert datetime.fromisoformat(event["at"]) >= before


def test_reads_are_not_recorded_and_failed_writes_are(client, w, session):
    client.get(f"{API}/folder", headers=w.headers)
    client.get(f"{API}/building/{w.building.id}", headers=w.headers)
    assert events(session) == 0
    refused = client.post(f"{API}/folder", json={"name": "no parent"}, headers=w.headers)
    deleted = client.delete(f"{API}/building/{w.building.id}", headers=w.headers)
    log = client.get(f"{API}/audit", headers=w.headers).json()
    assert [(e["method"], e["status"]) for e in log] == [
        ("DELETE", deleted.status_code),
        ("POST", refused.status_code),
    ]
    assert str(w.building.id) in log[0]["resourceIds"]


def test_writes_without_a_valid_key_are_not_recorded(client, w, session):
    response = client.post(f"{API}/folder", json={}, headers={"X-API-Key": "f" * 32})
    assert response.status_code == 401
    assert events(session) == 0


def test_administrators_see_only_their_account_and_can_page_and_filter(client, w, session):
    other = world(session, "Account B")
    new_folder(client, other, "theirs")
    for n in range(3):
        new_folder(client, w, f"mine {n}")
    mine = client.get(f"{API}/audit", headers=w.headers).json()
    assert len(mine) == 3 and {e["accountId"] for e in mine} == {str(w.account_id)}
    page = client.get(f"{API}/audit", params={"skip": 1, "take": 1}, headers=w.headers).json()
    assert [e["id"] for e in page] == [mine[1]["id"]]
    later = (datetime.now(UTC) + timedelta(minutes=1)).isoformat()
    assert client.get(f"{API}/audit", params={"since": later}, headers=w.headers).json() == []


@pytest.mark.parametrize(
    ("kind", "level"),
    [
        (ScopeKind.ACCOUNT, PermissionLevel.MANAGER),
        (ScopeKind.ACCOUNT, PermissionLevel.READER),
        (ScopeKind.FOLDER, PermissionLevel.ADMINISTRATOR),
    ],
)
def test_only_account_administrators_may_read_the_log(client, w, session, kind, level):
    scope_id = w.account_id if kind is ScopeKind.ACCOUNT else w.folder.id
    key = token(session, w.account_id, kind, scope_id, level)
    response = client.get(f"{API}/audit", headers={"X-API-Key": key})
    assert response.status_code == 403
    assert response.json()["status"] == 403


def test_audit_can_be_switched_off(settings, session_factory, w, session):
    from fastapi.testclient import TestClient

    from matbank.app import create_app

    app = create_app(
        settings.model_copy(update={"audit_log": False}), session_factory=session_factory
    )
    with TestClient(app) as client:
        assert new_folder(client, w).status_code == 201
    assert events(session) == 0


def test_resource_ids_come_from_the_path_then_the_location():
    a, b = "0f8fad5b-d9cb-469f-a165-70867728950e", "7c9e6679-7425-40de-944b-e07fc1f90ae7"
    assert resource_ids(f"/api/v3.0/building/{a.upper()}/files", f"/x/{b}") == [a, b]
    assert resource_ids(f"/api/v3.0/building/{a}", f"/api/v3.0/building/{a}") == [a]
    assert resource_ids("/api/v4.0/database", None) == []


def test_the_author_is_the_token_else_the_signed_in_web_user():
    from types import SimpleNamespace

    user = SimpleNamespace(id="u")
    principal = SimpleNamespace(account_id="a", token_id="t")
    assert author({"principal": principal}) == {"account_id": "a", "token_id": "t"}
    assert author({"visitor": SimpleNamespace(user=user)}) == {"user_id": "u"}
    assert author({"visitor": SimpleNamespace(user=None)}) is None
    assert author({}) is None
