"""Functional units and the quantity of an element expressed in a product's functional unit.

Madaster never derives geometry: an element brings its imported base quantities and the
linked product says which one it is sold by (its functional unit).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from matbank.calculations.interpretations import counted_quantity


class FunctionalUnit(StrEnum):
    """The reference unit a product is declared in (wire values of the v4 API)."""

    VOLUME = "Volume"
    AREA = "Area"
    LENGTH = "Length"
    QUANTITY = "Quantity"
    WEIGHT = "Weight"
    OTHER_UNIT = "OtherUnit"
    ENERGY = "Energy"


#: Units whose products carry no mass (energy for B6, custom units).
MASSLESS_UNITS = frozenset({FunctionalUnit.ENERGY, FunctionalUnit.OTHER_UNIT})


@dataclass(frozen=True, slots=True)
class ElementQuantities:
    """Base quantities imported for one element; ``None`` means "not supplied".

    ``count`` is the number of identical pieces the element stands for and
    ``building_number_ratio`` its share in the building being calculated.
    """

    volume: float | None = None
    area: float | None = None
    length: float | None = None
    weight: float | None = None
    other_unit: float | None = None
    energy: float | None = None
    count: float = 1.0
    building_number_ratio: float = 1.0


def element_measure(unit: FunctionalUnit, quantities: ElementQuantities,
                    density: float | None = None) -> float | None:
    """The element's own measure in ``unit``, or ``None`` when it lacks that quantity.

    A Quantity product counts pieces, so each element is one piece. An element that only has
    a weight may still be linked to a Volume product with a density: V = W / ρ.
    """
    if unit is FunctionalUnit.QUANTITY:
        return 1.0
    if unit is FunctionalUnit.VOLUME:
        if quantities.volume is not None:
            return quantities.volume
        if quantities.weight is not None and density:
            return quantities.weight / density
        return None
    return _DIRECT_MEASURES[unit](quantities)


_DIRECT_MEASURES = {
    FunctionalUnit.AREA: lambda q: q.area,
    FunctionalUnit.LENGTH: lambda q: q.length,
    FunctionalUnit.WEIGHT: lambda q: q.weight,
    FunctionalUnit.OTHER_UNIT: lambda q: q.other_unit,
    FunctionalUnit.ENERGY: lambda q: q.energy,
}


def fits_functional_unit(unit: FunctionalUnit, quantities: ElementQuantities,
                         density: float | None = None) -> bool:
    """Whether an element has the quantity a product of ``unit`` needs (refinement reuses it)."""
    return element_measure(unit, quantities, density) is not None


def quantity_in_functional_unit(unit: FunctionalUnit, quantities: ElementQuantities,
                                default_amount: float = 1.0,
                                density: float | None = None) -> float | None:
    """How many of the product's reference amounts the element holds.

    q = measure × count × building-number ratio, divided by the product's
    ``defaultFunctionalUnitAmount`` because every per-unit value of the product refers to that
    amount. ``None`` when the element lacks the needed quantity.
    """
    measure = element_measure(unit, quantities, density)
    if measure is None:
        return None
    amount = default_amount if default_amount and default_amount > 0 else 1.0
    return counted_quantity(measure, quantities.count, quantities.building_number_ratio) / amount
