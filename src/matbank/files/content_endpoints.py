"""Endpoints that move file content: raw upload, download links and building images."""

from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Header, Request, Response, UploadFile
from fastapi.responses import FileResponse as FileContent
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from matbank.auth.dependencies import PrincipalDep, SessionDep
from matbank.db import declare_writer
from matbank.files import uploads
from matbank.files.excel_export import export_file_elements, write_source_template
from matbank.files.schemas import FileDownloadResponse, FileResponse
from matbank.schemas import OWN_ADDITION, negotiate_language

router = APIRouter(prefix="/building", tags=["BuildingFile"])
images_router = APIRouter(prefix="/building", tags=["Building"])
templates_router = APIRouter(prefix="/templates", tags=["Template"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_XLSX_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {XLSX: {"schema": {"type": "string", "format": "binary"}}}}
}

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
    uploads.prepare_upload(session, principal, buildingId, id)
    # Stream the bytes with no transaction open: a large model must not hold SQLite's write
    # lock (or a PostgreSQL row) for the minutes its upload can take.
    await run_in_threadpool(session.rollback)
    stored = await uploads.store_upload(request, buildingId, id, request.stream())
    try:
        await run_in_threadpool(declare_writer, session)
        building_file = uploads.prepare_upload(session, principal, buildingId, id)
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


@router.get(
    "/{buildingId}/files/{id}/export",
    operation_id="BuildingFile_ExportElements",
    response_class=FileContent,
    responses=_XLSX_RESPONSE,
    openapi_extra=OWN_ADDITION,
)
def export_elements(
    buildingId: uuid.UUID,  # noqa: N803
    id: uuid.UUID,
    principal: PrincipalDep,
    session: SessionDep,
    accept_language: Annotated[str | None, Header(alias="accept-language")] = None,
) -> FileContent:
    """The file's elements as an Excel source workbook (en/de headers by accept-language);
    edit it and upload it as a new source file to import the changes (matbank addition)."""
    target = _temporary_xlsx()
    try:
        name = export_file_elements(
            session, principal, buildingId, id, _template_language(accept_language), target
        )
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return _workbook(target, name)


@templates_router.get(
    "/excel",
    operation_id="Template_GetExcelSourceTemplate",
    response_class=FileContent,
    responses=_XLSX_RESPONSE,
    openapi_extra=OWN_ADDITION,
)
def excel_template(
    principal: PrincipalDep,
    accept_language: Annotated[str | None, Header(alias="accept-language")] = None,
) -> FileContent:
    """An empty Excel source workbook: one sheet per phase (Demolition, Preserved, New
    materials; German with accept-language de) with the columns the import reads."""
    target = _temporary_xlsx()
    name = write_source_template(_template_language(accept_language), target)
    return _workbook(target, name)


def _template_language(header: str | None) -> str:
    return "de" if negotiate_language(header) == "de" else "en"


def _temporary_xlsx() -> Path:
    handle, name = tempfile.mkstemp(prefix="matbank-", suffix=".xlsx")
    os.close(handle)
    return Path(name)


def _workbook(path: Path, name: str) -> FileContent:
    return FileContent(
        path,
        media_type=XLSX,
        filename=name,
        background=BackgroundTask(path.unlink, missing_ok=True),
    )


async def _chunks(file: UploadFile):  # noqa: ANN202 - an async iterator of bytes
    while chunk := await file.read(1024 * 1024):
        yield chunk


def _building_id(raw: str) -> uuid.UUID:
    from matbank.errors import InvalidRequest

    try:
        return uuid.UUID(raw)
    except ValueError as error:
        raise InvalidRequest(f"'{raw}' is not a building id (a UUID is expected).") from error
