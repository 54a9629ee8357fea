"""Masses of linked elements, from their commodity's density, weight or bill of materials."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from matbank.calculations.bom import (
    BomCommodity,
    ResolvedCommodity,
    resolve_bill_of_materials,
    resolve_catalogue,
)
from matbank.calculations.errors import CalculationError
from matbank.calculations.mass import element_mass
from matbank.calculations.units import (
    ElementQuantities,
    quantity_in_functional_unit,
)
from matbank.commodities.calculated import bom_commodity
from matbank.commodities.models import Commodity
from matbank.refinement.catalogue import children_of, commodity_rows


def wire_commodity_type(commodity: Commodity | None) -> str | None:
    """The element API's ``mapping.type``: Material, or the product's functional unit."""
    if commodity is None:
        return None
    if commodity.commodity_type == "Material":
        return "Material"
    unit = commodity.functional_unit or "Volume"
    return "OtherUnitQuantity" if unit == "OtherUnit" else unit


class MassResolver:
    """Resolved commodities (bill of materials included) for one refinement or processing run."""

    def __init__(
        self,
        commodities: dict[uuid.UUID, Commodity],
        resolved: dict[str, ResolvedCommodity],
        catalogue: dict[str, BomCommodity] | None = None,
    ) -> None:
        self.commodities = commodities
        self.resolved = resolved
        self.catalogue = catalogue or {}

    @classmethod
    def load(cls, session: Session, ids: set[uuid.UUID]) -> MassResolver:
        commodities = commodity_rows(session, ids)
        by_parent: dict[uuid.UUID, list[Any]] = {}
        for child in children_of(session, list(commodities)):
            by_parent.setdefault(child.parent_id, []).append(child)
        catalogue = {
            str(c.id): bom_commodity(c, by_parent.get(c.id, ())) for c in commodities.values()
        }
        return cls(commodities, _resolve_each(catalogue), catalogue)

    def commodity(self, commodity_id: uuid.UUID | None) -> Commodity | None:
        return self.commodities.get(commodity_id) if commodity_id else None

    def wire_type(self, commodity: Commodity | None) -> str | None:
        return wire_commodity_type(commodity)

    def family_shares(self, commodity: Commodity | None) -> tuple[tuple[str, float], ...]:
        resolved = self.resolved.get(str(commodity.id)) if commodity is not None else None
        return resolved.family_shares() if resolved is not None else ()

    def element_mass(self, commodity: Commodity | None, row: Any) -> float | None:
        """kg of an element linked to ``commodity`` (None when unlinked or not computable)."""
        if commodity is None:
            return None
        resolved = self.resolved.get(str(commodity.id))
        if resolved is None or resolved.mass_per_unit is None:
            return None
        quantities = ElementQuantities(
            volume=row.volume or None,
            area=row.area or None,
            length=row.length or None,
            weight=row.weight or None,
            count=row.count or 1.0,
        )
        units = quantity_in_functional_unit(
            resolved.functional_unit,
            quantities,
            default_amount=commodity.default_functional_unit_amount or 1.0,
            density=commodity.density,
        )
        return element_mass(units, resolved.mass_per_unit)


def _resolve_each(catalogue: dict[str, BomCommodity]) -> dict[str, ResolvedCommodity]:
    """Resolve the whole catalogue; when a bill of materials is broken (a cycle, a child
    without mass), resolve commodity by commodity so that only the broken ones (and their
    elements) go without mass."""
    try:
        return resolve_catalogue(catalogue)
    except CalculationError:
        resolved: dict[str, ResolvedCommodity] = {}
        for commodity_id in catalogue:
            try:
                resolved[commodity_id] = resolve_bill_of_materials(commodity_id, catalogue)
            except CalculationError:
                continue
        return resolved
