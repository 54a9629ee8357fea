"""A mixed read/write workload of many concurrent API clients, remembering every write the
service acknowledged (2xx) so that it can be checked against the database afterwards."""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from dataclasses import dataclass, field

import httpx
from tests.reliability.cluster import percentile

API = "/api/v3.0"
ZERO = "00000000-0000-0000-0000-000000000000"
BATCH_SIZE = 25


@dataclass
class Tally:
    """What the clients saw: latencies, statuses and the acknowledged writes."""

    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    transport_errors: Counter[str] = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)
    folders: set[str] = field(default_factory=set)
    buildings: set[str] = field(default_factory=set)
    files: set[str] = field(default_factory=set)
    # (file id, element id) -> volume of the last acknowledged write of that element
    elements: dict[tuple[str, str], float] = field(default_factory=dict)

    async def call(
        self, client: httpx.AsyncClient, method: str, url: str, **kwargs: object
    ) -> httpx.Response | None:
        started = time.perf_counter()
        try:
            response = await client.request(method, url, **kwargs)  # type: ignore[arg-type]
        except httpx.TransportError as error:
            self.transport_errors[type(error).__name__] += 1
            return None
        self.latencies.append(time.perf_counter() - started)
        self.statuses[response.status_code] += 1
        if response.status_code >= 500:
            self.server_errors.append(f"{method} {url}: {response.status_code} {response.text}")
        return response

    @property
    def served(self) -> int:
        return sum(self.statuses.values())

    @property
    def errors(self) -> dict[str, int]:
        failed = {str(s): n for s, n in self.statuses.items() if s >= 400}
        return failed | dict(self.transport_errors)

    def figures(self, seconds: float) -> str:
        p50 = percentile(self.latencies, 0.50) * 1000
        p99 = percentile(self.latencies, 0.99) * 1000
        return (
            f"requests served: {self.served} in {seconds:.1f} s ({self.served / seconds:.0f}/s); "
            f"errors: {self.errors or 'none'}; latency p50 {p50:.0f} ms, p99 {p99:.0f} ms"
        )


class LoadClient:
    """One API user: its own portfolio and buildings, source files fed in batches, then
    refined by the workers; reads and status polls in between."""

    def __init__(self, number: int, client: httpx.AsyncClient, tally: Tally, folder_type: str):
        self.number, self.client, self.tally = number, client, tally
        self.folder_type = folder_type
        self.random = random.Random(number)
        self.folder: str | None = None
        self.building: str | None = None
        self.file: str | None = None
        self.batches = 0
        self.written = 0

    async def run(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            if self.folder is None:
                await self.new_folder()
            elif self.building is None:
                await self.new_building()
            elif self.file is None:
                await self.new_file()
            else:
                await self.random_step()

    async def random_step(self) -> None:
        steps = [self.batch, self.read, self.status, self.refine, self.new_building]
        step = self.random.choices(steps, weights=[4, 4, 2, 1 if self.batches >= 2 else 0, 0.3])
        await step[0]()

    async def post(self, url: str, body: object) -> dict | None:
        response = await self.tally.call(self.client, "POST", url, json=body)
        if response is None or not response.is_success:
            return None
        return response.json() if response.content else {}

    async def new_folder(self) -> None:
        body = {"name": f"Load {self.number}", "parentId": ZERO,
                "foldertypeId": self.folder_type, "externalId": f"load-{self.number}"}
        created = await self.post(f"{API}/folder", body)
        if created is not None:
            self.folder = created["id"]
            self.tally.folders.add(created["id"])

    async def new_building(self) -> None:
        body = {"folderId": self.folder, "name": f"Load building {self.number}", "phase": "New",
                "completionDate": "2025-06-30T00:00:00Z", "buildingUsage": "offices-small",
                "grossSurfaceArea": 500.0, "materialClassificationTypeId": "madaster"}
        created = await self.post(f"{API}/building", body)
        if created is not None:
            self.building, self.file = created["id"], None
            self.tally.buildings.add(created["id"])

    async def new_file(self) -> None:
        files = f"{API}/building/{self.building}/files"
        body = {"name": "load", "type": "Source", "preferredDatabaseIds": [ZERO]}
        created = await self.post(files, body)
        if created is None:
            return
        if await self.post(f"{files}/{created['id']}/setimporting", None) is not None:
            self.file, self.batches = created["id"], 0
            self.tally.files.add(created["id"])

    async def batch(self) -> None:
        """25 elements, some new and some rewriting earlier ones of this file."""
        start = self.random.randrange(0, max(1, self.written))
        ids = [f"c{self.number}-e{n}" for n in range(start, start + BATCH_SIZE)]
        elements = [self._element(i) for i in ids]
        url = f"{API}/building/{self.building}/files/{self.file}/elements/batch"
        result = await self.post(url, elements)
        if result is None:
            return
        assert result.get("failures") == [], result
        for element in elements:
            self.tally.elements[(str(self.file), element["id"])] = element["volume"]
        self.written = max(self.written, start + BATCH_SIZE)
        self.batches += 1

    def _element(self, element_id: str) -> dict:
        volume = round(self.random.uniform(0.1, 50.0), 3)
        material = self.random.choice(["Concrete", "Masonry - Brick", "Steel", "Timber"])
        return {"id": element_id, "name": element_id, "materialName": material, "volume": volume}

    async def read(self) -> None:
        url = self.random.choice([
            f"{API}/building/{self.building}",
            f"{API}/folder/{self.folder}",
            f"{API}/building/{self.building}/files/{self.file}/elements?$top=50",
            f"{API}/account",
        ])
        await self.tally.call(self.client, "GET", url)

    async def status(self) -> None:
        url = f"{API}/building/{self.building}/files/{self.file}/status"
        await self.tally.call(self.client, "GET", url)

    async def refine(self) -> None:
        url = f"{API}/building/{self.building}/files/{self.file}/startrefinement"
        if await self.post(url, None) is not None:
            self.file = None


async def run_load(servers: list[str], token: str, clients: int, seconds: float) -> Tally:
    """``clients`` users spread over ``servers`` for ``seconds``."""
    tally = Tally()
    headers = {"X-API-Key": token}
    # Idle connections are dropped by the client before the server's keep-alive timeout
    # (uvicorn: 5 s), so a request never races the server closing its connection.
    limits = httpx.Limits(max_connections=clients, keepalive_expiry=2.0)
    sessions = [
        httpx.AsyncClient(base_url=url, headers=headers, timeout=60, limits=limits)
        for url in servers
    ]
    try:
        types = (await sessions[0].get(f"{API}/account/foldertypes")).raise_for_status().json()
        portfolio = next(t["id"] for t in types if t["name"]["en"] == "Portfolio")
        deadline = time.monotonic() + seconds
        users = [
            LoadClient(n, sessions[n % len(sessions)], tally, portfolio) for n in range(clients)
        ]
        await asyncio.gather(*(user.run(deadline) for user in users))
    finally:
        for session in sessions:
            await session.aclose()
    return tally
