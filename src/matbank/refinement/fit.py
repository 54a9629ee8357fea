"""Does a commodity's functional unit fit the quantities an element carries?

An element that has no volume cannot be linked to a Volume product, and so on: a link whose
functional unit finds no quantity on the element would give it no mass. The check is reduced to
bit masks so it costs one `&` per candidate: the element's quantities become a signature, each
commodity gets the mask of signatures it accepts.
"""

from __future__ import annotations

from matbank.refinement.model import CatalogueEntry, ElementToMatch, FunctionalUnit

HAS_VOLUME = 1
HAS_AREA = 2
HAS_LENGTH = 4
HAS_PIECES = 8
HAS_WEIGHT = 16
HAS_OTHER_UNIT = 32


def quantity_signature(element: ElementToMatch) -> int:
    """The set of quantities an element carries, as bits.

    Applies `interpretations.quantity_present` (given and positive) and `pieces_present` (no
    count, or a positive one), written out inline because this runs once per element.
    """
    volume, area, length = element.volume, element.area, element.length
    weight, other, count = element.weight, element.other_unit, element.count
    return (
        (HAS_PIECES if count is None or count > 0 else 0)
        | (HAS_VOLUME if volume is not None and volume > 0 else 0)
        | (HAS_AREA if area is not None and area > 0 else 0)
        | (HAS_LENGTH if length is not None and length > 0 else 0)
        | (HAS_WEIGHT if weight is not None and weight > 0 else 0)
        | (HAS_OTHER_UNIT if other is not None and other > 0 else 0)
    )


def accepted_quantities(unit: FunctionalUnit, density_known: bool) -> int:
    """The quantities of which any one lets an element link to a commodity in `unit`.

    Volume needs a volume, or a weight when the density is known (the volume is then weight /
    density). Weight needs a weight, or a volume when the density is known. Area, Length need
    their own measure; Quantity needs pieces; Energy and OtherUnit need the free quantity.
    """
    convertible = HAS_WEIGHT if density_known else 0
    masks = {
        FunctionalUnit.VOLUME: HAS_VOLUME | convertible,
        FunctionalUnit.WEIGHT: HAS_WEIGHT | (HAS_VOLUME if density_known else 0),
        FunctionalUnit.AREA: HAS_AREA,
        FunctionalUnit.LENGTH: HAS_LENGTH,
        FunctionalUnit.QUANTITY: HAS_PIECES,
        FunctionalUnit.ENERGY: HAS_OTHER_UNIT,
        FunctionalUnit.OTHER_UNIT: HAS_OTHER_UNIT,
    }
    return masks[unit]


def entry_mask(entry: CatalogueEntry) -> int:
    """The accepted-quantity mask of one catalogue entry."""
    return accepted_quantities(entry.functional_unit, entry.density_known)


def fits(mask: int, signature: int) -> bool:
    """True when the element carries at least one quantity the commodity accepts."""
    return bool(mask & signature)
