"""Many rows in one DB-API ``executemany``, for the write paths that store hundreds of rows
at a time (element batches and imports, database imports).

SQLAlchemy's own executemany builds a parameter dictionary per row and runs every value
through its bookkeeping; on wide rows that costs more than the database's own work. Here
the statement is compiled once per caller, dialect and set of columns, each column's values
go through their type's bind processor a column at a time (UUIDs, JSON, timestamps, exactly
as SQLAlchemy converts them), and the driver receives plain tuples. A column that no row
names and whose default is NULL is written as a literal NULL rather than bound per row.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Insert, null
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.expression import Executable

Processor = Callable[[Any], Any] | None


@dataclass(frozen=True, slots=True)
class _Prepared:
    sql: str
    keys: tuple[str, ...]  # the row key of each parameter, in the statement's order
    names: tuple[str, ...]  # the parameter's name in the SQL (named paramstyles)
    processors: tuple[Processor, ...]
    positional: bool


_PREPARED: dict[tuple[Hashable, str, str, frozenset[str], frozenset[str]], _Prepared] = {}
_NO_DEFAULTS: Mapping[str, Any] = {}


def execute_many(
    connection: Connection,
    statement: Callable[[], Executable],
    rows: Sequence[Mapping[str, Any]],
    *,
    cache_key: Hashable,
    defaults: Mapping[str, Any] = _NO_DEFAULTS,
) -> None:
    """Run ``statement`` (built only when not prepared yet) once per row.

    A column a row does not name takes its value from ``defaults``; the statement's
    parameters must be exactly the columns the rows and ``defaults`` name.
    """
    if not rows:
        return
    dialect = connection.dialect
    named = frozenset().union(*rows)
    unnamed_nulls = frozenset(k for k, v in defaults.items() if v is None and k not in named)
    slot = (cache_key, dialect.name, dialect.driver, named.union(defaults), unnamed_nulls)
    prepared = _PREPARED.get(slot)
    if prepared is None:
        prepared = _PREPARED[slot] = _prepare(statement(), dialect, slot[3], unnamed_nulls)
    columns = [
        _processed(_values(rows, key, named, defaults), process)
        for key, process in zip(prepared.keys, prepared.processors, strict=True)
    ]
    params: list[Any] = list(zip(*columns, strict=True))
    if not prepared.positional:
        params = [dict(zip(prepared.names, values, strict=True)) for values in params]
    connection.exec_driver_sql(prepared.sql, params)


def _values(
    rows: Sequence[Mapping[str, Any]], key: str, named: frozenset[str], defaults: Mapping[str, Any]
) -> list[Any]:
    if key not in named:
        return [defaults[key]] * len(rows)
    try:
        return list(map(itemgetter(key), rows))
    except KeyError:  # only some rows name the column
        default = defaults[key]
        return [row.get(key, default) for row in rows]


def _processed(values: list[Any], process: Processor) -> list[Any]:
    """A column's values as the driver takes them; a value shared by every row (a batch's
    timestamp, its file id, a default) is converted once."""
    if process is None:
        return values
    if len(set(map(id, values))) == 1:
        return [process(values[0])] * len(values)
    return list(map(process, values))


def _prepare(
    statement: Executable, dialect: Dialect, keys: frozenset[str], nulls: frozenset[str]
) -> _Prepared:
    literal = _literal_nulls(statement, dialect, nulls)
    if literal:
        statement = statement.values({name: null() for name in literal})  # type: ignore[attr-defined]
    bound = keys - literal
    compiled = statement.compile(dialect=dialect, column_keys=list(bound), for_executemany=True)
    names = list(compiled.positiontup or ()) if compiled.positional else list(compiled.binds)
    binds = [compiled.binds[name] for name in names]
    if {bind.key for bind in binds} != bound:
        raise ValueError(f"the statement's parameters are not the columns {sorted(bound)}")
    return _Prepared(
        sql=compiled.string,
        keys=tuple(bind.key for bind in binds),
        names=tuple(compiled.escaped_bind_names.get(name, name) for name in names),
        processors=tuple(_processor(bind.type, dialect) for bind in binds),
        positional=compiled.positional,
    )


def _literal_nulls(
    statement: Executable, dialect: Dialect, nulls: frozenset[str]
) -> frozenset[str]:
    """The columns among ``nulls`` an INSERT can write as a literal NULL: those whose type
    stores None as SQL NULL (a JSON column may store it as the JSON text 'null')."""
    if not nulls or not isinstance(statement, Insert):
        return frozenset()
    table = statement.table
    return frozenset(
        name
        for name in nulls
        if (process := _processor(table.c[name].type, dialect)) is None or process(None) is None
    )


def _processor(type_: Any, dialect: Dialect) -> Processor:
    return type_.dialect_impl(dialect).bind_processor(dialect)
