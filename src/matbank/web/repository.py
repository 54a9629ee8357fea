"""Reads only pages need: a database's commodities by name, and a building's stored results.
Callers have checked access to the database or building first."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, String, cast, func, select
from sqlalchemy.orm import Session

from matbank.buildings.models import BuildingResults
from matbank.commodities.models import Commodity


def _like_pattern(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class PageRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def commodities(
        self, database_id: uuid.UUID, query: str, *, skip: int, take: int
    ) -> tuple[Sequence[Row[Any]], int]:
        """One page of a database's commodities whose names contain ``query``, and the count."""
        condition = Commodity.database_id == database_id
        if query:
            names = func.lower(cast(Commodity.names, String))
            condition = condition & names.like(_like_pattern(query), escape="\\")
        columns = (
            Commodity.id,
            Commodity.names,
            Commodity.commodity_type,
            Commodity.functional_unit,
            Commodity.density,
            Commodity.lifespan,
            Commodity.is_active,
        )
        stmt = (
            select(*columns).where(condition).order_by(cast(Commodity.names, String), Commodity.id)
        )
        rows = self.session.execute(stmt.offset(skip).limit(take)).all()
        total = self.session.scalar(select(func.count()).where(condition)) or 0
        return rows, int(total)

    def stored_results(self, building_id: uuid.UUID) -> BuildingResults | None:
        return self.session.get(BuildingResults, building_id)
