"""Use-cases of a commodity's dossier: files (external links and uploads) and images."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.orm import Session

from matbank.auth.principal import Principal
from matbank.commodities.models import CommodityFile, CommodityImage
from matbank.commodities.repository import CommodityRepository
from matbank.commodities.schemas import FileInfo
from matbank.commodities.service import get_commodity, get_writable
from matbank.databases.catalogue import dossier_folders
from matbank.databases.files import LocalFolder, commodity_key
from matbank.errors import Conflict, InvalidRequest, NotFound

MAX_IMAGE_BYTES = 5 * 1024 * 1024
_IMAGE_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


# --- dossier files ---------------------------------------------------------------------------


def list_files(
    session: Session, principal: Principal, commodity_id: uuid.UUID
) -> Sequence[CommodityFile]:
    commodity = get_commodity(session, principal, commodity_id)
    return CommodityRepository(session).files(commodity.id)


def _check_folder(database_id: uuid.UUID, folder_id: uuid.UUID) -> None:
    if folder_id not in dossier_folders(database_id):
        raise InvalidRequest(
            f"folderId {folder_id} is not a dossier folder of this database; "
            f"see GET /database/{database_id}/folderstructure."
        )


def link_file(
    session: Session, principal: Principal, commodity_id: uuid.UUID, body: FileInfo
) -> CommodityFile:
    """File an external link (a URL) in the commodity's dossier."""
    commodity, database = get_writable(session, principal, commodity_id)
    _check_folder(database.id, body.folder_id)
    if not body.url or not body.url.lower().startswith(("http://", "https://")):
        raise InvalidRequest("url: an external file needs an http(s) URL.")
    row = CommodityFile(
        commodity_id=commodity.id,
        folder_id=body.folder_id,
        file_name=body.file_name,
        url=body.url,
        tags=body.tags,
        external_id=body.external_id,
    )
    return CommodityRepository(session).add(row)


def update_file(
    session: Session, principal: Principal, commodity_id: uuid.UUID, body: FileInfo
) -> CommodityFile:
    """Change a file's name, folder, tags or link; the file is found by id (or externalId)."""
    commodity, database = get_writable(session, principal, commodity_id)
    rows = CommodityRepository(session).files(commodity.id)
    row = next((f for f in rows if body.id is not None and f.id == body.id), None) or next(
        (f for f in rows if body.external_id and f.external_id == body.external_id), None
    )
    if row is None:
        raise NotFound(f"Commodity {commodity.id} has no such file (give its id or externalId).")
    _check_folder(database.id, body.folder_id)
    row.folder_id, row.file_name, row.tags = body.folder_id, body.file_name, body.tags
    if row.storage_key is None:
        row.url = body.url
    session.flush()
    return row


def upload_file(
    session: Session,
    principal: Principal,
    commodity_id: uuid.UUID,
    name: str | None,
    content_type: str | None,
    data: bytes,
    storage: LocalFolder,
) -> CommodityFile:
    """Store an uploaded file in the dossier's root folder."""
    commodity, database = get_writable(session, principal, commodity_id)
    if not data:
        raise InvalidRequest("file: the uploaded file is empty.")
    file_id = uuid.uuid4()
    key = commodity_key(commodity.id, "files", file_id)
    root = next(iter(dossier_folders(database.id)))
    row = CommodityFile(
        id=file_id,
        commodity_id=commodity.id,
        folder_id=root,
        file_name=(name or "upload")[:400],
        storage_key=key,
        content_type=(content_type or "application/octet-stream")[:200],
        size=len(data),
    )
    CommodityRepository(session).add(row)
    storage.put(key, data)
    return row


def delete_file(
    session: Session,
    principal: Principal,
    commodity_id: uuid.UUID,
    file_id: uuid.UUID,
    storage: LocalFolder,
) -> None:
    commodity, _ = get_writable(session, principal, commodity_id)
    repo = CommodityRepository(session)
    row = next((f for f in repo.files(commodity.id) if f.id == file_id), None)
    if row is None:
        raise NotFound(f"Commodity {commodity.id} has no file {file_id}.")
    key = row.storage_key
    repo.delete(row)
    if key:
        storage.delete(key)


# --- images ----------------------------------------------------------------------------------


def upload_image(
    session: Session,
    principal: Principal,
    commodity_id: uuid.UUID,
    name: str | None,
    data: bytes,
    storage: LocalFolder,
) -> CommodityImage:
    """Store a JPEG or PNG image (at most 5 MB), unique by name per commodity."""
    commodity, _ = get_writable(session, principal, commodity_id)
    content_type = next((t for sig, t in _IMAGE_SIGNATURES.items() if data.startswith(sig)), None)
    if content_type is None:
        raise InvalidRequest("image: only JPEG and PNG images are accepted.")
    if len(data) > MAX_IMAGE_BYTES:
        raise InvalidRequest("image: an image may be at most 5 MB.")
    image_name = (name or "image").strip()[:400] or "image"
    repo = CommodityRepository(session)
    if any(i.name == image_name for i in repo.images(commodity.id)):
        raise Conflict(f"Commodity {commodity.id} already has an image named '{image_name}'.")
    image_id = uuid.uuid4()
    key = commodity_key(commodity.id, "images", image_id)
    row = CommodityImage(
        id=image_id,
        commodity_id=commodity.id,
        name=image_name,
        storage_key=key,
        content_type=content_type,
        size=len(data),
    )
    repo.add(row)
    storage.put(key, data)
    return row


def delete_image(
    session: Session, principal: Principal, commodity_id: uuid.UUID, name: str, storage: LocalFolder
) -> None:
    commodity, _ = get_writable(session, principal, commodity_id)
    repo = CommodityRepository(session)
    row = next((i for i in repo.images(commodity.id) if i.name == name), None)
    if row is None:
        raise NotFound(f"Commodity {commodity.id} has no image named '{name}'.")
    key = row.storage_key
    repo.delete(row)
    storage.delete(key)
