"""Wire shapes of the element endpoints (request lookups are strings, response lookups arrays)."""

from __future__ import annotations

import uuid
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import ConfigDict, Field

from matbank.schemas import ApiModel, NonNegFloat

MAX_BATCH = 500

Text = Annotated[str, Field(max_length=400)]


class ConnectionType(StrEnum):
    UNKNOWN = "Unknown"
    HARD_CHEMICAL_CONNECTION = "HardChemicalConnection"
    SOFT_CHEMICAL_CONNECTION = "SoftChemicalConnection"
    DIRECT_CONNECTION = "DirectConnection"
    ADDED_CONNECTION_CONNECTION = "AddedConnectionConnection"
    DRY_CONNECTION = "DryConnection"


class ConnectionTypeDetail(StrEnum):
    UNKNOWN = "Unknown"
    BOLT_AND_NUT = "BoltAndNut"
    SPRING = "Spring"
    CORNER = "Corner"
    SCREW = "Screw"
    NONE = "None"
    CLICK = "Click"
    VELCRO = "Velcro"
    MAGNETIC = "Magnetic"
    GLUE = "Glue"
    DUMP = "Dump"
    WELD = "Weld"
    CONCRETE = "Concrete"
    CHEMICAL_ANCHOR = "ChemicalAnchor"
    SEALANT = "Sealant"
    FOAM = "Foam"
    PEG = "Peg"
    NAIL = "Nail"


class Intersection(StrEnum):
    UNKNOWN = "Unknown"
    COMPLETE = "Complete"
    INCIDENTAL = "Incidental"
    NONE = "None"


class Accessibility(StrEnum):
    UNKNOWN = "Unknown"
    NOT_ACCESSIBLE = "NotAccessible"
    PARTIAL_WITH_DAMAGE = "PartialWithDamage"
    PARTIAL_WITH_REPAIRABLE_DAMAGE = "PartialWithRepairableDamage"
    PARTIAL_NO_DAMAGE = "PartialNoDamage"
    ACCESSIBLE = "Accessible"


class ProductEdge(StrEnum):
    UNKNOWN = "Unknown"
    CLOSED = "Closed"
    OVERLAPPING = "Overlapping"
    OPEN = "Open"


class CommodityType(StrEnum):
    MATERIAL = "Material"
    VOLUME = "Volume"
    QUANTITY = "Quantity"
    AREA = "Area"
    LENGTH = "Length"
    OTHER_UNIT_QUANTITY = "OtherUnitQuantity"
    ENERGY = "Energy"
    WEIGHT = "Weight"


class BuildingNumberRatio(ApiModel):
    building_number: Annotated[str, Field(max_length=100)] | None = None
    ratio: Annotated[float, Field(ge=0, le=1)] = 1.0


class _ElementData(ApiModel):
    name: Text | None = None
    material_name: Annotated[str, Field(max_length=1000)] | None = None
    external_database_id: Annotated[str, Field(max_length=200)] | None = None
    type_name: Text | None = None
    element_class: Annotated[str, Field(max_length=100)] | None = None
    floor: Annotated[str, Field(max_length=200)] | None = None
    gtin: Annotated[str, Field(max_length=64)] | None = Field(default=None, alias="GTIN")
    article_number: Annotated[str, Field(max_length=200)] | None = None
    building_numbers: Annotated[list[BuildingNumberRatio], Field(max_length=100)] | None = None
    detachability_connection_type: ConnectionType = ConnectionType.UNKNOWN
    detachability_connection_type_detail: ConnectionTypeDetail = ConnectionTypeDetail.UNKNOWN
    detachability_intersection: Intersection = Intersection.UNKNOWN
    detachability_accessibility: Accessibility = Accessibility.UNKNOWN
    detachability_product_edge: ProductEdge = ProductEdge.UNKNOWN


class BuildingFileElementRequest(_ElementData):
    id: Annotated[str, Field(min_length=1, max_length=200)]
    material_id: uuid.UUID | None = None
    volume: NonNegFloat = 0.0
    area: NonNegFloat = 0.0
    height: NonNegFloat = 0.0
    width: NonNegFloat = 0.0
    length: NonNegFloat = 0.0
    phase_lookup: Annotated[str, Field(max_length=200)] | None = None
    classification_lookup: Annotated[str, Field(max_length=200)] | None = None


class Mapping(ApiModel):
    id: uuid.UUID
    type: CommodityType


class PhaseMatch(ApiModel):
    id: uuid.UUID
    name: str | None = None


class BrandLayerMatch(ApiModel):
    id: uuid.UUID
    name: str | None = None


class ClassificationMatch(ApiModel):
    id: uuid.UUID
    name: str | None = None
    code: str | None = None


class BuildingFileElementResponse(_ElementData):
    id: str | None = None
    building_file_id: uuid.UUID
    volume: float | None = None
    area: float | None = None
    height: float | None = None
    width: float | None = None
    length: float | None = None
    mapping: Mapping | None = None
    phase_match: PhaseMatch | None = None
    brand_layer_match: BrandLayerMatch | None = None
    classification_match: ClassificationMatch | None = None
    phase_lookup: list[str] | None = None
    classification_lookup: list[str] | None = None


class ElementBatchResult(ApiModel):
    failures: list[str] | None = None


# --- element overrides (matbank's own addition) -----------------------------------------------

Share = Annotated[float, Field(ge=0, le=1)]


class _OverrideFields(ApiModel):
    reuse: Share | None = Field(
        None,
        description="Share of the element that is reused (input), 0 to 1 (0-100 %). Replaces "
        "the product's reused share; the rest keeps the product's feedstock split.",
    )
    available_for_reuse: Share | None = Field(
        None,
        description="Share available for reuse at end of life, 0 to 1 (0-100 %). Replaces the "
        "product's; the rest keeps the product's output split.",
    )
    lifespan: Annotated[float, Field(gt=0, le=1000)] | None = Field(
        None, description="Lifespan of the element in years (> 0); replaces the product's (B4)."
    )
    assumed_construction_waste: Annotated[float, Field(gt=0, le=1)] | None = Field(
        None, description="Share wasted during construction, above 0 and at most 1; added to A5."
    )
    installation_date: date | None = Field(
        None,
        description="When the element was (or will be) installed; B4 replacements are counted "
        "from it to the end of the building's lifespan after its completion date.",
    )


class ElementOverridesPatch(_OverrideFields):
    """A JSON merge patch of an element's overrides: a field left out keeps its value, a
    field set to null removes the override (the product's value applies again)."""

    model_config = ConfigDict(extra="forbid")


class ElementOverrides(_OverrideFields):
    """Element-level values that replace the linked product's for this element; null means
    the product's value applies."""

    id: str = Field(description="The element's id.")
    building_file_id: uuid.UUID
