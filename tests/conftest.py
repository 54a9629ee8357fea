"""Shared fixtures: every database test runs on SQLite and, when configured, PostgreSQL.

Each backend is migrated once per test worker with the real Alembic migrations; each
test runs inside an outer transaction that is rolled back, and the application's
sessions join it through SAVEPOINTs.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker

from matbank.app import create_app
from matbank.config import Settings, normalise_database_url
from matbank.db import build_engine
from matbank.migrate import upgrade

SHARED = Path(__file__).resolve().parents[2] / "shared"
POSTGRES_URL = os.environ.get("MATBANK_TEST_POSTGRES_URL")


def _postgres_url(worker_id: str) -> str:
    assert POSTGRES_URL is not None
    base = normalise_database_url(POSTGRES_URL)
    schema = f"mb_test_{worker_id}".replace("-", "_")
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    admin.dispose()
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'matbank.db'}"
        upgrade(url)
        yield url
        return
    if not POSTGRES_URL:
        pytest.skip("MATBANK_TEST_POSTGRES_URL is not set: the PostgreSQL run is skipped")
    # One schema per worker process, so concurrent test runs never drop each other's tables.
    suffix = f"{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{os.getpid()}"
    url = _postgres_url(suffix)
    upgrade(url)
    yield url
    _drop_postgres_schema(f"mb_test_{suffix}".replace("-", "_"))


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = build_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    conn = engine.connect()
    outer = conn.begin()
    yield conn
    if outer.is_active:
        outer.rollback()
    conn.close()


@pytest.fixture
def session_factory(connection: Connection) -> sessionmaker[Session]:
    return sessionmaker(
        bind=connection,
        join_transaction_mode="create_savepoint",
        expire_on_commit=False,
        autoflush=False,
    )


@pytest.fixture
def session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    session = session_factory()
    yield session
    session.close()


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(
        environment="test",
        database_url=database_url,
        max_body_bytes=64 * 1024,
        token_cache_seconds=0,
    )


@pytest.fixture
def client(settings: Settings, session_factory: sessionmaker[Session]) -> Iterator[TestClient]:
    app = create_app(settings, session_factory=session_factory)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def _drop_postgres_schema(schema: str) -> None:
    assert POSTGRES_URL is not None
    admin = create_engine(normalise_database_url(POSTGRES_URL))
    with admin.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def durable_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A freshly migrated database of the test's own whose commits are real, for code that
    needs several connections or processes to see each other's work (queues, workers).
    SQLite: a temporary file; PostgreSQL: a schema dropped afterwards."""
    if request.param == "postgres":
        if not POSTGRES_URL:
            pytest.skip("MATBANK_TEST_POSTGRES_URL is not set: the PostgreSQL run is skipped")
        suffix = f"{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{os.urandom(6).hex()}"
        url = _postgres_url(f"durable_{suffix}")
        upgrade(url)
        yield url
        _drop_postgres_schema(f"mb_test_durable_{suffix}".replace("-", "_"))
    else:
        url = f"sqlite:///{tmp_path / 'durable.db'}"
        upgrade(url)
        yield url


@pytest.fixture
def durable_engine(durable_database_url: str) -> Iterator[Engine]:
    engine = build_engine(durable_database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def durable_session_factory(durable_engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=durable_engine, expire_on_commit=False, autoflush=False)


@pytest.fixture(scope="session", autouse=True)
def _no_rate_limit_by_default() -> Iterator[None]:
    """Tests send bursts with one key; the limiter's own tests set their limits explicitly."""
    previous = os.environ.get("MATBANK_RATE_LIMIT_PER_MINUTE")
    os.environ["MATBANK_RATE_LIMIT_PER_MINUTE"] = "0"
    yield
    if previous is None:
        del os.environ["MATBANK_RATE_LIMIT_PER_MINUTE"]
    else:
        os.environ["MATBANK_RATE_LIMIT_PER_MINUTE"] = previous
