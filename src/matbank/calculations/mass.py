"""Mass of elements from product data (domain §4.1)."""

from __future__ import annotations

from collections.abc import Iterable

from matbank.calculations.layers import UNKNOWN_FAMILY
from matbank.calculations.units import ElementQuantities, FunctionalUnit, element_measure


def mass_per_functional_unit(unit: FunctionalUnit, density: float | None,
                             weight_per_piece: float | None = None) -> float | None:
    """Kilograms per reference amount of a product without a bill of materials.

    Volume, Area and Length products declare their density per functional unit (kg/m³,
    grammage kg/m², linear density kg/m); a Quantity product declares a weight per piece (its
    density is accepted as a fallback); a Weight product is its own mass; Energy and OtherUnit
    products carry no mass.
    """
    if unit is FunctionalUnit.WEIGHT:
        return 1.0
    if unit is FunctionalUnit.QUANTITY:
        return weight_per_piece if weight_per_piece is not None else density
    if unit in (FunctionalUnit.ENERGY, FunctionalUnit.OTHER_UNIT):
        return None
    return density


def element_mass(functional_units: float | None, mass_per_unit: float | None) -> float | None:
    """Mass of an element: its quantity in reference amounts times the mass per amount."""
    if functional_units is None or mass_per_unit is None:
        return None
    return functional_units * mass_per_unit


def mass_by_family(mass: float, family_shares: Iterable[tuple[str, float]]) -> dict[str, float]:
    """Split a mass over material families by their shares; an unassigned rest is "Unknown"."""
    split: dict[str, float] = {}
    assigned = 0.0
    for family, share in family_shares:
        split[family] = split.get(family, 0.0) + mass * share
        assigned += share
    if assigned < 1.0 - 1e-9:
        split[UNKNOWN_FAMILY] = split.get(UNKNOWN_FAMILY, 0.0) + mass * (1.0 - assigned)
    return split


def display_volume(unit: FunctionalUnit, quantities: ElementQuantities, *,
                   fixed_height: float | None = None, fixed_area: float | None = None,
                   default_volume: float | None = None,
                   density: float | None = None) -> float | None:
    """Volume shown for an element: A × fixed height, L × fixed area, pieces × default volume,
    W / ρ for weight products; Energy and OtherUnit products have no volume."""
    measure = element_measure(unit, quantities, density)
    if measure is None:
        return None
    counted = measure * quantities.count * quantities.building_number_ratio
    factor = {
        FunctionalUnit.VOLUME: 1.0,
        FunctionalUnit.AREA: fixed_height,
        FunctionalUnit.LENGTH: fixed_area,
        FunctionalUnit.QUANTITY: default_volume,
        FunctionalUnit.WEIGHT: 1.0 / density if density else None,
    }.get(unit)
    return None if factor is None else counted * factor


def mass_intensity(building_mass: float, gross_floor_area: float) -> float:
    """Building mass per m² gross floor area (0 when the area is unknown)."""
    return building_mass / gross_floor_area if gross_floor_area > 0 else 0.0
