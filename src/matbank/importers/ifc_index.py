"""Relationships of an IFC model indexed in one pass, units, and per-element property lookups.

Walking ``element.IsDefinedBy``-style inverse attributes for every element is slow, so each
relationship class is scanned once and turned into dicts keyed by the related entity's id.
This module works on ifcopenshell entity instances through their attributes only and does
not import ifcopenshell itself.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from typing import Any

from matbank.importers.ifc_records import PropertyRef, UnitScale
from matbank.importers.ifc_rules import as_number, as_text

Entity = Any  # an ifcopenshell entity instance
#: Reads an attribute by position. ``entity[n]`` by default; ``matbank.importers.ifc`` passes
#: ifcopenshell's direct accessor when the installed version has one (a C call instead of a
#: Python ``__getitem__`` with its bounds check, on the hottest path of an import).
Argument = Callable[[Entity, int], Any]

_SI_PREFIX = {
    "EXA": 1e18,
    "PETA": 1e15,
    "TERA": 1e12,
    "GIGA": 1e9,
    "MEGA": 1e6,
    "KILO": 1e3,
    "HECTO": 1e2,
    "DECA": 1e1,
    "DECI": 1e-1,
    "CENTI": 1e-2,
    "MILLI": 1e-3,
    "MICRO": 1e-6,
    "NANO": 1e-9,
    "PICO": 1e-12,
    "FEMTO": 1e-15,
    "ATTO": 1e-18,
}
# The prefix applies to the base unit before the power: MILLI SQUARE_METRE is mm².
_SI_POWER = {"SQUARE_METRE": 2, "CUBIC_METRE": 3}
_UNIT_KINDS = {
    "LENGTHUNIT": "length",
    "AREAUNIT": "area",
    "VOLUMEUNIT": "volume",
    "MASSUNIT": "mass",
}
_MEASURE_KINDS = {
    "IfcLengthMeasure": "length",
    "IfcPositiveLengthMeasure": "length",
    "IfcNonNegativeLengthMeasure": "length",
    "IfcAreaMeasure": "area",
    "IfcVolumeMeasure": "volume",
    "IfcMassMeasure": "mass",
}
_QUANTITY_KINDS = {
    "IfcQuantityLength": "length",
    "IfcQuantityArea": "area",
    "IfcQuantityVolume": "volume",
    "IfcQuantityWeight": "mass",
    "IfcQuantityCount": None,
    "IfcQuantityNumber": None,
}


def unit_factor(unit: Entity | None) -> float | None:
    """Factor from a named unit to SI (m, m², m³, kg), following conversion-based units."""
    if unit is None:
        return None
    if unit.is_a("IfcSIUnit"):
        factor = _SI_PREFIX.get(unit.Prefix, 1.0) ** _SI_POWER.get(unit.Name, 1)
        # IFC's SI mass unit is the gram; matbank works in kilograms.
        return factor / 1000.0 if unit.Name == "GRAM" else factor
    if unit.is_a("IfcConversionBasedUnit"):
        factor = unit.ConversionFactor
        value = getattr(factor.ValueComponent, "wrappedValue", factor.ValueComponent)
        base = unit_factor(factor.UnitComponent)
        return None if base is None else float(value) * base
    return None


def unit_scale(assignment: Entity | None) -> UnitScale:
    """The project's length, area, volume and mass factors; missing area and volume units are
    derived from the length unit, a missing length or mass unit means SI."""
    found: dict[str, float] = {}
    for unit in (assignment.Units if assignment is not None else ()) or ():
        kind = _UNIT_KINDS.get(getattr(unit, "UnitType", None) or "")
        factor = unit_factor(unit) if kind else None
        if kind and factor:
            found.setdefault(kind, factor)
    length = found.get("length", 1.0)
    return UnitScale(
        length=length,
        area=found.get("area", length**2),
        volume=found.get("volume", length**3),
        mass=found.get("mass", 1.0),
    )


class RelationIndex:
    """Inverse relationships of a model, built once: element id → related things."""

    def __init__(self, model: Any, argument: Argument = operator.getitem) -> None:
        self.argument = argument
        self.property_sets: dict[int, list[Entity]] = {}
        self.type_of: dict[int, Entity] = {}
        self.material: dict[int, Entity] = {}
        self.classification: dict[int, Entity] = {}
        self.container: dict[int, Entity] = {}
        self.parent: dict[int, Entity] = {}
        self.layer_name: dict[int, str] = {}
        self._storey_names: dict[int, str | None] = {}
        self._scan(model)

    # Relationships are read by attribute position (several times faster than by name in
    # ifcopenshell). In IFC2X3, IFC4 and IFC4X3 every relationship used here keeps its
    # related objects at 4 and the relating thing at 5, except IfcRelAggregates (4 and 5
    # swapped: relating object first).
    def _scan(self, model: Any) -> None:
        arg = self.argument
        for rel in model.by_type("IfcRelDefinesByProperties"):
            definition = arg(rel, 5)
            sets = definition if isinstance(definition, tuple) else (definition,)
            for obj in arg(rel, 4) or ():
                self.property_sets.setdefault(obj.id(), []).extend(sets)
        for rel_class, target in (
            ("IfcRelDefinesByType", self.type_of),
            ("IfcRelAssociatesMaterial", self.material),
            ("IfcRelAssociatesClassification", self.classification),
            ("IfcRelContainedInSpatialStructure", self.container),
        ):
            self._first_wins(model.by_type(rel_class), 5, 4, target, arg)
        self._first_wins(model.by_type("IfcRelAggregates"), 4, 5, self.parent, arg)
        for layer in model.by_type("IfcPresentationLayerAssignment"):
            for item in layer.AssignedItems or ():
                self.layer_name.setdefault(item.id(), layer.Name)
        for sets in self.property_sets.values():
            if len(sets) > 1:
                sets.sort(key=lambda s: s.id())  # the first occurrence in the file wins

    @staticmethod
    def _first_wins(
        rels: Any, relating: int, related: int, target: dict[int, Entity], arg: Argument
    ) -> None:
        for rel in rels:
            value = arg(rel, relating)
            for obj in arg(rel, related) or ():
                target.setdefault(obj.id(), value)

    def floor_of(self, element: Entity) -> str | None:
        """Name of the storey holding the element, or holding the element it is part of."""
        node = element
        for _ in range(32):  # aggregation is shallow; the bound guards against cycles
            container = self.container.get(node.id())
            if container is not None:
                return self._storey_name(container)
            node = self.parent.get(node.id())
            if node is None:
                return None
        return None

    def _storey_name(self, spatial: Entity) -> str | None:
        key = spatial.id()
        if key not in self._storey_names:
            node = spatial
            while node is not None and not node.is_a("IfcBuildingStorey"):
                node = self.parent.get(node.id())
            self._storey_names[key] = node.Name if node is not None else None
        return self._storey_names[key]

    def presentation_layer(self, element: Entity) -> str | None:
        """Name of the presentation layer of the element's shape or of one of its items."""
        shape = self.argument(element, 6)  # IfcProduct.Representation
        for representation in (shape.Representations if shape else None) or ():
            name = self.layer_name.get(representation.id())
            for item in () if name else representation.Items or ():
                name = self.layer_name.get(item.id())
                if name:
                    break
            if name:
                return name
        return None


class ParsedSet:
    """The interesting properties of one property set or element quantity set."""

    __slots__ = ("name", "is_quantity", "values")

    def __init__(self, name: str, is_quantity: bool, values: dict[str, tuple[Any, str | None]]):
        self.name = name
        self.is_quantity = is_quantity
        # name → (value, kind); measures are already in SI and carry their kind.
        self.values = values


class PropertyReader:
    """Reads property sets, keeping only the property names the extraction asks for."""

    def __init__(
        self, scale: UnitScale, wanted: frozenset[str], argument: Argument = operator.getitem
    ) -> None:
        self._scale = scale
        self._wanted = wanted
        self._arg = argument
        self._type_sets: dict[int, list[ParsedSet]] = {}

    def view(
        self, element: Entity, element_type: Entity | None, index: RelationIndex
    ) -> PropertyView:
        """Properties of the element (file order) followed by those of its type."""
        own = [s for s in map(self._parse, index.property_sets.get(element.id(), ())) if s]
        return PropertyView(own + self._sets_of_type(element_type), self._scale)

    def _sets_of_type(self, element_type: Entity | None) -> list[ParsedSet]:
        if element_type is None:
            return []
        key = element_type.id()
        if key not in self._type_sets:
            sets = getattr(element_type, "HasPropertySets", None) or ()
            parsed = [s for s in map(self._parse, sorted(sets, key=lambda s: s.id())) if s]
            self._type_sets[key] = parsed
        return self._type_sets[key]

    # Hot loop: attributes are read by position, which is several times faster than by
    # name through ifcopenshell's __getattr__. The positions are the same in IFC2X3, IFC4
    # and IFC4X3: set Name 2, IfcPropertySet.HasProperties 4, IfcElementQuantity.Quantities
    # 5; property and quantity Name 0, Unit 2 (quantity) or 3 (single value), value 2 or 3.
    def _parse(self, definition: Entity) -> ParsedSet | None:
        arg = self._arg
        cls = definition.is_a()
        if cls == "IfcElementQuantity":
            members, reader, is_quantity = arg(definition, 5), self._quantity, True
        elif cls == "IfcPropertySet":
            members, reader, is_quantity = arg(definition, 4), self._property, False
        else:
            return None
        values: dict[str, tuple[Any, str | None]] = {}
        for member in members or ():
            name = arg(member, 0)
            if name in values:
                continue
            # Any weight quantity counts, whatever its name, so those are always kept.
            if name in self._wanted or (is_quantity and member.is_a() == "IfcQuantityWeight"):
                value = reader(member)
                if value is not None:
                    values[name] = value
        return ParsedSet(arg(definition, 2) or "", is_quantity, values)

    def _quantity(self, quantity: Entity) -> tuple[Any, str | None] | None:
        cls = quantity.is_a()
        if cls not in _QUANTITY_KINDS:
            return None  # complex quantities have no single value
        kind, value = _QUANTITY_KINDS[cls], self._arg(quantity, 3)
        if not isinstance(value, int | float):
            return None
        factor = unit_factor(self._arg(quantity, 2)) or self._scale.factor(kind)
        return value * factor, kind

    def _property(self, prop: Entity) -> tuple[Any, str | None] | None:
        cls = prop.is_a()
        if cls == "IfcPropertySingleValue":
            nominal = self._arg(prop, 2)
        elif cls == "IfcPropertyEnumeratedValue":
            nominal = (self._arg(prop, 2) or (None,))[0]
        else:
            return None
        if nominal is None:
            return None
        value = nominal[0]
        kind = _MEASURE_KINDS.get(nominal.is_a())
        if kind is None or isinstance(value, str):
            return value, None
        unit = self._arg(prop, 3) if cls == "IfcPropertySingleValue" else None
        factor = unit_factor(unit) or self._scale.factor(kind)
        return value * factor, kind


class PropertyView:
    """Lookups over one element's parsed sets; the first filled occurrence wins."""

    __slots__ = ("_sets", "_scale", "_set_names", "_by_name")

    def __init__(self, sets: list[ParsedSet], scale: UnitScale) -> None:
        self._sets = sets
        self._scale = scale
        # Most elements carry no CPset_Madaster; this lets its many lookups return at once.
        self._set_names = {s.name for s in sets}
        self._by_name: dict[str, list[tuple[bool, tuple[Any, str | None]]]] | None = None

    def has_set(self, names: frozenset[str]) -> bool:
        """Whether one of the named property sets is present."""
        return not self._set_names.isdisjoint(names)

    def text(self, ref: PropertyRef) -> str | None:
        """The first non-blank value of the property, as text."""
        if ref.pset is not None and ref.pset not in self._set_names:
            return None
        for parsed in self._sets:
            if (ref.pset is None or parsed.name == ref.pset) and ref.name in parsed.values:
                text = as_text(parsed.values[ref.name][0])
                if text:
                    return text
        return None

    def texts(self, refs: dict[str, PropertyRef]) -> dict[str, str]:
        """Filled values of many properties at once (key → text); keys left empty are absent."""
        found = {}
        for key, ref in refs.items():
            if ref.pset is None or ref.pset in self._set_names:
                text = self.text(ref)
                if text:
                    found[key] = text
        return found

    def number(self, ref: PropertyRef, kind: str | None) -> float | None:
        """The first positive value of the property in SI; plain numbers are taken to be in
        the project unit of the kind."""
        if ref.pset is not None and ref.pset not in self._set_names:
            return None
        for parsed in self._sets:
            if (ref.pset is None or parsed.name == ref.pset) and ref.name in parsed.values:
                number = self._si(parsed.values[ref.name], kind)
                if number is not None and number > 0:
                    return number
        return None

    def quantity(self, names: tuple[str, ...], kind: str) -> float | None:
        """First positive quantity by name preference: quantity sets first, then any pset."""
        by_name = self._values_by_name()
        for name in names:
            entries = by_name.get(name)
            for want_quantity in (True, False) if entries else ():
                for is_quantity, entry in entries:
                    if is_quantity is want_quantity:
                        number = self._si(entry, kind)
                        if number is not None and number > 0:
                            return number
        return None

    def _values_by_name(self) -> dict[str, list[tuple[bool, tuple[Any, str | None]]]]:
        """Property name → (from a quantity set, entry) in set order; built on first use."""
        if self._by_name is None:
            self._by_name = {}
            for parsed in self._sets:
                for name, entry in parsed.values.items():
                    self._by_name.setdefault(name, []).append((parsed.is_quantity, entry))
        return self._by_name

    def any_weight(self) -> float | None:
        """The first positive weight quantity, whatever its name."""
        for parsed in self._sets:
            for value, kind in parsed.values.values() if parsed.is_quantity else ():
                if kind == "mass" and value > 0:
                    return value
        return None

    def _si(self, entry: tuple[Any, str | None], kind: str | None) -> float | None:
        value, value_kind = entry
        number = as_number(value)
        if number is None or math.isnan(number):
            return None
        if value_kind is not None:
            return number if value_kind == kind or kind is None else None
        return number * self._scale.factor(kind)
