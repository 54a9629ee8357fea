"""API tokens: format, secrecy, expiry, revocation and the 401 cases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text

from matbank.accounts.schemas import AccountType
from matbank.accounts.service import create_account
from matbank.auth.models import ApiToken
from matbank.auth.permissions import Lifespan, PermissionLevel, ScopeKind, parse_level
from matbank.auth.service import issue_token, revoke_token
from matbank.models import metadata

API = "/api/v3.0"


@pytest.fixture
def account(session):
    return create_account(session, "Tokens", AccountType.GENERAL)


def _issue(session, account, lifespan=Lifespan.ONE_YEAR, now=None):
    return issue_token(
        session,
        account_id=account.id,
        scope_kind=ScopeKind.ACCOUNT,
        scope_id=account.id,
        permission=PermissionLevel.READER,
        lifespan=lifespan,
        name="t",
        now=now,
    )


def test_secret_is_32_lowercase_hex_and_only_its_hash_is_stored(session, account):
    issued = _issue(session, account)
    assert len(issued.secret) == 32 and issued.secret == issued.secret.lower()
    int(issued.secret, 16)
    assert issued.token.last_four == issued.secret[-4:]
    session.flush()
    for table in metadata.sorted_tables:
        for row in session.execute(select(table)).all():
            assert not any(issued.secret in str(value) for value in row), table.name


@pytest.mark.parametrize(
    ("lifespan", "days"),
    [(Lifespan.ONE_YEAR, 365), (Lifespan.TWO_YEARS, 730), (Lifespan.INFINITE, None)],
)
def test_lifespans(session, account, lifespan, days):
    now = datetime(2026, 1, 1, tzinfo=UTC)
    token = _issue(session, account, lifespan, now).token
    assert token.expires_at == (now + timedelta(days=days) if days else None)


def test_valid_key_is_accepted_and_last_used_recorded(client, session, account):
    issued = _issue(session, account)
    response = client.get(f"{API}/account", headers={"X-API-Key": issued.secret})
    assert response.status_code == 200
    session.expire_all()
    assert session.get(ApiToken, issued.token.id).last_used_at is not None


@pytest.mark.parametrize(
    ("headers", "detail"),
    [
        ({}, "missing"),
        ({"X-API-Key": ""}, "missing"),
        ({"X-API-Key": "not-a-token"}, "not a valid token"),
        ({"X-API-Key": "0" * 32}, "not known"),
        ({"X-API-Key": "A" * 32}, "not a valid token"),
    ],
)
def test_missing_malformed_or_unknown_keys_are_401(client, headers, detail):
    response = client.get(f"{API}/building", headers=headers)
    assert response.status_code == 401
    assert detail in response.json()["detail"]


def test_expired_key_is_401(client, session, account):
    issued = _issue(session, account, Lifespan.ONE_YEAR, now=datetime(2020, 1, 1, tzinfo=UTC))
    response = client.get(f"{API}/account", headers={"X-API-Key": issued.secret})
    assert response.status_code == 401 and "expired" in response.json()["detail"]


def test_revoked_key_is_401_immediately(client, session, account):
    issued = _issue(session, account)
    headers = {"X-API-Key": issued.secret}
    assert client.get(f"{API}/account", headers=headers).status_code == 200
    revoke_token(session, issued.token.id)
    session.commit()
    response = client.get(f"{API}/account", headers=headers)
    assert response.status_code == 401 and "revoked" in response.json()["detail"]


def test_tokens_of_a_deleted_building_stop_working(client, session):
    from tests.factories import token, world

    w = world(session)
    key = token(session, w.account_id, ScopeKind.BUILDING, w.building.id)
    assert client.delete(f"{API}/building/{w.building.id}", headers=w.headers).status_code == 204
    assert client.get(f"{API}/account", headers={"X-API-Key": key}).status_code == 401


def test_permission_aliases():
    assert parse_level("manager-contributor") is PermissionLevel.MANAGER_CONTRIBUTOR
    assert parse_level("Manager & Contributor to database") is PermissionLevel.MANAGER_CONTRIBUTOR
    assert parse_level("Administrator") is PermissionLevel.ADMINISTRATOR
    with pytest.raises(ValueError, match="unknown permission level"):
        parse_level("owner")


def test_database_has_no_plaintext_column(session):
    columns = {c.name for c in ApiToken.__table__.columns}
    assert "token" not in columns and "secret" not in columns
    assert session.execute(text("select count(*) from api_tokens")).scalar() >= 0


def test_principal_cache_bounds_reuse_and_honours_expiry():
    import uuid as _uuid

    from matbank.auth.cache import PrincipalCache
    from matbank.auth.principal import Principal

    principal = Principal(
        _uuid.uuid4(), _uuid.uuid4(), ScopeKind.ACCOUNT, _uuid.uuid4(), PermissionLevel.READER
    )
    cache = PrincipalCache(ttl_seconds=60)
    cache.put("h", principal, None)
    assert cache.get("h") is principal
    cache.put("old", principal, datetime(2020, 1, 1, tzinfo=UTC))
    assert cache.get("old") is None
    disabled = PrincipalCache(ttl_seconds=0)
    disabled.put("h", principal, None)
    assert disabled.get("h") is None
