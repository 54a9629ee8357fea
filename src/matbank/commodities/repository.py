"""Queries over commodities and what hangs off them; reads are filtered by the caller's scope
through the database a commodity belongs to."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from matbank.auth.principal import Principal
from matbank.commodities.models import (
    Commodity,
    CommodityChild,
    CommodityFile,
    CommodityFinancial,
    CommodityImage,
    CommodityLca,
    MatchingTerm,
)
from matbank.databases.models import MaterialDatabase
from matbank.databases.repository import visible


class CommodityRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- commodities -----------------------------------------------------------------------

    def get(self, principal: Principal, commodity_id: uuid.UUID) -> Commodity | None:
        stmt = (
            select(Commodity)
            .join(MaterialDatabase, MaterialDatabase.id == Commodity.database_id)
            .where(visible(principal), Commodity.id == commodity_id)
        )
        return self.session.scalars(stmt).first()

    def get_many(self, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Commodity]:
        wanted = list(set(ids))
        if not wanted:
            return {}
        rows = self.session.scalars(select(Commodity).where(Commodity.id.in_(wanted))).all()
        return {c.id: c for c in rows}

    def by_external_id(self, database_id: uuid.UUID, external_id: str) -> Commodity | None:
        """The active commodity with that external id, else its newest inactive version."""
        stmt = (
            select(Commodity)
            .where(Commodity.database_id == database_id, Commodity.external_id == external_id)
            .order_by(Commodity.is_active.desc(), Commodity.created_at.desc())
        )
        return self.session.scalars(stmt).first()

    def active_external_id_taken(
        self, database_id: uuid.UUID, external_id: str, except_id: uuid.UUID | None = None
    ) -> bool:
        stmt = select(Commodity.id).where(
            Commodity.database_id == database_id,
            Commodity.external_id == external_id,
            Commodity.is_active.is_(True),
        )
        if except_id is not None:
            stmt = stmt.where(Commodity.id != except_id)
        return self.session.scalars(stmt).first() is not None

    def add(self, row: Any) -> Any:
        self.session.add(row)
        self.session.flush()
        return row

    def delete(self, row: Any) -> None:
        self.session.delete(row)
        self.session.flush()

    # --- bills of materials ----------------------------------------------------------------

    def children(self, parent_id: uuid.UUID) -> Sequence[CommodityChild]:
        stmt = (
            select(CommodityChild)
            .where(CommodityChild.parent_id == parent_id)
            .order_by(CommodityChild.position, CommodityChild.id)
        )
        return self.session.scalars(stmt).all()

    def children_of(self, parent_ids: Iterable[uuid.UUID]) -> Sequence[CommodityChild]:
        wanted = list(set(parent_ids))
        if not wanted:
            return []
        stmt = (
            select(CommodityChild)
            .where(CommodityChild.parent_id.in_(wanted))
            .order_by(CommodityChild.position, CommodityChild.id)
        )
        return self.session.scalars(stmt).all()

    def next_position(self, parent_id: uuid.UUID) -> int:
        stmt = select(func.max(CommodityChild.position)).where(
            CommodityChild.parent_id == parent_id
        )
        current = self.session.scalar(stmt)
        return 0 if current is None else current + 1

    def clear_children(self, parent_id: uuid.UUID) -> None:
        self.session.execute(delete(CommodityChild).where(CommodityChild.parent_id == parent_id))
        self.session.expire_all()

    # --- attachments ------------------------------------------------------------------------

    def _of(self, model: Any, commodity_id: uuid.UUID, *order: Any) -> Sequence[Any]:
        stmt = select(model).where(model.commodity_id == commodity_id).order_by(*order, model.id)
        return self.session.scalars(stmt).all()

    def lcas(self, commodity_id: uuid.UUID) -> Sequence[CommodityLca]:
        return self._of(CommodityLca, commodity_id, CommodityLca.iso_code)

    def financials(self, commodity_id: uuid.UUID) -> Sequence[CommodityFinancial]:
        return self._of(CommodityFinancial, commodity_id, CommodityFinancial.iso_code)

    def files(self, commodity_id: uuid.UUID) -> Sequence[CommodityFile]:
        return self._of(CommodityFile, commodity_id, CommodityFile.created_at)

    def images(self, commodity_id: uuid.UUID) -> Sequence[CommodityImage]:
        return self._of(CommodityImage, commodity_id, CommodityImage.name)

    def terms(self, commodity_id: uuid.UUID) -> Sequence[MatchingTerm]:
        return self._of(MatchingTerm, commodity_id, MatchingTerm.value)

    def term_clash(
        self,
        database_id: uuid.UUID,
        match_type: str,
        language_key: str,
        value: str,
        except_id: uuid.UUID | None = None,
    ) -> MatchingTerm | None:
        stmt = select(MatchingTerm).where(
            MatchingTerm.database_id == database_id,
            MatchingTerm.match_type == match_type,
            MatchingTerm.language_key == language_key,
            MatchingTerm.value == value,
        )
        if except_id is not None:
            stmt = stmt.where(MatchingTerm.id != except_id)
        return self.session.scalars(stmt).first()

    def move_terms(self, from_id: uuid.UUID, to_id: uuid.UUID) -> None:
        for term in self.terms(from_id):
            term.commodity_id = to_id
        self.session.flush()
