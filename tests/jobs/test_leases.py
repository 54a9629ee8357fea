"""Leases: an abandoned job is taken up again, and a stale worker can change nothing."""

from __future__ import annotations

import threading

import pytest
from tests.jobs.helpers import add_jobs, expire_lease, load, wait_for
from tests.jobs.tasks import count, marks

from matbank.jobs import JobContext, LeaseLost
from matbank.jobs.leases import claim_next, complete, fail
from matbank.jobs.registry import get_task


def _specs(*kinds):
    return {kind: get_task(kind) for kind in kinds}


def test_a_job_whose_lease_expired_is_claimed_again(durable_session_factory, queue_engine):
    [job_id] = add_jobs(durable_session_factory, "tests.record", [{}])
    first = claim_next(durable_session_factory, "a", _specs("tests.record"))
    assert first is not None and first.attempt == 1
    assert claim_next(durable_session_factory, "b", _specs("tests.record")) is None
    expire_lease(durable_session_factory, job_id)
    second = claim_next(durable_session_factory, "b", _specs("tests.record"))
    assert second is not None and str(second.job_id) == job_id and second.attempt == 2
    assert second.lease_owner.startswith("b/") and second.lease_owner != first.lease_owner


def test_a_stale_worker_cannot_complete_fail_or_write_for_a_reclaimed_job(
    durable_session_factory, job_settings, job_storage, queue_engine
):
    [job_id] = add_jobs(durable_session_factory, "tests.record", [{}])
    stale = claim_next(durable_session_factory, "a", _specs("tests.record"))
    expire_lease(durable_session_factory, job_id)
    fresh = claim_next(durable_session_factory, "b", _specs("tests.record"))
    assert complete(durable_session_factory, fresh)
    assert not complete(durable_session_factory, stale)
    assert fail(durable_session_factory, stale, "late failure", retry=False) is None
    ctx = JobContext(stale, job_settings, durable_session_factory, job_storage)
    with pytest.raises(LeaseLost), ctx.session():
        raise AssertionError("a stale worker must not get a transaction")
    with pytest.raises(LeaseLost):
        ctx.progress(1, 2)
    job = load(durable_session_factory, job_id)
    assert (job.status, job.attempts, job.last_error) == ("succeeded", 2, None)


def test_a_stale_worker_cannot_overwrite_a_newer_failure_with_success(durable_session_factory):
    [job_id] = add_jobs(durable_session_factory, "tests.record", [{}])
    stale = claim_next(durable_session_factory, "a", _specs("tests.record"))
    expire_lease(durable_session_factory, job_id)
    fresh = claim_next(durable_session_factory, "b", _specs("tests.record"))
    assert fail(durable_session_factory, fresh, "bad input", retry=False) == "failed"
    assert not complete(durable_session_factory, stale)
    assert load(durable_session_factory, job_id).status == "failed"


def test_progress_keeps_the_lease_of_a_job_that_outlives_it(
    durable_session_factory, make_worker, queue_engine
):
    [job_id] = add_jobs(
        durable_session_factory, "tests.progress", [{"steps": 5, "step_seconds": 0.3}]
    )
    runner, rival = make_worker("runner"), make_worker("rival")
    thread = threading.Thread(target=runner.run_once)
    thread.start()
    wait_for(lambda: load(durable_session_factory, job_id).status == "running", timeout=5)
    rival_claims = 0
    while thread.is_alive():
        rival_claims += rival.run_once()
        thread.join(0.1)
    job = load(durable_session_factory, job_id)
    assert rival_claims == 0
    assert (job.status, job.attempts, job.progress_done, job.progress_total) == (
        "succeeded",
        1,
        5,
        5,
    )
    assert count(queue_engine, marks, job_id) == 1


def test_an_abandoned_job_without_attempts_left_is_failed(durable_session_factory):
    [job_id] = add_jobs(durable_session_factory, "tests.flaky", [{"succeed_on": 1}])
    specs = _specs("tests.flaky")
    for _ in range(3):
        assert claim_next(durable_session_factory, "dies", specs) is not None
        expire_lease(durable_session_factory, job_id)
    assert claim_next(durable_session_factory, "next", specs) is None
    job = load(durable_session_factory, job_id)
    assert (job.status, job.attempts) == ("failed", 3)
    assert "stopped renewing its lease" in job.last_error
