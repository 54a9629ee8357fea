"""Residual value of a building's materials (domain §4.5).

A material's value is its mass times a price per kilogram from a price set (inflation- and
currency-corrected trend of the price series), less its share of the demolition costs and the
transport and handling costs. The net present value discounts each material's value at the end
of its layer's lifespan with a 3 % default rate; the building NPV is the sum of the layers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from matbank.calculations.interpretations import (
    DEFAULT_LAYER_LIFESPANS,
    MANUAL_PRICE_KEEPS_FAMILY_COSTS,
    PRICE_TREND_FLOOR,
    discount_factor,
)

#: Documented default discount rate: 0.7 % government/Euribor + 2 % risk + 0.3 % profit.
DEFAULT_DISCOUNT_RATE = 0.03


class PriceUnit(StrEnum):
    """Units a price can be quoted in."""

    MT = "mt"
    KG = "kg"
    M3 = "m3"
    LB = "lb"
    TOZ = "toz"
    INDEX = "index"


#: Kilograms per price unit for the mass-based units (the avoirdupois pound, the troy ounce).
KG_PER_PRICE_UNIT: Mapping[PriceUnit, float] = {
    PriceUnit.MT: 1000.0, PriceUnit.KG: 1.0, PriceUnit.LB: 0.45359237, PriceUnit.TOZ: 0.0311034768,
}


class FinancialMode(StrEnum):
    """Where a commodity's price comes from (v4 ``FinancialMode``)."""

    FALLBACK = "Fallback"
    MANUAL = "Manual"
    PRICE_SET = "PriceSet"


@dataclass(frozen=True, slots=True)
class PricePoint:
    """A published price (or index value) for a month, ``YYYY-MM``."""

    month: str
    value: float


@dataclass(frozen=True, slots=True)
class PriceSet:
    """A commodity price series with its default transport and handling costs (EUR/kg).

    ``handling_share`` is the handling cost as a fraction of the price. ``density`` converts a
    per-m³ price; ``base_price_per_kg`` turns an index series into a price (first point = base).
    """

    id: str
    currency: str
    unit: PriceUnit
    points: tuple[PricePoint, ...]
    transport_per_kg: float = 0.0
    handling_share: float = 0.0
    handling_per_kg: float = 0.0
    density: float | None = None
    base_price_per_kg: float | None = None


@dataclass(frozen=True, slots=True)
class PriceCatalogue:
    """Price sets, the fallback set per material family, FX rates and index defaults."""

    price_sets: Mapping[str, PriceSet]
    family_price_sets: Mapping[str, str]
    per_eur: Mapping[str, float]
    inflation_rate: float
    construction_cost_rate: float
    demolition_cost_per_m2: float


@dataclass(frozen=True, slots=True)
class FinancialSetting:
    """A commodity's financial setting for the building's country (v4 ``FinancialSetting``).

    ``handling_percentage`` is in percent of the price, as on the wire (35 means 35 %).
    """

    mode: FinancialMode = FinancialMode.FALLBACK
    price_set_id: str | None = None
    manual_price_per_kg: float | None = None
    transport_per_kg: float | None = None
    handling_percentage: float | None = None
    handling_per_kg: float | None = None


@dataclass(frozen=True, slots=True)
class FinancialOptions:
    """Sensitivity inputs; ``None`` takes the catalogue's default."""

    discount_rate: float = DEFAULT_DISCOUNT_RATE
    inflation_rate: float | None = None
    construction_cost_rate: float | None = None
    valuation_month: str | None = None
    layer_lifespans: Mapping[str, float] | None = None


def month_number(month: str) -> int:
    """Months since year 0 for ``YYYY-MM`` (or ``YYYY``, read as January)."""
    year, _, mon = month.partition("-")
    return int(year) * 12 + (int(mon) - 1 if mon else 0)


def trend_value(points: Sequence[tuple[float, float]], at: float) -> float:
    """Least-squares straight line through (x, y) points, read at ``at``.

    One point (or points all at the same x) gives their mean: there is no trend to read.
    """
    n = len(points)
    if n == 0:
        return 0.0
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    if spread == 0:
        return mean_y
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
    return mean_y + slope * (at - mean_x)


def price_per_kg(price_set: PriceSet, catalogue: PriceCatalogue, valuation: int,
                 inflation_rate: float) -> float:
    """Trend price in EUR/kg at month ``valuation``: each point is carried to that month with
    inflation, converted to EUR and per kilogram, then the least-squares trend is read."""
    corrected = []
    for point in price_set.points:
        month = month_number(point.month)
        corrected.append((month, point.value * (1 + inflation_rate) ** ((valuation - month) / 12)))
    value = trend_value(corrected, valuation)
    if price_set.unit is PriceUnit.INDEX:
        base = price_set.points[0].value if price_set.points else 0.0
        per_kg = (price_set.base_price_per_kg or 0.0) * value / base if base else 0.0
    elif price_set.unit is PriceUnit.M3:
        per_kg = value / price_set.density if price_set.density else 0.0
    else:
        per_kg = value / KG_PER_PRICE_UNIT[price_set.unit]
    rate = catalogue.per_eur.get(price_set.currency, 1.0) if price_set.currency != "EUR" else 1.0
    return max(PRICE_TREND_FLOOR, per_kg / rate)


@dataclass(frozen=True, slots=True)
class UnitValue:
    """Price and costs per kilogram for one material, and where the price came from."""

    price_set_id: str | None
    price_per_kg: float
    transport_per_kg: float
    handling_per_kg: float
    handling_share: float


NO_PRICE = UnitValue(None, 0.0, 0.0, 0.0, 0.0)


def unit_value(setting: FinancialSetting | None, family: str, catalogue: PriceCatalogue,
               options: FinancialOptions) -> UnitValue:
    """Per-kg price and costs of a material.

    The price comes from the setting's price set (PriceSet), the manual price (Manual) or the
    material family's price set (Fallback). Transport and handling come from the setting when
    it gives them, otherwise from that price set (for a manual price: the family's set).
    """
    setting = setting or FinancialSetting()
    price_set_id = setting.price_set_id if setting.mode is FinancialMode.PRICE_SET else \
        catalogue.family_price_sets.get(family)
    price_set = catalogue.price_sets.get(price_set_id) if price_set_id else None
    inflation = _inflation(catalogue, options)
    valuation = _valuation_month(price_set, options)
    if setting.mode is FinancialMode.MANUAL:
        price, price_set_id = setting.manual_price_per_kg or 0.0, None
        price_set = price_set if MANUAL_PRICE_KEEPS_FAMILY_COSTS else None
    elif price_set is None:
        return NO_PRICE
    else:
        price = price_per_kg(price_set, catalogue, valuation, inflation)
    index = _cost_index(price_set, valuation, inflation)
    share = setting.handling_percentage / 100.0 if setting.handling_percentage is not None \
        else (price_set.handling_share if price_set else 0.0)
    return UnitValue(
        price_set_id=price_set_id, price_per_kg=price,
        transport_per_kg=index * _first(setting.transport_per_kg, price_set, "transport_per_kg"),
        handling_per_kg=index * _first(setting.handling_per_kg, price_set, "handling_per_kg"),
        handling_share=share,
    )


def _first(own: float | None, price_set: PriceSet | None, name: str) -> float:
    if own is not None:
        return own
    return getattr(price_set, name) if price_set is not None else 0.0


def _inflation(catalogue: PriceCatalogue, options: FinancialOptions) -> float:
    return catalogue.inflation_rate if options.inflation_rate is None else options.inflation_rate


def _valuation_month(price_set: PriceSet | None, options: FinancialOptions) -> int:
    if options.valuation_month is not None:
        return month_number(options.valuation_month)
    if price_set is not None and price_set.points:
        return max(month_number(p.month) for p in price_set.points)
    return 0


def _cost_index(price_set: PriceSet | None, valuation: int, inflation: float) -> float:
    """Transport and handling costs are taken as of the latest price and follow inflation."""
    if price_set is None or not price_set.points:
        return 1.0
    latest = max(month_number(p.month) for p in price_set.points)
    return (1 + inflation) ** ((valuation - latest) / 12)


@dataclass(frozen=True, slots=True)
class MaterialValue:
    """Value of one material (commodity × family) in one layer, all amounts in EUR.

    CNV = TV − FC1 − (FC2 + FC3)·M; the NPV discounts the value at the end of the layer's
    lifespan: (TV − costs)·(1 + i)^L − FC1·(1 + bdb)^L, divided by (1 + d)^L.
    """

    layer: str
    commodity_id: str
    family: str
    mass: float
    price_set_id: str | None
    price_per_kg: float
    trend_value: float
    demolition_cost: float
    transport_cost: float
    handling_cost: float
    current_value: float
    lifespan: float
    end_of_life_value: float
    net_present_value: float


@dataclass(frozen=True, slots=True)
class LayerValue:
    """Current value and NPV of a layer's materials."""

    mass: float
    current_value: float
    net_present_value: float
    lifespan: float


@dataclass(frozen=True, slots=True)
class FinancialResult:
    """Building residual value: per material, per layer and in total (EUR)."""

    materials: tuple[MaterialValue, ...]
    layers: dict[str, LayerValue]
    current_value: float
    net_present_value: float
    demolition_costs: float
    discount_rate: float


def value_material(layer: str, commodity_id: str, family: str, mass: float, unit: UnitValue,
                   demolition_cost: float, lifespan: float, rates: tuple[float, float, float]
                   ) -> MaterialValue:
    """Value one material; ``rates`` is (inflation, construction-cost index, discount)."""
    inflation, construction, discount = rates
    trend = mass * unit.price_per_kg
    transport = mass * unit.transport_per_kg
    handling = mass * unit.handling_per_kg + trend * unit.handling_share
    current = trend - demolition_cost - transport - handling
    end_of_life = (trend - transport - handling) * (1 + inflation) ** lifespan - \
        demolition_cost * (1 + construction) ** lifespan
    return MaterialValue(
        layer=layer, commodity_id=commodity_id, family=family, mass=mass,
        price_set_id=unit.price_set_id, price_per_kg=unit.price_per_kg, trend_value=trend,
        demolition_cost=demolition_cost, transport_cost=transport, handling_cost=handling,
        current_value=current, lifespan=lifespan, end_of_life_value=end_of_life,
        net_present_value=end_of_life * discount_factor(discount, lifespan),
    )


def value_building(masses: Iterable[tuple[str, str, str, float, FinancialSetting | None]],
                   gross_floor_area: float, catalogue: PriceCatalogue,
                   options: FinancialOptions = FinancialOptions(), *,
                   demolition_cost_per_m2: float | None = None,
                   building_mass: float | None = None) -> FinancialResult:
    """Value every (layer, commodity, family, kg, setting) line and sum per layer.

    Demolition costs DC = GFA × cost per m² are allocated by mass over the building mass.
    """
    lines = sorted(masses, key=lambda m: (m[0], m[1], m[2]))
    total_mass = building_mass if building_mass is not None else sum(m[3] for m in lines)
    per_m2 = catalogue.demolition_cost_per_m2 if demolition_cost_per_m2 is None \
        else demolition_cost_per_m2
    demolition = max(0.0, gross_floor_area) * per_m2
    rates = (_inflation(catalogue, options),
             catalogue.construction_cost_rate if options.construction_cost_rate is None
             else options.construction_cost_rate, options.discount_rate)
    lifespans = {**DEFAULT_LAYER_LIFESPANS, **(options.layer_lifespans or {})}
    cache: dict[tuple[int, str], UnitValue] = {}
    materials = []
    for layer, commodity_id, family, mass, setting in lines:
        key = (id(setting), family)
        if key not in cache:
            cache[key] = unit_value(setting, family, catalogue, options)
        share = demolition * mass / total_mass if total_mass > 0 else 0.0
        lifespan = lifespans.get(layer, lifespans["Unknown"])
        materials.append(value_material(layer, commodity_id, family, mass, cache[key], share,
                                        lifespan, rates))
    return _summarise(tuple(materials), demolition, options.discount_rate)


def _summarise(materials: tuple[MaterialValue, ...], demolition: float,
               discount_rate: float) -> FinancialResult:
    layers: dict[str, list[float]] = {}
    for m in materials:
        acc = layers.setdefault(m.layer, [0.0, 0.0, 0.0, m.lifespan])
        acc[0] += m.mass
        acc[1] += m.current_value
        acc[2] += m.net_present_value
    return FinancialResult(
        materials=materials,
        layers={k: LayerValue(*v) for k, v in sorted(layers.items())},
        current_value=sum(m.current_value for m in materials),
        net_present_value=sum(m.net_present_value for m in materials),
        demolition_costs=sum(m.demolition_cost for m in materials),
        discount_rate=discount_rate,
    )


def catalogue_from_mapping(data: Mapping) -> PriceCatalogue:
    """Build a PriceCatalogue from the parsed ``data/price_sets.json`` document."""
    sets = {}
    for raw in data["price_sets"]:
        sets[raw["id"]] = PriceSet(
            id=raw["id"], currency=raw["currency"], unit=PriceUnit(raw["unit"]),
            points=tuple(PricePoint(p["month"], float(p["value"])) for p in raw["points"]),
            transport_per_kg=float(raw.get("transport_costs_currency_per_kilo", 0.0)),
            handling_share=float(raw.get("handling_feedstock_percentage", 0.0)) / 100.0,
            handling_per_kg=float(raw.get("handling_feedstock_currency_per_kilo", 0.0)),
            density=raw.get("density"), base_price_per_kg=raw.get("base_price_per_kilo"),
        )
    defaults = data["defaults"]
    return PriceCatalogue(
        price_sets=sets, family_price_sets=dict(data["family_price_sets"]),
        per_eur={k: float(v) for k, v in data["exchange_rates"]["per_eur"].items()},
        inflation_rate=float(defaults["inflation_rate"]["value"]),
        construction_cost_rate=float(defaults["construction_cost_rate"]["value"]),
        demolition_cost_per_m2=float(defaults["demolition_cost_per_m2"]["value"]),
    )
