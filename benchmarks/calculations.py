"""Benchmark of building recalculation (a script, not a test).

Creates a temporary SQLite database with one building of 100,000 elements linked to 300
commodities (circularity, detachability, LCAs with an ECI, financial settings), a share of
them with element overrides (reuse, lifespan, construction waste, installation date), then
times,
in the same run:

* load: reading the building's element rows from the database (the query processing runs);
* recalculation: turning those rows and the loaded commodity data into calculation inputs,
  ``calculate_building`` (mass, MCI, flows, detachability, environmental, financial) and the
  stored results document.

The target is recalculation / load ≤ 2. The whole ``process_building`` job (loading,
element masses written back, results stored) is timed too, for information.

Run: `.venv/bin/python benchmarks/calculations.py [--elements N] [--seed N]`
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from datetime import date
from pathlib import Path

try:
    import matbank.results  # noqa: F401
except ModuleNotFoundError:  # running from a checkout without an installed package
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sqlalchemy import insert

from matbank.accounts.repository import AccountRepository
from matbank.accounts.service import create_account
from matbank.buildings import processing
from matbank.buildings.models import Building
from matbank.commodities.models import Commodity, CommodityFinancial, CommodityLca
from matbank.databases.models import MaterialDatabase
from matbank.db import Base, build_engine, build_sessionmaker, utcnow
from matbank.elements.models import Element
from matbank.files.models import BuildingFile
from matbank.folders.models import Folder
from matbank.results.repository import element_rows

TARGET_RATIO = 2.0
LAYERS = ("Structure", "Skin", "Services", "Space plan", "Stuff", "Unknown", "Surroundings")
FAMILIES = ("metal", "stone", "wood", "glass", "plastic", "organic")
FACTORS = (
    ("DryConnection", "Accessible", "None", "Open"),
    ("HardChemicalConnection", "NotAccessible", "Complete", "Closed"),
    ("Unknown", "Unknown", "Unknown", "Unknown"),
)


def _circularity(rng: random.Random) -> dict:
    return {
        "feedstock": {
            "recycled": rng.random() * 0.5,
            "recyclingEfficiency": 0.75,
            "renewablesSustainablyProduced": rng.random() * 0.3,
        },
        "output": {
            "availableForRecycle": rng.random() * 0.6,
            "recyclingEfficiency": 0.8,
            "availableForReuse": rng.random() * 0.2,
        },
        "detachability": dict(
            zip(
                ("connectionType", "accessibility", "intersection", "productEdge"),
                rng.choice(FACTORS),
                strict=True,
            )
        ),
    }


def _lca(commodity_id: uuid.UUID, rng: random.Random) -> CommodityLca:
    phases = [
        {
            "phaseId": m,
            "EN15804_2012_A2_2019": {
                "globalWarmingPotentialTotal": rng.random(),
                "abioticDeplationFossile": rng.random(),
            },
        }
        for m in ("A1_A3", "A4", "A5", "C3", "C4", "D")
    ]
    body = {
        "isoCode": "nl",
        "compliance": ["EN 15804+A2"],
        "phases": phases,
        "environmentalCostIndicator": rng.random(),
    }
    return CommodityLca(
        commodity_id=commodity_id, iso_code="nl", compliance_key="EN 15804+A2", body=body
    )


def _commodities(session, database_id: uuid.UUID, count: int, rng: random.Random) -> list:
    commodities = []
    for i in range(count):
        material = i % 3 == 0
        commodity = Commodity(
            database_id=database_id,
            commodity_type="Material" if material else "Product",
            functional_unit="Volume" if material else rng.choice(("Area", "Length", "Volume")),
            names={"en": f"commodity {i}"},
            density=rng.uniform(10, 3000),
            lifespan=rng.choice((None, 15, 25, 50, 75)),
            circularity=_circularity(rng),
            material_families={"madaster": rng.choice(FAMILIES)}
            if material
            else [
                {
                    "familyId": "madaster",
                    "values": {rng.choice(FAMILIES): 0.6, rng.choice(FAMILIES): 0.4},
                }
            ],
        )
        session.add(commodity)
        commodities.append(commodity)
    session.flush()
    for commodity in commodities:
        session.add(_lca(commodity.id, rng))
        if rng.random() < 0.3:
            session.add(
                CommodityFinancial(
                    commodity_id=commodity.id,
                    iso_code="nl",
                    body={"isoCode": "nl", "mode": "Manual", "priceSet": None},
                )
            )
    return commodities


def _building(session) -> Building:
    account = create_account(session, "Benchmark")
    folder_type = AccountRepository(session).folder_types(account.id)[0].id
    folder_id = uuid.uuid4()
    session.add(
        Folder(
            id=folder_id,
            account_id=account.id,
            parent_id=None,
            path=f"/{folder_id}/",
            folder_type_id=folder_type,
            name="Portfolio",
        )
    )
    session.flush()
    building = Building(
        account_id=account.id,
        folder_id=folder_id,
        name="Benchmark",
        phase="New",
        completion_date=utcnow(),
        building_usage="offices-large",
        gross_surface_area=25_000.0,
        material_classification_type_id="madaster",
        address_country="Netherlands",
        is_dirty=True,
        dirty_generation=1,
    )
    session.add(building)
    session.flush()
    return building


def _elements(
    session, file_id: uuid.UUID, commodities: list, count: int, rng: random.Random
) -> None:
    rows = []
    for i in range(count):
        factors = rng.choice(FACTORS)
        rows.append(
            {
                "file_id": file_id,
                "element_id": f"e{i}",
                "position": i,
                "name": f"element {i}",
                "volume": rng.uniform(0.01, 5),
                "area": rng.uniform(0.1, 50),
                "length": rng.uniform(0.1, 10),
                "count": 1.0,
                "layer": rng.choice(LAYERS),
                "phase": "New",
                "commodity_id": None if rng.random() < 0.05 else rng.choice(commodities).id,
                "connection_type": factors[0],
                "accessibility": factors[1],
                "intersection": factors[2],
                "product_edge": factors[3],
                **_overrides(rng),
            }
        )
    session.execute(insert(Element), rows)


#: Installation dates of later fit-outs and of elements kept from before the completion.
INSTALLED = tuple(date(year, 1, 1) for year in (1995, 2005, 2015, 2030, 2035, 2045))


def _overrides(rng: random.Random) -> dict:
    """Element overrides on a share of the elements, as imports and edits leave them."""
    reused = rng.random() < 0.1
    return {
        "reuse": rng.choice((0.25, 0.5, 1.0)) if reused else None,
        "available_for_reuse": rng.choice((0.5, 0.8)) if reused else None,
        "lifespan": rng.choice((20.0, 40.0)) if rng.random() < 0.05 else None,
        "construction_waste": 0.05 if rng.random() < 0.1 else None,
        "installation_date": rng.choice(INSTALLED) if rng.random() < 0.1 else None,
    }


def build(path: Path, elements: int, seed: int):
    engine = build_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine)
    factory = build_sessionmaker(engine)
    rng = random.Random(seed)
    with factory() as session:
        building = _building(session)
        database = MaterialDatabase(
            account_id=building.account_id,
            owner_kind="account",
            owner_id=building.account_id,
            names={"en": "Bench"},
        )
        session.add(database)
        session.flush()
        commodities = _commodities(session, database.id, 300, rng)
        source = BuildingFile(
            account_id=building.account_id,
            building_id=building.id,
            name="model",
            file_type="Source",
            status="Mapped",
            is_active=True,
        )
        session.add(source)
        session.flush()
        _elements(session, source.id, commodities, elements, rng)
        session.commit()
        return factory, building.id, source.id


def best_of(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--elements", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        factory, building_id, file_id = build(Path(tmp) / "bench.sqlite", args.elements, args.seed)

        @contextmanager
        def scope():
            with factory() as session:
                yield session
                session.commit()

        with factory() as session:
            load = best_of(args.runs, lambda: element_rows(session, [file_id]))
            loaded = processing.load_inputs(session, building_id)
        assert loaded is not None
        recalc = best_of(args.runs, lambda: processing.calculate(loaded))
        whole = best_of(1, lambda: processing.process_building(scope, building_id))
    ratio = recalc / load
    print(f"elements                 {args.elements:>10,}")
    print(f"load elements from DB    {load:>10.3f} s")
    print(f"recalculation            {recalc:>10.3f} s  ({args.elements / recalc:,.0f} el/s)")
    print(f"ratio recalc / load      {ratio:>10.2f}   (target <= {TARGET_RATIO})")
    print(f"whole processing job     {whole:>10.3f} s  (load, masses written, results stored)")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
