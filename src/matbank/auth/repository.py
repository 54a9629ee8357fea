"""Queries over API tokens."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Row, select, update
from sqlalchemy.orm import Session

from matbank.auth.models import ApiToken
from matbank.folders.models import Folder


class TokenRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def find_by_hash(self, token_hash: str) -> Row[tuple[ApiToken, str | None]] | None:
        """The token with this hash and, for folder scopes, the folder's path (one query)."""
        stmt = (
            select(ApiToken, Folder.path)
            .outerjoin(Folder, (Folder.id == ApiToken.scope_id) & (ApiToken.scope_kind == "folder"))
            .where(ApiToken.token_hash == token_hash)
        )
        return self.session.execute(stmt).first()

    def touch(self, token_id: uuid.UUID, when: datetime) -> None:
        self.session.execute(
            update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=when)
        )

    def add(self, token: ApiToken) -> ApiToken:
        self.session.add(token)
        self.session.flush()
        return token

    def list_for_account(self, account_id: uuid.UUID | None) -> Sequence[ApiToken]:
        stmt = select(ApiToken).order_by(ApiToken.created_at)
        if account_id is not None:
            stmt = stmt.where(ApiToken.account_id == account_id)
        return self.session.scalars(stmt).all()

    def get(self, token_id: uuid.UUID) -> ApiToken | None:
        return self.session.get(ApiToken, token_id)

    def revoke_scoped_to(self, scope_kind: str, scope_ids: list[uuid.UUID], when: datetime) -> None:
        """Revoke every token whose scope object is being deleted."""
        if not scope_ids:
            return
        self.session.execute(
            update(ApiToken)
            .where(
                ApiToken.scope_kind == scope_kind,
                ApiToken.scope_id.in_(scope_ids),
                ApiToken.revoked_at.is_(None),
            )
            .values(revoked_at=when)
        )
