"""The request boundary never blocks the event loop while it waits for the database."""

from __future__ import annotations

import sqlite3
import threading
import time

from fastapi.testclient import TestClient
from tests.factories import ZERO, world

from matbank.app import create_app
from matbank.config import Settings
from matbank.db import build_engine, build_sessionmaker, session_scope
from matbank.migrate import upgrade


def test_a_writer_waiting_for_the_sqlite_write_lock_does_not_stall_other_requests(tmp_path):
    """Found by the schemathesis run: BEGIN IMMEDIATE ran on the event loop, so while one
    writer waited for the lock, the lock holder could not reach its commit and every other
    request (even /healthz) hung until the 15 s busy timeout turned them into 503s."""
    path = tmp_path / "lock.db"
    upgrade(f"sqlite:///{path}")
    engine = build_engine(f"sqlite:///{path}")
    sessions = build_sessionmaker(engine)
    with session_scope(sessions) as session:
        w = world(session)
    settings = Settings(environment="test", database_url=f"sqlite:///{path}")
    body = {"name": "Waits", "parentId": ZERO, "foldertypeId": str(w.portfolio_type_id)}
    answers: list[int] = []
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with TestClient(create_app(settings, session_factory=sessions)) as client:
            writer = threading.Thread(
                target=lambda: answers.append(
                    client.post("/api/v3.0/folder", json=body, headers=w.headers).status_code
                )
            )
            writer.start()
            time.sleep(0.5)  # the write request is now waiting for the lock
            started = time.monotonic()
            health = client.get("/healthz")
            waited = time.monotonic() - started
            blocker.execute("ROLLBACK")
            writer.join(timeout=20)
    finally:
        blocker.close()
        engine.dispose()
    assert health.status_code == 200
    assert waited < 2.0
    assert answers == [201]
