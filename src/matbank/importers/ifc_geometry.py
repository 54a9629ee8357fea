"""Volumes from geometry, for elements a model gives no volume (nor weight).

[INTERP] Madaster never derives geometry: an element without quantity sets cannot be linked
to a product sold by volume. Many real exports carry no quantity sets at all, which leaves
most of their elements unlinked. matbank therefore computes the volume of an element's body
geometry when — and only when — the model gives the element neither a volume nor a weight
(the two quantities a mass can come from), and splits it over material layers by their
thickness (other parts by their fraction). Switch it off with
``ExtractionOptions(derive_missing_volume=False)``.

[INTERP] Shares of materials split "by material" (a set without thicknesses or fractions,
see ``matbank.importers.ifc_materials``): when the element's shape carries shape aspects
named like its materials (how IFC4 Reference View exports, e.g. Revit, describe the parts of
a constituent set), each material's share of the element volume is the volume of its
aspects' body items over the volume of all named aspects. Otherwise the equal shares set at
extraction stay.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from matbank.importers.ifc_records import ExtractedElement, Quantities


def lacks_volume(quantities: Quantities) -> bool:
    """No volume and no weight: nothing a material's mass could be computed from."""
    return not (quantities.volume or quantities.weight)


def with_volume(element: ExtractedElement, volume: float) -> ExtractedElement:
    """The element with ``volume`` and its parts' shares of it: layers by thickness, other
    parts by their fraction."""
    subs = element.sub_elements
    if subs and all(s.volume is None for s in subs):
        shares = [s.thickness or 0.0 for s in subs]
        if sum(shares) <= 0:
            shares = [s.fraction or 0.0 for s in subs]
        subs = _shared(subs, shares, volume)
    quantities = dataclasses.replace(element.quantities, volume=volume)
    return dataclasses.replace(element, quantities=quantities, sub_elements=subs)


def with_aspect_shares(element: ExtractedElement, aspects: dict[str, float]) -> ExtractedElement:
    """The parts' fractions (and volumes) from the volumes of the shape aspects named like
    their materials; unchanged unless every part has an aspect with a volume."""
    subs = element.sub_elements
    shares = [aspects.get(s.material_name or "", 0.0) for s in subs]
    if not subs or not all(v > 0 for v in shares):
        return element
    total = sum(shares)
    volume = element.quantities.volume
    subs = tuple(
        dataclasses.replace(
            s, fraction=v / total, volume=volume * v / total if volume is not None else None
        )
        for s, v in zip(subs, shares, strict=True)
    )
    return dataclasses.replace(element, sub_elements=subs)


def _shared(subs: tuple, shares: list[float], volume: float) -> tuple:
    total = sum(shares)
    if total <= 0:
        return subs
    return tuple(
        dataclasses.replace(s, volume=volume * v / total) for s, v in zip(subs, shares, strict=True)
    )


class GeometryVolumes:
    """Body volumes through ifcopenshell's geometry kernel, in cubic metres."""

    def __init__(self) -> None:
        import ifcopenshell.geom

        self._geom = ifcopenshell.geom
        self._settings = ifcopenshell.geom.settings()

    def volume(self, entity: Any) -> float | None:
        if getattr(entity, "Representation", None) is None:
            return None
        try:
            return self._positive(self._geom.create_shape(self._settings, entity).geometry)
        except Exception:  # noqa: BLE001 - a broken shape only means "no volume"
            return None

    def aspect_volumes(self, entity: Any) -> dict[str, float]:
        """Body volume per shape-aspect name (aspects of one name added up), in the model's
        units cubed: only the ratios between them are used."""
        shape = getattr(entity, "Representation", None)
        volumes: dict[str, float] = {}
        for aspect in getattr(shape, "HasShapeAspects", None) or ():
            name = (aspect.Name or "").strip()
            for representation in aspect.ShapeRepresentations or ():
                if name and representation.RepresentationIdentifier == "Body":
                    for item in representation.Items or ():
                        volumes[name] = volumes.get(name, 0.0) + (self._item_volume(item) or 0.0)
        return volumes

    def _item_volume(self, item: Any) -> float | None:
        try:
            return self._positive(self._geom.create_shape(self._settings, item))
        except Exception:  # noqa: BLE001 - a broken item only means "no volume"
            return None

    @staticmethod
    def _positive(geometry: Any) -> float | None:
        import ifcopenshell.util.shape as shape

        volume = float(shape.get_volume(geometry))
        return volume if volume > 1e-9 else None
