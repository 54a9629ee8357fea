"""Detachability index after DGBC "Circular Buildings – disassembly potential 2.0" (§4.3).

Four factors are scored; an element's index is their harmonic mean, and only when all four are
known. Layer and building indices are weighted means over the elements of the counted layers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from matbank.calculations.interpretations import (
    DEFAULT_DETACHABILITY_WEIGHTING,
    DETACHABILITY_MERGE_PER_FACTOR,
    DETACHABILITY_WEIGHTING_BY_COUNTRY,
    DIRECT_CONNECTION_SCORE,
    combine_factor_scores,
)
from matbank.calculations.layers import DETACHABILITY_LAYERS

UNKNOWN = "Unknown"

#: Factor scores by wire value (v3/v4 enums), from the platform template and the DGBC method.
CONNECTION_TYPE_SCORES: Mapping[str, float] = {
    "DryConnection": 1.0,
    "AddedConnectionConnection": 0.8,
    "DirectConnection": DIRECT_CONNECTION_SCORE,
    "SoftChemicalConnection": 0.2,
    "HardChemicalConnection": 0.1,
}
ACCESSIBILITY_SCORES: Mapping[str, float] = {
    "Accessible": 1.0,
    "PartialNoDamage": 0.8,
    "PartialWithRepairableDamage": 0.6,
    "PartialWithDamage": 0.4,
    "NotAccessible": 0.1,
}
INTERSECTION_SCORES: Mapping[str, float] = {"None": 1.0, "Incidental": 0.4, "Complete": 0.1}
PRODUCT_EDGE_SCORES: Mapping[str, float] = {"Open": 1.0, "Overlapping": 0.4, "Closed": 0.1}


class DetachabilityWeighting(StrEnum):
    """What weighs an element in a layer or building index."""

    MASS = "mass"
    ENVIRONMENTAL_COST = "environmental_cost"


def weighting_for_country(country: str) -> DetachabilityWeighting:
    """The weighting a building in ``country`` (ISO code) uses by default."""
    name = DETACHABILITY_WEIGHTING_BY_COUNTRY.get(country.lower(), DEFAULT_DETACHABILITY_WEIGHTING)
    return DetachabilityWeighting(name)


@dataclass(frozen=True, slots=True)
class DetachabilityFactors:
    """The four scored factors (wire enum values); the connection detail is informational."""

    connection_type: str = UNKNOWN
    accessibility: str = UNKNOWN
    intersection: str = UNKNOWN
    product_edge: str = UNKNOWN

    def scores(self) -> tuple[float | None, float | None, float | None, float | None]:
        """Score per factor; ``None`` for Unknown (or an unrecognised value)."""
        return (
            CONNECTION_TYPE_SCORES.get(self.connection_type),
            ACCESSIBILITY_SCORES.get(self.accessibility),
            INTERSECTION_SCORES.get(self.intersection),
            PRODUCT_EDGE_SCORES.get(self.product_edge),
        )


NO_FACTORS = DetachabilityFactors()


def merge_factors(element: DetachabilityFactors | None,
                  product: DetachabilityFactors | None) -> DetachabilityFactors:
    """The factors that apply to an element: its own values first, then its product's."""
    if element is None:
        return product or NO_FACTORS
    if product is None:
        return element
    if not DETACHABILITY_MERGE_PER_FACTOR:
        return element if detachability_index(element) is not None else product

    def pick(own: str, inherited: str) -> str:
        return own if own != UNKNOWN else inherited

    return DetachabilityFactors(
        pick(element.connection_type, product.connection_type),
        pick(element.accessibility, product.accessibility),
        pick(element.intersection, product.intersection),
        pick(element.product_edge, product.product_edge),
    )


def detachability_index(factors: DetachabilityFactors) -> float | None:
    """Harmonic mean 4 / Σ(1/sᵢ) of the four scores; ``None`` unless all four are known."""
    scores = factors.scores()
    if any(s is None for s in scores):
        return None
    return combine_factor_scores(scores)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class DetachabilityItem:
    """One element as the index needs it."""

    layer: str
    linked: bool
    index: float | None
    mass: float = 0.0
    environmental_cost: float | None = None


@dataclass(frozen=True, slots=True)
class DetachabilityGroup:
    """Weighted index of a layer or of the building, with its index quality."""

    index: float | None
    weight: float
    elements_with_index: int
    elements_linked: int

    @property
    def quality(self) -> float:
        """Elements with an index / elements linked to a product (0 when none is linked)."""
        return self.elements_with_index / self.elements_linked if self.elements_linked else 0.0


@dataclass(frozen=True, slots=True)
class DetachabilityResult:
    """Building and per-layer detachability and the weighting that produced them."""

    weighting: DetachabilityWeighting
    building: DetachabilityGroup
    layers: dict[str, DetachabilityGroup]


class DetachabilityAccumulator:
    """Collects elements and summarises the weighted layer and building indices."""

    __slots__ = ("_weighting", "_groups")

    def __init__(self, weighting: DetachabilityWeighting) -> None:
        self._weighting = weighting
        self._groups: dict[str, list[float]] = {}  # weight·index, weight, with index, linked

    def add(self, layer: str, linked: bool, index: float | None, mass: float,
            environmental_cost: float | None) -> None:
        """Count an element of a detachability layer; others are ignored by the method."""
        if layer not in DETACHABILITY_LAYERS or not linked:
            return
        g = self._groups.get(layer)
        if g is None:
            g = self._groups[layer] = [0.0, 0.0, 0, 0]
        g[3] += 1
        weight = mass if self._weighting is DetachabilityWeighting.MASS else environmental_cost
        if index is None or weight is None:
            return  # without an index (or an ECI where ECI weighs) the element is left out
        g[2] += 1
        g[1] += weight
        g[0] += weight * index

    def result(self) -> DetachabilityResult:
        layers = {k: _group(self._groups[k]) for k in sorted(self._groups)}
        total = [sum(g[i] for g in self._groups.values()) for i in range(4)]
        return DetachabilityResult(self._weighting, _group(total), layers)


def _group(g: list[float]) -> DetachabilityGroup:
    index = g[0] / g[1] if g[1] > 0 else None
    return DetachabilityGroup(index, g[1], int(g[2]), int(g[3]))


def aggregate_detachability(items: Iterable[DetachabilityItem],
                            weighting: DetachabilityWeighting) -> DetachabilityResult:
    """Weighted detachability over elements (Σ DI·w / Σ w per layer and for the building)."""
    acc = DetachabilityAccumulator(weighting)
    for item in items:
        acc.add(item.layer, item.linked, item.index, item.mass, item.environmental_cost)
    return acc.result()
