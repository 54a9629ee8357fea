"""Storing the element rows of an import: a plain insert for rows the file does not hold yet.

An import first clears the file's elements, so nearly every row it stores is new. Those rows
go through one prepared ``INSERT`` run with the driver's executemany: values are laid out
in column order once, and only the columns whose type converts values (UUIDs, JSON, dates)
are converted. That skips the statement compilation and per-row parameter processing of the
general upsert (``ElementRepository.upsert_many``), which the API's batch endpoint needs
because its elements may already exist. An element id the import has already stored (a
model with duplicate GlobalIds) still goes through the upsert, so the last occurrence wins
as before.

Rows come grouped per element (:data:`ElementRows`): the columns an element and its
sub-elements share, and each row's own columns. The shared part is laid out and converted
once per element.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from sqlalchemy import JSON, Connection
from sqlalchemy.orm import Session

from matbank.elements.models import Element
from matbank.elements.repository import ElementRepository, fit_rows

#: One element's rows: the columns they share, and each row's own columns (which win).
ElementRows = tuple[dict[str, Any], list[dict[str, Any]]]


class ImportedRows:
    """One prepared insert for rows naming a given set of columns, in one dialect.

    Only the named columns and those with a default are listed; the others are left to
    NULL by the database, which spares the driver binding dozens of empty parameters.
    """

    def __init__(self, connection: Connection, named: frozenset[str]) -> None:
        dialect = connection.dialect
        columns = [
            c
            for c in Element.__table__.columns
            if c.name != "pk" and (c.name in named or _default(c) is not None)
        ]
        unknown = named - {c.name for c in columns}
        if unknown:
            raise ValueError(f"not element columns: {sorted(unknown)}")
        self._template: dict[str, Any] = {c.name: _default(c) for c in columns}
        self._positions = {c.name: position for position, c in enumerate(columns)}
        self._plans: dict[tuple[str, ...], list[tuple[int, Callable[[Any], Any] | None]]] = {}
        self._converters: dict[int, Callable[[Any], Any]] = {}
        for position, column in enumerate(columns):
            convert = column.type.dialect_impl(dialect).bind_processor(dialect)
            if convert is not None:
                # Ids and dates repeat across rows (the file id on every one): convert once.
                hashable = not isinstance(column.type, JSON)
                self._converters[position] = lru_cache(64)(convert) if hashable else convert
        quote = dialect.identifier_preparer.quote
        marker = "?" if dialect.paramstyle == "qmark" else "%s"
        self.sql = (
            f"INSERT INTO {quote(Element.__table__.name)} "
            f"({', '.join(quote(c.name) for c in columns)}) "
            f"VALUES ({', '.join([marker] * len(columns))})"
        )

    def values(self, shared: dict[str, Any], own_rows: list[dict[str, Any]]) -> list[tuple]:
        """Each row's values in column order, converted as the driver needs them."""
        merged = self._template.copy()
        merged.update(shared)
        base = list(merged.values())
        for position, convert in self._converters.items():
            if base[position] is not None:
                base[position] = convert(base[position])
        result = []
        for own in own_rows:
            values = base.copy()
            for (position, convert), value in zip(self._plan(own), own.values(), strict=True):
                values[position] = value if convert is None or value is None else convert(value)
            result.append(tuple(values))
        return result

    def _plan(self, own: dict[str, Any]) -> list[tuple[int, Callable[[Any], Any] | None]]:
        """Position and converter of each own column; rows of one kind share the plan."""
        names = tuple(own)
        plan = self._plans.get(names)
        if plan is None:
            positions = [self._positions[name] for name in names]
            plan = self._plans[names] = [(p, self._converters.get(p)) for p in positions]
        return plan


def _default(column: Any) -> Any:
    """The model's scalar default of a column, else None."""
    return column.default.arg if column.default is not None and column.default.is_scalar else None


class ImportedElementStore:
    """Stores one import's rows; remembers the element ids stored so far."""

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._statements: dict[frozenset[str], ImportedRows] = {}

    def store(self, session: Session, groups: list[ElementRows]) -> None:
        """Insert the rows with new element ids; upsert those stored earlier in the import."""
        if not _fits(groups):  # an overlong text: the repository fits the rows one by one
            groups = [(row, [{}]) for row in fit_rows(_flat(groups))]
        fresh: list[ElementRows] = []
        repeated: list[dict[str, Any]] = []
        for shared, own_rows in groups:
            new = []
            for own in own_rows:
                element_id = own.get("element_id") or shared["element_id"]
                if element_id in self._seen:
                    repeated.append(shared | own)
                else:
                    new.append(own)
                self._seen.add(element_id)
            if new:
                fresh.append((shared, new))
        if fresh:
            self._insert(session.connection(), fresh)
        if repeated:
            ElementRepository(session).upsert_many(repeated)

    def _insert(self, connection: Connection, groups: list[ElementRows]) -> None:
        named = frozenset().union(*(shared for shared, _ in groups))
        named = named.union(*(own for _, own_rows in groups for own in own_rows))
        if named not in self._statements:
            self._statements[named] = ImportedRows(connection, named)
        statement = self._statements[named]
        values = [row for shared, own_rows in groups for row in statement.values(shared, own_rows)]
        connection.exec_driver_sql(statement.sql, values)


def _flat(groups: list[ElementRows]) -> list[dict[str, Any]]:
    return [shared | own for shared, own_rows in groups for own in own_rows]


def _fits(groups: list[ElementRows]) -> bool:
    """Every text fits its column, checked on the shared and the own columns apart."""
    shared = [shared for shared, _ in groups]
    own = [own for _, own_rows in groups for own in own_rows]
    return fit_rows(shared) is shared and fit_rows(own) is own
