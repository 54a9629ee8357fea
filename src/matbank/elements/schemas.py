"""Wire shapes of the element endpoints (request lookups are strings, response lookups arrays)."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Annotated

from pydantic import Field

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
