"""A real matbank server for browser tests: uvicorn on 127.0.0.1 (a free port), a fresh
migrated SQLite database with the generic material database, and the in-process worker."""

from __future__ import annotations

import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from tests.factories import add_building, add_folder

from matbank.accounts.service import create_account
from matbank.app import create_app
from matbank.auth.permissions import ScopeKind
from matbank.config import Settings
from matbank.databases.cli import install_generic_database
from matbank.db import build_engine, build_sessionmaker, session_scope
from matbank.migrate import upgrade
from matbank.users.schemas import UserLevel
from matbank.users.service import create_user, grant

EMAIL = "admin@example.org"
PASSWORD = "a long browser test password"


@dataclass(frozen=True)
class LiveServer:
    url: str
    account_id: uuid.UUID
    other_building_id: uuid.UUID


def _seed(database_url: str) -> tuple[uuid.UUID, uuid.UUID]:
    """An account with an Administrator user, and a building the tests' token must not see."""
    engine = build_engine(database_url)
    with session_scope(build_sessionmaker(engine)) as session:
        install_generic_database(session)
        account = create_account(session, "Browser account")
        user = create_user(session, EMAIL, PASSWORD)
        grant(session, user, account.id, (ScopeKind.ACCOUNT, account.id), UserLevel.ADMINISTRATOR)
        elsewhere = add_building(session, add_folder(session, account.id, "Elsewhere"), "Depot")
        ids = account.id, elsewhere.id
    engine.dispose()
    return ids


@contextmanager
def live_server(folder: Path) -> Iterator[LiveServer]:
    database_url = f"sqlite:///{folder / 'browser.db'}"
    upgrade(database_url)
    account_id, other_id = _seed(database_url)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    settings = Settings(
        environment="test",
        database_url=database_url,
        storage_url=f"file://{folder / 'storage'}",
        host="127.0.0.1",
        port=port,
        token_cache_seconds=0,
        in_process_worker=True,
    )
    config = uvicorn.Config(
        create_app(settings), log_level="warning", ws="none", http="h11", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        _wait_until_started(server)
        yield LiveServer(f"http://127.0.0.1:{port}", account_id, other_id)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


def _wait_until_started(server: uvicorn.Server, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
