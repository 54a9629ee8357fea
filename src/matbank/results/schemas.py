"""Wire shapes of a building's calculated results.

``BuildingCircularInformation`` is the contract's v3.0 shape. The ``Building...Results``
bodies are matbank's own additions under ``/building/{id}/results/...``. Each of them is a
``ResultsStatus`` (when the results were computed and whether the building changed since)
plus one stored part; processing stores exactly these parts (``*Part`` models, dumped by
alias) in ``building_results.results``, so the stored JSON and the responses share one shape.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from matbank.schemas import ApiModel, UtcDateTime

#: Version of the stored results document; bump it when a stored part changes shape.
RESULTS_SCHEMA_VERSION = 2

Kg = Annotated[float, Field(description="Kilograms.")]
Fraction = Annotated[float, Field(description="A fraction between 0 and 1.")]
PerIndicator = Annotated[
    dict[str, float], Field(description="Indicator name (as in the LCA datasets) to value.")
]
PerModule = Annotated[
    dict[str, dict[str, float]],
    Field(description="Indicator name to life-cycle module (A1_A3 … C4) to value."),
]


class BuildingCircularInformation(ApiModel):
    """Circularity scores of a building, all as fractions between 0 and 1."""

    circularity_construction_phase: float = Field(
        0.0, description="Share of the input that is recycled, reused or sustainably renewable."
    )
    circularity_usage_phase: float = Field(
        0.0,
        json_schema_extra={"deprecated": True},
        description="Kept for old clients: the use-phase score.",
    )
    circularity_end_of_life_phase: float = Field(
        0.0, description="Share of the mass that is recovered at end of life."
    )
    ci_score_building: float = Field(
        0.0, description="Mass-weighted circularity indicator before the corrections."
    )
    correction_unknown_materials: float = Field(
        0.0,
        json_schema_extra={"deprecated": True},
        description="Kept for old clients: same as the circularity penalty.",
    )
    penalty_elements_without_mass: float = Field(
        0.0, description="Share of the counted elements whose mass is known (1: no penalty)."
    )
    penalty_elements_missing_circularity_information: float = Field(
        0.0, description="Share of the known mass that has circularity data (1: no penalty)."
    )
    madaster_ci_score: float = Field(
        0.0, description="The building score times both penalties: the final indicator."
    )


class ResultsStatus(ApiModel):
    """How current the served results are."""

    computed_at: UtcDateTime | None = Field(
        description="When building processing stored these results; null if it never ran."
    )
    is_dirty: bool = Field(
        description="True while a change waits for processing: the results are then the last "
        "stored ones and may be out of date."
    )
    country: str | None = Field(
        description="Country code whose rules and data were used; null when the building "
        "names none (generic rules)."
    )
    gross_floor_area: float = Field(description="Gross floor area (m²) used per square metre.")
    element_count: int = Field(description="Elements of the active source files counted once.")
    included_element_count: int = Field(description="Of those, the elements in the results.")


# --- mass -----------------------------------------------------------------------------------


class MassPart(ApiModel):
    total: Kg
    per_square_metre: float = Field(description="Building mass per m² gross floor area (kg/m²).")
    layers: dict[str, float] = Field(description="Shearing layer to kilograms.")
    families: dict[str, float] = Field(description="Material family to kilograms.")
    matrix: dict[str, dict[str, float]] = Field(
        description="Shearing layer to material family to kilograms."
    )


class BuildingMassResults(MassPart, ResultsStatus):
    """The building's mass by shearing layer and material family."""


# --- circularity ----------------------------------------------------------------------------


class CircularityScores(ApiModel):
    """Mass-weighted scores and summed MCI terms of a layer or the whole building."""

    mass: Kg
    ci: Fraction
    construction_score: Fraction
    use_phase_score: Fraction
    end_of_life_score: Fraction
    lfi: float = Field(description="Linear flow index.")
    v: float = Field(description="Virgin input V (kg).")
    w0: float = Field(description="Waste to landfill and incineration W0 (kg).")
    w_c: float = Field(description="Waste of end-of-life recycling W_C (kg).")
    w_f: float = Field(description="Waste of producing the recycled input W_F (kg).")
    w: float = Field(description="Unrecoverable waste W (kg).")


class CircularityPart(ApiModel):
    building: CircularityScores
    layers: dict[str, CircularityScores]
    elements_counted: int
    elements_with_mass: int
    mass_with_circularity: Kg
    share_elements_with_mass: Fraction
    share_mass_with_circularity: Fraction
    madaster_ci_score: Fraction


class BuildingCircularityResults(CircularityPart, ResultsStatus):
    """The circularity indicator with every intermediate term, per layer and in total."""


# --- material flows -------------------------------------------------------------------------


class MaterialFlowAmounts(ApiModel):
    """Input (virgin and secondary) and output flows."""

    input_renewable_sustainable: float
    input_renewable_other: float
    input_non_renewable: float
    input_reused: float
    input_recycled: float
    output_reuse: float
    output_recycle: float
    output_landfill: float
    output_incineration: float
    input_virgin: float
    input_secondary: float
    input_total: float
    output_total: float


class FlowsPart(ApiModel):
    total: MaterialFlowAmounts = Field(description="Flows of the building in kilograms.")
    shares: MaterialFlowAmounts = Field(description="The same flows as fractions of the mass.")
    layers: dict[str, MaterialFlowAmounts] = Field(description="Flows per layer in kilograms.")


class BuildingFlowResults(FlowsPart, ResultsStatus):
    """Where the building's materials come from and where they go, in kg and as shares."""


# --- detachability --------------------------------------------------------------------------


class DetachabilityScore(ApiModel):
    index: float | None = Field(description="Weighted detachability index; null without data.")
    weight: float = Field(description="Sum of the weights (kg or ECI) of the indexed elements.")
    elements_with_index: int
    elements_linked: int
    quality: Fraction = Field(description="Elements with an index / elements linked.")


class DetachabilityPart(ApiModel):
    weighting: str = Field(description="What weighs an element: mass or environmental_cost.")
    building: DetachabilityScore
    layers: dict[str, DetachabilityScore]


class BuildingDetachabilityResults(DetachabilityPart, ResultsStatus):
    """The detachability index of the counted layers and of the building."""


# --- environmental --------------------------------------------------------------------------


class EnvironmentalImpacts(ApiModel):
    modules: PerModule
    module_d: PerIndicator = Field(description="Module D per indicator, outside the totals.")
    totals: PerIndicator = Field(description="Sum of modules A1_A3 to C4 per indicator.")


class EnvironmentalPart(ApiModel):
    compliance: str = Field(description="The EN 15804 version whose datasets were used.")
    building: EnvironmentalImpacts
    per_square_metre: PerIndicator = Field(description="Totals per m² gross floor area.")
    per_square_metre_year: PerIndicator = Field(
        description="Totals per m² gross floor area and year of the building's lifespan."
    )
    per_square_metre_modules: EnvironmentalImpacts = Field(
        description="Every module (D apart) and total per m² gross floor area."
    )
    per_square_metre_year_modules: EnvironmentalImpacts = Field(
        description="Every module (D apart) and total per m² gross floor area and year of the "
        "building's lifespan."
    )
    lifespan: float = Field(description="The building lifespan (years) used.")
    layers: dict[str, EnvironmentalImpacts]
    mass_with_lca: Kg = Field(description="Known mass that had an LCA dataset.")


class BuildingEnvironmentalResults(EnvironmentalPart, ResultsStatus):
    """Life-cycle impacts per indicator and module, module D apart, in total and per m²."""


# --- financial ------------------------------------------------------------------------------


class MaterialResidualValue(ApiModel):
    layer: str
    commodity_id: str
    family: str
    mass: Kg
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


class LayerResidualValue(ApiModel):
    mass: Kg
    current_value: float
    net_present_value: float
    lifespan: float


class FinancialPart(ApiModel):
    currency: str = Field(description="Currency of every amount.")
    current_value: float
    net_present_value: float
    current_value_per_square_metre: float
    net_present_value_per_square_metre: float
    demolition_costs: float
    discount_rate: float
    families: dict[str, float] = Field(description="Current value per material family.")
    layers: dict[str, LayerResidualValue]
    materials: list[MaterialResidualValue]


class BuildingFinancialResults(FinancialPart, ResultsStatus):
    """Residual value of the building's materials: current value and net present value."""
