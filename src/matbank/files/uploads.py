"""File content: raw uploads into storage, time-limited download links and building images."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterable, Sequence
from datetime import timedelta
from urllib.parse import unquote

from fastapi import Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from matbank import jobs
from matbank.auth.permissions import Action
from matbank.auth.principal import Principal
from matbank.buildings.service import get_building
from matbank.db import utcnow
from matbank.errors import InvalidRequest, NotFound
from matbank.files import lifecycle
from matbank.files.lifecycle import FileStatus, FileType
from matbank.files.models import BuildingFile, BuildingImage
from matbank.files.service import get_file, writable_file
from matbank.storage import StoredObject, download_url

IMPORT_TASK = "files.import"
IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml"}
IMAGE_LINK_LIFETIME = timedelta(hours=1)


def clean_file_name(raw: str) -> str:
    """The uploaded file's name, percent-decoded, without any folder part."""
    name = unquote(raw).replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not name or name in (".", "..") or "\x00" in name or len(name) > 255:
        raise InvalidRequest(f"'{raw}' is not a usable file name.")
    return name


def prepare_upload(
    session: Session, principal: Principal, building_id: uuid.UUID, file_id: uuid.UUID
) -> BuildingFile:
    building_file = writable_file(session, principal, building_id, file_id)
    lifecycle.require(
        "upload", building_file.status, f"file '{building_file.name}' ({building_file.id})"
    )
    return building_file


async def store_upload(
    request: Request, building_id: uuid.UUID, file_id: uuid.UUID, chunks: AsyncIterable[bytes]
) -> StoredObject:
    """Stream the request body into storage under a fresh key (nothing is kept on failure)."""
    storage = request.app.state.storage
    key = f"buildings/{building_id}/files/{file_id}/{uuid.uuid4().hex}"
    limit = request.app.state.settings.max_upload_bytes
    return await storage.write_stream_async(key, chunks, max_bytes=limit)


def register_upload(
    session: Session, building_file: BuildingFile, file_name: str, stored: StoredObject
) -> str | None:
    """Record the new content; a source file is queued for import. Returns the replaced key."""
    if stored.size == 0:
        raise InvalidRequest("The uploaded file is empty.")
    previous = building_file.storage_key
    building_file.name = file_name
    building_file.storage_key, building_file.file_size = stored.key, stored.size
    building_file.sha256 = stored.sha256
    building_file.status = FileStatus.UPLOADED.value
    building_file.status_message = None
    building_file.element_count = building_file.element_processed_count = 0
    building_file.last_modified_date = utcnow()
    if building_file.file_type == FileType.SOURCE.value:
        jobs.enqueue(
            session,
            IMPORT_TASK,
            {"file_id": str(building_file.id)},
            dedupe_key=f"import:{building_file.id}",
        )
    return previous


def download_link(
    session: Session,
    principal: Principal,
    request: Request,
    building_id: uuid.UUID,
    file_id: uuid.UUID,
) -> tuple[str, object]:
    building_file = get_file(session, principal, building_id, file_id)
    if building_file.storage_key is None:
        raise NotFound(
            f"File {file_id} has no stored content (it was fed through the element "
            "API or is still being generated).",
            title="Nothing to download.",
        )
    settings = request.app.state.settings
    expires = utcnow() + timedelta(seconds=settings.download_link_seconds)
    url = download_url(
        settings.base_url,
        building_file.storage_key,
        expires,
        request.app.state.download_secret,
        filename=building_file.name,
    )
    return url, expires


def list_images(
    session: Session, principal: Principal, request: Request, building_id: uuid.UUID
) -> list[tuple[str, str]]:
    get_building(session, principal, building_id)
    settings = request.app.state.settings
    expires = utcnow() + IMAGE_LINK_LIFETIME
    return [
        (
            image.file_name,
            download_url(
                settings.base_url,
                image.storage_key,
                expires,
                request.app.state.download_secret,
                filename=image.file_name,
            ),
        )
        for image in _images(session, building_id)
    ]


def add_image(
    session: Session,
    principal: Principal,
    building_id: uuid.UUID,
    file_name: str,
    content_type: str | None,
    stored: StoredObject,
) -> str | None:
    """Record an uploaded building image (same name: replaced). Returns the replaced key."""
    principal.require(Action.BUILDING_UPDATE)
    get_building(session, principal, building_id)
    if (content_type or "").split(";")[0].strip().lower() not in IMAGE_TYPES:
        raise InvalidRequest(f"'{file_name}' is not an image (PNG, JPEG, GIF, WebP or SVG).")
    image = _image(session, building_id, file_name)
    previous = image.storage_key if image else None
    if image is None:
        image = BuildingImage(building_id=building_id, file_name=file_name)
        session.add(image)
    image.storage_key, image.size = stored.key, stored.size
    image.content_type = content_type or "application/octet-stream"
    session.flush()
    return previous


def delete_image(
    session: Session, principal: Principal, building_id: uuid.UUID, file_name: str
) -> str:
    principal.require(Action.BUILDING_UPDATE)
    get_building(session, principal, building_id)
    image = _image(session, building_id, clean_file_name(file_name))
    if image is None:
        raise NotFound(f"Building {building_id} has no image named '{file_name}'.")
    key = image.storage_key
    session.delete(image)
    session.flush()
    return key


def check_image_writable(session: Session, principal: Principal, building_id: uuid.UUID) -> None:
    principal.require(Action.BUILDING_UPDATE)
    get_building(session, principal, building_id)


def _images(session: Session, building_id: uuid.UUID) -> Sequence[BuildingImage]:
    stmt = (
        select(BuildingImage)
        .where(BuildingImage.building_id == building_id)
        .order_by(BuildingImage.file_name)
    )
    return session.scalars(stmt).all()


def _image(session: Session, building_id: uuid.UUID, file_name: str) -> BuildingImage | None:
    stmt = select(BuildingImage).where(
        BuildingImage.building_id == building_id, BuildingImage.file_name == file_name
    )
    return session.scalars(stmt).first()
