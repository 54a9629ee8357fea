"""Small helpers for the queue tests."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from matbank.db import session_scope, utcnow
from matbank.jobs import Job, enqueue
from matbank.jobs.models import UNFINISHED


def add_jobs(
    factory: sessionmaker[Session], kind: str, payloads: list[dict[str, Any]]
) -> list[str]:
    with session_scope(factory) as session:
        return [str(enqueue(session, kind, payload).id) for payload in payloads]


def load(factory: sessionmaker[Session], job_id: str | uuid.UUID) -> Job:
    with session_scope(factory, write=False) as session:
        job = session.get(Job, uuid.UUID(str(job_id)))
        assert job is not None
        return job


def unfinished(factory: sessionmaker[Session]) -> int:
    with session_scope(factory, write=False) as session:
        return session.scalar(select(func.count()).where(Job.status.in_(UNFINISHED))) or 0


def expire_lease(factory: sessionmaker[Session], job_id: str | uuid.UUID) -> None:
    """What the clock does to a dead worker's lease, without waiting for it."""
    with session_scope(factory) as session:
        session.execute(
            update(Job)
            .where(Job.id == uuid.UUID(str(job_id)))
            .values(lease_expires_at=utcnow().replace(year=2000))
        )


def make_due(factory: sessionmaker[Session], job_id: str | uuid.UUID) -> None:
    """Skip a retry's backoff."""
    with session_scope(factory) as session:
        session.execute(
            update(Job).where(Job.id == uuid.UUID(str(job_id))).values(run_after=utcnow())
        )


def wait_for(condition: Callable[[], bool], timeout: float, interval: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s")
        time.sleep(interval)
