"""Queries over buildings, always filtered by the caller's scope."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, false, select
from sqlalchemy.orm import Session

from matbank.auth.permissions import ScopeKind
from matbank.auth.principal import Principal
from matbank.buildings.models import Building
from matbank.db_read import ReadConnections, RenderedRead
from matbank.folders.models import Folder


@cache
def _readable(kind: ScopeKind, has_folder: bool) -> Select[tuple[Building]]:
    """The scope filter as one statement per scope kind, built once and reused with bound
    parameters (statement construction costs more than the query itself on a hot path)."""
    stmt = select(Building).where(Building.account_id == bindparam("account_id"))
    if kind is ScopeKind.ACCOUNT:
        return stmt
    if kind is ScopeKind.BUILDING:
        return stmt.where(Building.id == bindparam("scope_id"))
    if kind is ScopeKind.FOLDER and has_folder:
        subtree = select(Folder.id).where(
            Folder.account_id == bindparam("account_id"),
            Folder.path.startswith(bindparam("folder_path")),
        )
        return stmt.where(Building.folder_id.in_(subtree))
    return stmt.where(false())


@cache
def _readable_by_id(kind: ScopeKind, has_folder: bool) -> Select[tuple[Building]]:
    return _readable(kind, has_folder).where(Building.id == bindparam("building_id"))


@cache
def _values_by_id(kind: ScopeKind, has_folder: bool) -> Select[Any]:
    return _readable_by_id(kind, has_folder).with_only_columns(*Building.__table__.columns)


@cache
def _rendered_by_id(
    kind: ScopeKind,
    has_folder: bool,
    columns: tuple[str, ...],
    render: Callable[[dict[str, Any]], Any],
) -> RenderedRead:
    table = Building.__table__.columns
    statement = _readable_by_id(kind, has_folder).with_only_columns(
        *(table[name] for name in columns)
    )
    return RenderedRead(statement, render)


def render_visible_building(
    reads: ReadConnections,
    principal: Principal,
    building_id: uuid.UUID,
    columns: tuple[str, ...],
    render: Callable[[dict[str, Any]], Any],
) -> Any:
    """``render`` of the named columns of one building the caller can see (None when it
    cannot see one with that id), read without a session."""
    prepared = _rendered_by_id(principal.scope_kind, bool(principal.folder_path), columns, render)
    return reads.first(prepared, _params(principal, building_id=building_id))


def _params(principal: Principal, **extra: object) -> dict[str, object]:
    return {
        "account_id": principal.account_id,
        "scope_id": principal.scope_id,
        "folder_path": principal.folder_path,
        **extra,
    }


class BuildingRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def list(self, principal: Principal) -> Sequence[Building]:
        stmt = _readable(principal.scope_kind, bool(principal.folder_path))
        stmt = stmt.order_by(Building.created_at, Building.id)
        return self.session.scalars(stmt, _params(principal)).all()

    def get(self, principal: Principal, building_id: uuid.UUID) -> Building | None:
        stmt = _readable_by_id(principal.scope_kind, bool(principal.folder_path))
        return self.session.scalars(stmt, _params(principal, building_id=building_id)).first()

    def values(self, principal: Principal, building_id: uuid.UUID) -> Mapping[str, Any] | None:
        """The stored columns of one visible building, without building an ORM object."""
        stmt = _values_by_id(principal.scope_kind, bool(principal.folder_path))
        params = _params(principal, building_id=building_id)
        return self.session.connection().execute(stmt, params).mappings().first()

    def get_by_external_id(self, principal: Principal, external_id: str) -> Building | None:
        stmt = _readable(principal.scope_kind, bool(principal.folder_path))
        stmt = stmt.where(Building.external_id == bindparam("external_id"))
        return self.session.scalars(stmt, _params(principal, external_id=external_id)).first()

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
