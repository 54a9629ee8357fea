"""A worker in a process of its own (``python tests/jobs/worker_process.py <url> <storage>``),
for the test that kills one in the middle of a job."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import tests.jobs.tasks  # noqa: E402,F401  (registers the test job kinds)

from matbank.config import Settings  # noqa: E402
from matbank.db import build_engine, build_sessionmaker  # noqa: E402
from matbank.jobs import Worker  # noqa: E402
from matbank.storage import LocalStorage  # noqa: E402

if __name__ == "__main__":
    url, folder = sys.argv[1], sys.argv[2]
    factory = build_sessionmaker(build_engine(url))
    settings = Settings(environment="test", database_url=url)
    worker = Worker(
        settings, factory, LocalStorage(folder), name="doomed", kinds=["tests.hang_once"]
    )
    while not worker.run_once():
        pass
