"""Import time of the EPEA workbook and the ÖKOBAUDAT export against merely reading the same
file (openpyxl / csv), in the same run; and the latency of paging 10,000 commodities with
``take=1000`` through the API. Target: import / read <= 3.

    .venv/bin/python benchmarks/db_import.py [--repeat 3] [--postgres URL]

Times are the best of ``--repeat`` runs, as wall-clock and as CPU time. The read baseline
decodes the file and splits every row into its cells (what any importer must do first).
Each import goes into a fresh database on a freshly migrated SQLite file (or the PostgreSQL
URL given), inside one transaction committed at the end, as ``matbank db import`` does.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook

from matbank.config import normalise_database_url
from matbank.databases.imports import import_file, new_database
from matbank.db import build_engine, build_sessionmaker, session_scope
from matbank.migrate import upgrade

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
EPEA = SHARED / "madaster" / "EPEA_Generic_en.xlsx"
OBD = SHARED / "materials" / "OBD_2020_II.csv"


def read_workbook() -> int:
    book = load_workbook(EPEA, read_only=True, data_only=True)
    rows = sum(1 for _ in book["Products"].iter_rows(values_only=True))
    book.close()
    return rows


def read_csv() -> int:
    with OBD.open(encoding="cp1252", newline="") as fh:
        return sum(1 for _ in csv.reader(fh, delimiter=";"))


def best(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The best wall-clock time and the best CPU time (this process, all threads) of
    ``repeat`` runs. CPU time leaves out waiting for the disk and for the other processes of
    a busy machine; wall-clock time includes both."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return min(walls), min(cpus)


def setup(url: str):  # noqa: ANN201 - a sessionmaker
    upgrade(url)
    sessions = build_sessionmaker(build_engine(url))
    with session_scope(sessions) as session:
        from matbank.accounts.schemas import AccountType
        from matbank.accounts.service import create_account

        create_account(session, "Benchmark", AccountType.GENERAL)
    return sessions


def import_once(sessions, path: Path) -> None:  # noqa: ANN001
    with session_scope(sessions) as session:
        database = new_database(session, f"bench {uuid.uuid4().hex[:6]}", None)
        report = import_file(session, database.id, path)
        assert report.created > 0


def paging(sessions, count: int = 10_000, take: int = 1000) -> tuple[float, float]:  # noqa: ANN001
    """Median and worst latency of GET /database/{id}/commodities pages over ``count`` rows."""
    from fastapi.testclient import TestClient

    from matbank.app import create_app
    from matbank.auth.permissions import Lifespan, PermissionLevel, ScopeKind
    from matbank.auth.service import issue_token
    from matbank.commodities.models import Commodity
    from matbank.config import Settings

    with session_scope(sessions) as session:
        database = new_database(session, "paging", None)
        session.execute(
            Commodity.__table__.insert(),
            [
                {
                    "id": uuid.uuid4(),
                    "database_id": database.id,
                    "commodity_type": "Material",
                    "names": {"en": f"M{i}"},
                    "descriptions": {},
                    "is_active": True,
                    "functional_unit": "Volume",
                    "external_id": f"M{i}",
                    "do_not_use_bill_of_materials": False,
                    "calculate_environment_values_from_bill_of_materials": False,
                    "created_at": time_now(),
                    "updated_at": time_now(),
                }
                for i in range(count)
            ],
        )
        key = issue_token(
            session,
            account_id=database.account_id,
            scope_kind=ScopeKind.ACCOUNT,
            scope_id=database.account_id,
            permission=PermissionLevel.READER,
            lifespan=Lifespan.ONE_YEAR,
            name="bench",
        ).secret
        database_id = database.id
    app = create_app(Settings(environment="test", token_cache_seconds=60), session_factory=sessions)
    latencies = []
    with TestClient(app) as client:
        for _ in range(2):
            latencies.clear()
            for skip in range(0, count, take):
                started = time.perf_counter()
                page = client.get(
                    f"/api/v4.0/database/{database_id}/commodities",
                    params={"skip": skip, "take": take},
                    headers={"X-API-Key": key},
                )
                latencies.append(time.perf_counter() - started)
                assert page.status_code == 200 and len(page.json()) == take
    return statistics.median(latencies), max(latencies)


def time_now():  # noqa: ANN201
    from matbank.db import utcnow

    return utcnow()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--postgres", help="benchmark against this PostgreSQL URL instead")
    args = parser.parse_args()
    if not EPEA.exists() or not OBD.exists():
        raise SystemExit(f"test data not found under {SHARED}")
    with tempfile.TemporaryDirectory() as folder:
        url = (
            normalise_database_url(args.postgres)
            if args.postgres
            else f"sqlite:///{folder}/bench.db"
        )
        sessions = setup(url)
        print(f"backend: {url.split(':', 1)[0]}")
        for label, path, reader in (
            ("EPEA workbook", EPEA, read_workbook),
            ("ÖKOBAUDAT CSV", OBD, read_csv),
        ):
            read = best(reader, args.repeat)
            imported = best(lambda p=path: import_once(sessions, p), args.repeat)
            for clock, read_time, import_time in zip(("wall", "CPU"), read, imported, strict=True):
                print(
                    f"{label:15s} {clock:4s} read {read_time * 1000:7.1f} ms   "
                    f"import {import_time * 1000:7.1f} ms   "
                    f"ratio {import_time / read_time:4.2f} (target <= 3)"
                )
        median, worst = paging(sessions)
        print(
            f"paging 10,000 commodities, take=1000: median {median * 1000:.1f} ms, "
            f"worst {worst * 1000:.1f} ms per page"
        )


if __name__ == "__main__":
    main()
