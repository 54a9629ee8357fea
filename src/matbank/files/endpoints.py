"""Building-file endpoints, and the building-level calls that act on its files.

The two reads clients poll in a loop (a file, its status) run on the event loop: a single
keyed read costs less than a hop to the thread pool. Everything else runs in the pool.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Response

from matbank.auth.dependencies import PrincipalDep, SessionDep
from matbank.files import service
from matbank.files.schemas import (
    BuildingFileRequest,
    BuildingFileResponse,
    BuildingFileStatusResponse,
    BuildingValidation,
    RestartRefinementRequest,
)
from matbank.files.validation import building_validation
from matbank.files.views import file_view

router = APIRouter(prefix="/building", tags=["BuildingFile"])
building_router = APIRouter(prefix="/building", tags=["Building"])

FileId = uuid.UUID
Files = "/{buildingId}/files"


@router.get(
    Files,
    operation_id="BuildingFile_GetFiles",
    response_model=list[BuildingFileResponse],
    response_model_exclude_none=True,
)
def list_files(
    buildingId: uuid.UUID,
    principal: PrincipalDep,
    session: SessionDep,  # noqa: N803
) -> list[BuildingFileResponse]:
    """Every file of a building: sources, information files and generated passports."""
    return [file_view(f) for f in service.list_files(session, principal, buildingId)]


@router.post(
    Files,
    operation_id="BuildingFile_AddFile",
    status_code=201,
    response_model=BuildingFileResponse,
    response_model_exclude_none=True,
)
def add_file(
    buildingId: uuid.UUID,
    body: BuildingFileRequest,  # noqa: N803
    principal: PrincipalDep,
    session: SessionDep,
    response: Response,
) -> BuildingFileResponse:
    """Register a file (status Creating); its content arrives by upload or through elements."""
    building_file = service.add_file(session, principal, buildingId, body)
    response.headers["Location"] = f"/api/v3.0/building/{buildingId}/files/{building_file.id}"
    return file_view(building_file)


@router.post(
    Files + "/restartrefinement", operation_id="BuildingFile_RestartRefinement", status_code=202
)
def restart_refinement(
    buildingId: uuid.UUID,
    body: RestartRefinementRequest,  # noqa: N803
    principal: PrincipalDep,
    session: SessionDep,
) -> Response:
    """Match a file again: unlinked elements only, or all after resetAllMapping."""
    service.restart_refinement(session, principal, buildingId, body)
    return Response(status_code=202)


@router.get(
    Files + "/{id}",
    operation_id="BuildingFile_GetFileById",
    response_model=BuildingFileResponse,
    response_model_exclude_none=True,
)
async def get_file(
    buildingId: uuid.UUID,
    id: FileId,
    principal: PrincipalDep,  # noqa: N803
    session: SessionDep,
) -> BuildingFileResponse:
    """One file; poll it until a generated passport is Uploaded."""
    return file_view(service.get_file(session, principal, buildingId, id))


@router.delete(Files + "/{id}", operation_id="BuildingFile_DeleteFile", status_code=204)
def delete_file(
    buildingId: uuid.UUID,
    id: FileId,
    principal: PrincipalDep,  # noqa: N803
    session: SessionDep,
) -> Response:
    """Delete a file and its elements."""
    service.delete_file(session, principal, buildingId, id)
    return Response(status_code=204)


@router.get(
    Files + "/{id}/status",
    operation_id="BuildingFile_GetStatusById",
    response_model=BuildingFileStatusResponse,
    response_model_exclude_none=True,
)
async def get_status(
    buildingId: uuid.UUID,
    id: FileId,
    principal: PrincipalDep,  # noqa: N803
    session: SessionDep,
) -> BuildingFileStatusResponse:
    """Processing status with the number of elements done so far."""
    f = service.get_file(session, principal, buildingId, id)
    return BuildingFileStatusResponse(
        status=f.status,
        element_count=f.element_count,
        element_processed_count=f.element_processed_count,
        status_message=f.status_message,
    )


@router.post(
    Files + "/{id}/active",
    operation_id="BuildingFile_SetActive",
    response_model=BuildingFileResponse,
    response_model_exclude_none=True,
)
def set_active(
    buildingId: uuid.UUID,
    id: FileId,  # noqa: N803
    active: Annotated[bool, Body(description="true to activate, false to deactivate")],
    principal: PrincipalDep,
    session: SessionDep,
) -> BuildingFileResponse:
    """(De)activate a Mapped source file; the building then recalculates (isDirty)."""
    return file_view(service.set_active(session, principal, buildingId, id, active))


@router.post(
    Files + "/{id}/setimporting", operation_id="BuildingFile_SetImporting", status_code=204
)
def set_importing(
    buildingId: uuid.UUID,
    id: FileId,
    principal: PrincipalDep,  # noqa: N803
    session: SessionDep,
) -> Response:
    """Open a source file for element additions and changes (status Importing)."""
    service.set_importing(session, principal, buildingId, id)
    return Response(status_code=204)


@router.post(
    Files + "/{id}/startrefinement", operation_id="BuildingFile_StartRefinement", status_code=202
)
def start_refinement(
    buildingId: uuid.UUID,
    id: FileId,
    principal: PrincipalDep,  # noqa: N803
    session: SessionDep,
) -> Response:
    """Close the import and queue matching; poll the status until Mapped."""
    service.start_refinement(session, principal, buildingId, id)
    location = f"/api/v3.0/building/{buildingId}/files/{id}/status"
    return Response(status_code=202, headers={"Location": location})


@building_router.post(
    "/{id}/batchactivate", operation_id="Building_BatchActiveAsync", status_code=202
)
def batch_activate(
    id: uuid.UUID,
    file_ids: Annotated[list[uuid.UUID], Body()],
    principal: PrincipalDep,
    session: SessionDep,
) -> Response:
    """Activate several Mapped source files at once and recalculate the building."""
    service.batch_activate(session, principal, id, file_ids)
    return Response(status_code=202)


@building_router.post("/{id}/process", operation_id="Building_RecalculateBuilding", status_code=202)
def process(id: uuid.UUID, principal: PrincipalDep, session: SessionDep) -> Response:
    """Queue a full recalculation of the building (isDirty until it has run)."""
    service.process_building(session, principal, id)
    return Response(status_code=202)


@building_router.get(
    "/{id}/validation", operation_id="Building_GetValidation", response_model=BuildingValidation
)
def get_validation(
    id: uuid.UUID, principal: PrincipalDep, session: SessionDep
) -> BuildingValidation:
    """Data-quality percentages over the building's active source files."""
    return building_validation(session, principal, id)
