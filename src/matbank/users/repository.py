"""Queries over users, memberships, browser sessions and the tokens of one resource."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Row, delete, select, update
from sqlalchemy.orm import Session

from matbank.auth.models import ApiToken
from matbank.folders.models import Folder
from matbank.users.models import Membership, User, WebSession


class UserRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, user_id: uuid.UUID) -> User | None:
        return self.session.get(User, user_id)

    def by_email(self, email: str) -> User | None:
        return self.session.scalars(select(User).where(User.email == email)).first()

    def add(self, row: User | Membership) -> None:
        self.session.add(row)
        self.session.flush()

    def any_exists(self) -> bool:
        return self.session.scalars(select(User.id).limit(1)).first() is not None


class MembershipRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def of_user(self, user_id: uuid.UUID) -> Sequence[Row[tuple[Membership, str | None]]]:
        """A user's memberships with, for folder scopes, the folder's path (one query)."""
        stmt = (
            select(Membership, Folder.path)
            .outerjoin(
                Folder,
                (Folder.id == Membership.scope_id) & (Membership.scope_kind == "folder"),
            )
            .where(Membership.user_id == user_id)
            .order_by(Membership.created_at)
        )
        return self.session.execute(stmt).all()

    def at_scope(
        self, scope_kind: str, scope_id: uuid.UUID
    ) -> Sequence[Row[tuple[Membership, User]]]:
        stmt = (
            select(Membership, User)
            .join(User, User.id == Membership.user_id)
            .where(Membership.scope_kind == scope_kind, Membership.scope_id == scope_id)
            .order_by(User.email)
        )
        return self.session.execute(stmt).all()

    def find(self, user_id: uuid.UUID, scope_kind: str, scope_id: uuid.UUID) -> Membership | None:
        stmt = select(Membership).where(
            Membership.user_id == user_id,
            Membership.scope_kind == scope_kind,
            Membership.scope_id == scope_id,
        )
        return self.session.scalars(stmt).first()

    def get(self, membership_id: uuid.UUID) -> Membership | None:
        return self.session.get(Membership, membership_id)

    def delete(self, membership: Membership) -> None:
        self.session.delete(membership)
        self.session.flush()


class WebSessionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, id_hash: str) -> WebSession | None:
        return self.session.get(WebSession, id_hash)

    def add(self, web_session: WebSession) -> WebSession:
        self.session.add(web_session)
        self.session.flush()
        return web_session

    def delete(self, id_hash: str) -> None:
        self.session.execute(delete(WebSession).where(WebSession.id_hash == id_hash))

    def delete_for_user(self, user_id: uuid.UUID, except_hash: str | None = None) -> None:
        stmt = delete(WebSession).where(WebSession.user_id == user_id)
        if except_hash is not None:
            stmt = stmt.where(WebSession.id_hash != except_hash)
        self.session.execute(stmt)

    def purge_expired(self, now: datetime) -> None:
        self.session.execute(delete(WebSession).where(WebSession.expires_at <= now))

    def touch(self, id_hash: str, when: datetime) -> None:
        self.session.execute(
            update(WebSession).where(WebSession.id_hash == id_hash).values(last_seen_at=when)
        )


class ScopeTokenRepository:
    """API tokens issued for exactly one resource (its Users tab)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def at_scope(self, scope_kind: str, scope_id: uuid.UUID) -> Sequence[ApiToken]:
        stmt = (
            select(ApiToken)
            .where(ApiToken.scope_kind == scope_kind, ApiToken.scope_id == scope_id)
            .order_by(ApiToken.revoked_at.is_not(None), ApiToken.created_at)
        )
        return self.session.scalars(stmt).all()

    def get(self, scope_kind: str, scope_id: uuid.UUID, token_id: uuid.UUID) -> ApiToken | None:
        stmt = select(ApiToken).where(
            ApiToken.id == token_id,
            ApiToken.scope_kind == scope_kind,
            ApiToken.scope_id == scope_id,
        )
        return self.session.scalars(stmt).first()
