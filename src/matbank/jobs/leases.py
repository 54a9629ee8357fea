"""Claiming jobs and recording their outcome, guarded by the lease.

A claim gives the worker a lease token (``lease_owner``) that is unique per claim. Every
later write about the job (renewal, success, retry, failure) names that token, so once
another worker has re-claimed a job whose lease ran out, the first worker's writes match
no row and change nothing: a job completes once.

Claiming takes one short transaction. PostgreSQL skips rows other workers hold
(``FOR UPDATE SKIP LOCKED``); SQLite serialises writers with ``BEGIN IMMEDIATE``.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session, sessionmaker

from matbank.db import session_scope, utcnow
from matbank.jobs.models import Job, JobStatus
from matbank.jobs.registry import TaskSpec

MAX_BACKOFF_SECONDS = 3600.0
MAX_ERROR_CHARS = 8000


@dataclass(frozen=True)
class Claim:
    """A job this worker holds the lease on, for one attempt."""

    job_id: uuid.UUID
    kind: str
    payload: dict[str, Any]
    attempt: int
    max_attempts: int
    lease_owner: str
    spec: TaskSpec


def claim_next(
    factory: sessionmaker[Session], worker_name: str, specs: dict[str, TaskSpec]
) -> Claim | None:
    """Take the next due job of one of ``specs``' kinds, or None when there is none.

    Due means queued with ``run_after`` passed, or running with an expired lease (its
    worker died). An abandoned job that has used all its attempts is marked failed.
    """
    if not specs or not _anything_due(factory, specs.keys()):
        return None
    with session_scope(factory) as session:
        now = utcnow()
        job = _lock_due(session, specs.keys(), now)
        while job is not None and job.attempts >= job.max_attempts:
            _fail_abandoned(job, now)
            session.flush()  # sessions do not autoflush; the next look must not find it again
            job = _lock_due(session, specs.keys(), now)
        if job is None:
            return None
        return _take(job, specs[job.kind], worker_name, now)


def _take(job: Job, spec: TaskSpec, worker_name: str, now: datetime) -> Claim:
    """Start the next attempt under a fresh lease token."""
    job.status = JobStatus.RUNNING.value
    job.attempts += 1
    job.lease_owner = f"{worker_name}/{uuid.uuid4().hex[:12]}"
    job.lease_expires_at = now + timedelta(seconds=spec.lease_seconds)
    job.updated_at = now
    return Claim(
        job_id=job.id,
        kind=job.kind,
        payload=dict(job.payload),
        attempt=job.attempts,
        max_attempts=job.max_attempts,
        lease_owner=job.lease_owner,
        spec=spec,
    )


def _anything_due(factory: sessionmaker[Session], kinds: Collection[str]) -> bool:
    """A read-only look first, so idle workers never take SQLite's write lock to find nothing."""
    now = utcnow()
    with session_scope(factory, write=False) as session:
        return bool(
            session.scalar(select(exists().where(_queued_due(kinds, now))))
            or session.scalar(select(exists().where(_lease_expired(kinds, now))))
        )


def _queued_due(kinds: Collection[str], now: datetime) -> Any:
    return (Job.status == JobStatus.QUEUED.value) & (Job.run_after <= now) & Job.kind.in_(kinds)


def _lease_expired(kinds: Collection[str], now: datetime) -> Any:
    return (
        (Job.status == JobStatus.RUNNING.value) & (Job.lease_expires_at < now) & Job.kind.in_(kinds)
    )


def _lock_due(session: Session, kinds: Collection[str], now: datetime) -> Job | None:
    """Abandoned jobs first (they waited longest), then queued jobs in ``run_after`` order."""
    for condition, order in (
        (_lease_expired(kinds, now), Job.lease_expires_at),
        (_queued_due(kinds, now), Job.run_after),
    ):
        statement = (
            select(Job).where(condition).order_by(order).limit(1).with_for_update(skip_locked=True)
        )
        job = session.scalars(statement).first()
        if job is not None:
            return job
    return None


def _fail_abandoned(job: Job, now: datetime) -> None:
    job.status = JobStatus.FAILED.value
    job.last_error = (
        f"the worker running attempt {job.attempts} of {job.max_attempts} stopped "
        "renewing its lease (it died or hung) and no attempts are left"
    )
    job.lease_owner = None
    job.lease_expires_at = None
    job.finished_at = now
    job.updated_at = now


def renew(session: Session, claim: Claim, progress: tuple[int, int] | None = None) -> bool:
    """Extend the lease (and record progress) if this claim still holds it.

    On PostgreSQL the update also locks the job row until ``session`` commits, so nobody
    can re-claim the job while the holder's transaction is open.
    """
    now = utcnow()
    values: dict[str, Any] = {
        "lease_expires_at": now + timedelta(seconds=claim.spec.lease_seconds),
        "updated_at": now,
    }
    if progress is not None:
        values["progress_done"], values["progress_total"] = progress
    return _update_held(session, claim, values)


def complete(factory: sessionmaker[Session], claim: Claim) -> bool:
    """Record success; False when the lease was lost (the result belongs to another worker)."""
    now = utcnow()
    values = _released(now) | {"status": JobStatus.SUCCEEDED.value, "finished_at": now}
    with session_scope(factory) as session:
        return _update_held(session, claim, values)


def fail(factory: sessionmaker[Session], claim: Claim, error: str, *, retry: bool) -> str | None:
    """Record a failed attempt: queue a retry after a backoff while attempts remain (and
    ``retry`` allows), otherwise mark the job failed. Returns the new status, or None when
    the lease was lost."""
    now = utcnow()
    values = _released(now) | {"last_error": error[-MAX_ERROR_CHARS:]}
    if retry and claim.attempt < claim.max_attempts:
        delay = backoff_seconds(claim.spec.retry_delay, claim.attempt)
        values |= {"status": JobStatus.QUEUED.value, "run_after": now + timedelta(seconds=delay)}
    else:
        values |= {"status": JobStatus.FAILED.value, "finished_at": now}
    with session_scope(factory) as session:
        if values["status"] == JobStatus.QUEUED.value and _queued_twin(session, claim):
            # A newer queued job of the same kind and key will do this work.
            values |= {"status": JobStatus.CANCELLED.value, "finished_at": now}
        return values["status"] if _update_held(session, claim, values) else None


def _queued_twin(session: Session, claim: Claim) -> bool:
    job = session.get(Job, claim.job_id)
    if job is None or job.dedupe_key is None:
        return False
    stmt = select(Job.id).where(Job.kind == job.kind, Job.dedupe_key == job.dedupe_key,
                                Job.status == JobStatus.QUEUED.value, Job.id != job.id)
    return session.scalars(stmt).first() is not None


def backoff_seconds(base: float, attempt: int) -> float:
    """``base * 2^(attempt-1)``, capped at an hour, spread by ±25 % so that jobs which
    failed together do not all come back in the same instant."""
    delay = min(base * 2 ** (attempt - 1), MAX_BACKOFF_SECONDS)
    return delay * random.uniform(0.75, 1.25)


def _released(now: datetime) -> dict[str, Any]:
    return {"lease_owner": None, "lease_expires_at": None, "updated_at": now}


def _update_held(session: Session, claim: Claim, values: dict[str, Any]) -> bool:
    result = session.execute(
        update(Job)
        .where(
            Job.id == claim.job_id,
            Job.status == JobStatus.RUNNING.value,
            Job.lease_owner == claim.lease_owner,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1
