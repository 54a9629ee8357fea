"""The Madaster API building flow against matbank, with nothing but httpx.

    MATBANK_URL=http://127.0.0.1:8000 MATBANK_TOKEN=<32 hex> python examples/building_flow.py

Creates (or reuses, by external id) a portfolio and a building, feeds a source file with
elements through the API, waits until matching has mapped them, activates the file and
waits until the building is recalculated; then prints what was linked.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

import httpx

BASE = os.environ.get("MATBANK_URL", "http://127.0.0.1:8000").rstrip("/") + "/api/v3.0"
TOKEN = os.environ.get("MATBANK_TOKEN", "")
ZERO = "00000000-0000-0000-0000-000000000000"
ELEMENTS = [
    {"id": "wall-1", "name": "Outer wall", "materialName": "Masonry - Brick", "volume": 12.5,
     "classificationLookup": "21.12", "typeName": "Basic Wall", "elementClass": "ifcwall"},
    {"id": "slab-1", "name": "Floor slab", "materialName": "Concrete - Cast In Situ",
     "volume": 30.0, "classificationLookup": "23.12", "elementClass": "ifcslab"},
    {"id": "beam-1", "name": "Beam", "materialName": "Stahl", "volume": 0.4,
     "classificationLookup": "28.1", "elementClass": "ifcbeam"},
    {"id": "door-1", "name": "Door", "materialName": "Something unknown", "volume": 0.1},
]


def get_or_create(client: httpx.Client, kind: str, external_id: str, body: dict) -> dict:
    found = client.get(f"{BASE}/{kind}/external/{external_id}")
    if found.status_code == 200:
        return found.json()
    if found.status_code != 404:
        found.raise_for_status()
    created = client.post(f"{BASE}/{kind}", json=body | {"externalId": external_id})
    created.raise_for_status()
    return created.json()


def wait_for(client: httpx.Client, url: str, done: Callable[[dict], bool], what: str,
             timeout: float = 120.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        body = client.get(url).raise_for_status().json()
        if done(body):
            return body
        if time.monotonic() > deadline:
            sys.exit(f"gave up waiting for {what}: {body}")
        time.sleep(0.5)


def main() -> None:
    if not TOKEN:
        sys.exit("set MATBANK_TOKEN to an API token (make run prints one)")
    with httpx.Client(headers={"X-API-Key": TOKEN}, timeout=30) as client:
        account = client.get(f"{BASE}/account").raise_for_status().json()
        print(f"account: {account['name']}")
        types = client.get(f"{BASE}/account/foldertypes").raise_for_status().json()
        portfolio_type = next(t for t in types if t["name"]["en"] == "Portfolio")
        folder = get_or_create(client, "folder", "example-portfolio", {
            "name": "Example portfolio", "parentId": ZERO, "foldertypeId": portfolio_type["id"]})
        building = get_or_create(client, "building", "example-building", {
            "folderId": folder["id"], "name": "Example office", "phase": "New",
            "completionDate": "2025-06-30T00:00:00Z", "buildingUsage": "offices-small",
            "grossSurfaceArea": 850.0, "materialClassificationTypeId": "madaster"})
        files = f"{BASE}/building/{building['id']}/files"
        source = client.post(files, json={"name": "api-elements", "type": "Source",
                                          "preferredDatabaseIds": [ZERO]}).raise_for_status()
        file_url = f"{files}/{source.json()['id']}"
        client.post(f"{file_url}/setimporting").raise_for_status()
        batch = client.post(f"{file_url}/elements/batch", json=ELEMENTS).raise_for_status()
        print(f"elements stored, failures: {batch.json()['failures']}")
        client.post(f"{file_url}/startrefinement").raise_for_status()
        status = wait_for(client, f"{file_url}/status",
                          lambda s: s["status"] in ("Mapped", "RefineFailed"), "refinement")
        print(f"file status: {status['status']} ({status['elementProcessedCount']}/"
              f"{status['elementCount']} elements)")
        client.post(f"{file_url}/active", json=True).raise_for_status()
        wait_for(client, f"{BASE}/building/{building['id']}", lambda b: not b["isDirty"],
                 "building processing")
        for element in client.get(f"{file_url}/elements").raise_for_status().json():
            linked = "linked" if "mapping" in element else "unlinked"
            print(f"  {element['id']:8} {element.get('materialName', ''):28} {linked}")
        print("building recalculated: isDirty is false")


if __name__ == "__main__":
    main()
