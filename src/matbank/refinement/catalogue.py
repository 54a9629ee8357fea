"""Reading what refinement needs from the database: databases, commodities and terms."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from matbank.buildings.models import Building
from matbank.commodities.models import Commodity, CommodityChild, MatchingTerm
from matbank.databases.models import MaterialDatabase
from matbank.databases.repository import DatabaseRepository
from matbank.folders.models import Folder
from matbank.folders.repository import folder_chain_ids
from matbank.refinement.model import CatalogueEntry, FunctionalUnit, MatchType
from matbank.refinement.model import MatchingTerm as Term

DEFAULT_SELECTION = uuid.UUID(int=0)


def usable_databases(session: Session, building: Building) -> Sequence[MaterialDatabase]:
    """Databases a building may match against: its own, its folders', its account's and the
    public ones (the same set as GET /building/{id}/availabledatabases)."""
    folder = session.get(Folder, building.folder_id)
    folder_ids = folder_chain_ids(folder.path) if folder is not None else []
    return DatabaseRepository(session).available_for_building(
        building, folder_ids, explicitly_shared=False
    )


def selected_databases(
    session: Session, building: Building, preferred: Sequence[str]
) -> tuple[str, ...]:
    """The file's database preference resolved to usable ids, in priority order.

    [INTERP] The all-zero id stands for "the databases selected for enrichment by default":
    every usable database flagged ``initiallySelectedForEnrichment`` (the shipped generic
    one among them), in their creation order. Ids the account may not use are ignored.
    """
    usable = usable_databases(session, building)
    by_id = {str(db.id): db for db in usable}
    defaults = [
        str(db.id)
        for db in sorted(usable, key=lambda d: d.created_at)
        if db.initially_selected_for_enrichment
    ]
    chosen: list[str] = []
    for raw in preferred or [str(DEFAULT_SELECTION)]:
        candidates = defaults if raw == str(DEFAULT_SELECTION) else [raw]
        for database_id in candidates:
            if database_id in by_id and database_id not in chosen:
                chosen.append(database_id)
    return tuple(chosen)


def catalogue_entries(session: Session, database_ids: Sequence[str]) -> list[CatalogueEntry]:
    ids = [uuid.UUID(d) for d in database_ids]
    stmt = select(
        Commodity.id,
        Commodity.database_id,
        Commodity.functional_unit,
        Commodity.external_id,
        Commodity.gtin,
        Commodity.product_code,
        Commodity.manufacturer,
        Commodity.is_active,
        Commodity.density,
        Commodity.commodity_type,
    ).where(Commodity.database_id.in_(ids))
    return [
        CatalogueEntry(
            commodity_id=str(row.id),
            database_id=str(row.database_id),
            functional_unit=_unit(row.functional_unit, row.commodity_type),
            external_id=row.external_id,
            gtin=row.gtin,
            article_number=row.product_code,
            manufacturer_gln=(row.manufacturer or {}).get("GLN") if row.manufacturer else None,
            is_active=bool(row.is_active),
            density_known=bool(row.density),
        )
        for row in session.execute(stmt)
    ]


def matching_terms(session: Session, database_ids: Sequence[str]) -> list[Term]:
    ids = [uuid.UUID(d) for d in database_ids]
    stmt = select(
        MatchingTerm.commodity_id,
        MatchingTerm.database_id,
        MatchingTerm.value,
        MatchingTerm.match_type,
        MatchingTerm.language,
        MatchingTerm.match_on_type_name,
    ).where(MatchingTerm.database_id.in_(ids))
    return [
        Term(
            commodity_id=str(row.commodity_id),
            database_id=str(row.database_id),
            value=row.value,
            match_type=MatchType(row.match_type),
            language=row.language,
            match_on_type_name=bool(row.match_on_type_name),
        )
        for row in session.execute(stmt)
    ]


def commodity_rows(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, Any]:
    """Commodities by id with the fields mass and processing need, children included."""
    found: dict[uuid.UUID, Any] = {}
    pending = set(ids)
    while pending:
        stmt = select(Commodity).where(Commodity.id.in_(list(pending)))
        rows = {c.id: c for c in session.scalars(stmt)}
        found.update(rows)
        children = session.scalars(
            select(CommodityChild.child_id).where(CommodityChild.parent_id.in_(list(rows)))
        ).all()
        pending = set(children) - set(found)
    return found


def children_of(session: Session, parent_ids: Sequence[uuid.UUID]) -> Sequence[CommodityChild]:
    stmt = (
        select(CommodityChild)
        .where(CommodityChild.parent_id.in_(list(parent_ids)))
        .order_by(CommodityChild.position)
    )
    return session.scalars(stmt).all()


def _unit(functional_unit: str | None, commodity_type: str) -> FunctionalUnit:
    if commodity_type == "Material" or not functional_unit:
        return FunctionalUnit.VOLUME
    try:
        return FunctionalUnit(functional_unit)
    except ValueError:
        return FunctionalUnit.OTHER_UNIT
