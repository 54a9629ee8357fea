"""Wire shapes of the v4.0 commodity endpoints: materials and products (discriminated on
``commodityType``), bill-of-materials lines, LCAs, financial settings, files, images and
matching terms."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import Field, create_model, field_validator

from matbank.calculations.scaling import ScalingKind
from matbank.calculations.units import FunctionalUnit
from matbank.databases.schemas import ExternalId, LocalizedString
from matbank.elements.schemas import (
    Accessibility,
    ConnectionType,
    ConnectionTypeDetail,
    Intersection,
    ProductEdge,
)
from matbank.schemas import ApiModel, NonNegFloat

Fraction = Annotated[float, Field(ge=0, le=1)]
Text = Annotated[str, Field(max_length=400)]
Lifespan = Annotated[int, Field(ge=0, le=1000)]
READ_ONLY: dict[str, Any] = {"readOnly": True}


class MatchingTermType(StrEnum):
    EQUALS_CASE_SENSITIVE = "EqualsCaseSensitive"
    EQUALS = "Equals"
    STARTWITH = "Startwith"
    CONTAINS_EXACT_WORD = "ContainsExactWord"
    CONTAINS_CASE_SENSITIVE = "ContainsCaseSensitive"
    CONTAINS = "Contains"
    ENDSWITH = "Endswith"


class LcaPhase(StrEnum):
    NOT_SPECIFIED = "NotSpecified"
    A1_A3 = "A1_A3"
    A4 = "A4"
    A5 = "A5"
    B1 = "B1"
    B2 = "B2"
    B3 = "B3"
    B4 = "B4"
    B5 = "B5"
    B6 = "B6"
    B7 = "B7"
    C1 = "C1"
    C2 = "C2"
    C3 = "C3"
    C4 = "C4"
    D = "D"


class FinancialMode(StrEnum):
    FALLBACK = "Fallback"
    MANUAL = "Manual"
    PRICE_SET = "PriceSet"


# --- circularity -----------------------------------------------------------------------------


class Scarcity(ApiModel):
    physical_scarce: Fraction = 0.0
    social_economic_scarce: Fraction = 0.0


class Feedstock(ApiModel):
    """Input shares of the mass (fractions 0..1); the unlisted rest is virgin."""

    renewables: Fraction = 0.0
    renewables_sustainably_produced: Fraction = 0.0
    rapid_renewables: Fraction = Field(default=0.0, json_schema_extra={"deprecated": True})
    rapid_renewables_sustainably_produced: Fraction = Field(
        default=0.0, json_schema_extra={"deprecated": True}
    )
    not_renewables: float | None = Field(default=None, json_schema_extra=READ_ONLY)
    recycled: Fraction = 0.0
    recycling_efficiency: Fraction = 0.75
    total_primary: float | None = Field(default=None, json_schema_extra=READ_ONLY)
    total_secondary: float | None = Field(default=None, json_schema_extra=READ_ONLY)


class ProductFeedstock(Feedstock):
    reused: Fraction = 0.0


class Output(ApiModel):
    """End-of-life shares of the mass; incineration is the remainder."""

    available_for_recycle: Fraction = 0.0
    recycling_efficiency: Fraction = 0.75
    landfill: Fraction = 0.0
    incineration: float | None = Field(default=None, json_schema_extra=READ_ONLY)


class ProductOutput(Output):
    available_for_reuse: Fraction = 0.0


class Detachability(ApiModel):
    connection_type: ConnectionType = ConnectionType.UNKNOWN
    connection_type_detail: ConnectionTypeDetail = ConnectionTypeDetail.UNKNOWN
    accessibility: Accessibility = Accessibility.UNKNOWN
    intersection: Intersection = Intersection.UNKNOWN
    product_edge: ProductEdge = ProductEdge.UNKNOWN
    index: float | None = Field(default=None, json_schema_extra=READ_ONLY)


class Circularity(ApiModel):
    feedstock: Feedstock | None = None
    scarcity: Scarcity | None = None
    output: Output | None = None


class ProductCircularity(ApiModel):
    feedstock: ProductFeedstock | None = None
    scarcity: Scarcity | None = None
    detachability: Detachability | None = None
    output: ProductOutput | None = None


class ProductChildCircularity(ApiModel):
    feedstock: ProductFeedstock | None = None
    detachability: Detachability | None = None
    output: ProductOutput | None = None


# --- commodities -----------------------------------------------------------------------------


class Company(ApiModel):
    name: Text | None = None
    street: Text | None = None
    zip_code: Text | None = None
    city: Text | None = None
    country: Text | None = None
    gln: Text | None = Field(default=None, alias="GLN")
    website: Text | None = None


class ImageInfo(ApiModel):
    name: str | None = Field(default=None, json_schema_extra=READ_ONLY)
    url: str | None = Field(default=None, json_schema_extra=READ_ONLY)


class ProductFamily(ApiModel):
    """A product's share (fraction of its mass) per value of one material-family system."""

    family_id: Annotated[str, Field(min_length=1, max_length=64)]
    values: dict[Annotated[str, Field(max_length=64)], Fraction | None]


class ScalingRule(ApiModel):
    """matbank extension: how a scalable product's per-unit values change with its size."""

    kind: ScalingKind
    a: float
    c: float = 0.0
    reference_size: Annotated[float, Field(gt=0)]
    minimum: float | None = None
    maximum: float | None = None
    exponent: float = 1.0
    log_factor: float = 1.0


class CommodityBase(ApiModel):
    """Fields shared by materials and products."""

    id: uuid.UUID | None = None
    database_id: uuid.UUID | None = None
    external_id: ExternalId | None = None
    names: LocalizedString | None = None
    descriptions: LocalizedString | None = None
    images: list[ImageInfo] | None = Field(default=None, json_schema_extra=READ_ONLY)
    is_active: bool = True
    in_use: bool | None = Field(default=None, json_schema_extra=READ_ONLY)
    available_in: list[Annotated[str, Field(pattern=r"^[A-Za-z]{2}$")]] | None = None


class Material(CommodityBase):
    """A material: density in kg/m³, families as family → value."""

    commodity_type: Literal["Material"]
    density: NonNegFloat | None = None
    lifespan: Lifespan | None = None
    supplier: Text | None = None
    material_families: dict[Annotated[str, Field(max_length=64)], str | None] | None = None
    circularity: Circularity | None = None


class Product(CommodityBase):
    """A product, declared per functional unit; its bill of materials may give its mass."""

    commodity_type: Literal["Product"]
    functional_unit: FunctionalUnit = FunctionalUnit.VOLUME
    default_functional_unit_amount: Annotated[float, Field(gt=0)] | None = None
    fixed_height: NonNegFloat | None = None
    fixed_area: NonNegFloat | None = None
    product_code: Text | None = None
    gtin: Annotated[str, Field(max_length=64)] | None = Field(default=None, alias="GTIN")
    manufacturer: Company | None = None
    production_site: Company | None = None
    lifespan: Lifespan | None = None
    density: NonNegFloat | None = None
    weight: NonNegFloat | None = None
    url: Annotated[str, Field(max_length=2000)] | None = None
    do_not_use_bill_of_materials: bool = False
    calculate_environment_values_from_bill_of_materials: bool = False
    circularity: ProductCircularity | None = None
    material_families: list[ProductFamily] | None = None
    scaling: ScalingRule | None = Field(
        default=None,
        description="matbank extension (not in Madaster's contract): a scaling rule for "
        "products whose per-unit values depend on their size; omitted when not set.",
    )


CommodityBody = Annotated[Material | Product, Field(discriminator="commodity_type")]


# --- bill of materials -----------------------------------------------------------------------


class AddProductChildRequest(ApiModel):
    commodity_id: uuid.UUID
    quantity: Annotated[float, Field(ge=0)]
    override_circularity: ProductChildCircularity | None = None


class BaseChildReference(ApiModel):
    id: uuid.UUID
    commodity_id: uuid.UUID
    names: LocalizedString | None = None
    quantity: float
    quantity_type: str | None = None
    weight: float | None = None
    weight_percentage: float | None = None


class MaterialChildReference(BaseChildReference):
    commodity_type: Literal["Material"] = Field(json_schema_extra=READ_ONLY)


class ProductChildReference(BaseChildReference):
    commodity_type: Literal["Product"] = Field(json_schema_extra=READ_ONLY)
    functional_unit: FunctionalUnit | None = None


ChildReference = Annotated[
    MaterialChildReference | ProductChildReference, Field(discriminator="commodity_type")
]


# --- LCA -------------------------------------------------------------------------------------

_A1_INDICATORS = [
    "globalWarmingPotential",
    "ozoneDeplationPotential",
    "photoChemicalOxydantFormation",
    "acidificationPotentialOfLandAndWater",
    "eutrophicationPotential",
    "abioticDeplationNonFossile",
    "abioticDeplationFossile",
    "humanToxicityPotential",
    "freshwaterAquaticEcotoxicityPotential",
    "marinewaterAquaticEcotoxicityPotential",
    "terrestrialEcotoxicityPotential",
]
_A2_INDICATORS = [
    "globalWarmingPotentialTotal",
    "globalWarmingPotentialFossil",
    "globalWarmingPotentialBiogenic",
    "globalWarmingPotentialLuluc",
    "ozoneDeplationPotential",
    "acidificationPotentialAccumulatedExceedance",
    "eutrophicationPotentialFreshWater",
    "eutrophicationPotentialMarineWater",
    "eutrophicationTerrestrial",
    "photoOxidantCreationPotential",
    "abioticDeplationNonFossile",
    "abioticDeplationFossile",
    "waterUseDeprivationPotential",
    "potentialIncidenceOfDiseaseDueToPMEmissions",
    "potentialHumanExposureEfficiencyRelativeToU235",
    "ecoTox",
    "humanToxCancer",
    "humanToxNonCancer",
    "potentialSoilQualityIndex",
]
FLOW_INDICATORS = [
    "pere",
    "perm",
    "pert",
    "penre",
    "penrm",
    "penrt",
    "sm",
    "rsf",
    "nrsf",
    "fw",
    "hwd",
    "nhwd",
    "rwd",
    "mfr",
    "mer",
    "eee",
    "ete",
]
A1_INDICATORS = (*_A1_INDICATORS, *FLOW_INDICATORS)
A2_INDICATORS = (*_A2_INDICATORS, *FLOW_INDICATORS)


def _indicator_model(name: str, wire_names: tuple[str, ...]) -> type[ApiModel]:
    fields: dict[str, Any] = {
        wire: (float | None, Field(default=None, alias=wire)) for wire in wire_names
    }
    return create_model(name, __base__=ApiModel, **fields)


EN15804_2012_04_A1_2013 = _indicator_model("EN15804_2012_04_A1_2013", A1_INDICATORS)
EN15804_2012_A2_2019 = _indicator_model("EN15804_2012_A2_2019", A2_INDICATORS)


class LifeCycleAssessmentPhase(ApiModel):
    phase_id: LcaPhase
    en15804_2012_04_a1_2013: EN15804_2012_04_A1_2013 | None = Field(  # type: ignore[valid-type]
        default=None, alias="EN15804_2012_04_A1_2013"
    )
    en15804_2012_a2_2019: EN15804_2012_A2_2019 | None = Field(  # type: ignore[valid-type]
        default=None, alias="EN15804_2012_A2_2019"
    )


def _lower_country(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


IsoCode = Annotated[str, Field(pattern=r"^[a-z]{2}$")]


class LifeCycleAssessment(ApiModel):
    iso_code: IsoCode
    owner: Text | None = None
    reference_year: Annotated[int, Field(ge=1900, le=2200)] | None = None
    valid_until_year: Annotated[int, Field(ge=1900, le=2200)] | None = None
    dataset_type: Text | None = None
    environmental_cost_indicator: float | None = None
    uuid: Text | None = Field(default=None, alias="UUID")
    registration_number: Text | None = None
    version: Text | None = None
    compliance: list[Annotated[str, Field(min_length=1, max_length=100)]] | None = Field(
        default=None, max_length=20
    )
    phases: list[LifeCycleAssessmentPhase] | None = Field(default=None, max_length=32)

    _lower = field_validator("iso_code", mode="before")(_lower_country)


class FinancialSetting(ApiModel):
    iso_code: IsoCode
    mode: FinancialMode
    price_set: Text | None = None
    transport_costs_currency_per_kilo: NonNegFloat | None = None
    handling_feedstock_percentage: NonNegFloat | None = None
    handling_feedstock_currency_per_kilo: NonNegFloat | None = None

    _lower = field_validator("iso_code", mode="before")(_lower_country)


# --- files, images, matching terms -----------------------------------------------------------


class FileInfo(ApiModel):
    """A dossier file; ``fileName`` and ``url`` are always present, possibly null (its
    endpoints therefore serialise nulls; every non-nullable field is always set)."""

    id: uuid.UUID | None = Field(default=None, json_schema_extra=READ_ONLY)
    file_name: Text | None
    folder_id: uuid.UUID
    folder_names: LocalizedString | None = Field(default=None, json_schema_extra=READ_ONLY)
    tags: list[Annotated[str, Field(max_length=100)]] | None = Field(default=None, max_length=50)
    url: Annotated[str, Field(max_length=2000)] | None
    external_id: ExternalId | None = None


class MatchingTerm(ApiModel):
    id: uuid.UUID | None = Field(default=None, json_schema_extra=READ_ONLY)
    value: Text | None = None
    match_type: MatchingTermType = MatchingTermType.CONTAINS
    language: Literal["en", "nl", "de", "fr", "nb"] | None = None
    match_on_type_name: bool | None = None
