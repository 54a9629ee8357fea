"""Queries over buildings, always filtered by the caller's scope."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import Select, false, select
from sqlalchemy.orm import Session

from matbank.auth.permissions import ScopeKind
from matbank.auth.principal import Principal
from matbank.buildings.models import Building
from matbank.folders.models import Folder


class BuildingRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def readable(self, principal: Principal) -> Select[tuple[Building]]:
        """Buildings the principal may see, by its account, folder subtree or building."""
        stmt = select(Building).where(Building.account_id == principal.account_id)
        kind = principal.scope_kind
        if kind is ScopeKind.ACCOUNT:
            return stmt
        if kind is ScopeKind.BUILDING:
            return stmt.where(Building.id == principal.scope_id)
        if kind is ScopeKind.FOLDER and principal.folder_path:
            subtree = select(Folder.id).where(
                Folder.account_id == principal.account_id,
                Folder.path.startswith(principal.folder_path),
            )
            return stmt.where(Building.folder_id.in_(subtree))
        return stmt.where(false())

    def list(self, principal: Principal) -> Sequence[Building]:
        stmt = self.readable(principal).order_by(Building.created_at, Building.id)
        return self.session.scalars(stmt).all()

    def get(self, principal: Principal, building_id: uuid.UUID) -> Building | None:
        stmt = self.readable(principal).where(Building.id == building_id)
        return self.session.scalars(stmt).first()

    def get_by_external_id(self, principal: Principal, external_id: str) -> Building | None:
        stmt = self.readable(principal).where(Building.external_id == external_id)
        return self.session.scalars(stmt).first()

    def external_id_taken(
        self, account_id: uuid.UUID, external_id: str, except_id: uuid.UUID | None = None
    ) -> bool:
        stmt = select(Building.id).where(
            Building.account_id == account_id, Building.external_id == external_id
        )
        if except_id is not None:
            stmt = stmt.where(Building.id != except_id)
        return self.session.scalars(stmt).first() is not None

    def add(self, building: Building) -> Building:
        self.session.add(building)
        self.session.flush()
        return building

    def delete(self, building: Building) -> None:
        self.session.delete(building)
        self.session.flush()
