"""Building processing: recompute element masses and the building's stored results.

Runs as the ``buildings.process`` job. It reads the active source files' elements and every
linked commodity (bill of materials, circularity, detachability, LCAs, financial settings),
writes element masses, runs ``matbank.calculations.calculate_building`` once and stores the
results document (``matbank.results.shape``). ``isDirty`` is cleared only when no newer
change arrived while it ran (the dirty generation it started from is still the newest).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from matbank.buildings.models import Building, BuildingResults
from matbank.calculations import (
    BuildingContext,
    BuildingElement,
    CalculationOptions,
    CommodityData,
    calculate_building,
)
from matbank.calculations.environmental import Compliance
from matbank.calculations.financial import FinancialOptions
from matbank.db import utcnow
from matbank.elements.models import Element
from matbank.files.repository import FileRepository
from matbank.refinement.mass import MassResolver
from matbank.results import inputs
from matbank.results.repository import ElementRow, element_rows, financial_bodies, lca_bodies
from matbank.results.shape import results_document

SessionScope = Callable[[], AbstractContextManager[Session]]
CHUNK = 2000


@dataclass(frozen=True)
class BuildingInputs:
    """Everything one processing run read from the database."""

    generation: int
    phase: str
    completion: datetime | None
    rows: list[Any]
    resolver: MassResolver
    commodities: Mapping[uuid.UUID, CommodityData | None]
    context: BuildingContext
    options: CalculationOptions


def process_building(scope: SessionScope, building_id: uuid.UUID) -> None:
    with scope() as session:
        loaded = load_inputs(session, building_id)
    if loaded is None:
        return  # deleted meanwhile
    _write_masses(scope, loaded)
    document = calculate(loaded)
    with scope() as session:
        _store(session, building_id, loaded.generation, document)


def load_inputs(session: Session, building_id: uuid.UUID) -> BuildingInputs | None:
    """Read the building, its active elements and their commodities' data."""
    building = session.get(Building, building_id)
    if building is None:
        return None
    file_ids = [f.id for f in FileRepository(session).active_sources(building_id)]
    rows = element_rows(session, file_ids)
    ids = {r.commodity_id for r in rows if r.commodity_id}
    resolver = MassResolver.load(session, ids)
    lcas = lca_bodies(session, resolver.commodities)  # BoM children too (LCA from the BoM)
    country = inputs.building_country(building.address_country, building.owner_country_id)
    compliance = inputs.choose_compliance(_coverage({c: lcas[c] for c in ids if c in lcas}))
    datasets = inputs.environment_datasets(resolver, lcas, country, compliance)
    financials = financial_bodies(session, ids, country)
    commodities = {
        cid: inputs.commodity_data(
            resolver.commodities[cid],
            resolver.resolved.get(str(cid)),
            datasets.get(cid, ()),
            financials.get(cid),
        )
        for cid in ids
        if cid in resolver.commodities
    }
    lifespans = inputs.layer_lifespans(building)
    options = CalculationOptions(financial=FinancialOptions(layer_lifespans=lifespans))
    return BuildingInputs(
        generation=building.dirty_generation,
        phase=building.phase,
        completion=building.completion_date,
        rows=rows,
        resolver=resolver,
        commodities=commodities,
        context=inputs.building_context(building, country, compliance),
        options=options,
    )


def _coverage(lcas: Mapping[uuid.UUID, list[dict[str, Any]]]) -> dict[str, int]:
    """How many commodities have an LCA dataset for each EN 15804 compliance."""
    covered: dict[str, int] = defaultdict(int)
    for bodies in lcas.values():
        names = {name for body in bodies for name in body.get("compliance") or ()}
        for compliance in Compliance:
            covered[compliance] += compliance in names
    return covered


def calculate(loaded: BuildingInputs) -> dict[str, Any]:
    """The results document of the loaded building (pure work, no database)."""
    results = calculate_building(
        building_elements(loaded),
        loaded.context,
        inputs.default_price_catalogue(),
        loaded.options,
    )
    return results_document(results, loaded.context)


def building_elements(loaded: BuildingInputs) -> Iterator[BuildingElement]:
    """The counted elements as calculation inputs (see ``counted_elements``)."""
    commodities, phase = loaded.commodities, loaded.phase
    for found in counted_elements(loaded.rows):
        row = ElementRow._make(found)  # cheap attribute reads below
        commodity = commodities.get(row.commodity_id) if row.commodity_id else None
        included = inputs.is_included(row.phase, phase)
        yield inputs.building_element(row, commodity, included, loaded.completion)


def counted_elements(rows: list[Any]) -> list[Any]:
    """Elements whose mass counts once: a linked element, or else its linked sub-elements."""
    by_parent: dict[tuple[uuid.UUID, str], list[Any]] = defaultdict(list)
    for row in rows:
        if row.parent_element_id is not None:
            by_parent[(row.file_id, row.parent_element_id)].append(row)
    if not by_parent:
        return rows
    counted: list[Any] = []

    def visit(row: Any) -> None:
        children = by_parent.get((row.file_id, row.element_id), [])
        if row.commodity_id is not None or not children:
            counted.append(row)
            return
        for child in children:
            visit(child)

    for row in rows:
        if row.parent_element_id is None:
            visit(row)
    return counted


def _write_masses(scope: SessionScope, loaded: BuildingInputs) -> None:
    resolver = loaded.resolver
    for start in range(0, len(loaded.rows), CHUNK):
        chunk = loaded.rows[start : start + CHUNK]
        params = [
            {"b_pk": r.pk, "b_mass": resolver.element_mass(resolver.commodity(r.commodity_id), r)}
            for r in chunk
        ]
        with scope() as session:
            session.connection().execute(
                update(Element.__table__)
                .where(Element.__table__.c.pk == bindparam("b_pk"))
                .values(mass=bindparam("b_mass")),
                params,
            )


def _store(
    session: Session, building_id: uuid.UUID, generation: int, results: dict[str, Any]
) -> None:
    building = session.scalars(
        select(Building).where(Building.id == building_id).with_for_update()
    ).first()
    if building is None:
        return
    stored = session.get(BuildingResults, building_id)
    if stored is None:
        stored = BuildingResults(building_id=building_id)
        session.add(stored)
    stored.generation, stored.computed_at, stored.results = generation, utcnow(), results
    if building.dirty_generation == generation:
        building.is_dirty = False
