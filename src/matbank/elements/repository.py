"""Queries over elements; callers have already checked access to the file's building."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from matbank.elements.models import Element

API_COLUMNS: dict[str, Any] = {
    "id": Element.element_id,
    "name": Element.name,
    "materialName": Element.material_name,
    "externalDatabaseId": Element.external_database_id,
    "typeName": Element.type_name,
    "elementClass": Element.element_class,
    "volume": Element.volume,
    "area": Element.area,
    "height": Element.height,
    "width": Element.width,
    "length": Element.length,
    "phaseLookup": Element.phase_lookup,
    "classificationLookup": Element.classification_lookup,
    "floor": Element.floor,
    "GTIN": Element.gtin,
    "articleNumber": Element.article_number,
}
_UPSERT_KEEP = {"pk", "file_id", "element_id", "position"}
#: Every stored column with the value a row gets when its producer does not name it (the
#: model's scalar default, else NULL): importers and the API give only what they know.
_FILLED = tuple(
    (c.name, c.default.arg if c.default is not None and c.default.is_scalar else None)
    for c in Element.__table__.columns
    if c.name != "pk"
)


def complete_row(row: dict[str, Any]) -> dict[str, Any]:
    """``row`` with every element column present, as one executemany needs."""
    return {name: row.get(name, default) for name, default in _FILLED}


class ElementRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def upsert_many(self, rows: list[dict[str, Any]]) -> None:
        """Insert or replace elements by (file, element id) in one Core statement (no ORM
        bookkeeping: batches of hundreds of rows are the hot path of every import)."""
        if not rows:
            return
        connection = self.session.connection()
        insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
        table = Element.__table__
        stmt = insert(table)
        updates = {
            c.name: stmt.excluded[c.name] for c in table.columns if c.name not in _UPSERT_KEEP
        }
        stmt = stmt.on_conflict_do_update(index_elements=["file_id", "element_id"], set_=updates)
        connection.execute(stmt, [complete_row(row) for row in rows])

    def get(self, file_id: uuid.UUID, element_id: str) -> Element | None:
        stmt = select(Element).where(Element.file_id == file_id, Element.element_id == element_id)
        return self.session.scalars(stmt).first()

    def exists(self, file_id: uuid.UUID, element_id: str) -> bool:
        stmt = select(Element.pk).where(
            Element.file_id == file_id, Element.element_id == element_id
        )
        return self.session.scalars(stmt).first() is not None

    def delete(self, file_id: uuid.UUID, element_id: str) -> int:
        stmt = delete(Element).where(Element.file_id == file_id, Element.element_id == element_id)
        return self.session.execute(stmt).rowcount or 0

    def count(self, file_id: uuid.UUID) -> int:
        stmt = select(func.count()).select_from(Element).where(Element.file_id == file_id)
        return int(self.session.scalar(stmt) or 0)

    def page(
        self, file_id: uuid.UUID, where: ColumnElement[bool] | None, top: int, skip: int
    ) -> Sequence[Element]:
        stmt = select(Element).where(Element.file_id == file_id)
        if where is not None:
            stmt = stmt.where(where)
        stmt = stmt.order_by(Element.position, Element.pk).offset(skip).limit(top)
        return self.session.scalars(stmt).all()

    def next_position(self, file_id: uuid.UUID) -> int:
        stmt = select(func.max(Element.position)).where(Element.file_id == file_id)
        return int(self.session.scalar(stmt) or 0) + 1

    def clear_links(self, file_id: uuid.UUID) -> None:
        self.session.execute(
            update(Element)
            .where(Element.file_id == file_id)
            .values(commodity_id=None, commodity_type=None, match_info=None, mass=None)
        )
