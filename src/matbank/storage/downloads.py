"""``GET /downloads/{token}``: streams a stored file to whoever holds a valid signed link.

The link itself is the permission (no API key), so it lives outside the API versions and
out of the OpenAPI documents.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterator
from typing import BinaryIO
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from matbank.storage.base import Storage
from matbank.storage.signing import verify_download

CHUNK_BYTES = 256 * 1024
#: Building-model types the host's mime table may not know (IFC is ISO 10303-21, "p21").
_MEDIA_TYPES = {
    ".ifc": "application/p21",
    ".ifczip": "application/zip",
    ".ifcxml": "application/xml",
}

router = APIRouter(include_in_schema=False)


@router.get("/downloads/{token}")
def download(token: str, request: Request) -> StreamingResponse:
    """404 for a link that was not signed here or names a missing file, 410 once expired."""
    grant = verify_download(token, request.app.state.download_secret)
    storage: Storage = request.app.state.storage
    size = storage.size(grant.key)
    stream = storage.open_read(grant.key)
    filename = grant.filename or grant.key.rsplit("/", 1)[-1]
    media_type = media_type_of(filename)
    headers = {
        "Content-Length": str(size),
        "Content-Disposition": content_disposition(filename),
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
    }
    return StreamingResponse(_chunks(stream), media_type=media_type, headers=headers)


def _chunks(stream: BinaryIO) -> Iterator[bytes]:
    with stream:
        while chunk := stream.read(CHUNK_BYTES):
            yield chunk


def media_type_of(filename: str) -> str:
    suffix = filename[filename.rfind(".") :].lower() if "." in filename else ""
    return (
        _MEDIA_TYPES.get(suffix)
        or mimetypes.guess_type(filename, strict=True)[0]
        or "application/octet-stream"
    )


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII fallback name and the exact name per RFC 6266/5987."""
    fallback = "".join(
        c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in filename
    )
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
