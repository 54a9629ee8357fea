"""Putting work on the queue and looking at it, inside the caller's transaction.

These functions only flush: a job becomes visible to workers when the caller's
transaction (request, job or CLI command) commits, and vanishes if it rolls back.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from matbank.db import utcnow
from matbank.jobs.models import UNFINISHED, Job, JobStatus
from matbank.jobs.registry import check_kind, get_task


def enqueue(
    session: Session,
    kind: str,
    payload: dict[str, Any],
    *,
    dedupe_key: str | None = None,
    run_after: datetime | None = None,
    max_attempts: int | None = None,
) -> Job:
    """Queue one job of a registered ``kind``.

    With ``dedupe_key``, at most one *queued* job exists per kind and key: asking again
    while one waits returns it unchanged. A running twin does not count, so a change made
    while a job runs always gets a run that sees it.
    """
    check_kind(kind)
    spec = get_task(kind)
    if spec is None:
        raise ValueError(f"no task is registered for job kind {kind!r}")
    _check_payload(payload)
    if dedupe_key is not None:
        existing = find_queued(session, kind, dedupe_key)
        if existing is not None:
            return existing
    job = Job(
        id=uuid.uuid4(),
        kind=kind,
        payload=payload,
        status=JobStatus.QUEUED.value,
        attempts=0,
        max_attempts=max_attempts if max_attempts is not None else spec.max_attempts,
        run_after=run_after or utcnow(),
        dedupe_key=dedupe_key,
    )
    return _insert(session, job)


def _check_payload(payload: dict[str, Any]) -> None:
    try:
        json.dumps(payload)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"a job payload must be plain JSON: {exc}") from exc


def _insert(session: Session, job: Job) -> Job:
    """Insert under a SAVEPOINT so a concurrent twin (same kind and key, committed first)
    is returned instead of failing the caller's whole transaction."""
    try:
        with session.begin_nested():
            session.add(job)
            session.flush()
    except IntegrityError:
        if job.dedupe_key is None:
            raise
        existing = find_queued(session, job.kind, job.dedupe_key)
        if existing is None:
            raise
        return existing
    return job


def find_queued(session: Session, kind: str, dedupe_key: str) -> Job | None:
    statement = select(Job).where(
        Job.kind == kind, Job.dedupe_key == dedupe_key, Job.status == JobStatus.QUEUED.value
    )
    return session.scalars(statement).first()


def get_job(session: Session, job_id: uuid.UUID) -> Job | None:
    return session.get(Job, job_id)


def cancel_job(session: Session, job_id: uuid.UUID) -> bool:
    """Cancel an unfinished job. A running handler notices at its next progress report or
    transaction and stops; its result is not recorded. Returns False if already finished."""
    now = utcnow()
    result = session.execute(
        update(Job)
        .where(Job.id == job_id, Job.status.in_(UNFINISHED))
        .values(
            status=JobStatus.CANCELLED.value,
            lease_owner=None,
            lease_expires_at=None,
            finished_at=now,
            updated_at=now,
        )
        .execution_options(synchronize_session="fetch")
    )
    return result.rowcount == 1
