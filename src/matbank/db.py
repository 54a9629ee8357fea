"""Database engine, declarative base and the per-request session boundary.

The boundary (a request, a job or a CLI command) owns the transaction: it commits on
success and rolls back on failure. Services and repositories only ``flush``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import DateTime, Engine, MetaData, create_engine, event
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.pool import StaticPool
from sqlalchemy.types import TypeDecorator
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware.

    SQLite keeps no zone, so values are normalised to UTC on the way in and tagged
    as UTC on the way out; PostgreSQL stores ``timestamptz``.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> uuid.UUID:
    return uuid.uuid4()


def dump_json(value: Any) -> str:
    """JSON text of a JSON column's value: what ``json.dumps`` writes (non-ASCII characters
    unescaped), an order of magnitude faster (orjson) for imported LCA bodies, which hold
    hundreds of figures each. What orjson refuses (non-string keys, integers beyond 64 bits)
    is left to ``json.dumps``; timestamps are refused by both, as before. NaN, which JSON has no
    word for and PostgreSQL refuses, becomes null (nothing stored may hold NaN anyway)."""
    if value is None:
        return "null"
    try:
        return orjson.dumps(value, option=_ORJSON_OPTIONS).decode()
    except TypeError:
        return json.dumps(value, ensure_ascii=False)


_ORJSON_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


def build_engine(url: str, *, echo: bool = False) -> Engine:
    """Create the engine for ``url`` with the per-dialect settings matbank relies on."""
    if url.startswith("sqlite"):
        return _build_sqlite_engine(url, echo=echo)
    return create_engine(
        url,
        echo=echo,
        json_serializer=dump_json,
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=20,
    )


def _build_sqlite_engine(url: str, *, echo: bool) -> Engine:
    kwargs: dict[str, Any] = {
        "connect_args": {"check_same_thread": False, "timeout": 15},
        "json_serializer": dump_json,
    }
    if ":memory:" in url or url in ("sqlite://", "sqlite:///"):
        kwargs["poolclass"] = StaticPool
    engine = create_engine(url, echo=echo, **kwargs)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy drive transactions (pysqlite's own handling breaks SAVEPOINTs).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # Writers take the write lock up front (BEGIN IMMEDIATE) so that they queue on the
        # busy timeout instead of failing when a read transaction tries to upgrade.
        connection.exec_driver_sql(connection.get_execution_options().get(SQLITE_BEGIN, "BEGIN"))

    return engine


SQLITE_BEGIN = "matbank_sqlite_begin"
_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def build_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=False)


async def get_session(request: Request) -> AsyncIterator[Session]:
    """Request boundary: one session, committed when the endpoint returns normally.

    Read requests commit inline (nothing was written, so it costs no I/O worth a thread
    hop); writing requests commit in the thread pool so the event loop never waits on disk.
    """
    session: Session = request.app.state.sessionmaker()
    writer = request.method not in _READ_METHODS
    try:
        if writer:
            # SQLite's BEGIN IMMEDIATE may wait for the write lock: never on the event loop,
            # which the lock holder itself needs to reach its commit.
            await run_in_threadpool(declare_writer, session)
        yield session
        if writer:
            await run_in_threadpool(session.commit)
        else:
            session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def declare_writer(session: Session) -> None:
    """Mark a fresh session as one that will write (SQLite: BEGIN IMMEDIATE)."""
    bind = session.get_bind()
    if bind.dialect.name == "sqlite" and isinstance(bind, Engine):
        session.connection(execution_options={SQLITE_BEGIN: "BEGIN IMMEDIATE"})


@contextmanager
def session_scope(factory: sessionmaker[Session], *, write: bool = True) -> Iterator[Session]:
    """Boundary for jobs and CLI commands: commit on success, roll back on failure."""
    session = factory()
    if write:
        declare_writer(session)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
