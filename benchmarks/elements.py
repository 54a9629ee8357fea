"""Batch-upsert throughput of elements over HTTP against a raw executemany upsert, same run.

One matbank server process (SQLite under a temporary folder) receives batches of 500
elements through `POST .../elements/batch`; the baseline upserts the same rows into the
same `elements` table with one `executemany` per batch on a plain DB-API connection.
The two sides take turns ``--repeat`` times (each run into a fresh file) and each side's
best run counts, so that load from other processes, which comes and goes, does not decide
the ratio.
Target: HTTP / raw >= 0.25.

    .venv/bin/python benchmarks/elements.py [--elements 20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import UNTHROTTLED, free_port, seeded_database, start_server  # noqa: E402

BATCH = 500


def element(i: int) -> dict[str, object]:
    return {"id": f"el-{i}", "name": f"Wall {i}", "materialName": "Concrete C30/37",
            "typeName": "Basic Wall", "elementClass": "ifcwall", "volume": 1.0 + i % 7,
            "area": 4.0, "length": 2.0, "classificationLookup": "21.12", "floor": "00",
            "phaseLookup": "New"}


def http_upsert(base: str, token: str, building_id: str, count: int) -> float:
    headers = {"X-API-Key": token}
    with httpx.Client(base_url=base, headers=headers, timeout=60) as client:
        created = client.post(f"/api/v3.0/building/{building_id}/files", json={
            "name": "bench", "type": "Source", "preferredDatabaseIds": []}).json()
        url = f"/api/v3.0/building/{building_id}/files/{created['id']}"
        client.post(f"{url}/setimporting").raise_for_status()
        started = time.perf_counter()
        for start in range(0, count, BATCH):
            body = [element(i) for i in range(start, min(start + BATCH, count))]
            response = client.post(f"{url}/elements/batch", json=body)
            response.raise_for_status()
            assert response.json()["failures"] == []
        return count / (time.perf_counter() - started)


def raw_upsert(path: str, building_id: str, count: int) -> float:
    connection = sqlite3.connect(path)
    file_id = uuid.uuid4().hex
    connection.execute(
        "INSERT INTO building_files (id, account_id, building_id, name, file_type, status,"
        " is_active, is_dirty, preferred_database_ids, file_size, element_count,"
        " element_processed_count, created_at, last_modified_date)"
        " SELECT ?, account_id, id, 'raw', 'Source', 'Importing', 0, 0, '[]', 0, 0, 0,"
        " datetime('now'), datetime('now') FROM buildings WHERE id = ?",
        (file_id, uuid.UUID(building_id).hex))
    connection.commit()
    sql = ("INSERT INTO elements (file_id, element_id, position, name, material_name, type_name,"
           " element_class, volume, area, length, classification_lookup, floor, phase_lookup,"
           " connection_type, connection_type_detail, intersection, accessibility,"
           " product_edge) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,'Unknown','Unknown','Unknown',"
           "'Unknown','Unknown') ON CONFLICT (file_id, element_id) DO UPDATE SET"
           " name=excluded.name, material_name=excluded.material_name,"
           " volume=excluded.volume, area=excluded.area, length=excluded.length")
    started = time.perf_counter()
    for start in range(0, count, BATCH):
        rows = []
        for i in range(start, min(start + BATCH, count)):
            e = element(i)
            rows.append((file_id, e["id"], i, e["name"], e["materialName"], e["typeName"],
                         e["elementClass"], e["volume"], e["area"], e["length"],
                         e["classificationLookup"], e["floor"], e["phaseLookup"]))
        connection.executemany(sql, rows)
        connection.commit()
    elapsed = time.perf_counter() - started
    connection.close()
    return count / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--elements", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = f"{tmp}/bench.db"
        seeded = seeded_database(f"sqlite:///{path}", level="Administrator")
        port = free_port()
        env = {**os.environ, "MATBANK_DATABASE_URL": f"sqlite:///{path}",
               "MATBANK_STORAGE_URL": f"file://{tmp}/storage", **UNTHROTTLED}
        server = start_server("matbank_app", port, env)
        http_runs, raw_runs = [], []
        try:
            for _ in range(args.repeat):  # the baseline first: it meets the smaller table
                raw_runs.append(raw_upsert(path, seeded["building_id"], args.elements))
                http_runs.append(http_upsert(f"http://127.0.0.1:{port}", seeded["token"],
                                             seeded["building_id"], args.elements))
        finally:
            server.terminate()
            server.wait(timeout=10)
        http, raw = max(http_runs), max(raw_runs)
    print(f"HTTP batch upsert (500/call) : {http:10.0f} elements/s")
    print(f"raw executemany upsert       : {raw:10.0f} elements/s")
    print(f"ratio HTTP / raw             : {http / raw:10.2f}  (target >= 0.25)")


if __name__ == "__main__":
    main()
