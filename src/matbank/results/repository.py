"""Queries behind building processing and the results endpoints.

Reads here take no principal: the results endpoints check access with the building's scoped
repository first, and processing runs as a job for a building it was given.
"""

from __future__ import annotations

import uuid
from collections import namedtuple
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from matbank.buildings.models import BuildingResults
from matbank.commodities.models import CommodityFinancial, CommodityLca
from matbank.elements.models import Element

#: The element columns processing reads (quantities, link, layer, phase, detachability,
#: element-level overrides).
ELEMENT_COLUMNS = (
    Element.pk,
    Element.element_id,
    Element.parent_element_id,
    Element.file_id,
    Element.commodity_id,
    Element.volume,
    Element.area,
    Element.length,
    Element.weight,
    Element.count,
    Element.layer,
    Element.phase,
    Element.connection_type,
    Element.accessibility,
    Element.intersection,
    Element.product_edge,
    Element.reuse,
    Element.available_for_reuse,
    Element.lifespan,
    Element.construction_waste,
    Element.installation_date,
)


#: A plain record of ``ELEMENT_COLUMNS``. Reading an attribute of a namedtuple is an item
#: lookup in C, about ten times cheaper than on a SQLAlchemy ``Row``; processing reads some
#: twenty attributes of every element.
ElementRow = namedtuple("ElementRow", [column.key for column in ELEMENT_COLUMNS])  # type: ignore[misc]


def element_rows(session: Session, file_ids: Sequence[uuid.UUID]) -> list[Any]:
    """Every element of the given files, as light rows (no ORM objects)."""
    if not file_ids:
        return []
    stmt = select(*ELEMENT_COLUMNS).where(Element.file_id.in_(list(file_ids)))
    return list(session.execute(stmt))


def lca_bodies(session: Session, commodity_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list]:
    """The stored LCA bodies of each commodity (every country and compliance)."""
    found: dict[uuid.UUID, list[dict[str, Any]]] = {}
    ids = list(set(commodity_ids))
    if ids:
        stmt = (
            select(CommodityLca.commodity_id, CommodityLca.body)
            .where(CommodityLca.commodity_id.in_(ids))
            .order_by(CommodityLca.commodity_id, CommodityLca.iso_code, CommodityLca.id)
        )
        for commodity_id, body in session.execute(stmt):
            found.setdefault(commodity_id, []).append(body)
    return found


def financial_bodies(
    session: Session, commodity_ids: Iterable[uuid.UUID], country: str
) -> dict[uuid.UUID, dict[str, Any]]:
    """Each commodity's financial setting for ``country`` (commodities without one omitted)."""
    ids = list(set(commodity_ids))
    if not ids or not country:
        return {}
    stmt = select(CommodityFinancial.commodity_id, CommodityFinancial.body).where(
        CommodityFinancial.commodity_id.in_(ids), CommodityFinancial.iso_code == country
    )
    return {commodity_id: body for commodity_id, body in session.execute(stmt)}


def stored_results(session: Session, building_id: uuid.UUID) -> BuildingResults | None:
    return session.get(BuildingResults, building_id)
