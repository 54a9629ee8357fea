"""API tokens as a resource's Users tab manages them: only the tokens of that resource."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.orm import Session

from matbank.auth.models import ApiToken
from matbank.auth.permissions import ScopeKind
from matbank.auth.service import IssuedToken, issue_token, revoke_token
from matbank.errors import Conflict, NotFound
from matbank.users.repository import ScopeTokenRepository
from matbank.users.schemas import TokenEditForm, TokenForm


def tokens_at(session: Session, kind: ScopeKind, scope_id: uuid.UUID) -> Sequence[ApiToken]:
    """Tokens scoped to exactly this resource, active ones first."""
    return ScopeTokenRepository(session).at_scope(kind.value, scope_id)


def add_token(
    session: Session,
    account_id: uuid.UUID,
    scope: tuple[ScopeKind, uuid.UUID],
    form: TokenForm,
    created_by: str,
) -> IssuedToken:
    kind, scope_id = scope
    return issue_token(
        session,
        account_id=account_id,
        scope_kind=kind,
        scope_id=scope_id,
        permission=form.level,
        lifespan=form.lifespan,
        name=form.name,
        created_by=created_by,
    )


def token_at(
    session: Session, kind: ScopeKind, scope_id: uuid.UUID, token_id: uuid.UUID
) -> ApiToken:
    token = ScopeTokenRepository(session).get(kind.value, scope_id, token_id)
    if token is None:
        raise NotFound(f"No API token {token_id} on this {kind.value}.")
    return token


def edit_token(
    session: Session,
    kind: ScopeKind,
    scope_id: uuid.UUID,
    token_id: uuid.UUID,
    form: TokenEditForm,
) -> ApiToken:
    """Rename a token or change its level (its key and expiry stay)."""
    token = token_at(session, kind, scope_id, token_id)
    if token.revoked_at is not None:
        raise Conflict("A revoked token cannot be edited.")
    token.name = form.name
    token.permission = form.level.value
    session.flush()
    return token


def revoke(session: Session, kind: ScopeKind, scope_id: uuid.UUID, token_id: uuid.UUID) -> ApiToken:
    token_at(session, kind, scope_id, token_id)
    return revoke_token(session, token_id)
