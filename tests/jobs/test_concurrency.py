"""Several workers share the queue; a worker killed mid-job loses and duplicates nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select
from tests.jobs.helpers import add_jobs, load, unfinished, wait_for
from tests.jobs.tasks import count, effects, marks

from matbank.jobs import start_workers

WORKER_SCRIPT = Path(__file__).with_name("worker_process.py")
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def test_four_workers_process_two_hundred_jobs_exactly_once(
    durable_session_factory, job_settings, job_storage, queue_engine
):
    job_ids = add_jobs(durable_session_factory, "tests.record", [{"n": n} for n in range(200)])
    handle = start_workers(
        job_settings,
        durable_session_factory,
        job_storage,
        concurrency=4,
        kinds=["tests.record"],
        poll_interval=0.05,
    )
    try:
        wait_for(lambda: unfinished(durable_session_factory) == 0, timeout=25, interval=0.1)
    finally:
        handle.stop()
    with queue_engine.connect() as conn:
        rows = conn.scalar(select(func.count()).select_from(effects))
        distinct = conn.scalar(select(func.count(effects.c.job_id.distinct())))
    assert (rows, distinct) == (200, 200)
    assert {load(durable_session_factory, job_id).attempts for job_id in job_ids[:20]} == {1}


def test_a_worker_killed_mid_job_loses_nothing_and_the_job_completes_once(
    durable_database_url, durable_session_factory, make_worker, queue_engine, tmp_path
):
    [job_id] = add_jobs(durable_session_factory, "tests.hang_once", [{}])
    victim = subprocess.Popen(
        [sys.executable, str(WORKER_SCRIPT), durable_database_url, str(tmp_path / "storage")],
        cwd=PROJECT_ROOT,
    )
    try:
        wait_for(lambda: count(queue_engine, marks, job_id) == 1, timeout=15)
    finally:
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait(5)
    assert load(durable_session_factory, job_id).status == "running"
    survivor = make_worker("survivor", kinds=["tests.hang_once"])
    assert not survivor.run_once()  # the dead worker's lease has not run out yet
    started = time.monotonic()
    wait_for(survivor.run_once, timeout=10)
    assert time.monotonic() - started < 6  # about one lease (1 s), with room for a busy host
    job = load(durable_session_factory, job_id)
    assert (job.status, job.attempts, job.lease_owner) == ("succeeded", 2, None)
    assert count(queue_engine, marks, job_id) == 1
    assert count(queue_engine, effects, job_id) == 2  # it ran twice, its effect happened once
    assert not survivor.run_once()
