"""Wire shapes of the building endpoints (BuildingRequest / BuildingResponse)."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from matbank.schemas import ApiModel, Int32, NonNegFloat, NonNegInt32, UtcDateTime

Text = Annotated[str, Field(max_length=400)]
LongText = Annotated[str, Field(max_length=4000)]
ShortText = Annotated[str, Field(max_length=64)]


class BuildingPhase(StrEnum):
    NEW = "New"
    EXISTING = "Existing"
    RENOVATION = "Renovation"
    DEMOLITION = "Demolition"


class DesignStage(StrEnum):
    UNKNOWN = "Unknown"
    CONCEPT_DESIGN = "ConceptDesign"
    SCHEMATIC_DESIGN = "SchematicDesign"
    DETAILED_DESIGN = "DetailedDesign"
    CONSTRUCTION_DOCUMENTATION = "ConstructionDocumentation"
    FABRICATION_AND_ASSEMBLY = "FabricationAndAssembly"
    AS_BUILT = "AsBuilt"


class _BuildingData(ApiModel):
    """Fields shared by request and response."""

    external_id: Annotated[str | None, Field(max_length=200)] = None
    cadastral_designation: Text | None = None
    parcel_number: Text | None = Field(default=None, alias="parcelnumber")
    public_law_restriction: LongText | None = None
    last_renovation_date: UtcDateTime | None = None
    address_street: Text | None = None
    address_housenumber: ShortText | None = None
    address_housenumber_addition: ShortText | None = None
    address_zipcode: ShortText | None = None
    address_city: Text | None = None
    address_country: Text | None = None
    building_usage_other_description: Text | None = None
    gross_internal_area: NonNegFloat | None = None
    gross_asset_value: NonNegFloat | None = None
    energy_label: ShortText | None = None
    beng1: float | None = None
    beng2: float | None = None
    beng3: float | None = None
    rto: float | None = None
    energy_index: float | None = None
    breeam_registration_number: Text | None = None
    gpr_score_energy: float | None = None
    gpr_score_health: float | None = None
    gpr_score_future_value: float | None = None
    gpr_score_usage_quality: float | None = None
    gpr_score_environment: float | None = None
    leed_label: ShortText | None = None
    well_score_building: Int32 | None = None
    well_score_interior: Int32 | None = None
    well_score_core_and_shell: Int32 | None = None
    design_stage: DesignStage = DesignStage.UNKNOWN
    prepared_by: Text | None = None
    owner_name: Text | None = None
    owner_address_line1: Text | None = None
    owner_address_line2: Text | None = None
    owner_zipcode: ShortText | None = None
    owner_city: Text | None = None
    owner_country_id: ShortText | None = None


class BuildingRequest(_BuildingData):
    folder_id: uuid.UUID
    name: Annotated[str, Field(min_length=1, max_length=400)]
    phase: BuildingPhase
    cadastral_area: NonNegInt32 = 0
    completion_date: UtcDateTime
    building_usage: Annotated[str, Field(min_length=1, max_length=100)] = Field(
        description="A key of GET /api/v3.0/system/buildingusages."
    )
    gross_surface_area: NonNegFloat | None = Field(
        description="Gross floor area in m²; required, may be null while unknown."
    )
    expected_lifespan: NonNegInt32 | None = None
    expected_lifespan_structure: NonNegInt32 | None = None
    expected_lifespan_skin: NonNegInt32 | None = None
    expected_lifespan_services: NonNegInt32 | None = None
    expected_lifespan_space_plan: NonNegInt32 | None = None
    expected_lifespan_stuff: NonNegInt32 | None = None
    breeam_label: NonNegInt32 = 0
    mpg_label: float | None = None
    classification_type: uuid.UUID | None = Field(
        default=None,
        json_schema_extra={"deprecated": True},
        description="Deprecated: the classification method is chosen per building file.",
    )
    material_classification_type_id: Annotated[str, Field(min_length=1, max_length=64)] = Field(
        description="An id of GET /api/v3.0/system/materialfamilies, e.g. 'madaster'."
    )


class BuildingResponse(_BuildingData):
    id: uuid.UUID
    folder_id: uuid.UUID
    name: str | None = None
    phase: BuildingPhase | None = None
    cadastral_area: int = 0
    completion_date: UtcDateTime | None = None
    owner_country: str | None = None
    building_usage: str | None = None
    gross_surface_area: float | None = None
    expected_lifespan: int | None = None
    expected_lifespan_structure: int | None = None
    expected_lifespan_skin: int | None = None
    expected_lifespan_services: int | None = None
    expected_lifespan_space_plan: int | None = None
    expected_lifespan_stuff: int | None = None
    breeam_label: int = 0
    mpg_label: float | None = None
    is_dirty: bool = False
    has_dirty_elements: bool = False
    most_recent_bim_info: UtcDateTime | None = Field(
        default=None, json_schema_extra={"deprecated": True}
    )
    geo_latitude: float | None = None
    geo_longitude: float | None = Field(default=None, alias="geoLongtitude")
    classification_type: uuid.UUID | None = Field(
        default=None, json_schema_extra={"deprecated": True}
    )
    material_classification_type_id: str
