"""Folder endpoints."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response

from matbank.auth.dependencies import PrincipalDep, SessionDep
from matbank.folders import service
from matbank.folders.models import Folder
from matbank.folders.schemas import FolderRequest, FolderResponse

router = APIRouter(prefix="/folder", tags=["Folder"])


def to_response(folder: Folder) -> FolderResponse:
    return FolderResponse(
        id=folder.id,
        external_id=folder.external_id,
        name=folder.name,
        description=folder.description,
        parent_id=folder.parent_id or folder.account_id,
        foldertype_id=folder.folder_type_id,
    )


@router.get(
    "",
    operation_id="Folder_GetFolders",
    response_model=list[FolderResponse],
    response_model_exclude_none=True,
)
def list_folders(principal: PrincipalDep, session: SessionDep) -> list[FolderResponse]:
    """Every folder the token can see."""
    return [to_response(f) for f in service.list_folders(session, principal)]


@router.post(
    "",
    operation_id="Folder_AddFolder",
    status_code=201,
    response_model=FolderResponse,
    response_model_exclude_none=True,
)
def add_folder(
    body: FolderRequest, principal: PrincipalDep, session: SessionDep, response: Response
) -> FolderResponse:
    """Create a folder under the account or under another folder."""
    folder = service.create_folder(session, principal, body)
    response.headers["Location"] = f"/api/v3.0/folder/{folder.id}"
    return to_response(folder)


@router.get(
    "/external/{externalId:path}",
    operation_id="Folder_GetFolderByExternalId",
    response_model=FolderResponse,
    response_model_exclude_none=True,
)
def get_folder_by_external_id(
    externalId: str,
    principal: PrincipalDep,
    session: SessionDep,  # noqa: N803
) -> FolderResponse:
    """Find a folder by the id an external system gave it (404 when there is none)."""
    return to_response(service.get_folder_by_external_id(session, principal, externalId))


@router.get(
    "/{id}",
    operation_id="Folder_GetFolderById",
    response_model=FolderResponse,
    response_model_exclude_none=True,
)
def get_folder(id: uuid.UUID, principal: PrincipalDep, session: SessionDep) -> FolderResponse:
    """One folder."""
    return to_response(service.get_folder(session, principal, id))


@router.put(
    "/{id}",
    operation_id="Folder_UpdateFolder",
    response_model=FolderResponse,
    response_model_exclude_none=True,
)
def update_folder(
    id: uuid.UUID, body: FolderRequest, principal: PrincipalDep, session: SessionDep
) -> FolderResponse:
    """Replace a folder's data; a different parent moves the folder with its contents."""
    return to_response(service.update_folder(session, principal, id, body))


@router.delete("/{id}", operation_id="Folder_DeleteFolder", status_code=204)
def delete_folder(id: uuid.UUID, principal: PrincipalDep, session: SessionDep) -> Response:
    """Delete an empty folder together with its (empty) sub-folders."""
    service.delete_folder(session, principal, id)
    return Response(status_code=204)
