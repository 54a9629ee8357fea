"""Materials of an element, read from its IFC material association.

Rules (domain §3.1, material):
- a layer set (or its usage) with more than one layer and a total thickness above zero is
  split into one virtual sub-element per layer; without thicknesses its materials are only
  listed;
- a constituent set with more than one constituent and a fraction on each is split by
  fraction, a profile set with more than one profile is split by cross-section area when
  every profile's area is known; otherwise their materials are listed;
- a material list is listed, never split; a single material gives its name.

[INTERP] Addition: a set that lists several distinct materials but gives nothing to share
the element by (layers without thickness, constituents without fractions, material lists)
is split "by material", one part per distinct name, when ``split_unmeasured`` is on (the
default; ``ExtractionOptions.split_unmeasured_materials``). Each material is then matched by
its own name instead of the whole element by the joined names; the volume shares are set in
:func:`matbank.importers.ifc_elements.material_children` and, from shape aspects, in
:mod:`matbank.importers.ifc_geometry`.
Works on entity attributes only; it does not import ifcopenshell.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

from matbank.importers.ifc_rules import unique

Entity = Any  # an ifcopenshell entity instance
SplitKind = Literal["layer", "constituent", "profile", "material"]


@dataclass(frozen=True, slots=True)
class MaterialPart:
    """One layer, constituent or profile; thickness in m, section area in m²."""

    name: str | None
    thickness: float | None = None
    fraction: float | None = None
    section_area: float | None = None


@dataclass(frozen=True, slots=True)
class MaterialInfo:
    """Material names of an element and, when it is split, the parts that become children."""

    names: tuple[str, ...]
    source: str | None
    split: SplitKind | None
    parts: tuple[MaterialPart, ...] = ()


NO_MATERIAL = MaterialInfo((), None, None)

_USAGE_TARGET = {
    "IfcMaterialLayerSetUsage": "ForLayerSet",
    "IfcMaterialProfileSetUsage": "ForProfileSet",
    "IfcMaterialProfileSetUsageTapering": "ForProfileSet",
}
_SINGLE_PARTS = frozenset(
    {
        "IfcMaterialLayer",
        "IfcMaterialLayerWithOffsets",
        "IfcMaterialProfile",
        "IfcMaterialProfileWithOffsets",
        "IfcMaterialConstituent",
    }
)


def _material_name(part: Entity) -> str | None:
    material = getattr(part, "Material", None)
    name = material.Name if material is not None else getattr(part, "Name", None)
    return (name.strip() or None) if name else None


def profile_area(profile: Entity | None) -> float | None:
    """Cross-section area of the common parametric profiles, in the file's length unit²."""
    if profile is None:
        return None
    cls = profile.is_a()
    if cls == "IfcRectangleProfileDef":
        return profile.XDim * profile.YDim
    if cls == "IfcRectangleHollowProfileDef":
        wall = 2 * profile.WallThickness
        return profile.XDim * profile.YDim - (profile.XDim - wall) * (profile.YDim - wall)
    if cls == "IfcCircleProfileDef":
        return math.pi * profile.Radius**2
    if cls == "IfcCircleHollowProfileDef":
        return math.pi * (profile.Radius**2 - (profile.Radius - profile.WallThickness) ** 2)
    if cls == "IfcIShapeProfileDef":
        web = (profile.OverallDepth - 2 * profile.FlangeThickness) * profile.WebThickness
        return 2 * profile.OverallWidth * profile.FlangeThickness + web
    return None


class MaterialResolver:
    """Describes material associations; sets shared by many elements are read once."""

    def __init__(self, length_factor: float, split_unmeasured: bool = True) -> None:
        self._length = length_factor
        self._split_unmeasured = split_unmeasured
        self._cache: dict[int, MaterialInfo] = {}

    def describe(self, select: Entity | None) -> MaterialInfo:
        """The names, source class and split parts of one material association."""
        if select is None:
            return NO_MATERIAL
        key = select.id()
        if key not in self._cache:
            self._cache[key] = self._describe(select)
        return self._cache[key]

    def _describe(self, select: Entity) -> MaterialInfo:
        cls = select.is_a()
        target = getattr(select, _USAGE_TARGET[cls]) if cls in _USAGE_TARGET else select
        target_cls = target.is_a() if target is not None else ""
        if target_cls == "IfcMaterialLayerSet":
            return self._layers(target, cls)
        if target_cls == "IfcMaterialProfileSet":
            return self._profiles(target, cls)
        if target_cls == "IfcMaterialConstituentSet":
            return self._constituents(target, cls)
        if target_cls == "IfcMaterialList":
            parts = tuple(MaterialPart(m.Name) for m in target.Materials or () if m is not None)
            return self._info(parts, cls, None)
        if target_cls == "IfcMaterial":
            return MaterialInfo(unique([target.Name]), cls, None)
        if target_cls in _SINGLE_PARTS:
            return MaterialInfo(unique([_material_name(target)]), cls, None)
        return NO_MATERIAL

    def _layers(self, layer_set: Entity, source: str) -> MaterialInfo:
        parts = tuple(
            MaterialPart(
                _material_name(layer), thickness=(layer.LayerThickness or 0.0) * self._length
            )
            for layer in layer_set.MaterialLayers or ()
        )
        split = len(parts) > 1 and sum(p.thickness or 0.0 for p in parts) > 0
        return self._info(parts, source, "layer" if split else None)

    def _constituents(self, constituent_set: Entity, source: str) -> MaterialInfo:
        parts = tuple(
            MaterialPart(_material_name(c), fraction=c.Fraction)
            for c in constituent_set.MaterialConstituents or ()
        )
        split = len(parts) > 1 and all((p.fraction or 0) > 0 for p in parts)
        return self._info(parts, source, "constituent" if split else None)

    def _profiles(self, profile_set: Entity, source: str) -> MaterialInfo:
        parts = []
        for profile in profile_set.MaterialProfiles or ():
            area = profile_area(profile.Profile)
            section = area * self._length**2 if area is not None else None
            parts.append(MaterialPart(_material_name(profile), section_area=section))
        split = len(parts) > 1 and all((p.section_area or 0) > 0 for p in parts)
        return self._info(tuple(parts), source, "profile" if split else None)

    def _info(
        self, parts: tuple[MaterialPart, ...], source: str, split: SplitKind | None
    ) -> MaterialInfo:
        names = unique([p.name for p in parts])
        if split is None and len(names) > 1 and self._split_unmeasured:
            return MaterialInfo(names, source, "material", tuple(MaterialPart(n) for n in names))
        return MaterialInfo(names, source, split, parts if split else ())
