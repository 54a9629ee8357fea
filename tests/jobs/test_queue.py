"""Enqueue, claim, complete, retry, fail, dedupe and cancel, on a committed database."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select
from tests.jobs.helpers import add_jobs, load, make_due
from tests.jobs.tasks import count, effects

from matbank.db import declare_writer, session_scope, utcnow
from matbank.jobs import Job, JobStatus, cancel_job, enqueue
from matbank.jobs.leases import backoff_seconds


def test_a_job_is_visible_to_workers_only_after_the_enqueuing_transaction_commits(
    durable_session_factory, make_worker
):
    worker = make_worker()
    session = durable_session_factory()
    declare_writer(session)
    job = enqueue(session, "tests.record", {})
    assert job.status == "queued" and not worker.run_once()
    session.commit()
    session.close()
    assert worker.run_once()
    assert not worker.run_once()


def test_a_rolled_back_enqueue_leaves_no_job(durable_session_factory, make_worker):
    with pytest.raises(RuntimeError), session_scope(durable_session_factory) as session:
        enqueue(session, "tests.record", {})
        raise RuntimeError("the request failed")
    assert not make_worker().run_once()


def test_a_worker_runs_a_job_once_and_records_success(
    durable_session_factory, make_worker, queue_engine
):
    [job_id] = add_jobs(durable_session_factory, "tests.record", [{}])
    assert make_worker().run_once()
    job = load(durable_session_factory, job_id)
    assert (job.status, job.attempts, job.lease_owner, job.lease_expires_at) == (
        "succeeded",
        1,
        None,
        None,
    )
    assert job.finished_at is not None and job.finished_at <= utcnow()
    assert count(queue_engine, effects, job_id) == 1


def test_a_failing_job_is_retried_with_growing_backoff_then_failed_with_its_error(
    durable_session_factory, make_worker, queue_engine
):
    [job_id] = add_jobs(durable_session_factory, "tests.flaky", [{"succeed_on": 99}])
    worker = make_worker()
    for attempt in (1, 2):
        before = utcnow()
        assert worker.run_once()
        job = load(durable_session_factory, job_id)
        assert (job.status, job.attempts) == ("queued", attempt)
        assert f"boom on attempt {attempt}" in job.last_error
        assert job.run_after > before
        make_due(durable_session_factory, job_id)
    assert worker.run_once()
    job = load(durable_session_factory, job_id)
    assert (job.status, job.attempts, job.max_attempts) == ("failed", 3, 3)
    assert "RuntimeError: boom on attempt 3" in job.last_error and job.finished_at
    assert count(queue_engine, effects, job_id) == 3
    assert not worker.run_once()


def test_a_retried_job_waits_for_its_backoff(durable_session_factory, make_worker):
    [job_id] = add_jobs(durable_session_factory, "tests.flaky", [{"succeed_on": 2}])
    worker = make_worker()
    assert worker.run_once()
    with session_scope(durable_session_factory) as session:
        job = session.get(Job, uuid.UUID(job_id))
        job.run_after = utcnow() + timedelta(seconds=30)
    assert not worker.run_once()
    make_due(durable_session_factory, job_id)
    assert worker.run_once()
    assert load(durable_session_factory, job_id).status == "succeeded"


def test_backoff_doubles_per_attempt_with_jitter_and_a_cap():
    for attempt, nominal in ((1, 2.0), (2, 4.0), (5, 32.0)):
        assert 0.75 * nominal <= backoff_seconds(2.0, attempt) <= 1.25 * nominal
    assert backoff_seconds(2.0, 40) <= 1.25 * 3600


def test_job_failed_ends_the_job_without_retries(durable_session_factory, make_worker):
    [job_id] = add_jobs(durable_session_factory, "tests.broken", [{}])
    assert make_worker().run_once()
    job = load(durable_session_factory, job_id)
    assert (job.status, job.attempts) == ("failed", 1)
    assert "the input cannot be read" in job.last_error


def test_dedupe_key_allows_one_queued_job_per_kind(durable_session_factory, make_worker):
    with session_scope(durable_session_factory) as session:
        first = enqueue(session, "tests.record", {"n": 1}, dedupe_key="file-1")
        again = enqueue(session, "tests.record", {"n": 2}, dedupe_key="file-1")
        other_key = enqueue(session, "tests.record", {}, dedupe_key="file-2")
        other_kind = enqueue(session, "tests.flaky", {"succeed_on": 1}, dedupe_key="file-1")
    assert again.id == first.id and again.payload == {"n": 1}
    assert len({first.id, other_key.id, other_kind.id}) == 3
    worker = make_worker()
    while worker.run_once():
        pass
    with session_scope(durable_session_factory) as session:
        fresh = enqueue(session, "tests.record", {}, dedupe_key="file-1")
    assert fresh.id != first.id


def test_concurrent_enqueues_with_one_dedupe_key_make_one_job(durable_session_factory):
    holder = durable_session_factory()
    declare_writer(holder)
    first = enqueue(holder, "tests.record", {}, dedupe_key="busy")
    found: list[uuid.UUID] = []

    def second_request() -> None:
        with session_scope(durable_session_factory) as session:
            found.append(enqueue(session, "tests.record", {}, dedupe_key="busy").id)

    thread = threading.Thread(target=second_request)
    thread.start()
    thread.join(0.3)  # it waits on the first transaction (row lock or SQLite write lock)
    holder.commit()
    holder.close()
    thread.join(10)
    assert found == [first.id]


def test_enqueue_refuses_unknown_kinds_and_non_json_payloads(durable_session_factory):
    with session_scope(durable_session_factory) as session:
        with pytest.raises(ValueError, match="no task"):
            enqueue(session, "tests.nobody_handles_this", {})
        with pytest.raises(ValueError, match="dotted"):
            enqueue(session, "Record", {})
        with pytest.raises(ValueError, match="plain JSON"):
            enqueue(session, "tests.record", {"id": uuid.uuid4()})


def test_a_cancelled_job_is_not_run(durable_session_factory, make_worker):
    [job_id] = add_jobs(durable_session_factory, "tests.record", [{}])
    with session_scope(durable_session_factory) as session:
        assert cancel_job(session, uuid.UUID(job_id))
        assert not cancel_job(session, uuid.UUID(job_id))
    assert not make_worker().run_once()
    assert load(durable_session_factory, job_id).status == JobStatus.CANCELLED


def test_a_running_job_does_not_absorb_a_new_request(durable_session_factory, make_worker):
    """Dedupe covers queued jobs only: a change made while a twin runs gets its own run,
    and the failed twin is then cancelled rather than retried (the new job does its work)."""
    with session_scope(durable_session_factory) as session:
        first = enqueue(session, "tests.twin_then_fail", {"key": "k"}, dedupe_key="k")
    worker = make_worker()
    assert worker.run_once()
    assert load(durable_session_factory, first.id).status == JobStatus.CANCELLED.value
    with session_scope(durable_session_factory) as session:
        queued = session.scalars(select(Job).where(Job.status == "queued")).all()
    assert len(queued) == 1 and queued[0].id != first.id and queued[0].dedupe_key == "k"
