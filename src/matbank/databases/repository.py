"""Queries over material databases, always filtered by the caller's scope.

Public databases (the system's generic database, and databases a verified account makes
available to everybody) are visible to every token. Otherwise an account token sees every
database of its account; a folder token the account-level ones plus those of its folder
subtree and of the buildings in it; a building token the account-level ones plus its
building's; a database token only its own database.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import ColumnElement, Row, and_, delete, false, func, or_, select
from sqlalchemy.orm import Session

from matbank.auth.permissions import ScopeKind
from matbank.auth.principal import Principal
from matbank.buildings.models import Building
from matbank.commodities.models import Commodity, CommodityChild, MatchingTerm
from matbank.databases.models import MaterialDatabase
from matbank.folders.models import Folder

SYSTEM, ACCOUNT, FOLDER, BUILDING = "system", "account", "folder", "building"
DB = MaterialDatabase
_INFO_COLUMNS = (
    Commodity.id,
    Commodity.names,
    Commodity.commodity_type,
    Commodity.functional_unit,
    Commodity.external_id,
    Commodity.is_active,
)


def is_public(database: MaterialDatabase) -> bool:
    return database.owner_kind == SYSTEM or database.is_available_for_everybody


def _public() -> ColumnElement[bool]:
    return or_(DB.owner_kind == SYSTEM, DB.is_available_for_everybody.is_(True))


def _subtree_folders(principal: Principal):  # noqa: ANN202 - a scalar subquery
    return select(Folder.id).where(
        Folder.account_id == principal.account_id,
        Folder.path.startswith(principal.folder_path or "\x01"),
    )


def _scoped(principal: Principal) -> ColumnElement[bool]:
    own = DB.account_id == principal.account_id
    kind = principal.scope_kind
    if kind is ScopeKind.ACCOUNT:
        return own
    if kind is ScopeKind.DATABASE:
        return and_(own, DB.id == principal.scope_id)
    if kind is ScopeKind.BUILDING:
        mine = and_(DB.owner_kind == BUILDING, DB.owner_id == principal.scope_id)
        return and_(own, or_(DB.owner_kind == ACCOUNT, mine))
    if kind is ScopeKind.FOLDER and principal.folder_path:
        folders = _subtree_folders(principal)
        buildings = select(Building.id).where(Building.folder_id.in_(folders))
        return and_(
            own,
            or_(
                DB.owner_kind == ACCOUNT,
                and_(DB.owner_kind == FOLDER, DB.owner_id.in_(folders)),
                and_(DB.owner_kind == BUILDING, DB.owner_id.in_(buildings)),
            ),
        )
    return false()


def visible(principal: Principal) -> ColumnElement[bool]:
    """The scope filter every read of a database goes through."""
    return or_(_public(), _scoped(principal))


def in_scope(principal: Principal) -> ColumnElement[bool]:
    """Databases of the caller's own account within its scope (not the public ones)."""
    return _scoped(principal)


class DatabaseRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def list(self, principal: Principal) -> Sequence[MaterialDatabase]:
        stmt = select(DB).where(visible(principal)).order_by(DB.created_at, DB.id)
        return self.session.scalars(stmt).all()

    def get(self, principal: Principal, database_id: uuid.UUID) -> MaterialDatabase | None:
        stmt = select(DB).where(visible(principal), DB.id == database_id)
        return self.session.scalars(stmt).first()

    def exists_in_account(self, account_id: uuid.UUID, database_id: uuid.UUID) -> bool:
        stmt = select(DB.id).where(DB.account_id == account_id, DB.id == database_id)
        return self.session.scalar(stmt) is not None

    def get_by_external_id(self, principal: Principal, external_id: str) -> MaterialDatabase | None:
        """The caller's own database with that external id first, else a public one."""
        stmt = (
            select(DB)
            .where(visible(principal), DB.external_id == external_id)
            .order_by((DB.account_id == principal.account_id).desc(), DB.created_at)
        )
        return self.session.scalars(stmt).first()

    def external_id_in_account(self, account_id: uuid.UUID, external_id: str) -> uuid.UUID | None:
        stmt = select(DB.id).where(DB.account_id == account_id, DB.external_id == external_id)
        return self.session.scalar(stmt)

    def owned_by(self, owner_kind: str, owner_id: uuid.UUID) -> Sequence[MaterialDatabase]:
        stmt = select(DB).where(DB.owner_kind == owner_kind, DB.owner_id == owner_id)
        return self.session.scalars(stmt.order_by(DB.created_at, DB.id)).all()

    def available_for_building(
        self, building: Building, folder_ids: list[uuid.UUID], *, explicitly_shared: bool
    ) -> Sequence[MaterialDatabase]:
        """Databases a building can refine with: its own, its folders', its account's, and
        (unless only explicitly shared ones are asked for) the public ones."""
        own = and_(
            DB.account_id == building.account_id,
            or_(
                DB.owner_kind == ACCOUNT,
                and_(DB.owner_kind == FOLDER, DB.owner_id.in_(folder_ids)),
                and_(DB.owner_kind == BUILDING, DB.owner_id == building.id),
            ),
        )
        condition = own if explicitly_shared else or_(own, _public())
        stmt = select(DB).where(condition).order_by(DB.created_at, DB.id)
        return self.session.scalars(stmt).all()

    def add(self, database: MaterialDatabase) -> MaterialDatabase:
        self.session.add(database)
        self.session.flush()
        return database

    def delete(self, database: MaterialDatabase) -> None:
        """Delete a database with its commodities (bills of materials first)."""
        commodities = select(Commodity.id).where(Commodity.database_id == database.id)
        self.session.execute(delete(MatchingTerm).where(MatchingTerm.database_id == database.id))
        self.session.execute(
            delete(CommodityChild).where(CommodityChild.parent_id.in_(commodities))
        )
        self.session.execute(delete(Commodity).where(Commodity.database_id == database.id))
        self.session.delete(database)
        self.session.flush()

    def commodity_ids(self, database_id: uuid.UUID) -> list[uuid.UUID]:
        stmt = select(Commodity.id).where(Commodity.database_id == database_id)
        return list(self.session.scalars(stmt).all())

    def commodity_count(self, database_id: uuid.UUID, include_inactive: bool) -> int:
        stmt = select(func.count()).where(Commodity.database_id == database_id)
        if not include_inactive:
            stmt = stmt.where(Commodity.is_active.is_(True))
        return int(self.session.scalar(stmt) or 0)

    def commodity_page(
        self, database_id: uuid.UUID, *, include_inactive: bool, skip: int, take: int
    ) -> Sequence[Row]:
        stmt = select(*_INFO_COLUMNS).where(Commodity.database_id == database_id)
        if not include_inactive:
            stmt = stmt.where(Commodity.is_active.is_(True))
        stmt = stmt.order_by(Commodity.id).offset(skip).limit(take)
        return self.session.execute(stmt).all()
