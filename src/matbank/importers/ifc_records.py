"""What the IFC importer produces and the options that steer it.

Plain frozen dataclasses: no ORM, no ifcopenshell. Every quantity is in SI units
(metres, square metres, cubic metres, kilograms) whatever the units of the source file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

Phase = Literal["Demolition", "New", "Preserved"]

MADASTER_PSET = "CPset_Madaster"

#: Property names that carry the construction phase, in order of preference (case-sensitive).
PHASE_PROPERTY_NAMES: tuple[str, ...] = ("Phase Created", "Renovation Status", "Phase")


@dataclass(frozen=True, slots=True)
class Storey:
    """A building storey of the model; elevation in metres when the file states one."""

    name: str | None
    elevation: float | None


@dataclass(frozen=True, slots=True)
class IfcFileInfo:
    """File-level facts: schema, units, header time stamp, authoring tool and storeys."""

    schema: str
    schema_identifier: str
    length_unit_to_metres: float
    timestamp: str | None
    authoring_application: str | None
    storeys: tuple[Storey, ...]


@dataclass(frozen=True, slots=True)
class Quantities:
    """Base quantities of an element: m³, m², m and kg."""

    volume: float | None = None
    area: float | None = None
    length: float | None = None
    width: float | None = None
    height: float | None = None
    depth: float | None = None
    thickness: float | None = None
    weight: float | None = None


@dataclass(frozen=True, slots=True)
class BuildingNumberShare:
    """The part of an element that belongs to one building number (ratios sum to 1)."""

    building_number: str
    ratio: float


@dataclass(frozen=True, slots=True)
class Detachability:
    """Raw detachability texts as found in the model; mapping to enum values happens later."""

    connection_type: str | None = None
    connection_type_detail: str | None = None
    accessibility: str | None = None
    intersection: str | None = None
    product_edge: str | None = None


@dataclass(frozen=True, slots=True)
class SubElement:
    """A virtual child of an element: one layer, constituent, profile or ratio share, or
    (source "material") one distinct material of a set that gives no shares.

    ``id`` is the parent's GlobalId plus ``:n`` (n counts from 1 in material order), so it
    stays stable between uploads of the same model.
    """

    id: str
    material_name: str | None
    source: Literal["layer", "constituent", "profile", "ratio", "material"]
    volume: float | None
    area: float | None = None
    length: float | None = None
    thickness: float | None = None
    fraction: float | None = None


@dataclass(frozen=True, slots=True)
class ExtractedElement:
    """One building element read from an IFC model, ready to become a building-file element.

    ``element_class`` is the IFC class in lower case (``ifcwall``); ``name`` falls back to the
    type name when the element has none; ``parent_id`` is the GlobalId of the element this one
    is aggregated into (a flight of a stair, a plate of a curtain wall), so totals can be
    taken over elements without a child or over children only.
    """

    id: str
    name: str | None
    type_name: str | None
    element_class: str
    parent_id: str | None
    floor: str | None
    material_names: tuple[str, ...]
    material_source: str | None
    quantities: Quantities
    sub_elements: tuple[SubElement, ...]
    classification_lookup: str | None
    phase_lookup: str | None
    phase: Phase
    building_numbers: tuple[BuildingNumberShare, ...]
    gtin: str | None
    article_number: str | None
    material_id: str | None
    external_database_id: str | None
    detachability: Detachability
    extra_properties: tuple[tuple[str, str], ...] = ()

    @property
    def material_name(self) -> str | None:
        """All material names in one text, as the element's ``materialName`` carries them."""
        return ", ".join(self.material_names) or None


@dataclass(frozen=True, slots=True)
class PropertyRef:
    """Where a value is read: a property name, in one named property set or in any (None)."""

    name: str
    pset: str | None = None


@dataclass(frozen=True)
class ExtractionOptions:
    """How to read a model; upload presets fill these in.

    ``property_sources`` redirects a Madaster property (key as in CPset_Madaster, e.g.
    ``"Phase"``, ``"BuildingNumbers"``, ``"Comment"``) to another property set or name.
    ``excluded_types`` holds IFC class names whose elements (subclasses included) are skipped.
    ``default_phase`` is given to elements whose phase text is missing or unknown.
    ``derive_missing_volume``: an element for which the model gives neither a volume nor a
    weight gets the volume of its geometry (see ``matbank.importers.ifc_geometry``).
    ``split_unmeasured_materials``: a set of several distinct materials without thicknesses
    or fractions becomes one sub-element per material (see
    ``matbank.importers.ifc_materials``); off, the names are only listed, as Madaster does.
    """

    madaster_pset: str = MADASTER_PSET
    property_sources: Mapping[str, PropertyRef] = field(default_factory=dict)
    phase_properties: tuple[str, ...] = PHASE_PROPERTY_NAMES
    default_phase: Phase = "New"
    excluded_types: frozenset[str] = frozenset()
    derive_missing_volume: bool = True
    split_unmeasured_materials: bool = True

    def __post_init__(self) -> None:
        # Freeze the caller's mapping and normalise class names so lookups are case-blind.
        object.__setattr__(self, "property_sources", MappingProxyType(dict(self.property_sources)))
        excluded = frozenset(t.lower() for t in self.excluded_types)
        object.__setattr__(self, "excluded_types", excluded)

    def source_of(self, key: str) -> PropertyRef:
        """The property to read for a Madaster key: the preset's redirect or CPset_Madaster."""
        return self.property_sources.get(key) or PropertyRef(key, self.madaster_pset)


@dataclass(frozen=True, slots=True)
class ZipLimits:
    """Guards for ``.ifczip`` uploads against zip bombs."""

    max_uncompressed_bytes: int = 2 * 1024**3
    max_ratio: float = 200.0


@dataclass(frozen=True, slots=True)
class UnitScale:
    """Factors from the file's project units to m, m², m³ and kg."""

    length: float = 1.0
    area: float = 1.0
    volume: float = 1.0
    mass: float = 1.0

    def factor(self, kind: str | None) -> float:
        """The factor for a quantity kind ("length", "area", "volume", "mass"); 1 otherwise."""
        return {
            "length": self.length,
            "area": self.area,
            "volume": self.volume,
            "mass": self.mass,
        }.get(kind or "", 1.0)
