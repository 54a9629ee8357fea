"""Building LCA after EN 15978 from EN 15804 product data (domain §4.4).

An element's impact for indicator i and module m is its amount (functional units, or kg for
per-kg datasets) times the dataset value. Reuse lowers A1-A3, construction waste is added to
A5, B4 follows the country's replacement rule, and module D is reported beside the totals.

All element-level adjustments are linear in the amount, so the building is summarised from five
summed coefficients per (dataset, layer) instead of one impact vector per element.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from matbank.calculations.interpretations import (
    CONSTRUCTION_WASTE_ON_REDUCED_A1_A3,
    NL_B4_REPLACED_D_BOOKED_IN_D,
    clamp_replacements,
    german_replacement_count,
    per_square_metre_year,
    select_country_dataset,
)

MODULES = ("A1_A3", "A4", "A5", "B1", "B2", "B3", "B4", "B5", "B6", "B7",
           "C1", "C2", "C3", "C4", "D")
_IX = {m: i for i, m in enumerate(MODULES)}
_A13, _A4, _A5, _B4, _D = _IX["A1_A3"], _IX["A4"], _IX["A5"], _IX["B4"], _IX["D"]
_B1_B3 = (_IX["B1"], _IX["B2"], _IX["B3"])
_C = (_IX["C1"], _IX["C2"], _IX["C3"], _IX["C4"])

#: Documented fixed building lifespan of the German rule (editable since 2025.1).
GERMAN_REFERENCE_LIFESPAN = 50.0


class Compliance(StrEnum):
    """EPD rulesets (the compliance path values of the API)."""

    EN15804_A1 = "EN 15804"
    EN15804_A2 = "EN 15804+A2"


@dataclass(frozen=True, slots=True)
class LcaDataset:
    """An LCA of a commodity for one country: indicator → module → value per declared unit.

    ``per_kg`` says whether the declared unit is a kilogram or the product's functional unit;
    ``environmental_cost`` is the ECI (€) per declared unit.
    """

    country: str
    compliance: tuple[str, ...]
    per_kg: bool
    impacts: Mapping[str, Mapping[str, float]]
    environmental_cost: float | None = None

    def vectors(self) -> dict[str, tuple[float, ...]]:
        """Impacts as one value per ``MODULES`` entry for each indicator."""
        return {ind: tuple(float(mods.get(m, 0.0) or 0.0) for m in MODULES)
                for ind, mods in self.impacts.items()}


def select_dataset(datasets: tuple[LcaDataset, ...], country: str,
                   compliance: str) -> LcaDataset | None:
    """The dataset for the building's country and chosen compliance, if any."""
    matching = tuple(d for d in datasets if compliance in d.compliance)
    index = select_country_dataset(tuple(d.country for d in matching), country)
    return None if index is None else matching[index]


def replacement_factor(country: str, building_lifespan: float,
                       product_lifespan: float | None) -> float:
    """How many times B4 repeats the product's impacts, by the country's rule, never < 0.

    Generic: ceil(L_bldg / L_prod) − 1. NL: L_bldg / L_prod − 1 (no rounding). DE: 50 / L_prod
    rounded up, minus 1, with the building lifespan fixed at 50 unless edited.
    """
    if not product_lifespan or product_lifespan <= 0:
        return 0.0
    code = country.lower()
    if code == "nl":
        return clamp_replacements(building_lifespan / product_lifespan - 1.0)
    if code == "de":
        return clamp_replacements(german_replacement_count(building_lifespan, product_lifespan))
    return clamp_replacements(math.ceil(building_lifespan / product_lifespan - 1e-9) - 1.0)


def impact_coefficients(amount: float, reuse: float, waste: float,
                        replacements: float) -> tuple[float, float, float, float, float]:
    """Linear coefficients of one element: (all modules, A1-A3 after reuse, waste on A1-A3,
    waste on A4 + C1-C4, replacements)."""
    kept = 1.0 - reuse
    waste_a13 = amount * waste * (kept if CONSTRUCTION_WASTE_ON_REDUCED_A1_A3 else 1.0)
    return amount, amount * kept, waste_a13, amount * waste, amount * replacements


def module_values(vector: tuple[float, ...], coefficients: tuple[float, ...],
                  replaced_d_in_d: bool) -> list[float]:
    """Impacts per module of an amount with the given coefficients (see impact_coefficients).

    A1-A3 carries the reuse reduction; A5 gains waste × (A1-A3 + A4 + C1-C4); B4 gains
    replacements × (A1-A3 + A4 + A5 + B1-B3 + C1-C4).
    """
    base, a13, waste_a13, waste_rest, b4 = coefficients
    out = [base * x for x in vector]
    out[_A13] = a13 * vector[_A13]
    end_of_life = sum(vector[i] for i in _C)
    out[_A5] += waste_a13 * vector[_A13] + waste_rest * (vector[_A4] + end_of_life)
    replaced = vector[_A13] + vector[_A4] + vector[_A5] + end_of_life + \
        sum(vector[i] for i in _B1_B3)
    out[_B4] += b4 * replaced
    if replaced_d_in_d:
        out[_D] += b4 * vector[_D]
    return out


def element_impacts(dataset: LcaDataset, amount: float, *, country: str, reuse: float = 0.0,
                    waste: float = 0.0, replacements: float = 0.0) -> dict[str, dict[str, float]]:
    """Indicator → module → impact of one element (``amount`` in the dataset's declared unit)."""
    coefficients = impact_coefficients(amount, reuse, waste, replacements)
    nl = country.lower() == "nl" and NL_B4_REPLACED_D_BOOKED_IN_D
    return {ind: dict(zip(MODULES, module_values(vec, coefficients, nl), strict=True))
            for ind, vec in dataset.vectors().items()}


@dataclass(frozen=True, slots=True)
class EnvironmentalResult:
    """Building LCA: indicator → module sums, totals without D, D apart, normalised totals.

    ``layers`` holds layer → indicator → module; ``mass_with_lca`` is the known mass that
    had a dataset (shown for EU-Taxonomy transparency). ``per_m2_modules`` and
    ``per_m2_year_modules`` are ``modules`` divided by the GFA and by GFA × lifespan (D
    included, still apart from the totals).
    """

    modules: dict[str, dict[str, float]]
    totals: dict[str, float]
    module_d: dict[str, float]
    per_m2: dict[str, float]
    per_m2_year: dict[str, float]
    layers: dict[str, dict[str, dict[str, float]]]
    mass_with_lca: float
    per_m2_modules: dict[str, dict[str, float]] = field(default_factory=dict)
    per_m2_year_modules: dict[str, dict[str, float]] = field(default_factory=dict)


class EnvironmentalAccumulator:
    """Sums element coefficients per (dataset, layer) and multiplies by the datasets once."""

    __slots__ = ("_country", "_datasets", "_sums", "_mass")

    def __init__(self, country: str) -> None:
        self._country = country
        self._datasets: dict[int, LcaDataset] = {}
        self._sums: dict[tuple[int, str], list[float]] = {}
        self._mass = 0.0

    def add(self, dataset: LcaDataset, layer: str, amount: float, mass: float, reuse: float,
            waste: float, replacements: float) -> None:
        """One element; ``amount`` is in the dataset's declared unit."""
        key = (id(dataset), layer)
        sums = self._sums.get(key)
        if sums is None:
            self._datasets[id(dataset)] = dataset
            sums = self._sums[key] = [0.0] * 5
        for i, c in enumerate(impact_coefficients(amount, reuse, waste, replacements)):
            sums[i] += c
        self._mass += mass

    def result(self, gross_floor_area: float, building_lifespan: float) -> EnvironmentalResult:
        nl = self._country.lower() == "nl" and NL_B4_REPLACED_D_BOOKED_IN_D
        vectors = {k: d.vectors() for k, d in self._datasets.items()}
        layers: dict[str, dict[str, list[float]]] = {}
        for (key, layer), sums in sorted(self._sums.items(), key=lambda kv: kv[0][1]):
            per_layer = layers.setdefault(layer, {})
            for indicator, vector in vectors[key].items():
                values = module_values(vector, tuple(sums), nl)
                acc = per_layer.setdefault(indicator, [0.0] * len(MODULES))
                for i, v in enumerate(values):
                    acc[i] += v
        return _summarise(layers, gross_floor_area, building_lifespan, self._mass)


def _summarise(layers: dict[str, dict[str, list[float]]], gross_floor_area: float,
               building_lifespan: float, mass: float) -> EnvironmentalResult:
    building: dict[str, list[float]] = {}
    for per_layer in layers.values():
        for indicator, values in per_layer.items():
            acc = building.setdefault(indicator, [0.0] * len(MODULES))
            for i, v in enumerate(values):
                acc[i] += v
    indicators = sorted(building)
    modules = {ind: dict(zip(MODULES, building[ind], strict=True)) for ind in indicators}
    totals = {ind: sum(v for i, v in enumerate(building[ind]) if i != _D) for ind in indicators}
    return EnvironmentalResult(
        modules=modules,
        totals=totals,
        module_d={ind: building[ind][_D] for ind in indicators},
        per_m2=normalised(totals, gross_floor_area),
        per_m2_year=normalised(totals, gross_floor_area, building_lifespan),
        layers={layer: {ind: dict(zip(MODULES, vals, strict=True))
                        for ind, vals in sorted(per_ind.items())}
                for layer, per_ind in layers.items()},
        mass_with_lca=mass,
        per_m2_modules={ind: normalised(mods, gross_floor_area) for ind, mods in modules.items()},
        per_m2_year_modules={ind: normalised(mods, gross_floor_area, building_lifespan)
                             for ind, mods in modules.items()},
    )


def normalised(values: Mapping[str, float], gross_floor_area: float,
               lifespan: float | None = None) -> dict[str, float]:
    """Each value per m² GFA, or per m² GFA and year when ``lifespan`` is given.

    Example: 66 000 kg CO2e of A1-A3 over 1 000 m² is 66 kg CO2e/m²; over a 50-year
    lifespan 66 / 50 = 1.32 kg CO2e/(m²·a).
    """
    if lifespan is None:
        area = gross_floor_area if gross_floor_area > 0 else 0.0
        return {key: (v / area if area else 0.0) for key, v in values.items()}
    return {key: per_square_metre_year(v, gross_floor_area, lifespan)
            for key, v in values.items()}
