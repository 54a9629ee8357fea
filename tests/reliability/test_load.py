"""Load: 50 concurrent clients over two `matbank serve` processes and two `matbank worker`
processes against one PostgreSQL; every acknowledged write is stored exactly once.

The duration is MATBANK_RELIABILITY_SECONDS (default 20 s, so the test stays under a
minute on a small CI machine); run with ``-s`` to see the figures.
"""

from __future__ import annotations

import asyncio
import os
import time

import pytest
from tests.reliability.cluster import Cluster
from tests.reliability.load import Tally, run_load

pytestmark = pytest.mark.postgres
CLIENTS = int(os.environ.get("MATBANK_RELIABILITY_CLIENTS", "50"))
SECONDS = float(os.environ.get("MATBANK_RELIABILITY_SECONDS", "20"))


def test_fifty_clients_lose_and_duplicate_nothing(cluster: Cluster):
    servers = [cluster.start_server(), cluster.start_server()]
    for _ in range(2):
        cluster.start_worker(concurrency=2)
    started = time.monotonic()
    tally = asyncio.run(run_load([s.url for s in servers], cluster.token, CLIENTS, SECONDS))
    elapsed = time.monotonic() - started
    verified = verify_acknowledged(cluster, tally)
    drained = drain_jobs(cluster, timeout=15)
    print(f"\nload ({CLIENTS} clients, 2 servers, 2 workers, PostgreSQL): "
          f"{tally.figures(elapsed)}; acknowledged writes verified: {verified}; "
          f"jobs after draining: {drained}")
    assert not tally.server_errors, "\n".join(tally.server_errors[:5]) + cluster.logs()
    assert not tally.errors, tally.errors
    assert tally.served >= CLIENTS * 5 and len(tally.elements) >= CLIENTS * 10
    assert "failed" not in drained, cluster.logs()


def drain_jobs(cluster: Cluster, timeout: float) -> dict[str, int]:
    """Jobs by status once the workers have finished the queue (or ``timeout`` passed)."""
    deadline = time.monotonic() + timeout
    while True:
        counts = dict(cluster.rows("SELECT status, count(*) FROM jobs GROUP BY status"))
        if not {"queued", "running"} & counts.keys() or time.monotonic() > deadline:
            return counts
        time.sleep(0.5)


def verify_acknowledged(cluster: Cluster, tally: Tally) -> int:
    """Every acknowledged folder, building, file and element is stored exactly once, and each
    element holds the values of its last acknowledged write. Returns how many were checked."""
    for table, ids in (("folders", tally.folders), ("buildings", tally.buildings),
                       ("building_files", tally.files)):
        stored = cluster.rows(f"SELECT CAST(id AS text) FROM {table}")
        assert {i for (i,) in stored} >= ids, f"{table}: acknowledged rows are missing"
    stored = cluster.rows(
        "SELECT CAST(file_id AS text), element_id, count(*), max(volume) FROM elements "
        "GROUP BY file_id, element_id"
    )
    found = {(f, e): (n, v) for f, e, n, v in stored}
    for key, volume in tally.elements.items():
        assert key in found, f"acknowledged element {key} is missing"
        count, stored_volume = found[key]
        assert count == 1, f"element {key} is stored {count} times"
        assert stored_volume == pytest.approx(volume), f"element {key} lost its last write"
    return len(tally.folders) + len(tally.buildings) + len(tally.files) + len(tally.elements)
