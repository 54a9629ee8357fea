"""Endpoints that move file content: raw upload, download links and building images."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, File, Request, Response, UploadFile
from starlette.concurrency import run_in_threadpool

from matbank.auth.dependencies import PrincipalDep, SessionDep
from matbank.files import uploads
from matbank.files.schemas import FileDownloadResponse, FileResponse

router = APIRouter(prefix="/building", tags=["BuildingFile"])
images_router = APIRouter(prefix="/building", tags=["Building"])

_UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
}


@router.post(
    "/{buildingId}/files/{id}/upload/{fileName}",
    operation_id="BuildingFile_UploadFile",
    status_code=201,
    responses={202: {"description": "Accepted."}},
    openapi_extra=_UPLOAD_BODY,
)
async def upload_file(
    buildingId: uuid.UUID,
    id: uuid.UUID,
    fileName: str,  # noqa: N803
    request: Request,
    principal: PrincipalDep,
    session: SessionDep,
) -> Response:
    """Upload the file's raw bytes (IFC or Excel); a source file is imported automatically."""
    name = uploads.clean_file_name(fileName)
    building_file = uploads.prepare_upload(session, principal, buildingId, id)
    stored = await uploads.store_upload(request, building_file, request.stream())
    try:
        previous = uploads.register_upload(session, building_file, name, stored)
    except BaseException:
        await run_in_threadpool(request.app.state.storage.delete, stored.key)
        raise
    if previous:
        await run_in_threadpool(request.app.state.storage.delete, previous)
    return Response(status_code=201)


@router.get(
    "/{buildingId}/files/{id}/download",
    operation_id="BuildingFile_Download",
    response_model=FileDownloadResponse,
)
def download_file(
    buildingId: uuid.UUID,
    id: uuid.UUID,
    request: Request,  # noqa: N803
    principal: PrincipalDep,
    session: SessionDep,
) -> FileDownloadResponse:
    """A time-limited link to the file's content, served by matbank itself."""
    url, expires = uploads.download_link(session, principal, request, buildingId, id)
    return FileDownloadResponse(url=url, expiration_date_time=expires)


@images_router.get(
    "/{id}/images", operation_id="Building_GetImagesAsync", response_model=list[FileResponse]
)
def list_images(
    id: uuid.UUID, request: Request, principal: PrincipalDep, session: SessionDep
) -> list[FileResponse]:
    """The building's images, each with a link valid for an hour."""
    return [
        FileResponse(file_name=name, url=url)
        for name, url in uploads.list_images(session, principal, request, id)
    ]


@images_router.post("/{id}/images", operation_id="Building_AddImageAsync", status_code=204)
async def add_image(
    id: str,
    file: Annotated[UploadFile, File()],
    request: Request,
    principal: PrincipalDep,
    session: SessionDep,
) -> Response:
    """Add an image (multipart field "file"); an image of the same name is replaced."""
    building_id = _building_id(id)
    uploads.check_image_writable(session, principal, building_id)
    name = uploads.clean_file_name(file.filename or "image")
    storage = request.app.state.storage
    key = f"buildings/{building_id}/images/{uuid.uuid4().hex}"
    stored = await storage.write_stream_async(key, _chunks(file), max_bytes=20 * 1024 * 1024)
    try:
        previous = uploads.add_image(
            session, principal, building_id, name, file.content_type, stored
        )
    except BaseException:
        await run_in_threadpool(storage.delete, stored.key)
        raise
    if previous:
        await run_in_threadpool(storage.delete, previous)
    return Response(status_code=204)


@images_router.delete(
    "/{id}/images/{fileName}", operation_id="Building_DeleteImageAsync", status_code=204
)
def delete_image(
    id: uuid.UUID,
    fileName: str,
    request: Request,  # noqa: N803
    principal: PrincipalDep,
    session: SessionDep,
) -> Response:
    """Remove an image by its file name."""
    key = uploads.delete_image(session, principal, id, fileName)
    request.app.state.storage.delete(key)
    return Response(status_code=204)


async def _chunks(file: UploadFile):  # noqa: ANN202 - an async iterator of bytes
    while chunk := await file.read(1024 * 1024):
        yield chunk


def _building_id(raw: str) -> uuid.UUID:
    from matbank.errors import InvalidRequest

    try:
        return uuid.UUID(raw)
    except ValueError as error:
        raise InvalidRequest(f"'{raw}' is not a building id (a UUID is expected).") from error
