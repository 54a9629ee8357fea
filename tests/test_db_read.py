"""Prepared single-row reads give what SQLAlchemy gives, hold no transaction open between
reads, survive a dropped connection and raise driver errors as SQLAlchemy's."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import Engine, bindparam, column, func, select, table
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from tests.factories import add_building, add_folder

from matbank.accounts.service import create_account
from matbank.buildings.models import Building
from matbank.db import session_scope
from matbank.db_read import PreparedRead, ReadConnections

BY_ID = select(*Building.__table__.columns).where(Building.id == bindparam("building_id"))


@pytest.fixture
def stored_building(durable_session_factory: sessionmaker[Session]) -> uuid.UUID:
    with session_scope(durable_session_factory) as session:
        account = create_account(session, "Reads")
        building = add_building(session, add_folder(session, account.id, "Portfolio"))
        return building.id


def test_a_prepared_read_returns_the_row_sqlalchemy_returns(durable_engine, stored_building):
    reads = ReadConnections(durable_engine)
    try:
        ours = reads.first(PreparedRead(BY_ID), {"building_id": stored_building})
        missing = reads.first(PreparedRead(BY_ID), {"building_id": uuid.uuid4()})
    finally:
        reads.close()
    with durable_engine.connect() as connection:
        theirs = connection.execute(BY_ID, {"building_id": stored_building}).mappings().first()
    assert theirs is not None
    assert ours == dict(theirs)
    assert isinstance(ours["id"], uuid.UUID) and ours["completion_date"].tzinfo is not None
    assert missing is None


def test_reads_hold_no_transaction_open(durable_engine, stored_building):
    reads = ReadConnections(durable_engine)
    try:
        reads.first(PreparedRead(BY_ID), {"building_id": stored_building})
        assert _reader_is_idle(durable_engine, reads)
    finally:
        reads.close()


def _reader_is_idle(engine: Engine, reads: ReadConnections) -> bool:
    """SQLite: a checkpoint can take the whole log (no reader holds a snapshot).
    PostgreSQL: the reading backend is idle, not idle in a transaction."""
    with engine.connect() as other:
        if engine.dialect.name == "sqlite":
            busy = other.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
            return busy is not None and busy[0] == 0
        found = reads.first(PreparedRead(select(func.pg_backend_pid().label("pid"))), {})
        assert found is not None
        state = other.exec_driver_sql(
            "SELECT state FROM pg_stat_activity WHERE pid = %(pid)s", {"pid": found["pid"]}
        ).scalar()
        return state == "idle"


def test_a_dropped_connection_is_replaced_and_the_read_retried(durable_engine, stored_building):
    reads = ReadConnections(durable_engine)
    prepared = PreparedRead(BY_ID)
    try:
        assert reads.first(prepared, {"building_id": stored_building}) is not None
        reads._local.connection.dbapi_connection.close()  # as a database restart would
        again = reads.first(prepared, {"building_id": stored_building})
    finally:
        reads.close()
    assert again is not None and again["id"] == stored_building


def test_driver_errors_are_raised_as_sqlalchemy_errors(durable_engine, stored_building):
    reads = ReadConnections(durable_engine)
    try:
        with pytest.raises(DBAPIError):
            reads.first(PreparedRead(select(table("no_such_table", column("x")))), {})
        after = reads.first(PreparedRead(BY_ID), {"building_id": stored_building})
    finally:
        reads.close()
    assert after is not None, "a failed statement does not spoil the connection"


def test_a_read_needs_every_parameter(durable_engine):
    reads = ReadConnections(durable_engine)
    try:
        with pytest.raises(KeyError):
            reads.first(PreparedRead(BY_ID), {})
    finally:
        reads.close()
