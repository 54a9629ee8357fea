"""Bills of materials: a product's mass, composition and circularity from its children (§4.1).

A child is given by weight (kg per parent functional unit), by quantity (pieces of a Quantity
child) or in the child's own unit (m³, m², m). The parent's mass per functional unit is the sum
of the child weights; circularity fractions are mass-weighted over the children and the
material-family split follows the children's families. Circular references are forbidden.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from matbank.calculations.circularity import (
    DEFAULT_RECYCLING_EFFICIENCY,
    NO_CIRCULARITY_DATA,
    Circularity,
    Feedstock,
    Output,
)
from matbank.calculations.errors import BillOfMaterialsCycle, BillOfMaterialsError
from matbank.calculations.interpretations import (
    BOM_CIRCULARITY_KNOWN_WHEN_ANY_CHILD_KNOWN,
    efficiency_weighted,
)
from matbank.calculations.mass import mass_by_family, mass_per_functional_unit
from matbank.calculations.units import FunctionalUnit


class ChildBasis(StrEnum):
    """How a child's amount is expressed (the three `/children/...` endpoints)."""

    QUANTITY = "Quantity"  # pieces (#) of a Quantity child
    WEIGHT = "Weight"      # kg per functional unit of the parent
    UNIT = "Unit"          # the child's own unit: m³, m² or m


_UNIT_BASES = frozenset({FunctionalUnit.VOLUME, FunctionalUnit.AREA, FunctionalUnit.LENGTH})


@dataclass(frozen=True, slots=True)
class BomChild:
    """One line of a bill of materials, per functional unit of the parent."""

    commodity_id: str
    basis: ChildBasis
    amount: float
    circularity_override: Circularity | None = None


@dataclass(frozen=True, slots=True)
class BomCommodity:
    """What the BoM resolution needs to know about a commodity."""

    id: str
    functional_unit: FunctionalUnit
    density: float | None = None
    weight_per_piece: float | None = None
    default_amount: float = 1.0
    circularity: Circularity | None = None
    family_shares: tuple[tuple[str, float], ...] = ()
    children: tuple[BomChild, ...] = ()
    use_bill_of_materials: bool = True


@dataclass(frozen=True, slots=True)
class ChildWeight:
    """A child's weight per parent functional unit and its share of the parent's mass."""

    commodity_id: str
    weight: float
    weight_share: float


@dataclass(frozen=True, slots=True)
class ResolvedCommodity:
    """A commodity's mass per functional unit, composition and circularity after its BoM."""

    id: str
    functional_unit: FunctionalUnit
    mass_per_unit: float | None
    circularity: Circularity | None
    family_masses: tuple[tuple[str, float], ...]
    children: tuple[ChildWeight, ...] = ()

    def family_shares(self) -> tuple[tuple[str, float], ...]:
        """Material-family shares of the mass (fractions summing to 1 when there is mass)."""
        total = sum(kg for _, kg in self.family_masses)
        if total <= 0:
            return ()
        return tuple((family, kg / total) for family, kg in self.family_masses)


def resolve_bill_of_materials(commodity_id: str,
                              catalogue: Mapping[str, BomCommodity]) -> ResolvedCommodity:
    """Resolve one commodity; raises BillOfMaterialsCycle naming the cycle if there is one."""
    return _Resolver(catalogue).resolve(commodity_id)


def resolve_catalogue(catalogue: Mapping[str, BomCommodity]) -> dict[str, ResolvedCommodity]:
    """Resolve every commodity of a catalogue, sharing work between common children."""
    resolver = _Resolver(catalogue)
    return {cid: resolver.resolve(cid) for cid in sorted(catalogue)}


class _Resolver:
    __slots__ = ("_catalogue", "_done", "_path")

    def __init__(self, catalogue: Mapping[str, BomCommodity]) -> None:
        self._catalogue = catalogue
        self._done: dict[str, ResolvedCommodity] = {}
        self._path: list[str] = []

    def resolve(self, commodity_id: str) -> ResolvedCommodity:
        done = self._done.get(commodity_id)
        if done is not None:
            return done
        if commodity_id in self._path:
            start = self._path.index(commodity_id)
            raise BillOfMaterialsCycle((*self._path[start:], commodity_id))
        commodity = self._catalogue.get(commodity_id)
        if commodity is None:
            raise BillOfMaterialsError(f"unknown commodity {commodity_id!r} in a bill of materials")
        self._path.append(commodity_id)
        try:
            resolved = self._compute(commodity)
        finally:
            self._path.pop()
        self._done[commodity_id] = resolved
        return resolved

    def _compute(self, commodity: BomCommodity) -> ResolvedCommodity:
        if not commodity.children or not commodity.use_bill_of_materials:
            return _leaf(commodity)
        lines: list[tuple[str, float, Circularity | None, tuple[tuple[str, float], ...]]] = []
        for child in commodity.children:
            resolved = self.resolve(child.commodity_id)
            kg = self._child_weight(child, resolved)
            circularity = child.circularity_override or resolved.circularity
            lines.append((child.commodity_id, kg, circularity, resolved.family_shares()))
        mass = sum(kg for _, kg, _, _ in lines)
        families: dict[str, float] = {}
        for _, kg, _, shares in lines:
            for family, kg_family in mass_by_family(kg, shares).items():
                families[family] = families.get(family, 0.0) + kg_family
        weights = tuple(ChildWeight(cid, kg, kg / mass if mass > 0 else 0.0)
                        for cid, kg, _, _ in lines)
        return ResolvedCommodity(
            id=commodity.id, functional_unit=commodity.functional_unit, mass_per_unit=mass,
            circularity=mix_circularity([(kg, c) for _, kg, c, _ in lines]),
            family_masses=tuple(sorted(families.items())), children=weights,
        )

    def _child_weight(self, child: BomChild, resolved: ResolvedCommodity) -> float:
        return child_weight(child, resolved, self._catalogue[child.commodity_id].default_amount)


def child_weight(child: BomChild, resolved: ResolvedCommodity, default_amount: float) -> float:
    """kg of one BoM line per functional unit of the parent.

    By weight the amount is the kg; by quantity (pieces) or in the child's own unit it is
    amount / the child's reference amount × the child's mass per reference amount.
    """
    if child.amount < 0:
        raise BillOfMaterialsError(f"child {child.commodity_id!r} has a negative amount")
    if child.basis is ChildBasis.WEIGHT:
        return child.amount
    unit = resolved.functional_unit
    if child.basis is ChildBasis.QUANTITY and unit is not FunctionalUnit.QUANTITY:
        raise BillOfMaterialsError(f"child {child.commodity_id!r} is not counted in pieces")
    if child.basis is ChildBasis.UNIT and unit not in _UNIT_BASES:
        raise BillOfMaterialsError(f"child {child.commodity_id!r} has no m³/m²/m unit")
    if resolved.mass_per_unit is None:
        raise BillOfMaterialsError(f"child {child.commodity_id!r} has no mass per unit")
    return child.amount / (default_amount or 1.0) * resolved.mass_per_unit


def _leaf(commodity: BomCommodity) -> ResolvedCommodity:
    mass = mass_per_functional_unit(commodity.functional_unit, commodity.density,
                                    commodity.weight_per_piece)
    families = () if mass is None else tuple(
        sorted(mass_by_family(mass, commodity.family_shares).items()))
    return ResolvedCommodity(
        id=commodity.id, functional_unit=commodity.functional_unit, mass_per_unit=mass,
        circularity=commodity.circularity, family_masses=families,
    )


def mix_circularity(parts: Sequence[tuple[float, Circularity | None]]) -> Circularity | None:
    """Mass-weighted circularity of children given as (kg, circularity or None).

    Children without data count with the documented defaults (virgin, incinerated).
    Efficiencies are weighted by the recycled stream they apply to.
    """
    total = sum(kg for kg, _ in parts)
    known = any(c is not None and kg > 0 for kg, c in parts)
    if total <= 0 or not (known if BOM_CIRCULARITY_KNOWN_WHEN_ANY_CHILD_KNOWN else
                          all(c is not None for kg, c in parts if kg > 0)):
        return None
    inputs = [0.0] * 4
    outputs = [0.0] * 3
    fed: list[tuple[float, float]] = []
    collected: list[tuple[float, float]] = []
    for kg, c in parts:
        c = c or NO_CIRCULARITY_DATA
        share_in, share_out = c.feedstock.shares(), c.output.shares()
        for i in range(4):
            inputs[i] += kg * share_in[i]
        for i in range(3):
            outputs[i] += kg * share_out[i]
        fed.append((kg * share_in[0], c.feedstock.recycling_efficiency))
        collected.append((kg * share_out[1], c.output.recycling_efficiency))
    r, u, rs, ro = (min(1.0, x / total) for x in inputs)
    reuse, recycle, landfill = (min(1.0, x / total) for x in outputs)
    return Circularity(
        Feedstock(r, efficiency_weighted(tuple(fed), DEFAULT_RECYCLING_EFFICIENCY), u, rs, ro),
        Output(reuse, recycle, efficiency_weighted(tuple(collected), DEFAULT_RECYCLING_EFFICIENCY),
               landfill),
    )
