"""A building: its general data, files (upload, status, progress, activation, download),
results and passports."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, File, Form, Request, Response, UploadFile
from starlette.concurrency import run_in_threadpool

from matbank.auth.dependencies import SessionDep
from matbank.auth.permissions import Action, ScopeKind
from matbank.files import service as files
from matbank.files import uploads
from matbank.files.lifecycle import FileStatus, FileType
from matbank.files.schemas import BuildingFileRequest
from matbank.refinement.catalogue import DEFAULT_SELECTION
from matbank.system.catalogue import building_usages, classification_methods
from matbank.web.access import access
from matbank.web.context import CsrfDep, SignedInDep, user_of
from matbank.web.forms import parse_form
from matbank.web.render import WebRoute, page, see_other
from matbank.web.results import building_results

router = APIRouter(route_class=WebRoute, include_in_schema=False)

#: Statuses a file passes through on its own; the page refreshes while one is shown.
IN_TRANSIT = frozenset(
    {
        FileStatus.UPLOADED,
        FileStatus.IMPORTING,
        FileStatus.IMPORTED,
        FileStatus.REFINING,
        FileStatus.MAPPING,
    }
)
PASSPORTS = frozenset({FileType.PASSPORT_PDF, FileType.PASSPORT_EXCEL})
REFRESH_SECONDS = 3


@router.get("/buildings/{building_id}")
def building_page(
    request: Request, session: SessionDep, visitor: SignedInDep, building_id: uuid.UUID
) -> Response:
    seen = access(session, user_of(visitor), ScopeKind.BUILDING, building_id)
    building = seen.resource
    all_files = files.list_files(session, seen.principal, building_id)
    sources = [f for f in all_files if f.file_type not in PASSPORTS]
    busy = building.is_dirty or any(f.status in IN_TRANSIT for f in sources)
    usage = building_usages().get(building.building_usage)
    return page(
        request,
        "building.html",
        access=seen,
        building=building,
        usage=usage.names.get("en", usage.key) if usage else building.building_usage,
        files=sources,
        passports=[f for f in all_files if f.file_type in PASSPORTS and f.storage_key],
        results=building_results(session, building_id),
        may_edit=seen.can(Action.BUILDING_UPDATE),
        methods=classification_methods(),
        refresh=REFRESH_SECONDS if busy else None,
        tab="overview",
    )


# The path matches the streamed-upload rule of the request middleware, so the body is not
# capped at the small JSON limit; the upload limit applies while it is stored.
@router.post("/buildings/{building_id}/files/new/upload/")
async def upload(
    request: Request,
    session: SessionDep,
    visitor: SignedInDep,
    _: CsrfDep,
    building_id: uuid.UUID,
    file: Annotated[UploadFile, File()],
    classification: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    """Add a source file and upload its content; the import and matching jobs follow."""
    seen = access(session, user_of(visitor), ScopeKind.BUILDING, building_id)
    name = uploads.clean_file_name(file.filename or "model")
    body = parse_form(
        BuildingFileRequest,
        type=FileType.SOURCE,
        name=name,
        preferred_database_ids=[DEFAULT_SELECTION],
        classification_type_id=classification or None,
    )
    created = files.add_file(session, seen.principal, building_id, body)
    target = uploads.prepare_upload(session, seen.principal, building_id, created.id)
    stored = await uploads.store_upload(request, building_id, created.id, _chunks(file))
    try:
        uploads.register_upload(session, target, name, stored)
    except BaseException:
        await run_in_threadpool(request.app.state.storage.delete, stored.key)
        raise
    return see_other(f"/buildings/{building_id}#files")


async def _chunks(file: UploadFile) -> AsyncIterator[bytes]:
    while chunk := await file.read(1024 * 1024):
        yield chunk


@router.post("/buildings/{building_id}/files/{file_id}/active")
def set_active(
    session: SessionDep,
    visitor: SignedInDep,
    _: CsrfDep,
    building_id: uuid.UUID,
    file_id: uuid.UUID,
    active: Annotated[bool, Form()] = True,
) -> Response:
    """Use a Mapped file in the building's results (or stop using it); results follow."""
    seen = access(session, user_of(visitor), ScopeKind.BUILDING, building_id)
    files.set_active(session, seen.principal, building_id, file_id, active)
    return see_other(f"/buildings/{building_id}#files")


@router.get("/buildings/{building_id}/files/{file_id}/download")
def download(
    request: Request,
    session: SessionDep,
    visitor: SignedInDep,
    building_id: uuid.UUID,
    file_id: uuid.UUID,
) -> Response:
    """To the file's signed, time-limited download link on this same site."""
    seen = access(session, user_of(visitor), ScopeKind.BUILDING, building_id)
    url, _ = uploads.download_link(session, seen.principal, request, building_id, file_id)
    parts = urlsplit(url)
    return see_other(f"{parts.path}?{parts.query}" if parts.query else parts.path)
