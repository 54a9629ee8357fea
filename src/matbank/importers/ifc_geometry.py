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
    """Body volumes through ifcopenshell's geometry kernel, in cubic metres.

    Elements whose shape is made only of mapped items (instances of a type's representation
    map, as Revit and ArchiCAD export furniture, windows and doors) and that have no openings
    share one volume per set of maps and mapping scales: a placement only moves and turns a
    shape, so the kernel runs once per shared representation instead of once per element."""

    def __init__(self) -> None:
        import ifcopenshell.geom

        self._geom = ifcopenshell.geom
        self._settings = ifcopenshell.geom.settings()
        self._shared: dict[tuple, float | None] = {}

    def volume(self, entity: Any) -> float | None:
        if getattr(entity, "Representation", None) is None:
            return None
        key = shared_shape_key(entity)
        if key is not None and key in self._shared:
            return self._shared[key]
        try:
            volume = self._positive(self._geom.create_shape(self._settings, entity).geometry)
        except Exception:  # noqa: BLE001 - a broken shape only means "no volume"
            volume = None
        if key is not None:
            self._shared[key] = volume
        return volume

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


def shared_shape_key(entity: Any) -> tuple | None:
    """What an element's volume depends on when its shape is only mapped items and it has no
    openings: each representation's identifier with the maps and scales of its items. ``None``
    when the shape is the element's own (its volume is not shared)."""
    if getattr(entity, "HasOpenings", None):
        return None
    key = []
    for representation in entity.Representation.Representations or ():
        items = []
        for item in representation.Items or ():
            if not item.is_a("IfcMappedItem"):
                return None
            items.append((item.MappingSource.id(), _scales(item.MappingTarget)))
        key.append((representation.RepresentationIdentifier, tuple(items)))
    return tuple(key) or None


def _scales(target: Any) -> tuple:
    """The scale factors of a mapping (rotation and translation keep a volume)."""
    return tuple(getattr(target, name, None) for name in ("Scale", "Scale2", "Scale3"))
