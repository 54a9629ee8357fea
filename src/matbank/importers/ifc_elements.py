"""Turning one IFC element into an :class:`ExtractedElement` (domain §3.1).

Precedence: a filled CPset_Madaster property (or the property an upload preset redirects it
to) wins; only when it is empty is the same fact read from the standard IFC places.
Works on entity attributes only; it does not import ifcopenshell.
"""

from __future__ import annotations

from typing import Any

from matbank.importers.ifc_index import PropertyReader, PropertyView, RelationIndex
from matbank.importers.ifc_materials import MaterialInfo, MaterialResolver
from matbank.importers.ifc_records import (
    Detachability,
    ExtractedElement,
    ExtractionOptions,
    PropertyRef,
    Quantities,
    SubElement,
)
from matbank.importers.ifc_rules import (
    AREA_NAMES,
    DETACHABILITY_KEYS,
    DIMENSION_NAMES,
    EXTRA_MADASTER_KEYS,
    MADASTER_KEYS,
    MANUFACTURER_KEYS,
    MANUFACTURER_PSET,
    VOLUME_NAMES,
    WEIGHT_NAMES,
    article_number_gln,
    as_number,
    building_number_shares,
    gtin_from,
    layer_volumes,
    phase_for,
    shared_volumes,
    split_list,
    unique,
)

Entity = Any  # an ifcopenshell entity instance


def wanted_property_names(options: ExtractionOptions) -> frozenset[str]:
    """Every property name the extraction may look at; all other properties are skipped."""
    names = {options.source_of(key).name for key in MADASTER_KEYS}
    names.update(VOLUME_NAMES, AREA_NAMES, WEIGHT_NAMES, DIMENSION_NAMES, MANUFACTURER_KEYS)
    names.update(options.phase_properties)
    return frozenset(names)


def _reference_code(reference: Entity | None) -> str | None:
    """The code of a classification reference (IFC4 Identification, IFC2X3 ItemReference),
    falling back to its name."""
    if reference is None or not reference.is_a("IfcClassificationReference"):
        return None
    for attribute in ("Identification", "ItemReference", "Name"):
        code = getattr(reference, attribute, None)
        if code and code.strip():
            return code.strip()
    return None


class ElementBuilder:
    """Builds element records from a model's relation index, one element at a time."""

    def __init__(
        self,
        index: RelationIndex,
        reader: PropertyReader,
        materials: MaterialResolver,
        options: ExtractionOptions,
    ) -> None:
        self._index = index
        self._reader = reader
        self._materials = materials
        self._options = options
        # Resolved once: every element asks for the same Madaster properties.
        self._sources = {key: options.source_of(key) for key in MADASTER_KEYS}
        # Most elements carry none of the sets these live in: then none is looked up.
        self._source_sets = frozenset(ref.pset for ref in self._sources.values() if ref.pset)
        self._any_set = any(ref.pset is None for ref in self._sources.values())

    def build(self, entity: Entity) -> ExtractedElement:
        """The record for one element; ``id`` is its GlobalId."""
        element_type = self._index.type_of.get(entity.id())
        view = self._reader.view(entity, element_type, self._index)
        madaster = (
            view.texts(self._sources)
            if self._any_set or view.has_set(self._source_sets)
            else {}
        )
        arg = self._index.argument  # by position: name lookups are slow in ifcopenshell
        guid = arg(entity, 0)  # GlobalId
        quantities = self._quantities(view, madaster)
        names, source, children = self._material(guid, entity, element_type, madaster, quantities)
        phase_text = madaster.get("Phase") or self._phase_property(view)
        type_name = element_type.Name if element_type is not None else None
        parent = self._index.parent.get(entity.id())
        return ExtractedElement(
            id=guid,
            name=arg(entity, 2) or type_name,  # IfcRoot.Name
            type_name=type_name,
            element_class=entity.is_a().lower(),
            parent_id=parent.GlobalId if parent is not None and parent.is_a("IfcElement") else None,
            floor=self._index.floor_of(entity),
            material_names=names,
            material_source=source,
            quantities=quantities,
            sub_elements=children,
            classification_lookup=self._classification(entity, element_type, madaster),
            phase_lookup=phase_text,
            phase=phase_for(phase_text, self._options.default_phase),
            building_numbers=building_number_shares(madaster.get("BuildingNumbers")),
            gtin=madaster.get("GTIN") or self._gtin(view),
            article_number=madaster.get("ArticleNumberGLN") or self._article_number(view),
            material_id=madaster.get("MaterialOrProductId"),
            external_database_id=madaster.get("externaldatabaseId"),
            detachability=Detachability(*(madaster.get(k) for k in DETACHABILITY_KEYS)),
            extra_properties=tuple(
                (key, madaster[key]) for key in EXTRA_MADASTER_KEYS if key in madaster
            ),
        )

    def _quantities(self, view: PropertyView, madaster: dict[str, str]) -> Quantities:
        """CPset_Madaster quantities first, then quantity sets by the documented name order."""

        def own(key: str, kind: str) -> float | None:
            return view.number(self._sources[key], kind) if key in madaster else None

        def pick(key: str, kind: str, names: tuple[str, ...]) -> float | None:
            return own(key, kind) or view.quantity(names, kind)

        dimensions = {name.lower(): pick(name, "length", (name,)) for name in DIMENSION_NAMES}
        weight = own("Weight", "mass") or view.quantity(WEIGHT_NAMES, "mass")
        return Quantities(
            volume=pick("Volume", "volume", VOLUME_NAMES),
            area=pick("Area", "area", AREA_NAMES),
            weight=weight or view.any_weight(),
            **dimensions,
        )

    def _phase_property(self, view: PropertyView) -> str | None:
        """The first filled phase property ("Phase Created", "Renovation Status", "Phase" by
        default), in whichever property set it sits; names are case-sensitive."""
        for name in self._options.phase_properties:
            text = view.text(PropertyRef(name))
            if text:
                return text
        return None

    def _classification(
        self, entity: Entity, element_type: Entity | None, madaster: dict[str, str]
    ) -> str | None:
        """CPset value, else a classification reference of the element or its type, else the
        name of the element's presentation layer."""
        text = madaster.get("Classification")
        for owner in (entity, element_type):
            if text or owner is None:
                break
            text = _reference_code(self._index.classification.get(owner.id()))
        return text or self._index.presentation_layer(entity)

    def _gtin(self, view: PropertyView) -> str | None:
        def manufacturer(name: str) -> str | None:
            return view.text(PropertyRef(name, MANUFACTURER_PSET))

        return gtin_from(manufacturer("GlobalTradeItemNumber"), manufacturer("ArticleNumber"))

    def _article_number(self, view: PropertyView) -> str | None:
        def manufacturer(name: str) -> str | None:
            return view.text(PropertyRef(name, MANUFACTURER_PSET))

        return article_number_gln(
            manufacturer("ArticleNumber"),
            manufacturer("ModelReference"),
            manufacturer("Manufacturer"),
        )

    def _material(
        self,
        guid: str,
        entity: Entity,
        element_type: Entity | None,
        madaster: dict[str, str],
        quantities: Quantities,
    ) -> tuple[tuple[str, ...], str | None, tuple[SubElement, ...]]:
        """Material names, where they came from, and the virtual sub-elements."""
        override = split_list(madaster.get("MaterialOrProductName"))
        if override:
            ratios = [as_number(r) for r in split_list(madaster.get("MaterialOrProductRatio"))]
            return unique(override), "madaster", _ratio_children(guid, override, ratios, quantities)
        info = self._materials.describe(self._index.material.get(entity.id()))
        source = info.source
        if not info.names and element_type is not None:
            info = self._materials.describe(self._index.material.get(element_type.id()))
            source = f"type:{info.source}" if info.source else None
        return info.names, source, material_children(guid, info, quantities)


def _ratio_children(
    guid: str, names: list[str], ratios: list[float | None], quantities: Quantities
) -> tuple[SubElement, ...]:
    """MaterialOrProductRatio splits the element when each named material has a ratio."""
    if len(names) < 2 or len(ratios) != len(names) or not all(r and r > 0 for r in ratios):
        return ()
    shares = [r or 0.0 for r in ratios]
    volumes = shared_volumes(shares, quantities.volume)
    total = sum(shares)
    return tuple(
        SubElement(f"{guid}:{n}", name, "ratio", volume, fraction=share / total)
        for n, (name, share, volume) in enumerate(zip(names, shares, volumes, strict=True), 1)
    )


def material_children(
    guid: str, info: MaterialInfo, quantities: Quantities
) -> tuple[SubElement, ...]:
    """Virtual sub-elements of a split material set, with their share of the element."""
    parts = info.parts
    if info.split == "layer":
        volumes = layer_volumes([p.thickness for p in parts], quantities.area, quantities.volume)
        return tuple(
            SubElement(
                f"{guid}:{n}", p.name, "layer", v, area=quantities.area, thickness=p.thickness
            )
            for n, (p, v) in enumerate(zip(parts, volumes, strict=True), 1)
        )
    if info.split == "constituent":
        fractions = [p.fraction or 0.0 for p in parts]
        volumes = shared_volumes(fractions, quantities.volume)
        return tuple(
            SubElement(f"{guid}:{n}", p.name, "constituent", v, fraction=p.fraction)
            for n, (p, v) in enumerate(zip(parts, volumes, strict=True), 1)
        )
    if info.split == "profile":
        return _profile_children(guid, parts, quantities)
    if info.split == "material":
        return _material_children(guid, parts, quantities)
    return ()


def _material_children(
    guid: str, parts: tuple, quantities: Quantities
) -> tuple[SubElement, ...]:
    """[INTERP] One child per distinct material of a set that gives no shares; until the
    model's shape aspects tell better (``ifc_geometry.with_aspect_shares``) each takes an
    equal share of the element volume."""
    share = 1.0 / len(parts)
    volumes = shared_volumes([share] * len(parts), quantities.volume)
    return tuple(
        SubElement(f"{guid}:{n}", p.name, "material", v, fraction=share)
        for n, (p, v) in enumerate(zip(parts, volumes, strict=True), 1)
    )


def _profile_children(guid: str, parts: tuple, quantities: Quantities) -> tuple[SubElement, ...]:
    """Profiles share the element volume by cross-section; without a volume, section × length."""
    sections = [p.section_area or 0.0 for p in parts]
    total = sum(sections)
    if quantities.volume is not None:
        volumes = shared_volumes(sections, quantities.volume)
    else:
        length = quantities.length
        volumes = [s * length if length is not None else None for s in sections]
    return tuple(
        SubElement(
            f"{guid}:{n}", p.name, "profile", v, length=quantities.length, fraction=s / total
        )
        for n, (p, s, v) in enumerate(zip(parts, sections, volumes, strict=True), 1)
    )
