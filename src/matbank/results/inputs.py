"""Stored building, element and commodity data as the inputs of ``matbank.calculations``.

Pure mapping, no database: processing reads the rows, these functions turn the wire-shaped
JSON kept on commodities (circularity, LCA, financial setting) and the building's columns
into the calculations' frozen dataclasses. Every choice the sources leave open is a named
constant or function here and is listed in ``docs/interpretations/calculations.md``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from matbank.buildings.lifespans import FALLBACK_BUILDING_LIFESPAN
from matbank.calculations import (
    BuildingContext,
    BuildingElement,
    CommodityData,
    commodity_from_resolved,
)
from matbank.calculations.bom import ResolvedCommodity
from matbank.calculations.bom_lca import bill_of_materials_datasets
from matbank.calculations.detachability import UNKNOWN, DetachabilityFactors
from matbank.calculations.environmental import MODULES, Compliance, LcaDataset, select_dataset
from matbank.calculations.financial import (
    FinancialMode,
    FinancialSetting,
    PriceCatalogue,
    catalogue_from_mapping,
)
from matbank.calculations.interpretations import DAYS_PER_YEAR
from matbank.calculations.layers import Layer
from matbank.calculations.units import ElementQuantities
from matbank.system.countries import country_code

#: The indicator block of an LCA phase that belongs to each compliance.
INDICATOR_BLOCKS: Mapping[str, str] = {
    Compliance.EN15804_A1: "EN15804_2012_04_A1_2013",
    Compliance.EN15804_A2: "EN15804_2012_A2_2019",
}

#: [INTERP] The obsolete phase ``NotSpecified`` is read as A1-A3, as the contract advises.
OBSOLETE_PHASES: Mapping[str, str] = {"NotSpecified": "A1_A3"}

#: [INTERP] Without a country on the building, no country rule applies: B4 uses the generic
#: rounding, detachability weighs by mass and the generic LCA datasets are used.
NO_COUNTRY = ""

def building_country(address_country: str | None, owner_country_id: str | None) -> str:
    """[INTERP] The building's country: its address country, else its owner's country,
    else ``NO_COUNTRY``. The address wins because the rules (B4, datasets) follow the site."""
    return country_code(address_country) or country_code(owner_country_id) or NO_COUNTRY


def choose_compliance(covered: Mapping[str, int]) -> str:
    """[INTERP] The v3 building carries no compliance choice, so the compliance is the one
    with LCA datasets for the most linked commodities; EN 15804+A2 (current) wins a tie.

    ``covered`` maps a compliance to the number of commodities that have a dataset for it.
    """
    a1, a2 = covered.get(Compliance.EN15804_A1, 0), covered.get(Compliance.EN15804_A2, 0)
    return str(Compliance.EN15804_A1 if a1 > a2 else Compliance.EN15804_A2)


def building_context(building: Any, country: str, compliance: str) -> BuildingContext:
    """Building-wide inputs from the building's columns (GFA, expected lifespan)."""
    return BuildingContext(
        gross_floor_area=float(building.gross_surface_area or 0.0),
        lifespan=float(building.expected_lifespan or FALLBACK_BUILDING_LIFESPAN),
        country=country,
        compliance=compliance,
    )


def layer_lifespans(building: Any) -> dict[str, float]:
    """The building's editable layer lifespans, where set (used for the NPV)."""
    columns = {
        Layer.STRUCTURE: building.expected_lifespan_structure,
        Layer.SKIN: building.expected_lifespan_skin,
        Layer.SERVICES: building.expected_lifespan_services,
        Layer.SPACE_PLAN: building.expected_lifespan_space_plan,
        Layer.STUFF: building.expected_lifespan_stuff,
        Layer.UNKNOWN: building.expected_lifespan,
    }
    return {str(layer): float(years) for layer, years in columns.items() if years}


def lca_dataset(body: Mapping[str, Any], compliance: str, per_kg: bool) -> LcaDataset | None:
    """One stored v4 LifeCycleAssessment as a dataset for ``compliance``; ``None`` when it
    does not declare that compliance."""
    names = tuple(body.get("compliance") or ())
    block = INDICATOR_BLOCKS.get(compliance)
    if compliance not in names or block is None:
        return None
    impacts: dict[str, dict[str, float]] = {}
    phases = sorted(body.get("phases") or (), key=lambda p: p.get("phaseId") in OBSOLETE_PHASES)
    for phase in phases:  # explicit modules first, so they win over an obsolete alias
        module = OBSOLETE_PHASES.get(phase.get("phaseId"), phase.get("phaseId"))
        if module not in MODULES:
            continue
        for indicator, value in (phase.get(block) or {}).items():
            if value is not None:
                impacts.setdefault(indicator, {}).setdefault(module, float(value))
    eci = body.get("environmentalCostIndicator")
    return LcaDataset(
        country=str(body.get("isoCode") or ""),
        compliance=names,
        per_kg=per_kg,
        impacts=impacts,
        environmental_cost=None if eci is None else float(eci),
    )


def financial_setting(body: Mapping[str, Any] | None) -> FinancialSetting | None:
    """A stored v4 FinancialSetting as the calculations' setting (``None``: Fallback)."""
    if not body:
        return None
    return FinancialSetting(
        mode=FinancialMode(body.get("mode") or FinancialMode.FALLBACK),
        price_set_id=body.get("priceSet"),
        transport_per_kg=body.get("transportCostsCurrencyPerKilo"),
        handling_percentage=body.get("handlingFeedstockPercentage"),
        handling_per_kg=body.get("handlingFeedstockCurrencyPerKilo"),
    )


def detachability(values: Mapping[str, Any] | None) -> DetachabilityFactors | None:
    """The four scored factors from a wire Detachability block; ``None`` when all unknown."""
    if not values:
        return None
    factors = DetachabilityFactors(
        connection_type=values.get("connectionType") or UNKNOWN,
        accessibility=values.get("accessibility") or UNKNOWN,
        intersection=values.get("intersection") or UNKNOWN,
        product_edge=values.get("productEdge") or UNKNOWN,
    )
    return None if factors == DetachabilityFactors() else factors


#: [INTERP] Demolished elements are left out of the results of a building that stays (the
#: platform shows them in the building process, not in the mass); in a building that is
#: itself being demolished every element is demolished, and all of them count.
DEMOLITION_PHASE = "Demolition"


def is_included(element_phase: str | None, building_phase: str) -> bool:
    """Whether an element counts in the building's results (see ``DEMOLITION_PHASE``)."""
    return element_phase != DEMOLITION_PHASE or building_phase == DEMOLITION_PHASE


def element_detachability(row: Any) -> DetachabilityFactors | None:
    """An element's own detachability factors; ``None`` when it sets none of them."""
    return _factors(row.connection_type, row.accessibility, row.intersection, row.product_edge)


@lru_cache(maxsize=4096)
def _factors(*values: str | None) -> DetachabilityFactors | None:
    """One shared instance per combination: large buildings repeat a few combinations, and
    the calculations cache the index per (commodity, factors)."""
    if all(v in (None, UNKNOWN) for v in values):
        return None
    return DetachabilityFactors(*(v or UNKNOWN for v in values))


def installation_offset_years(installation: date | None,
                              completion: date | datetime | None) -> float | None:
    """Years from the building's delivery (its completion date) to the element's installation
    date, negative for an element installed before delivery; ``None`` when either is unknown.

    Example: delivered 2020-01-01, installed 2030-01-01: 3653 days / 365.25 ≈ 10.0 years;
    installed 2010-01-01: −3652 days, ≈ −10.0 years.
    """
    if installation is None or completion is None:
        return None
    delivered = completion.date() if isinstance(completion, datetime) else completion
    return (installation - delivered).days / DAYS_PER_YEAR


def building_element(row: Any, commodity: CommodityData | None, included: bool,
                     completion: date | datetime | None = None) -> BuildingElement:
    """An element row as the calculations' input. A zero quantity means "not supplied"
    (clients send 0 for every dimension they do not know), as in refinement."""
    return BuildingElement(
        id=row.element_id,
        layer=row.layer or Layer.UNKNOWN,
        commodity=commodity,
        quantities=ElementQuantities(
            volume=row.volume or None,
            area=row.area or None,
            length=row.length or None,
            weight=row.weight or None,
            count=row.count or 1.0,
        ),
        included=included,
        detachability=element_detachability(row),
        reuse=row.reuse,
        available_for_reuse=row.available_for_reuse,
        lifespan=row.lifespan,
        installation_offset_years=None if row.installation_date is None
        else installation_offset_years(row.installation_date, completion),
        construction_waste=row.construction_waste or 0.0,
    )


def lca_is_per_kg(commodity: Any) -> bool:
    """Material LCAs are declared per kilogram, product LCAs per functional unit (the
    convention of the commodity CSV format, ``docs/commodity-csv.md``)."""
    return commodity.commodity_type == "Material"


def computes_environment_from_bom(commodity: Any) -> bool:
    """A product whose commodity sets ``calculateEnvironmentValuesFromBillOfMaterials``."""
    return commodity.commodity_type == "Product" and bool(
        commodity.calculate_environment_values_from_bill_of_materials
    )


def environment_datasets(
    resolver: Any,
    lcas: Mapping[uuid.UUID, Iterable[Mapping[str, Any]]],
    country: str,
    compliance: str,
) -> dict[uuid.UUID, tuple[LcaDataset, ...]]:
    """The LCA datasets of every commodity the resolver loaded (children included): its own
    stored datasets of ``compliance``, or, for a product that computes its environmental
    values from its bill of materials, the one dataset computed from its children
    (``matbank.calculations.bom_lca``; see ``BOM_LCA_FALLS_BACK_TO_OWN_DATASETS``)."""
    own = {
        cid: tuple(
            d for b in lcas.get(cid, ()) if (d := lca_dataset(b, compliance, lca_is_per_kg(c)))
        )
        for cid, c in resolver.commodities.items()
    }
    flagged = {str(cid) for cid, c in resolver.commodities.items()
               if computes_environment_from_bom(c)}
    if not flagged:
        return own
    selected = {str(cid): select_dataset(ds, country, compliance) for cid, ds in own.items()}
    computed = bill_of_materials_datasets(
        flagged, resolver.catalogue, resolver.resolved, selected, country, compliance
    )
    return own | {uuid.UUID(cid): (dataset,) for cid, dataset in computed.items()}


def commodity_data(
    commodity: Any,
    resolved: ResolvedCommodity | None,
    datasets: tuple[LcaDataset, ...],
    financial: Mapping[str, Any] | None,
) -> CommodityData | None:
    """Everything the calculations need of one linked commodity; ``None`` when its bill of
    materials could not be resolved (its elements then count as elements without mass)."""
    if resolved is None:
        return None
    return commodity_from_resolved(
        resolved,
        default_amount=commodity.default_functional_unit_amount or 1.0,
        density=commodity.density,
        detachability=detachability((commodity.circularity or {}).get("detachability")),
        lifespan=float(commodity.lifespan) if commodity.lifespan else None,
        lca=datasets,
        financial=financial_setting(financial),
    )


@cache
def default_price_catalogue() -> PriceCatalogue:
    """The price sets shipped in ``matbank/data/price_sets.json`` (read once)."""
    text = resources.files("matbank.data").joinpath("price_sets.json").read_text("utf-8")
    return catalogue_from_mapping(json.loads(text))
