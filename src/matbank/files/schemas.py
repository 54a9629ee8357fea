"""Wire shapes of the building-file endpoints."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from matbank.files.lifecycle import FileStatus, FileType
from matbank.schemas import ApiModel, UtcDateTime

BuildingFileStatuses = FileStatus
BuildingFileType = FileType


class BuildingRequestFileType(StrEnum):
    SOURCE = "Source"
    INFORMATION = "Information"


Tag = Annotated[str, Field(max_length=100)]
Language = Annotated[str, Field(min_length=2, max_length=10)]


class BuildingFileRequest(ApiModel):
    type: BuildingRequestFileType
    tags: Annotated[list[Tag], Field(max_length=50)] | None = None
    name: Annotated[str, Field(min_length=1, max_length=400)]
    time_stamp: UtcDateTime | None = None
    preferred_database_ids: Annotated[list[uuid.UUID], Field(max_length=50)] = Field(
        description="Databases used for automatic matching, highest priority first; the all-zero "
        "id stands for the databases selected for enrichment by default."
    )
    languages: Annotated[list[Language], Field(max_length=10)] | None = None
    classification_type_id: uuid.UUID | None = None


class BuildingFileValidation(ApiModel):
    percentage_classification_assigned_by_number: float = 0.0
    percentage_classification_assigned_by_volume: float = 0.0
    percentage_volume_base_quantity_assigned_by_number: float = 0.0
    percentage_area_base_quantity_assigned_by_number: float = 0.0
    percentage_length_base_quantity_assigned_by_number: float = 0.0
    percentage_base_quantities_assigned_by_number: float = 0.0
    percentage_material_specified_by_number: float = 0.0
    percentage_material_specified_by_volume: float = 0.0
    percentage_elements_with_known_mass_by_number: float = 0.0
    percentage_elements_mapped_by_number: float = 0.0


class BuildingValidation(BuildingFileValidation):
    percentage_elements_mapped_by_volume: float = 0.0


class BuildingFileResponse(ApiModel):
    id: uuid.UUID
    building_id: uuid.UUID
    is_active: bool
    is_dirty: bool
    file_name: str | None = None
    file_size: int = 0
    status: BuildingFileStatuses
    type: BuildingFileType
    last_modified_date: datetime
    tags: list[str] | None = None
    validation: BuildingFileValidation
    classification_type_id: uuid.UUID | None = None


class BuildingFileStatusResponse(ApiModel):
    status: BuildingFileStatuses
    element_processed_count: int
    element_count: int
    status_message: str | None = None


class RestartRefinementRequest(ApiModel):
    file_id: uuid.UUID
    preferred_database_ids: Annotated[list[uuid.UUID], Field(max_length=50)] | None = None
    reset_all_mapping: bool | None = None
    languages: Annotated[list[Language], Field(max_length=10)] | None = None


class FileDownloadResponse(ApiModel):
    url: str | None = None
    expiration_date_time: datetime


class FileResponse(ApiModel):
    file_name: str | None = None
    url: str | None = None
