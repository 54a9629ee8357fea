"""Volumes from geometry, for elements a model gives no quantities.

[INTERP] Madaster never derives geometry: an element without quantity sets cannot be linked
to a product sold by volume. Many real exports carry no quantity sets at all, which leaves
most of their elements unlinked. matbank therefore computes the volume of an element's body
geometry when — and only when — the model gives the element no volume, area, length or
weight, and splits it over material layers by their thickness. Switch it off with
``ExtractionOptions(derive_missing_volume=False)``.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from matbank.importers.ifc_records import ExtractedElement, Quantities


def lacks_quantities(quantities: Quantities) -> bool:
    return not any((quantities.volume, quantities.area, quantities.length, quantities.weight))


def with_volume(element: ExtractedElement, volume: float) -> ExtractedElement:
    """The element with ``volume`` and, for layered elements, its layers' shares of it."""
    subs = element.sub_elements
    thicknesses = [s.thickness or 0.0 for s in subs]
    total = sum(thicknesses)
    if subs and total > 0 and all(s.volume is None for s in subs):
        subs = tuple(
            dataclasses.replace(s, volume=volume * t / total)
            for s, t in zip(subs, thicknesses, strict=True)
        )
    quantities = dataclasses.replace(element.quantities, volume=volume)
    return dataclasses.replace(element, quantities=quantities, sub_elements=subs)


class GeometryVolumes:
    """Body volumes through ifcopenshell's geometry kernel, in cubic metres."""

    def __init__(self) -> None:
        import ifcopenshell.geom

        self._geom = ifcopenshell.geom
        self._settings = ifcopenshell.geom.settings()

    def volume(self, entity: Any) -> float | None:
        if getattr(entity, "Representation", None) is None:
            return None
        import ifcopenshell.util.shape as shape

        try:
            geometry = self._geom.create_shape(self._settings, entity).geometry
            volume = float(shape.get_volume(geometry))
        except Exception:  # noqa: BLE001 - a broken shape only means "no volume"
            return None
        return volume if volume > 1e-9 else None
