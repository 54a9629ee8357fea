"""Masses of linked elements, from their commodity's density, weight or bill of materials."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from matbank.calculations.bom import (
    BomChild,
    BomCommodity,
    ChildBasis,
    ResolvedCommodity,
    resolve_catalogue,
)
from matbank.calculations.errors import CalculationError
from matbank.calculations.mass import element_mass
from matbank.calculations.units import (
    ElementQuantities,
    FunctionalUnit,
    quantity_in_functional_unit,
)
from matbank.commodities.models import Commodity
from matbank.refinement.catalogue import children_of, commodity_rows

_BASES = {basis.value.lower(): basis for basis in ChildBasis}


def wire_commodity_type(commodity: Commodity | None) -> str | None:
    """The element API's ``mapping.type``: Material, or the product's functional unit."""
    if commodity is None:
        return None
    if commodity.commodity_type == "Material":
        return "Material"
    unit = commodity.functional_unit or "Volume"
    return "OtherUnitQuantity" if unit == "OtherUnit" else unit


def bom_commodity(commodity: Commodity, children: Iterable[Any]) -> BomCommodity:
    unit = (
        FunctionalUnit.VOLUME
        if commodity.commodity_type == "Material"
        else FunctionalUnit(commodity.functional_unit or "Volume")
    )
    return BomCommodity(
        id=str(commodity.id),
        functional_unit=unit,
        density=commodity.density,
        weight_per_piece=commodity.weight,
        default_amount=commodity.default_functional_unit_amount or 1.0,
        children=tuple(
            BomChild(commodity_id=str(c.child_id), basis=_BASES[c.basis.lower()], amount=c.quantity)
            for c in children
        ),
        use_bill_of_materials=not commodity.do_not_use_bill_of_materials,
        family_shares=madaster_family_shares(commodity.material_families),
    )


def madaster_family_shares(families: Any) -> tuple[tuple[str, float], ...]:
    """The commodity's own Madaster material-family split (Material: one family, Product:
    fractions per family); empty when it declares none."""
    if isinstance(families, dict):
        value = families.get("madaster")
        return ((str(value).capitalize(), 1.0),) if value else ()
    for family in families or ():
        if isinstance(family, dict) and family.get("familyId") == "madaster":
            values = family.get("values") or {}
            return tuple((str(k).capitalize(), float(v)) for k, v in values.items())
    return ()


class MassResolver:
    """Resolved commodities (bill of materials included) for one refinement or processing run."""

    def __init__(
        self, commodities: dict[uuid.UUID, Commodity], resolved: dict[str, ResolvedCommodity]
    ) -> None:
        self.commodities = commodities
        self.resolved = resolved

    @classmethod
    def load(cls, session: Session, ids: set[uuid.UUID]) -> MassResolver:
        commodities = commodity_rows(session, ids)
        by_parent: dict[uuid.UUID, list[Any]] = {}
        for child in children_of(session, list(commodities)):
            by_parent.setdefault(child.parent_id, []).append(child)
        catalogue = {
            str(c.id): bom_commodity(c, by_parent.get(c.id, ())) for c in commodities.values()
        }
        try:
            resolved = resolve_catalogue(catalogue)
        except CalculationError:
            # A broken bill of materials must not stop refinement; its elements get no mass.
            resolved = {}
        return cls(commodities, resolved)

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
