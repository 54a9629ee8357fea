"""Bad input through the importers: truncated, wrongly encoded and hostile IFC and Excel files
are uploaded and imported by a real `matbank worker`. Each file is imported or fails with a
message (never an unexpected exception); a failed one stores no element; no negative or
non-finite quantity is stored; what the building already held stays untouched."""

from __future__ import annotations

import time
from collections import Counter

import httpx
import pytest
from conformance.fixtures import create_fixtures
from tests.reliability.bad_files import either_files, reject_files
from tests.reliability.cluster import Cluster

pytestmark = pytest.mark.postgres
API = "/api/v3.0"
FAILED = {"ImportFailed", "UnknownImportFile"}
DONE = FAILED | {"Mapped", "RefineFailed"}
# The messages of an import or refinement ended by an unexpected exception.
CRASHED = ("The import stopped", "Refinement failed")
HELD = (
    "SELECT md5(coalesce(string_agg(md5(t::text), '' ORDER BY md5(t::text)), '')) FROM {table} t"
)


def held(cluster: Cluster, file_id: str) -> dict[str, object]:
    """What the building held before the uploads: its existing file's elements, its folder,
    the material databases and their commodities."""
    found: dict[str, object] = {
        table: cluster.scalar(HELD.format(table=table))
        for table in ("folders", "material_databases", "commodities", "matching_terms")
    }
    found["elements of the existing file"] = cluster.scalar(
        HELD.format(table="elements") + " WHERE file_id = CAST(:f AS uuid)", f=file_id)
    return found


def test_broken_and_hostile_files_fail_cleanly_and_change_nothing(cluster: Cluster):
    server = cluster.start_server()
    fixtures = create_fixtures(server.url, cluster.token)
    before = held(cluster, fixtures.file_id)
    rejects, either = reject_files(), either_files()
    started = time.monotonic()
    with httpx.Client(base_url=server.url, headers={"X-API-Key": cluster.token},
                      timeout=60) as client:
        uploaded, refused = {}, {}
        for name, content in (rejects | either).items():
            file_id, problem = upload(client, fixtures.building_id, name, content)
            uploaded[name] = file_id
            if problem is not None:  # refused at once: the file is never imported
                refused[name] = ("ImportFailed", f"upload refused: {problem}")
        worker = cluster.start_worker(concurrency=2)
        waiting = {n: f for n, f in uploaded.items() if n not in refused}
        outcomes = wait_for_outcomes(client, fixtures.building_id, waiting, cluster) | refused
    statuses = Counter(status for status, _ in outcomes.values())
    print(f"\nbad files: {len(outcomes)} IFC/Excel files imported by a worker in "
          f"{time.monotonic() - started:.0f} s: {dict(statuses)}; "
          + "; ".join(f"{name}: {message[:90]}" for name, (_, message) in outcomes.items()))
    for name, (status, message) in outcomes.items():
        assert not message.startswith(CRASHED), f"{name}: {message}"
        if name in rejects:
            assert status in FAILED and message, f"{name} was not refused: {status}"
        if status in FAILED:
            assert elements_of(cluster, uploaded[name]) == 0, f"{name} left elements"
    assert cluster.scalar(  # no quantity is negative, NaN or infinite
        "SELECT count(*) FROM elements WHERE volume IN ('NaN', 'Infinity', '-Infinity') "
        "OR area IN ('NaN', 'Infinity', '-Infinity') OR length IN ('NaN', 'Infinity') "
        "OR volume < 0 OR area < 0 OR length < 0") == 0
    assert worker.poll() is None and server.process.poll() is None, cluster.logs()
    assert held(cluster, fixtures.file_id) == before


def upload(client: httpx.Client, building: str, name: str, content: bytes
           ) -> tuple[str, str | None]:
    """A new source file with ``content`` uploaded: (file id, the problem's detail when the
    upload itself was refused with a 4xx)."""
    files = f"{API}/building/{building}/files"
    body = {"name": name, "type": "Source", "preferredDatabaseIds": []}
    file_id = client.post(files, json=body).raise_for_status().json()["id"]
    response = client.post(f"{files}/{file_id}/upload/{name}", content=content,
                           headers={"content-type": "application/octet-stream"})
    if 400 <= response.status_code < 500:
        return file_id, response.json()["detail"]
    assert response.status_code == 201, f"{name}: {response.status_code} {response.text}"
    return file_id, None


def wait_for_outcomes(client: httpx.Client, building: str, uploaded: dict[str, str],
                      cluster: Cluster, timeout: float = 45) -> dict[str, tuple[str, str]]:
    """Each file's final (status, message) once the worker has finished with all of them."""
    deadline = time.monotonic() + timeout
    while True:
        outcomes = {}
        for name, file_id in uploaded.items():
            got = client.get(f"{API}/building/{building}/files/{file_id}/status").json()
            outcomes[name] = (got["status"], got.get("statusMessage") or "")
        pending = {n: s for n, (s, _) in outcomes.items() if s not in DONE}
        if not pending:
            return outcomes
        assert time.monotonic() < deadline, f"still pending: {pending}\n{cluster.logs()}"
        time.sleep(0.5)


def elements_of(cluster: Cluster, file_id: str) -> int:
    return int(cluster.scalar(  # type: ignore[arg-type]
        "SELECT count(*) FROM elements WHERE file_id = CAST(:f AS uuid)", f=file_id))
