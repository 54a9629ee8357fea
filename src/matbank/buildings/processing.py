"""Building processing: recompute element masses and the building's stored results.

Runs as the ``buildings.process`` job. It reads the active source files, resolves every
linked commodity (bills of materials included), writes element masses, stores the totals
per shearing layer and material family, and clears ``isDirty`` only when no newer change
arrived while it ran (the dirty generation it started from is still the newest).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from matbank.buildings.models import Building, BuildingResults
from matbank.calculations.layers import UNKNOWN_FAMILY
from matbank.calculations.mass import mass_by_family
from matbank.db import utcnow
from matbank.elements.models import Element
from matbank.files.repository import FileRepository
from matbank.refinement.mass import MassResolver

SessionScope = Callable[[], AbstractContextManager[Session]]
CHUNK = 2000
_COLUMNS = (
    Element.pk,
    Element.element_id,
    Element.parent_element_id,
    Element.commodity_id,
    Element.volume,
    Element.area,
    Element.length,
    Element.weight,
    Element.count,
    Element.layer,
    Element.file_id,
)


def process_building(scope: SessionScope, building_id: uuid.UUID) -> None:
    with scope() as session:
        building = session.get(Building, building_id)
        if building is None:
            return  # deleted meanwhile
        generation = building.dirty_generation
        file_ids = [f.id for f in FileRepository(session).active_sources(building_id)]
        rows = list(session.execute(select(*_COLUMNS).where(Element.file_id.in_(file_ids))))
        resolver = MassResolver.load(session, {r.commodity_id for r in rows if r.commodity_id})
    counted = _counted_elements(rows)
    masses = {
        row.pk: resolver.element_mass(resolver.commodity(row.commodity_id), row) for row in rows
    }
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        with scope() as session:
            session.connection().execute(
                update(Element.__table__)
                .where(Element.__table__.c.pk == bindparam("b_pk"))
                .values(mass=bindparam("b_mass")),
                [{"b_pk": r.pk, "b_mass": masses[r.pk]} for r in chunk],
            )
    results = _totals(counted, masses, resolver)
    with scope() as session:
        _store(session, building_id, generation, results)


def _counted_elements(rows: list[Any]) -> list[Any]:
    """Elements whose mass counts once: a linked element, or else its linked sub-elements."""
    by_parent: dict[tuple[uuid.UUID, str], list[Any]] = defaultdict(list)
    for row in rows:
        if row.parent_element_id is not None:
            by_parent[(row.file_id, row.parent_element_id)].append(row)
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


def _totals(
    counted: list[Any], masses: dict[int, float | None], resolver: MassResolver
) -> dict[str, Any]:
    matrix: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    linked = with_mass = 0
    for row in counted:
        mass = masses.get(row.pk)
        linked += row.commodity_id is not None
        if not mass:
            continue
        with_mass += 1
        layer = row.layer or "Unknown"
        shares = resolver.family_shares(resolver.commodity(row.commodity_id))
        for family, kg in mass_by_family(mass, shares or ((UNKNOWN_FAMILY, 1.0),)).items():
            matrix[layer][family] += kg
    per_layer = {layer: sum(families.values()) for layer, families in matrix.items()}
    return {
        "massMatrix": {layer: dict(families) for layer, families in matrix.items()},
        "massPerLayer": per_layer,
        "totalMass": sum(per_layer.values()),
        "elementCount": len(counted),
        "linkedElementCount": linked,
        "elementsWithMassCount": with_mass,
    }


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
