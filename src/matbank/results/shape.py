"""The stored results document of a building, made from the calculations' results.

The document is what building processing writes to ``building_results.results``:

``schemaVersion``, ``context`` (country, compliance, GFA, lifespan, element counts) and one
part per results endpoint: ``mass``, ``circularity``, ``flows``, ``detachability``,
``environmental`` and ``financial``, each dumped from the ``*Part`` model of
``matbank.results.schemas`` so that reading it back is a plain validation.
"""

from __future__ import annotations

from dataclasses import asdict
from functools import cache
from typing import Any

from matbank.calculations import BuildingContext, BuildingResults, calculate_building
from matbank.calculations.circularity import FLOW_FIELDS, CircularityScores, MaterialFlows
from matbank.calculations.detachability import DetachabilityGroup
from matbank.calculations.environmental import EnvironmentalResult, normalised
from matbank.calculations.financial import FinancialResult
from matbank.results import schemas as s
from matbank.results.inputs import default_price_catalogue

CURRENCY = "EUR"
_D = "D"


def results_document(results: BuildingResults, context: BuildingContext) -> dict[str, Any]:
    """The JSON document stored for a building (see the module docstring)."""
    parts = {
        "mass": _mass(results),
        "circularity": _circularity(results),
        "flows": _flows(results),
        "detachability": _detachability(results),
        "environmental": _environmental(results.environmental, context),
        "financial": _financial(results.financial, context),
    }
    return {
        "schemaVersion": s.RESULTS_SCHEMA_VERSION,
        "context": {
            "country": context.country or None,
            "grossFloorArea": context.gross_floor_area,
            "elementCount": results.element_count,
            "includedElementCount": results.included_count,
        },
        **{name: part.model_dump(by_alias=True, mode="json") for name, part in parts.items()},
    }


def current_document(stored: dict[str, Any] | None) -> dict[str, Any] | None:
    """A stored document in the current shape; ``None`` when there is none or it cannot be
    read (a future or unknown version).

    Version 1 documents predate the per-module figures per m² and per m²·year. Those are the
    stored modules divided by the stored GFA and lifespan, so they are added on read: a
    change of shape, not a recalculation.
    """
    if not stored:
        return None
    version = stored.get("schemaVersion")
    if version == s.RESULTS_SCHEMA_VERSION:
        return stored
    if version != 1:
        return None
    environmental = dict(stored["environmental"])
    building = s.EnvironmentalImpacts.model_validate(environmental["building"])
    modules = {
        ind: {**mods, _D: building.module_d.get(ind, 0.0)} for ind, mods in building.modules.items()
    }
    area, lifespan = float(stored["context"]["grossFloorArea"]), float(environmental["lifespan"])
    for key, years in (("perSquareMetreModules", None), ("perSquareMetreYearModules", lifespan)):
        divided = {ind: normalised(mods, area, years) for ind, mods in modules.items()}
        environmental[key] = _impacts(divided).model_dump(by_alias=True, mode="json")
    return {**stored, "schemaVersion": s.RESULTS_SCHEMA_VERSION, "environmental": environmental}


@cache
def empty_document() -> dict[str, Any]:
    """[INTERP] What a building that was never processed answers: the results of a building
    without elements (zero masses and impacts, no index, no penalties), with no country."""
    context = BuildingContext(country="")
    return results_document(calculate_building((), context, default_price_catalogue()), context)


def _mass(r: BuildingResults) -> s.MassPart:
    families: dict[str, float] = {}
    for row in r.mass_matrix.values():
        for family, kg in row.items():
            families[family] = families.get(family, 0.0) + kg
    return s.MassPart(
        total=r.mass,
        per_square_metre=r.mass_per_m2,
        layers=r.layer_masses,
        families=dict(sorted(families.items())),
        matrix=r.mass_matrix,
    )


def _scores(scores: CircularityScores) -> s.CircularityScores:
    return s.CircularityScores(**asdict(scores))


def _circularity(r: BuildingResults) -> s.CircularityPart:
    c = r.circularity
    return s.CircularityPart(
        building=_scores(c.building),
        layers={layer: _scores(v) for layer, v in c.layers.items()},
        elements_counted=c.elements_counted,
        elements_with_mass=c.elements_with_mass,
        mass_with_circularity=c.mass_with_circularity,
        share_elements_with_mass=c.share_elements_with_mass,
        share_mass_with_circularity=c.share_mass_with_circularity,
        madaster_ci_score=c.madaster_ci_score,
    )


def _amounts(flows: MaterialFlows) -> s.MaterialFlowAmounts:
    return s.MaterialFlowAmounts(
        **{name: getattr(flows, name) for name in FLOW_FIELDS},
        input_virgin=flows.input_virgin,
        input_secondary=flows.input_secondary,
        input_total=flows.input_total,
        output_total=flows.output_total,
    )


def _flows(r: BuildingResults) -> s.FlowsPart:
    return s.FlowsPart(
        total=_amounts(r.flows),
        shares=_amounts(r.flows.percentages()),
        layers={layer: _amounts(f) for layer, f in r.layer_flows.items()},
    )


def _group(group: DetachabilityGroup) -> s.DetachabilityScore:
    return s.DetachabilityScore(
        index=group.index,
        weight=group.weight,
        elements_with_index=group.elements_with_index,
        elements_linked=group.elements_linked,
        quality=group.quality,
    )


def _detachability(r: BuildingResults) -> s.DetachabilityPart:
    d = r.detachability
    return s.DetachabilityPart(
        weighting=str(d.weighting),
        building=_group(d.building),
        layers={layer: _group(g) for layer, g in d.layers.items()},
    )


def _impacts(per_indicator: dict[str, dict[str, float]]) -> s.EnvironmentalImpacts:
    """Modules without D, D apart, and totals of the modules without D."""
    modules = {
        ind: {m: v for m, v in mods.items() if m != _D} for ind, mods in per_indicator.items()
    }
    return s.EnvironmentalImpacts(
        modules=modules,
        module_d={ind: mods.get(_D, 0.0) for ind, mods in per_indicator.items()},
        totals={ind: sum(mods.values()) for ind, mods in modules.items()},
    )


def _environmental(e: EnvironmentalResult, context: BuildingContext) -> s.EnvironmentalPart:
    return s.EnvironmentalPart(
        compliance=str(context.compliance),
        building=_impacts(e.modules),
        per_square_metre=e.per_m2,
        per_square_metre_year=e.per_m2_year,
        per_square_metre_modules=_impacts(e.per_m2_modules),
        per_square_metre_year_modules=_impacts(e.per_m2_year_modules),
        lifespan=context.lifespan,
        layers={layer: _impacts(per) for layer, per in e.layers.items()},
        mass_with_lca=e.mass_with_lca,
    )


def _per_m2(amount: float, gross_floor_area: float) -> float:
    return amount / gross_floor_area if gross_floor_area > 0 else 0.0


def _financial(f: FinancialResult | None, context: BuildingContext) -> s.FinancialPart:
    if f is None:
        return s.FinancialPart(
            currency=CURRENCY,
            current_value=0.0,
            net_present_value=0.0,
            current_value_per_square_metre=0.0,
            net_present_value_per_square_metre=0.0,
            demolition_costs=0.0,
            discount_rate=0.0,
            families={},
            layers={},
            materials=[],
        )
    families: dict[str, float] = {}
    for m in f.materials:
        families[m.family] = families.get(m.family, 0.0) + m.current_value
    area = context.gross_floor_area
    return s.FinancialPart(
        currency=CURRENCY,
        current_value=f.current_value,
        net_present_value=f.net_present_value,
        current_value_per_square_metre=_per_m2(f.current_value, area),
        net_present_value_per_square_metre=_per_m2(f.net_present_value, area),
        demolition_costs=f.demolition_costs,
        discount_rate=f.discount_rate,
        families=dict(sorted(families.items())),
        layers={layer: s.LayerResidualValue(**asdict(v)) for layer, v in f.layers.items()},
        materials=[s.MaterialResidualValue(**asdict(m)) for m in f.materials],
    )
