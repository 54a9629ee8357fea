"""Building files as the API shows them."""

from __future__ import annotations

from matbank.files.models import BuildingFile
from matbank.files.schemas import BuildingFileResponse, BuildingFileValidation


def file_view(building_file: BuildingFile) -> BuildingFileResponse:
    return BuildingFileResponse(
        id=building_file.id,
        building_id=building_file.building_id,
        is_active=building_file.is_active,
        is_dirty=building_file.is_dirty,
        file_name=building_file.name,
        file_size=building_file.file_size,
        status=building_file.status,
        type=building_file.file_type,
        last_modified_date=building_file.last_modified_date,
        tags=building_file.tags,
        validation=BuildingFileValidation.model_validate(building_file.validation or {}),
        classification_type_id=building_file.classification_type_id,
    )
