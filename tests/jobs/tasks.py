"""Job kinds used by the queue tests; their side effects land in two test-only tables."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Column, Engine, Integer, MetaData, String, Table, func, insert, select

from matbank.jobs import JobContext, JobFailed, task

test_metadata = MetaData()
#: One row per handler run that got as far as its write (duplicates reveal double runs).
effects = Table(
    "job_effects",
    test_metadata,
    Column("job_id", String(36), nullable=False),
    Column("attempt", Integer, nullable=False),
    Column("worker", String(200)),
)
#: One row per job at most: the idempotent side effect.
marks = Table("job_marks", test_metadata, Column("job_id", String(36), primary_key=True))


def create_effect_tables(engine: Engine) -> None:
    test_metadata.create_all(engine)


def count(engine: Engine, table: Table, job_id: str | None = None) -> int:
    statement = select(func.count()).select_from(table)
    if job_id is not None:
        statement = statement.where(table.c.job_id == job_id)
    with engine.connect() as conn:
        return conn.scalar(statement) or 0


def _record(ctx: JobContext) -> None:
    with ctx.session() as session:
        session.execute(insert(effects).values(job_id=str(ctx.job_id), attempt=ctx.attempt))


def _mark_once(ctx: JobContext) -> None:
    with ctx.session() as session:
        done = session.execute(select(marks).where(marks.c.job_id == str(ctx.job_id))).first()
        if done is None:
            session.execute(insert(marks).values(job_id=str(ctx.job_id)))


@task("tests.record", lease_seconds=5)
def record(ctx: JobContext, payload: dict[str, Any]) -> None:
    _record(ctx)


@task("tests.flaky", max_attempts=3, retry_delay=0.01)
def flaky(ctx: JobContext, payload: dict[str, Any]) -> None:
    """Fails until attempt ``succeed_on``."""
    _record(ctx)
    if ctx.attempt < payload["succeed_on"]:
        raise RuntimeError(f"boom on attempt {ctx.attempt}")


@task("tests.broken", max_attempts=5)
def broken(ctx: JobContext, payload: dict[str, Any]) -> None:
    raise JobFailed("the input cannot be read")


@task("tests.progress", lease_seconds=1)
def progress(ctx: JobContext, payload: dict[str, Any]) -> None:
    """Runs past its lease, but keeps it by reporting progress."""
    steps = payload["steps"]
    for done in range(1, steps + 1):
        time.sleep(payload["step_seconds"])
        ctx.progress(done, steps)
    _mark_once(ctx)


@task("tests.hang_once", lease_seconds=1, retry_delay=0.01)
def hang_once(ctx: JobContext, payload: dict[str, Any]) -> None:
    """Makes its (idempotent) effect, then on the first attempt hangs before returning,
    renewing its lease, until the process is killed."""
    _record(ctx)
    _mark_once(ctx)
    while ctx.attempt == 1:
        time.sleep(0.1)
        ctx.heartbeat()


@task("tests.twin_then_fail", max_attempts=3, retry_delay=0.01)
def twin_then_fail(ctx: JobContext, payload: dict[str, Any]) -> None:
    """Queues a twin with the same dedupe key (as a request would while this job runs),
    then fails once."""
    from matbank.jobs import enqueue

    if ctx.attempt == 1:
        with ctx.session() as session:
            enqueue(session, "tests.twin_then_fail", {}, dedupe_key=payload["key"])
        raise RuntimeError("first attempt fails")
