"""One pass over a building's elements producing every result the platform stores and serves.

Each element is visited once; per-commodity work (circularity terms, dataset choice, family
split, detachability index) is cached, and the environmental and financial parts are summed
per (commodity, layer) and multiplied out after the loop, so large buildings stay fast.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from matbank.calculations.bom import ResolvedCommodity
from matbank.calculations.circularity import (
    FLOW_FIELDS,
    Circularity,
    CircularityAccumulator,
    CircularityOptions,
    CircularityResult,
    MaterialFlows,
    MciTerms,
    UtilityMode,
    effective_circularity,
    flow_shares,
    mci_terms,
)
from matbank.calculations.detachability import (
    DetachabilityAccumulator,
    DetachabilityFactors,
    DetachabilityResult,
    DetachabilityWeighting,
    detachability_index,
    merge_factors,
    weighting_for_country,
)
from matbank.calculations.environmental import (
    Compliance,
    EnvironmentalAccumulator,
    EnvironmentalResult,
    LcaDataset,
    replacement_factor,
    select_dataset,
)
from matbank.calculations.financial import (
    FinancialOptions,
    FinancialResult,
    FinancialSetting,
    PriceCatalogue,
    value_building,
)
from matbank.calculations.interpretations import (
    DEFAULT_LAYER_LIFESPANS,
    MASSLESS_UNITS_EXCLUDED_FROM_MASS_SHARE,
    environmental_reuse_share,
    service_period,
)
from matbank.calculations.layers import UNKNOWN_FAMILY, Layer
from matbank.calculations.mass import mass_intensity
from matbank.calculations.units import (
    MASSLESS_UNITS,
    ElementQuantities,
    FunctionalUnit,
    quantity_in_functional_unit,
)

_LAYER_ORDER = tuple(layer.value for layer in Layer)


@dataclass(frozen=True, slots=True)
class CommodityData:
    """What the calculations need of the commodity an element is linked to.

    ``mass_per_unit`` is kg per reference amount after any bill of materials; ``density``
    (kg/m³) lets an element with only a weight use a Volume product.
    """

    id: str
    functional_unit: FunctionalUnit
    mass_per_unit: float | None
    default_amount: float = 1.0
    density: float | None = None
    circularity: Circularity | None = None
    family_shares: tuple[tuple[str, float], ...] = ()
    detachability: DetachabilityFactors | None = None
    lifespan: float | None = None
    lca: tuple[LcaDataset, ...] = ()
    financial: FinancialSetting | None = None


def commodity_from_resolved(resolved: ResolvedCommodity, **details: object) -> CommodityData:
    """CommodityData for a product whose bill of materials has been resolved."""
    return CommodityData(  # type: ignore[arg-type]
        id=resolved.id, functional_unit=resolved.functional_unit,
        mass_per_unit=resolved.mass_per_unit, circularity=resolved.circularity,
        family_shares=resolved.family_shares(), **details,
    )


@dataclass(frozen=True, slots=True)
class BuildingElement:
    """One element with its layer, quantities, element-level overrides and linked commodity.

    ``installation_offset_years`` is how long after delivery the element was installed
    (negative: before delivery), for B4 (see ``interpretations.service_period``);
    ``construction_waste`` is the assumed waste fraction added to A5.
    """

    id: str
    layer: str = Layer.UNKNOWN
    commodity: CommodityData | None = None
    quantities: ElementQuantities = field(default_factory=ElementQuantities)
    included: bool = True
    reuse: float | None = None
    available_for_reuse: float | None = None
    detachability: DetachabilityFactors | None = None
    lifespan: float | None = None
    installation_offset_years: float | None = None
    construction_waste: float = 0.0


@dataclass(frozen=True, slots=True)
class BuildingContext:
    """Building-wide inputs: GFA, lifespan, country, LCA compliance and cost settings."""

    gross_floor_area: float = 0.0
    lifespan: float = 50.0
    country: str = "nl"
    compliance: str = Compliance.EN15804_A2
    demolition_cost_per_m2: float | None = None
    detachability_weighting: DetachabilityWeighting | None = None


@dataclass(frozen=True, slots=True)
class CalculationOptions:
    """Method switches; ``layer_lifespans`` are the layer averages for the lifespan utility."""

    circularity: CircularityOptions = field(default_factory=CircularityOptions)
    financial: FinancialOptions = field(default_factory=FinancialOptions)
    layer_lifespans: Mapping[str, float] = field(
        default_factory=lambda: dict(DEFAULT_LAYER_LIFESPANS))


@dataclass(frozen=True, slots=True)
class BuildingResults:
    """Everything calculated for a building, in the shape a service stores."""

    element_count: int
    included_count: int
    mass: float
    mass_per_m2: float
    mass_matrix: dict[str, dict[str, float]]
    layer_masses: dict[str, float]
    circularity: CircularityResult
    flows: MaterialFlows
    layer_flows: dict[str, MaterialFlows]
    detachability: DetachabilityResult
    environmental: EnvironmentalResult
    financial: FinancialResult | None


class _Pass:
    """The mutable state of one calculation pass (kept private; results are frozen)."""

    def __init__(self, context: BuildingContext, options: CalculationOptions,
                 catalogue: PriceCatalogue | None) -> None:
        self.context, self.options, self.catalogue = context, options, catalogue
        self.circularity = CircularityAccumulator()
        self.detachability = DetachabilityAccumulator(
            context.detachability_weighting or weighting_for_country(context.country))
        self.environmental = EnvironmentalAccumulator(context.country)
        self.matrix: dict[str, dict[str, float]] = {}
        self.flows: dict[str, list[float]] = {}
        self.financial_mass: dict[tuple[str, str], float] = {}
        self.commodities: dict[str, CommodityData] = {}
        self._terms: dict[tuple, tuple[MciTerms, tuple[float, ...]]] = {}
        self._datasets: dict[str, tuple[LcaDataset | None, float]] = {}
        self._shares: dict[str, tuple[tuple[str, float], ...]] = {}
        self._indices: dict[tuple, float | None] = {}
        self._replacements: dict[tuple, float] = {}
        self._by_lifespan = options.circularity.utility_mode is UtilityMode.LIFESPAN
        self.count = self.included = 0

    def visit(self, e: BuildingElement) -> None:
        self.count += 1
        if not e.included:
            return
        self.included += 1
        c = e.commodity
        if c is None:
            self.circularity.add_without_mass()
            return
        self.commodities.setdefault(c.id, c)
        q = quantity_in_functional_unit(c.functional_unit, e.quantities, c.default_amount,
                                        c.density)
        mass = q * c.mass_per_unit if q is not None and c.mass_per_unit is not None else None
        if mass is None:
            massless = c.functional_unit in MASSLESS_UNITS
            if not (massless and MASSLESS_UNITS_EXCLUDED_FROM_MASS_SHARE):
                self.circularity.add_without_mass()
        else:
            self._add_mass(e, c, mass)
        eci = self._add_environment(e, c, q, mass)
        self.detachability.add(e.layer, True, self._index(e, c), mass or 0.0, eci)

    def _add_mass(self, e: BuildingElement, c: CommodityData, mass: float) -> None:
        layer = e.layer
        row = self.matrix.setdefault(layer, {})
        for family, share in self.family_shares(c):
            row[family] = row.get(family, 0.0) + mass * share
        key = (c.id, e.reuse, e.available_for_reuse, e.lifespan, layer) if self._by_lifespan \
            else (c.id, e.reuse, e.available_for_reuse)  # the constant utility needs no more
        cached = self._terms.get(key)
        if cached is None:
            cached = self._terms[key] = self._element_terms(e, c)
        terms, shares = cached
        self.circularity.add(layer, mass, terms, c.circularity is not None)
        flows = self.flows.get(layer)
        if flows is None:
            flows = self.flows[layer] = [0.0] * len(FLOW_FIELDS)
        for i, share in enumerate(shares):
            flows[i] += share * mass
        key2 = (layer, c.id)
        self.financial_mass[key2] = self.financial_mass.get(key2, 0.0) + mass

    def _element_terms(self, e: BuildingElement, c: CommodityData
                       ) -> tuple[MciTerms, tuple[float, ...]]:
        circ = effective_circularity(c.circularity, e.reuse, e.available_for_reuse)
        options = self.options.circularity
        average = self.options.layer_lifespans.get(e.layer) \
            if options.utility_mode is UtilityMode.LIFESPAN else None
        terms = mci_terms(circ, 1.0, options, e.lifespan or c.lifespan, average)
        return terms, flow_shares(circ)

    def family_shares(self, c: CommodityData) -> tuple[tuple[str, float], ...]:
        """The commodity's family shares with any unassigned rest as Unknown (cached)."""
        shares = self._shares.get(c.id)
        if shares is None:
            assigned = sum(s for _, s in c.family_shares)
            rest = ((UNKNOWN_FAMILY, 1.0 - assigned),) if assigned < 1.0 - 1e-9 else ()
            shares = self._shares[c.id] = tuple(c.family_shares) + rest
        return shares

    def _add_environment(self, e: BuildingElement, c: CommodityData, q: float | None,
                         mass: float | None) -> float | None:
        chosen = self._datasets.get(c.id)
        if chosen is None:
            chosen = self._datasets[c.id] = (
                select_dataset(c.lca, self.context.country, self.context.compliance),
                c.circularity.feedstock.shares()[1] if c.circularity else 0.0)
        dataset, product_reused = chosen
        if dataset is None:
            return None
        amount = mass if dataset.per_kg else q
        if amount is None:
            return None
        reuse = environmental_reuse_share(e.reuse, product_reused)
        lifespan = e.lifespan or c.lifespan
        key = (lifespan, e.installation_offset_years)
        factor = self._replacements.get(key)
        if factor is None:
            period = service_period(self.context.lifespan, e.installation_offset_years,
                                    lifespan)
            factor = self._replacements[key] = replacement_factor(
                self.context.country, period, lifespan)
        self.environmental.add(dataset, e.layer, amount, mass or 0.0, reuse,
                               e.construction_waste, factor)
        cost = dataset.environmental_cost
        return None if cost is None else cost * amount

    def _index(self, e: BuildingElement, c: CommodityData) -> float | None:
        key = (c.id, e.detachability)
        if key not in self._indices:
            self._indices[key] = detachability_index(merge_factors(e.detachability,
                                                                   c.detachability))
        return self._indices[key]


def calculate_building(elements: Iterable[BuildingElement], context: BuildingContext,
                       catalogue: PriceCatalogue | None = None,
                       options: CalculationOptions | None = None) -> BuildingResults:
    """Mass, circularity, flows, detachability, environmental and financial results of a
    building. Excluded elements are ignored everywhere; the financial part needs a price
    catalogue and is ``None`` without one."""
    state = _Pass(context, options or CalculationOptions(), catalogue)
    for element in elements:
        state.visit(element)
    return _results(state)


def _ordered(keys: Iterable[str]) -> list[str]:
    keys = set(keys)
    return [k for k in _LAYER_ORDER if k in keys] + sorted(k for k in keys if k not in _LAYER_ORDER)


def _results(state: _Pass) -> BuildingResults:
    context = state.context
    layers = _ordered(state.matrix)
    matrix = {k: dict(sorted(state.matrix[k].items())) for k in layers}
    layer_masses = {k: sum(row.values()) for k, row in matrix.items()}
    mass = sum(layer_masses.values())
    layer_flows = {k: MaterialFlows(*state.flows[k]) for k in _ordered(state.flows)}
    total_flows = MaterialFlows(*(sum(getattr(f, n) for f in layer_flows.values())
                                  for n in FLOW_FIELDS))
    return BuildingResults(
        element_count=state.count, included_count=state.included, mass=mass,
        mass_per_m2=mass_intensity(mass, context.gross_floor_area),
        mass_matrix=matrix, layer_masses=layer_masses,
        circularity=state.circularity.result(_LAYER_ORDER),
        flows=total_flows, layer_flows=layer_flows,
        detachability=state.detachability.result(),
        environmental=state.environmental.result(context.gross_floor_area, context.lifespan),
        financial=None if state.catalogue is None else _financial(state, mass),
    )


def _financial(state: _Pass, building_mass: float) -> FinancialResult:
    lines = []
    for (layer, commodity_id), kg in state.financial_mass.items():
        commodity = state.commodities[commodity_id]
        for family, share in state.family_shares(commodity):
            lines.append((layer, commodity_id, family, kg * share, commodity.financial))
    return value_building(lines, state.context.gross_floor_area, state.catalogue,
                          state.options.financial,
                          demolition_cost_per_m2=state.context.demolition_cost_per_m2,
                          building_mass=building_mass)
