"""Single-row reads for the hottest polled endpoints, without an ORM session.

Clients poll a building until its work is done, so that read runs on every request of a
busy client. An ORM session, its transaction, a pool checkout and SQLAlchemy's
per-statement bookkeeping cost several times the database's own work for one keyed row.
Here the statement is compiled once per dialect and run on a DB-API connection that each
thread keeps for such reads, in autocommit mode; every parameter and column still goes
through its SQLAlchemy type's bind and result processors, and driver errors are raised as
SQLAlchemy's, so callers see what ``Connection.execute`` would give them.

A read here takes no transaction of its own: one statement sees one consistent state, and
no transaction stays open between requests. These reads are not echoed by
``MATBANK_SQL_ECHO`` (they bypass the engine's events).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, Select
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import PoolProxiedConnection

Processor = Callable[[Any], Any] | None


class ReadConnections:
    """Connections for reads served on the event loop: one per thread, taken from the
    engine's pool once and kept in autocommit mode. When sessions are bound to a single
    connection (the tests' outer transaction) reads go through that connection instead."""

    def __init__(self, bind: Engine | Connection) -> None:
        self.bind = bind
        self._local = threading.local()
        self._held: list[PoolProxiedConnection] = []
        self._lock = threading.Lock()

    def first(self, read: PreparedRead, params: Mapping[str, Any]) -> Any:
        """Run ``read`` on this thread's connection. A connection the database dropped (a
        restart) is replaced and the read tried once more, as the pool's pre-ping would."""
        if isinstance(self.bind, Connection):
            return read.first(self.bind.connection, self.bind.dialect, params)
        held = self._held_here(self.bind)
        try:
            return read.first(held, self.bind.dialect, params)
        except DBAPIError as error:
            if not error.connection_invalidated:
                raise
            self._drop(held)
        return read.first(self._held_here(self.bind), self.bind.dialect, params)

    def _held_here(self, engine: Engine) -> PoolProxiedConnection:
        held: PoolProxiedConnection | None = getattr(self._local, "connection", None)
        if held is None:
            held = engine.raw_connection()
            engine.dialect.set_isolation_level(held.dbapi_connection, "AUTOCOMMIT")
            with self._lock:
                self._held.append(held)
            self._local.connection = held
        return held

    def _drop(self, held: PoolProxiedConnection) -> None:
        self._local.connection = None
        with self._lock:
            if held in self._held:
                self._held.remove(held)
        held.invalidate()  # never handed back to the pool in autocommit mode

    def close(self) -> None:
        """Close every held connection (at shutdown, before the engine is disposed)."""
        with self._lock:
            held, self._held = self._held, []
        for connection in held:
            connection.invalidate()
        self._local = threading.local()


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    params: tuple[tuple[str, Any, Processor], ...]  # key, default value, bind processor
    names: tuple[str, ...] | None  # the parameters' names in the SQL (named paramstyles)
    keys: tuple[str, ...]  # the result columns' keys
    types: tuple[Any, ...]  # and their SQLAlchemy types


class PreparedRead:
    """A SELECT compiled once per dialect and run straight on a DB-API cursor."""

    def __init__(self, statement: Select[Any]) -> None:
        self.statement = statement
        self._compiled: dict[tuple[str, str], _Compiled] = {}
        self._processors: dict[tuple[str, str], tuple[tuple[str, Callable[[Any], Any]], ...]] = {}

    def first(self, dbapi_connection: Any, dialect: Dialect, params: Mapping[str, Any]) -> Any:
        """The first row as ``{column key: value}`` (or rendered), None when there is none."""
        slot = (dialect.name, dialect.driver)
        compiled = self._compiled.get(slot)
        if compiled is None:
            compiled = self._compiled[slot] = _compile(self.statement, dialect)
        bound = [
            _value(params, key, default) if bind is None else bind(_value(params, key, default))
            for key, default, bind in compiled.params
        ]
        arguments: Sequence[Any] | dict[str, Any] = (
            bound if compiled.names is None else dict(zip(compiled.names, bound, strict=True))
        )
        row, description = _fetch_one(dbapi_connection, dialect, compiled.sql, arguments)
        if row is None:
            return None
        processors = self._processors.get(slot)
        if processors is None:
            processors = self._processors[slot] = _result_processors(compiled, dialect, description)
        return self._convert(slot, compiled.keys, processors, row)

    def _convert(
        self,
        slot: tuple[str, str],
        keys: tuple[str, ...],
        processors: tuple[tuple[str, Callable[[Any], Any]], ...],
        row: Sequence[Any],
    ) -> Any:
        values = dict(zip(keys, row, strict=True))
        for key, process in processors:
            value = values[key]
            if value is not None:
                values[key] = process(value)
        return values


class RenderedRead(PreparedRead):
    """A prepared read whose row comes back rendered (a response body, say) by ``render``.

    The rendering of each distinct stored row is kept (the latest ``KEPT``), so a client
    polling a row that has not changed costs the query and nothing else. The key is the row
    exactly as the driver returned it; a driver gives each column's values one Python type
    (SQLite's column affinity stores an integral REAL as INTEGER), so equal rows render alike.
    """

    KEPT = 256

    def __init__(self, statement: Select[Any], render: Callable[[dict[str, Any]], Any]) -> None:
        super().__init__(statement)
        self.render = render
        self._kept: dict[tuple[str, str], dict[Any, Any]] = {}

    def _convert(
        self,
        slot: tuple[str, str],
        keys: tuple[str, ...],
        processors: tuple[tuple[str, Callable[[Any], Any]], ...],
        row: Sequence[Any],
    ) -> Any:
        kept = self._kept.setdefault(slot, {})
        try:
            found = kept.get(row)
        except TypeError:  # a value the driver returns unhashable (JSON): nothing is kept
            return self.render(super()._convert(slot, keys, processors, row))
        if found is None:
            found = self.render(super()._convert(slot, keys, processors, row))
            if len(kept) >= self.KEPT:
                kept.clear()
            kept[row] = found
        return found


def _result_processors(
    compiled: _Compiled, dialect: Dialect, description: Any
) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """The columns whose type converts what the driver returns, with their processors.

    Drivers report each column's type code (PostgreSQL: its OID), which some processors
    depend on; as SQLAlchemy caches them with a compiled statement, they are chosen once,
    from the first result's codes (a statement's result columns keep their types)."""
    processors = [
        _null_safe(kind.dialect_impl(dialect).result_processor(dialect, column[1]))
        for kind, column in zip(compiled.types, description, strict=True)
    ]
    return tuple(
        (key, process)
        for key, process in zip(compiled.keys, processors, strict=True)
        if process is not None
    )


def _fetch_one(
    dbapi_connection: Any, dialect: Dialect, sql: str, arguments: Any
) -> tuple[Sequence[Any] | None, Any]:
    """The first row and the cursor's description; driver errors raised as SQLAlchemy's."""
    cursor = None
    try:
        cursor = dbapi_connection.cursor()
        cursor.execute(sql, arguments)
        row = cursor.fetchone()
        description = cursor.description
        cursor.close()  # also ends SQLite's implicit read transaction
        return row, description
    except dialect.loaded_dbapi.Error as error:
        gone = dialect.is_disconnect(error, dbapi_connection, cursor)
        raise DBAPIError.instance(
            sql,
            arguments,
            error,
            dialect.loaded_dbapi.Error,
            connection_invalidated=gone,
            dialect=dialect,
        ) from error


def _null_safe(process: Processor) -> Processor:
    """NULL comes back as None without calling the processor; a column type that reads
    NULL as anything else is refused rather than served differently."""
    if process is not None and process(None) is not None:
        raise ValueError("a prepared read needs column types that read NULL as None")
    return process


_REQUIRED = object()


def _value(params: Mapping[str, Any], key: str, default: Any) -> Any:
    if default is _REQUIRED:
        return params[key]
    return params.get(key, default)


def _compile(statement: Select[Any], dialect: Dialect) -> _Compiled:
    compiled = statement.compile(dialect=dialect)
    if compiled.literal_execute_params or compiled.post_compile_params:
        raise ValueError("a prepared read cannot hold expanding or literal-execute parameters")
    names = list(compiled.positiontup or ()) if compiled.positional else list(compiled.binds)
    binds = [compiled.binds[name] for name in names]
    columns = list(statement.selected_columns)
    return _Compiled(
        sql=compiled.string,
        params=tuple(
            (
                bind.key,
                _REQUIRED if bind.required else bind.effective_value,
                bind.type.dialect_impl(dialect).bind_processor(dialect),
            )
            for bind in binds
        ),
        names=None
        if compiled.positional
        else tuple(compiled.escaped_bind_names.get(name, name) for name in names),
        keys=tuple(column.key for column in columns),
        types=tuple(column.type for column in columns),
    )
