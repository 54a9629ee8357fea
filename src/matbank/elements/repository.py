"""Queries over elements; callers have already checked access to the file's building."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import ColumnElement, String, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from matbank.db_bulk import execute_many
from matbank.elements.models import Element
from matbank.errors import InvalidRequest

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
ELEMENT_DEFAULTS: dict[str, Any] = {
    c.name: c.default.arg if c.default is not None and c.default.is_scalar else None
    for c in Element.__table__.columns
    if c.name != "pk"
}


#: Text columns and their lengths. Importers may hand longer texts (PostgreSQL refuses them):
#: descriptive texts keep their first characters, an element id that long is refused.
_TEXT_LIMITS: dict[str, int] = {
    c.name: c.type.length
    for c in Element.__table__.columns
    if isinstance(c.type, String) and c.type.length
}
_ID_COLUMNS = frozenset({"element_id", "parent_element_id"})


def complete_row(row: dict[str, Any]) -> dict[str, Any]:
    """``row`` with every element column present and its texts fitted to their columns."""
    full = {name: row.get(name, default) for name, default in ELEMENT_DEFAULTS.items()}
    for name, limit in _TEXT_LIMITS.items():
        value = full[name]
        if isinstance(value, str) and len(value) > limit:
            full[name] = _fit(name, value, limit)
    return full


def _fit(name: str, value: str, limit: int) -> str:
    if name in _ID_COLUMNS:
        raise InvalidRequest(
            f"An element id of {len(value)} characters is longer than the {limit} allowed."
        )
    return value[:limit]


def fit_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` themselves when every text fits its column (the usual case, checked a column
    at a time), else completed and fitted copies."""
    named = frozenset().union(*rows)
    for name in named & _TEXT_LIMITS.keys():
        try:
            texts = list(map(itemgetter(name), rows))
        except KeyError:  # only some rows name the column
            texts = [row.get(name) for row in rows]
        try:
            longest = max(map(len, filter(None, texts)), default=0)
        except TypeError:  # not only texts: measure those that are
            longest = max((len(t) for t in texts if isinstance(t, str)), default=0)
        if longest > _TEXT_LIMITS[name]:
            return [complete_row(row) for row in rows]
    return rows


def _upsert_statement(dialect_name: str) -> Any:
    """INSERT of every column; an existing (file, element id) has every column replaced
    except its identity and position."""
    insert = pg_insert if dialect_name == "postgresql" else sqlite_insert
    table = Element.__table__
    stmt = insert(table)
    updates = {c.name: stmt.excluded[c.name] for c in table.columns if c.name not in _UPSERT_KEEP}
    return stmt.on_conflict_do_update(index_elements=["file_id", "element_id"], set_=updates)


class ElementRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def upsert_many(self, rows: list[dict[str, Any]]) -> None:
        """Insert or replace elements by (file, element id) in one executemany; a column a
        row does not name gets its default (no ORM bookkeeping: batches of hundreds of rows
        are the hot path of every import)."""
        if not rows:
            return
        connection = self.session.connection()
        execute_many(
            connection,
            lambda: _upsert_statement(connection.dialect.name),
            fit_rows(rows),
            cache_key="elements.upsert",
            defaults=ELEMENT_DEFAULTS,
        )

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
