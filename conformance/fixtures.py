"""Resources a property-based run can aim at: without real ids almost every generated
request stops at 404 and the interesting code never runs."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

ZERO = "00000000-0000-0000-0000-000000000000"
V3, V4 = "/api/v3.0", "/api/v4.0"


@dataclass(frozen=True)
class Fixtures:
    folder_id: str
    building_id: str
    file_id: str
    element_id: str
    database_id: str
    product_id: str
    material_id: str
    match_id: str


def _ok(response: httpx.Response) -> dict:
    response.raise_for_status()
    return response.json() if response.content else {}


def _building_side(client: httpx.Client) -> tuple[str, str, str]:
    types = _ok(client.get(f"{V3}/account/foldertypes"))
    portfolio = next(t["id"] for t in types if t["name"].get("en") == "Portfolio")
    folder = _ok(
        client.post(
            f"{V3}/folder",
            json={"name": "Fuzz portfolio", "parentId": ZERO, "foldertypeId": portfolio},
        )
    )
    building = _ok(
        client.post(
            f"{V3}/building",
            json={
                "folderId": folder["id"],
                "name": "Fuzz building",
                "phase": "New",
                "completionDate": "2025-01-01T00:00:00Z",
                "buildingUsage": "offices-small",
                "grossSurfaceArea": 100.0,
                "materialClassificationTypeId": "madaster",
                "externalId": "fuzz-building",
            },
        )
    )
    return folder["id"], building["id"], _source_file(client, building["id"])


def _source_file(client: httpx.Client, building_id: str) -> str:
    files = f"{V3}/building/{building_id}/files"
    created = _ok(
        client.post(files, json={"name": "fuzz", "type": "Source", "preferredDatabaseIds": [ZERO]})
    )
    client.post(f"{files}/{created['id']}/setimporting").raise_for_status()
    element = {"id": "fuzz-wall", "materialName": "Concrete", "volume": 1.0}
    client.post(f"{files}/{created['id']}/elements", json=element).raise_for_status()
    return created["id"]


def _commodity(client: httpx.Client, database_id: str, kind: str, external_id: str) -> str:
    body = {
        "commodityType": kind,
        "databaseId": database_id,
        "externalId": external_id,
        "names": {"en": f"Fuzz {kind.lower()}"},
    }
    return _ok(client.post(f"{V4}/commodity", json=body))["id"]


def _commodity_side(client: httpx.Client) -> tuple[str, str, str, str]:
    database = _ok(
        client.post(f"{V4}/database", json={"names": {"en": "Fuzz"}, "externalId": "fuzz-db"})
    )
    product = _commodity(client, database["id"], "Product", "fuzz-product")
    material = _commodity(client, database["id"], "Material", "fuzz-material")
    match = _ok(
        client.post(
            f"{V4}/commodity/{product}/matches", json={"value": "fuzz", "matchType": "Contains"}
        )
    )
    return database["id"], product, material, match["id"]


def create_fixtures(base_url: str, token: str) -> Fixtures:
    with httpx.Client(base_url=base_url, headers={"X-API-Key": token}, timeout=30) as client:
        folder, building, file_id = _building_side(client)
        database, product, material, match = _commodity_side(client)
    return Fixtures(folder, building, file_id, "fuzz-wall", database, product, material, match)


def parameter_overrides(f: Fixtures) -> list[tuple[str, dict[str, str]]]:
    """(path regex, fixed path parameters) for every operation but deletions, which keep
    their random ids so that the resources stay for the other operations."""
    files = "^/api/v3.0/building/\\{buildingId\\}/files"
    return [
        ("^/api/v3.0/building/\\{id\\}", {"path.id": f.building_id}),
        (f"{files}/\\{{id\\}}", {"path.buildingId": f.building_id, "path.id": f.file_id}),
        (f"{files}$|{files}/restartrefinement", {"path.buildingId": f.building_id}),
        (
            f"{files}/\\{{fileId\\}}/elements",
            {"path.buildingId": f.building_id, "path.fileId": f.file_id, "path.id": f.element_id},
        ),
        ("^/api/v3.0/folder/\\{id\\}", {"path.id": f.folder_id}),
        ("^/api/v3.0/building/external/", {"path.externalId": "fuzz-building"}),
        ("^/api/v4.0/database/\\{id\\}", {"path.id": f.database_id}),
        ("^/api/v4.0/database/external/", {"path.externalId": "fuzz-db"}),
        (
            "^/api/v4.0/commodity/\\{id\\}/matches/\\{matchId\\}",
            {"path.id": f.product_id, "path.matchId": f.match_id},
        ),
        ("^/api/v4.0/commodity/\\{id\\}(?!/matches/\\{)", {"path.id": f.product_id}),
        (
            "^/api/v4.0/commodity/\\{databaseId\\}/external/",
            {"path.databaseId": f.database_id, "path.externalId": "fuzz-product"},
        ),
    ]
