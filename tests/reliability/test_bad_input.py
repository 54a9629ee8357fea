"""Bad input: generated (schemathesis, from matbank's own OpenAPI documents) and hand-made
hostile requests to every JSON operation, then broken IFC and Excel files through the
importers. Nothing answers 5xx, no process dies, and a rejected request changes nothing
stored (every table is fingerprinted before and after it)."""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections import Counter
from dataclasses import dataclass, field

import httpx
import pytest
import requests
import schemathesis
from conformance.fixtures import Fixtures, create_fixtures
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from tests.reliability.cluster import Cluster, Server
from tests.reliability.hostile import hostile_bodies
from tests.reliability.load import ZERO
from tests.reliability.snapshot import Snapshot

pytestmark = pytest.mark.postgres
EXAMPLES = int(os.environ.get("MATBANK_FUZZ_EXAMPLES", "2"))
BINARY = "application/octet-stream"
NON_FINITE = re.compile(r"=(NaN|-?Infinity|1e400)$")  # no stored number may be one of these


@dataclass
class Verdicts:
    """Statuses seen, and every request that broke a rule."""

    statuses: Counter[int] = field(default_factory=Counter)
    broken: list[str] = field(default_factory=list)

    def record(self, what: str, status: int, changed: list[str]) -> None:
        self.statuses[status] += 1
        if status >= 500:
            self.broken.append(f"{what}: {status}")
        elif status >= 400 and changed:
            self.broken.append(f"{what}: rejected with {status} but changed {changed}")

    @property
    def rejected(self) -> int:
        return sum(n for s, n in self.statuses.items() if s >= 400)


def test_fuzzed_and_hostile_json_never_fails_and_rejections_change_nothing(cluster: Cluster):
    server = cluster.start_server()
    fixtures = create_fixtures(server.url, cluster.token)
    snapshot, verdicts = Snapshot(cluster), Verdicts()
    started = time.monotonic()
    operations = 0
    for version in ("v3.0", "v4.0"):
        operations += fuzz_version(server, cluster.token, version, fixtures, snapshot, verdicts)
    generated = verdicts.statuses.total()
    send_hostile_bodies(server, cluster.token, fixtures, snapshot, verdicts)
    assert server.process.poll() is None, "the server died"
    statuses = dict(sorted(verdicts.statuses.items()))
    print(f"\nbad JSON input: {operations} operations, {generated} generated and "
          f"{verdicts.statuses.total() - generated} hand-made requests in "
          f"{time.monotonic() - started:.0f} s; statuses {statuses}; "
          f"{verdicts.rejected} rejected, each leaving every table unchanged; "
          f"rule breaks: {len(verdicts.broken)} ({snapshot.seconds:.0f} s fingerprinting)")
    assert not verdicts.broken, "\n".join(verdicts.broken[:20]) + cluster.logs()


def fuzz_version(server: Server, token: str, version: str, fixtures: Fixtures,
                 snapshot: Snapshot, verdicts: Verdicts) -> int:
    """Positive and negative cases for every operation but deletions and raw uploads."""
    schema = schemathesis.openapi.from_url(f"{server.url}/api/{version}/swagger.json")
    session = requests.Session()
    count = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() == "DELETE" or _takes_binary(operation):
            continue
        count += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(
                mode, path_parameters=_path_ids(operation.path, fixtures))
            _run_cases(strategy, server.url, token, session, snapshot, verdicts)
    session.close()
    return count


def _takes_binary(operation) -> bool:  # noqa: ANN001
    body = operation.definition.raw.get("requestBody", {}).get("content", {})
    return BINARY in body or "multipart/form-data" in body


def _path_ids(path: str, f: Fixtures) -> dict[str, str]:
    """Real ids, so that generated requests reach the code behind the 404 checks."""
    ids = {"buildingId": f.building_id, "fileId": f.file_id, "folderId": f.folder_id,
           "databaseId": f.database_id, "matchId": f.match_id}
    if "/files/{id}" in path:
        ids["id"] = f.file_id
    elif "/elements/{id}" in path:
        ids["id"] = f.element_id
    elif path.startswith(("/api/v3.0/building", "/building")):
        ids["id"] = f.building_id
    elif "folder" in path:
        ids["id"] = f.folder_id
    elif "database" in path:
        ids["id"] = f.database_id
    elif "commodity" in path:
        ids["id"] = f.product_id
    names = {name.strip("{}") for name in path.split("/") if name.startswith("{")}
    return {k: v for k, v in ids.items() if k in names}


def _run_cases(strategy, base_url: str, auth: str, session: requests.Session,  # noqa: ANN001
               snapshot: Snapshot, verdicts: Verdicts) -> None:
    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def send(data: st.DataObject) -> None:
        case = data.draw(strategy)
        request = case.as_transport_kwargs(base_url=base_url)
        # Sent as generated, but always with the key (the cases test input, not auth).
        request["headers"] = {**request.get("headers", {}), "X-API-Key": auth}
        response = session.request(**request, timeout=30)
        # A read that succeeded changed nothing (else the next rejection would show it).
        read = case.method.upper() == "GET" and response.status_code < 400
        verdicts.record(f"{case.method} {case.formatted_path} {str(case.body)[:200]}",
                        response.status_code, [] if read else snapshot.changed())

    with contextlib.suppress(Unsatisfiable):  # no case of this mode exists (nothing to negate)
        send()


def send_hostile_bodies(server: Server, token: str, f: Fixtures, snapshot: Snapshot,
                        verdicts: Verdicts) -> None:
    element = {"id": "hostile", "materialName": "Concrete", "volume": 1.0}
    building = {"folderId": f.folder_id, "name": "Hostile", "phase": "New",
                "completionDate": "2025-01-01T00:00:00Z", "buildingUsage": "offices-small",
                "grossSurfaceArea": 10.0, "materialClassificationTypeId": "madaster"}
    product = {"commodityType": "Product", "databaseId": f.database_id, "externalId": "hostile",
               "names": {"en": "Hostile"}, "density": 10.0}
    elements = f"/api/v3.0/building/{f.building_id}/files/{f.file_id}/elements"
    targets = [
        ("POST", "/api/v3.0/building", building, "grossSurfaceArea", "name"),
        ("PUT", f"/api/v3.0/building/{f.building_id}", building, "grossSurfaceArea", "name"),
        ("POST", "/api/v3.0/folder", {"name": "H", "parentId": ZERO}, "parentId", "name"),
        ("POST", elements, element, "volume", "materialName"),
        ("POST", f"{elements}/batch", [element], "volume", "materialName"),
        ("PUT", f"{elements}/{f.element_id}", element | {"id": f.element_id}, "volume", "name"),
        ("POST", "/api/v4.0/commodity", product, "density", "externalId"),
        ("PUT", "/api/v4.0/commodity", product | {"id": f.product_id}, "weight", "productCode"),
    ]
    headers = {"X-API-Key": token}
    with httpx.Client(base_url=server.url, headers=headers, timeout=30) as client:
        for method, path, valid, number, text in targets:
            for label, raw, media in hostile_bodies(valid, number, text):
                response = client.request(method, path, content=raw,
                                          headers={"content-type": media})
                verdicts.record(f"{method} {path} ({label})", response.status_code,
                                snapshot.changed())
                if NON_FINITE.search(label) and response.is_success:
                    verdicts.broken.append(f"{method} {path} ({label}): accepted")
