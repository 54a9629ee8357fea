"""Issuing, checking and revoking API tokens."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from matbank.auth.models import ApiToken
from matbank.auth.permissions import Lifespan, PermissionLevel, ScopeKind
from matbank.auth.principal import Principal
from matbank.auth.repository import TokenRepository
from matbank.auth.tokens import generate_secret, hash_secret, is_well_formed
from matbank.db import utcnow
from matbank.errors import NotFound, Unauthorized


@dataclass(frozen=True)
class IssuedToken:
    """A freshly issued token: the only moment the secret exists outside the client."""

    token: ApiToken
    secret: str


def check_format(secret: str | None) -> str:
    """The stripped key, or 401 when it is missing or not 32 lowercase hex characters."""
    if not secret:
        raise Unauthorized("The X-API-Key header is missing.")
    secret = secret.strip()
    if not is_well_formed(secret):
        raise Unauthorized(
            "The X-API-Key value is not a valid token (32 lowercase hex characters are expected)."
        )
    return secret


def authenticate_with_expiry(
    session: Session, secret: str | None, *, touch_after: timedelta = timedelta(seconds=60)
) -> tuple[Principal, datetime | None]:
    """Resolve an ``X-API-Key`` value to a principal and the token's expiry (for caching),
    or raise 401 saying why not."""
    secret = check_format(secret)
    repo = TokenRepository(session)
    row = repo.find_by_hash(hash_secret(secret))
    if row is None:
        raise Unauthorized("The API key is not known.")
    token, folder_path = row
    now = utcnow()
    if token.revoked_at is not None:
        raise Unauthorized("The API key has been revoked.")
    if token.expires_at is not None and token.expires_at <= now:
        raise Unauthorized(f"The API key expired on {token.expires_at.isoformat()}.")
    if token.last_used_at is None or now - token.last_used_at >= touch_after:
        _record_use(session, repo, token.id, now)
    principal = Principal(
        token_id=token.id,
        account_id=token.account_id,
        scope_kind=ScopeKind(token.scope_kind),
        scope_id=token.scope_id,
        permission=PermissionLevel(token.permission),
        folder_path=folder_path,
    )
    return principal, token.expires_at


def _record_use(
    session: Session, repo: TokenRepository, token_id: uuid.UUID, now: datetime
) -> None:
    """Best-effort bookkeeping: a read request never fails because the last-used time could
    not be written (SQLite refuses a read transaction's upgrade while another one writes)."""
    try:
        with session.begin_nested():
            repo.touch(token_id, now)
    except OperationalError:
        return


def issue_token(
    session: Session,
    *,
    account_id: uuid.UUID,
    scope_kind: ScopeKind,
    scope_id: uuid.UUID,
    permission: PermissionLevel,
    lifespan: Lifespan,
    name: str,
    created_by: str | None = None,
    now: datetime | None = None,
) -> IssuedToken:
    """Create a token; the caller shows ``secret`` once and never stores it."""
    secret = generate_secret()
    created = now or utcnow()
    token = ApiToken(
        account_id=account_id,
        name=name,
        token_hash=hash_secret(secret),
        last_four=secret[-4:],
        scope_kind=scope_kind.value,
        scope_id=scope_id,
        permission=permission.value,
        lifespan=lifespan.value,
        created_at=created,
        expires_at=lifespan.expiry(created),
        created_by=created_by,
    )
    TokenRepository(session).add(token)
    return IssuedToken(token=token, secret=secret)


def list_tokens(session: Session, account_id: uuid.UUID | None = None) -> Sequence[ApiToken]:
    return TokenRepository(session).list_for_account(account_id)


def revoke_token(session: Session, token_id: uuid.UUID) -> ApiToken:
    token = TokenRepository(session).get(token_id)
    if token is None:
        raise NotFound(f"No API token with id {token_id}.")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        session.flush()
    return token
