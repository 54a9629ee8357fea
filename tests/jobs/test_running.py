"""How workers run: the server's in-process worker, the ``matbank worker`` command, the log."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from fastapi.testclient import TestClient
from tests.jobs.helpers import add_jobs, load, wait_for
from typer.testing import CliRunner

from matbank.app import create_app
from matbank.cli import app as cli

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def test_the_server_runs_jobs_in_process_unless_told_not_to(
    job_settings, durable_session_factory, queue_engine
):
    quiet = job_settings.model_copy(update={"in_process_worker": False})
    with TestClient(create_app(quiet)):
        [waiting] = add_jobs(durable_session_factory, "tests.record", [{}])
        time.sleep(0.7)
        assert load(durable_session_factory, waiting).status == "queued"
    with TestClient(create_app(job_settings)) as client:
        wait_for(lambda: load(durable_session_factory, waiting).status == "succeeded", 10)
        assert client.get("/healthz").status_code == 200
    assert not any(t.name.startswith("matbank-worker") for t in threading.enumerate())


def test_each_job_logs_one_line(durable_session_factory, make_worker, caplog):
    [job_id] = add_jobs(durable_session_factory, "tests.flaky", [{"succeed_on": 2}])
    with caplog.at_level(logging.INFO, logger="matbank.jobs"):
        make_worker().run_once()
    [line] = [r.getMessage() for r in caplog.records if r.name == "matbank.jobs"]
    assert line.startswith(f"job tests.flaky {job_id} retry queued (attempt 1/3, ")
    assert line.endswith("s): RuntimeError: boom on attempt 1")


def test_the_worker_command_refuses_unknown_kinds(tmp_path, monkeypatch):
    monkeypatch.setenv("MATBANK_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    result = CliRunner().invoke(cli, ["worker", "--kinds", "nobody.handles_this"])
    assert result.exit_code == 2 and "nobody.handles_this" in result.output


def test_the_worker_command_stops_cleanly_on_sigterm(durable_database_url, tmp_path):
    env = os.environ | {
        "MATBANK_DATABASE_URL": durable_database_url,
        "MATBANK_STORAGE_URL": f"file://{tmp_path / 'storage'}",
    }
    command = [sys.executable, "-c", "from matbank.cli import main; main()"]
    process = subprocess.Popen(
        [*command, "worker", "--concurrency", "2"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert "2 thread(s)" in process.stdout.readline()
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=10)
    assert process.returncode == 0 and "stopping" in output
