"""Faults: a server killed during a batch upsert, a worker killed during an IFC import, and the
database unreachable for a few seconds. Run with ``-s`` to see the recovery times."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
import ifcopenshell.guid
import pytest
from sqlalchemy.engine import make_url
from tests.ifc_models import ModelBuilder
from tests.reliability.cluster import (
    POSTGRES_URL,
    Cluster,
    Server,
    kill_hard,
    with_search_path,
)
from tests.reliability.load import API, ZERO
from tests.reliability.tcp_proxy import TcpProxy

from matbank.config import normalise_database_url

pytestmark = pytest.mark.postgres
BATCH = 500
KILLS = 2  # kills that must land inside the batch's transaction
IFC_ELEMENTS = 4000
OUTAGE_SECONDS = 4


def new_building(client: httpx.Client) -> str:
    types = client.get(f"{API}/account/foldertypes").raise_for_status().json()
    portfolio = next(t["id"] for t in types if t["name"]["en"] == "Portfolio")
    folder = client.post(f"{API}/folder", json={
        "name": "Faults", "parentId": ZERO, "foldertypeId": portfolio}).raise_for_status()
    building = client.post(f"{API}/building", json={
        "folderId": folder.json()["id"], "name": "Faults", "phase": "New",
        "completionDate": "2025-06-30T00:00:00Z", "buildingUsage": "offices-small",
        "grossSurfaceArea": 100.0, "materialClassificationTypeId": "madaster"})
    return building.raise_for_status().json()["id"]


def new_source(client: httpx.Client, building: str, importing: bool = True) -> str:
    files = f"{API}/building/{building}/files"
    body = {"name": "faults", "type": "Source", "preferredDatabaseIds": [ZERO]}
    file_id = client.post(files, json=body).raise_for_status().json()["id"]
    if importing:
        client.post(f"{files}/{file_id}/setimporting").raise_for_status()
    return file_id


def api(url: str, token: str, timeout: float = 60) -> httpx.Client:
    return httpx.Client(base_url=url, headers={"X-API-Key": token}, timeout=timeout)


# --- a server killed during a batch upsert --------------------------------------------------


def test_a_server_killed_mid_batch_leaves_all_or_nothing(cluster: Cluster):
    victim_url = _with_application_name(cluster.database_url, "matbank-victim")
    survivor = cluster.start_server()  # another machine behind the same load balancer
    with api(survivor.url, cluster.token) as client:
        building = new_building(client)
        file_id = new_source(client, building)
    landed, recoveries = 0, []
    for round_number in range(12):
        victim = cluster.start_server(database_url=victim_url)
        prefix = f"round{round_number}-"
        outcome, elements, killed_at = _batch_then_kill(cluster, victim, building, file_id,
                                                        prefix)
        stored = _stored(cluster, file_id, prefix)
        assert stored in (0, BATCH), f"round {round_number}: {stored} of {BATCH} elements stored"
        if outcome == "acknowledged":
            assert stored == BATCH
        if outcome == "killed in transaction":
            landed += 1
            recoveries.append(_retry_on(survivor, cluster, file_id, elements, killed_at))
            if landed == KILLS:
                break
    print(f"\nkill -9 of a server during a {BATCH}-element batch: {landed} kills landed inside "
          f"the batch's transaction in {round_number + 1} rounds, each left all or nothing; "
          f"the client's retry on the other server was stored {max(recoveries):.2f} s after "
          "the kill at most")
    assert landed >= 1, "no kill landed while the batch's transaction was open"


def _with_application_name(url: str, name: str) -> str:
    return f"{url}&application_name={name}"


def _stored(cluster: Cluster, file_id: str, prefix: str) -> int:
    return int(cluster.scalar(  # type: ignore[arg-type]
        "SELECT count(*) FROM elements WHERE file_id = :f AND element_id LIKE :p",
        f=file_id, p=prefix + "%"))


def _batch_then_kill(
    cluster: Cluster, victim: Server, building: str, file_id: str, prefix: str
) -> tuple[str, list[dict], float]:
    """Send one batch to ``victim`` and kill it -9 as soon as its transaction has written:
    (what happened, the batch, when the kill landed)."""
    elements = [{"id": f"{prefix}{n}", "materialName": "Concrete", "volume": 1.0 + n}
                for n in range(BATCH)]
    answer: list[object] = []

    def send() -> None:
        try:
            with api(victim.url, cluster.token) as client:
                url = f"{API}/building/{building}/files/{file_id}/elements/batch"
                answer.append(client.post(url, json=elements).status_code)
        except httpx.TransportError as error:
            answer.append(error)

    sender = threading.Thread(target=send)
    sender.start()
    writing = _wait_for_writing_transaction(cluster, "matbank-victim", timeout=30)
    kill_hard(victim.process)
    killed_at = time.monotonic()
    sender.join(timeout=30)
    _wait_for_backends_gone(cluster, "matbank-victim")
    if answer and answer[0] == 200:
        return "acknowledged", elements, killed_at
    assert isinstance(answer[0], httpx.TransportError), answer
    return ("killed in transaction" if writing else "killed outside"), elements, killed_at


def _wait_for_writing_transaction(cluster: Cluster, application: str, timeout: float) -> bool:
    """Poll until a backend of ``application`` holds a transaction id (it has written) and
    works on elements: the batch's transaction is open and has begun storing."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cluster.scalar(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = :a "
            "AND backend_xid IS NOT NULL AND query ILIKE '%elements%'", a=application):
            return True
        time.sleep(0.002)
    return False


def _wait_for_backends_gone(cluster: Cluster, application: str) -> None:
    """PostgreSQL rolls back a dead client's transaction when it notices the closed socket."""
    deadline = time.monotonic() + 10
    while cluster.scalar(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = :a", a=application
    ):
        assert time.monotonic() < deadline, "the killed server's connections stayed open"
        time.sleep(0.05)


def _retry_on(server: Server, cluster: Cluster, file_id: str, elements: list[dict],
              killed_at: float) -> float:
    """What a client does after a dropped connection: send the same batch again (upserts by
    element id, so a retry is safe) to another server. Returns the seconds since the kill."""
    [(building,)] = cluster.rows(
        "SELECT CAST(building_id AS text) FROM building_files WHERE CAST(id AS text) = :f",
        f=file_id)
    with api(server.url, cluster.token) as client:
        url = f"{API}/building/{building}/files/{file_id}/elements/batch"
        assert client.post(url, json=elements).raise_for_status().json()["failures"] == []
    seconds = time.monotonic() - killed_at
    assert _stored(cluster, file_id, elements[0]["id"].split("-")[0] + "-") == BATCH
    return seconds


# --- a worker killed during an IFC import ---------------------------------------------------


def big_ifc(path: Path, count: int) -> Path:
    """An IFC model with ``count`` walls of one material (no geometry, quick to write)."""
    model = ModelBuilder()
    walls = [
        model.file.create_entity("IfcWall", GlobalId=ifcopenshell.guid.new(), Name=f"Wall {n}")
        for n in range(count)
    ]
    model.run("spatial.assign_container", products=walls, relating_structure=model.storey)
    model.assign_material(walls, "IfcMaterial", model.material("Concrete"))
    return model.write(path)


def test_a_worker_killed_mid_import_completes_the_job_once(cluster: Cluster, tmp_path: Path):
    content = big_ifc(tmp_path / "big.ifc", IFC_ELEMENTS).read_bytes()
    with api(cluster.start_server().url, cluster.token) as client:
        building = new_building(client)
        file_id = new_source(client, building, importing=False)
        url = f"{API}/building/{building}/files/{file_id}"
        client.post(f"{url}/upload/big.ifc", content=content,
                    headers={"content-type": "application/octet-stream"}).raise_for_status()
        victim = cluster.start_worker(concurrency=1)
        _wait_until_part_imported(cluster, file_id)
        kill_hard(victim)
        job = _import_job(cluster, file_id)
        assert job[1:] == ("running", 1), job
        # The dead worker's lease (300 s for imports) is what a survivor waits for; the test
        # lets it run out now instead of waiting five minutes.
        assert cluster.execute("UPDATE jobs SET lease_expires_at = now() - interval '1 second' "
                               "WHERE id = :j", j=job[0]) == 1
        started = time.monotonic()
        cluster.start_worker(concurrency=1)
        _wait_for(lambda: _import_job(cluster, file_id)[1] == "succeeded", 45, cluster)
        recovery = time.monotonic() - started
        status = client.get(f"{url}/status").raise_for_status().json()
    rows = cluster.rows("SELECT count(*), count(DISTINCT element_id) FROM elements "
                        "WHERE file_id = :f AND parent_element_id IS NULL", f=file_id)
    print(f"\nkill -9 of a worker during a {IFC_ELEMENTS}-element IFC import: after the lease "
          f"ran out a new worker finished the import in {recovery:.1f} s; elements stored "
          f"{rows[0][0]} ({rows[0][1]} distinct), attempts {_import_job(cluster, file_id)[2]}")
    assert rows == [(IFC_ELEMENTS, IFC_ELEMENTS)]
    assert status["elementCount"] == IFC_ELEMENTS
    assert _import_job(cluster, file_id)[1:] == ("succeeded", 2)
    assert cluster.scalar("SELECT count(*) FROM jobs WHERE kind = 'files.import'") == 1


def _import_job(cluster: Cluster, file_id: str) -> tuple:
    [job] = cluster.rows("SELECT id, status, attempts FROM jobs WHERE kind = 'files.import' "
                         "AND payload->>'file_id' = :f", f=file_id)
    return job


def _wait_until_part_imported(cluster: Cluster, file_id: str) -> None:
    def some_stored() -> bool:
        done = cluster.scalar("SELECT element_processed_count FROM building_files "
                              "WHERE CAST(id AS text) = :f AND status = 'Importing'", f=file_id)
        return bool(done) and done < IFC_ELEMENTS  # type: ignore[operator]

    _wait_for(some_stored, 40, cluster, poll=0.02)


def _wait_for(condition, timeout: float, cluster: Cluster, poll: float = 0.2) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, cluster.logs()
        time.sleep(poll)


# --- the database unreachable ---------------------------------------------------------------


def test_requests_get_503_while_the_database_is_away_and_recover_alone(cluster: Cluster):
    assert POSTGRES_URL is not None
    target = make_url(normalise_database_url(POSTGRES_URL))
    proxy = TcpProxy(target.host or "127.0.0.1", target.port or 5432).start()
    try:
        proxied = target.set(host="127.0.0.1", port=proxy.port).render_as_string(False)
        through_proxy = with_search_path(proxied, cluster.database_url.split("search_path%3D")[1])
        server = cluster.start_server(database_url=through_proxy)
        cluster.start_worker(concurrency=1, database_url=through_proxy)
        with api(server.url, cluster.token, timeout=20) as client:
            types = client.get(f"{API}/account/foldertypes").raise_for_status().json()
            folder = {"name": "after the outage", "parentId": ZERO, "foldertypeId": next(
                t["id"] for t in types if t["name"]["en"] == "Portfolio")}
            proxy.cut()
            outage = _during_outage(client, folder, seconds=OUTAGE_SECONDS)
            proxy.restore()
            recovery = _until_ok(client)
            worker_recovery = _refined_after(client, time.monotonic() - recovery)
    finally:
        proxy.close()
    print(f"\ndatabase unreachable for {OUTAGE_SECONDS} s: {outage['requests']} requests "
          f"answered 503 in at most {outage['slowest']:.2f} s each; first 200 {recovery:.2f} s "
          f"after the database came back; a file refined by the worker "
          f"{worker_recovery:.1f} s after it came back")
    assert outage["statuses"] == {503}, outage
    assert recovery < 10


def _refined_after(client: httpx.Client, restored: float) -> float:
    """The whole flow works again, the worker included: a file is written and refined.
    Returns the seconds from the database's return until the file was Mapped."""
    building = new_building(client)
    file_id = new_source(client, building)
    url = f"{API}/building/{building}/files/{file_id}"
    element = {"id": "wall", "materialName": "Concrete", "volume": 2.0}
    client.post(f"{url}/elements/batch", json=[element]).raise_for_status()
    client.post(f"{url}/startrefinement").raise_for_status()
    deadline = time.monotonic() + 30
    while (status := client.get(f"{url}/status").json()["status"]) != "Mapped":
        assert status != "RefineFailed" and time.monotonic() < deadline, status
        time.sleep(0.1)
    return time.monotonic() - restored


def _during_outage(client: httpx.Client, folder: dict, seconds: float) -> dict:
    """Reads and writes while the database is away: each must answer, with a problem."""
    statuses, slowest, count = set(), 0.0, 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for method, path in (("GET", "/account"), ("POST", "/folder")):
            started = time.monotonic()
            response = client.request(method, API + path, json=folder)
            slowest = max(slowest, time.monotonic() - started)
            count += 1
            statuses.add(response.status_code)
            if response.status_code == 503:
                problem = response.json()  # ProblemDetails, served as application/json
                assert (problem["status"], problem["code"]) == (503, "database_unavailable")
                assert response.headers.get("retry-after")
        time.sleep(0.1)
    return {"statuses": statuses, "slowest": slowest, "requests": count}


def _until_ok(client: httpx.Client) -> float:
    started = time.monotonic()
    while client.get(f"{API}/account").status_code != 200:
        assert time.monotonic() - started < 30, "the service did not recover by itself"
        time.sleep(0.05)
    return time.monotonic() - started
