"""Limits that protect the service: rate limits, time budgets, body, upload and page sizes."""

from __future__ import annotations

import asyncio
import time
import uuid

import pytest
from fastapi.testclient import TestClient
from tests.factories import ZERO, world

from matbank.app import create_app
from matbank.auth.dependencies import SessionDep
from matbank.folders.models import Folder
from matbank.limits import TokenBuckets

API = "/api/v3.0"


@pytest.fixture
def w(session):
    return world(session)


def app_with(settings, session_factory, **limits):
    return create_app(settings.model_copy(update=limits), session_factory=session_factory)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_token_bucket_allows_a_burst_then_paces_and_refills():
    clock = Clock()
    buckets = TokenBuckets(per_minute=60, burst=3, clock=clock)
    assert [buckets.take(b"k") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert buckets.take(b"k") == pytest.approx(1.0)
    assert buckets.take(b"other") == 0.0, "each key has its own bucket"
    clock.now = 1.0
    assert buckets.take(b"k") == 0.0
    assert buckets.take(b"k") > 0


def test_429_with_retry_after_once_a_key_spends_its_burst(settings, session_factory, w):
    app = app_with(settings, session_factory, rate_limit_per_minute=6, rate_limit_burst=2)
    with TestClient(app) as client:
        codes = [client.get(f"{API}/account", headers=w.headers).status_code for _ in range(3)]
        refused = client.get(f"{API}/account", headers=w.headers)
        other_key = client.get(f"{API}/account", headers={"X-API-Key": "0" * 32})
    assert codes == [200, 200, 429]
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1
    problem = refused.json()
    assert problem["status"] == 429 and problem["code"] == "rate_limited"
    assert refused.headers["content-type"] == "application/json"
    assert other_key.status_code == 401, "another key is not slowed down by this one"


def test_rate_limit_zero_means_no_limit(settings, session_factory, w):
    app = app_with(settings, session_factory, rate_limit_per_minute=0, rate_limit_burst=1)
    with TestClient(app) as client:
        codes = {client.get(f"{API}/account", headers=w.headers).status_code for _ in range(5)}
    assert codes == {200}


def _slow_routes(app):
    @app.get("/api/v3.0/slow-async", include_in_schema=False)
    async def slow_async() -> dict[str, str]:
        await asyncio.sleep(5)
        return {"late": "yes"}

    @app.get("/api/v3.0/slow-sync", include_in_schema=False)
    def slow_sync() -> dict[str, str]:
        time.sleep(1.5)
        return {"late": "yes"}


@pytest.mark.parametrize("route", ["slow-async", "slow-sync"])
def test_a_request_over_its_time_budget_gets_503_problem_details(settings, session_factory, route):
    app = app_with(settings, session_factory, request_timeout_seconds=0.3)
    _slow_routes(app)
    with TestClient(app) as client:
        started = time.monotonic()
        response = client.get(f"{API}/{route}")
        elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert response.json()["code"] == "request_timeout"
    assert response.headers["retry-after"]
    assert elapsed < 1.4, "the answer does not wait for the abandoned work"


def test_a_write_abandoned_at_its_time_budget_is_rolled_back(settings, session_factory, w):
    app = app_with(settings, session_factory, request_timeout_seconds=0.3)

    @app.post("/api/v3.0/slow-write", include_in_schema=False)
    def slow_write(session: SessionDep) -> dict[str, str]:
        folder = session.get(Folder, w.folder.id)
        folder.name = "changed by a timed-out request"
        session.flush()
        time.sleep(1.0)
        return {"done": "too late"}

    with TestClient(app) as client:
        assert client.post(f"{API}/slow-write").status_code == 503
        time.sleep(1.3)  # the abandoned endpoint finishes, then its transaction is undone
        folder = client.get(f"{API}/folder/{w.folder.id}", headers=w.headers).json()
    assert folder["name"] == "Portfolio 1"


def test_raw_upload_over_max_upload_bytes_is_413(settings, session_factory, w):
    app = app_with(settings, session_factory, max_upload_bytes=2048)
    with TestClient(app) as client:
        files = f"{API}/building/{w.building.id}/files"
        created = client.post(
            files,
            json={"name": "m.ifc", "type": "Source", "preferredDatabaseIds": [ZERO]},
            headers=w.headers,
        ).json()
        response = client.post(
            f"{files}/{created['id']}/upload/m.ifc",
            content=b"x" * 4096,
            headers={**w.headers, "content-type": "application/octet-stream"},
        )
        status = client.get(f"{files}/{created['id']}/status", headers=w.headers).json()
    assert response.status_code == 413, response.text
    assert response.json()["status"] == 413
    assert status["status"] == "Creating", "nothing was stored"


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/v4.0/database/{db}/commodities", {"take": 100_000}),
        ("/api/v3.0/building/{b}/files/{f}/elements", {"$top": 100_000}),
        ("/api/v3.0/audit", {"take": 100_000}),
    ],
)
def test_list_pages_have_a_hard_maximum(client, w, session, path, query):
    from matbank.databases.catalogue import GENERIC_DATABASE_ID

    files = f"{API}/building/{w.building.id}/files"
    created = client.post(
        files,
        json={"name": "e", "type": "Source", "preferredDatabaseIds": [ZERO]},
        headers=w.headers,
    ).json()
    url = path.format(db=GENERIC_DATABASE_ID, b=w.building.id, f=created.get("id", uuid.uuid4()))
    response = client.get(url, params=query, headers=w.headers)
    # Either refused outright (400) or capped; never 100 000 rows.
    assert response.status_code in (200, 400, 404), response.text
    if response.status_code == 200:
        assert len(response.json()) <= 5000
