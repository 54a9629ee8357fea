"""The storage protocol: named byte objects, written whole or not at all."""

from __future__ import annotations

import hashlib
import re
from collections.abc import AsyncIterable, Iterable
from dataclasses import dataclass
from typing import BinaryIO, Protocol, runtime_checkable

from starlette.concurrency import run_in_threadpool

from matbank.errors import InvalidRequest, NotFound, PayloadTooLarge

MAX_KEY_LENGTH = 512
#: Async writers hand the blocking writes to a thread once this much is buffered.
ASYNC_BUFFER_BYTES = 1024 * 1024
_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f\\:]")


@dataclass(frozen=True)
class StoredObject:
    key: str
    size: int
    sha256: str


class ObjectNotFound(NotFound):
    code = "object_not_found"
    title = "The stored file was not found."


class ObjectWriter:
    """Receives the chunks of one object. Leaving the ``with`` block normally publishes it
    (``stored`` is then set); an exception drops everything written so far."""

    stored: StoredObject | None = None

    def write(self, chunk: bytes) -> None:
        raise NotImplementedError

    def commit(self) -> StoredObject:
        """Publish the object under its key, replacing any earlier one in one step."""
        raise NotImplementedError

    def abort(self) -> None:
        """Drop what was written; the key keeps its previous content, if any."""
        raise NotImplementedError

    def __enter__(self) -> ObjectWriter:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.stored = self.commit()
        else:
            self.abort()


@runtime_checkable
class Storage(Protocol):
    def open_write(self, key: str, *, max_bytes: int | None = None) -> ObjectWriter: ...
    def write_stream(
        self, key: str, chunks: Iterable[bytes], *, max_bytes: int | None = None
    ) -> StoredObject: ...
    async def write_stream_async(
        self, key: str, chunks: AsyncIterable[bytes], *, max_bytes: int | None = None
    ) -> StoredObject: ...
    def write_bytes(self, key: str, data: bytes) -> StoredObject: ...
    def open_read(self, key: str) -> BinaryIO: ...
    def read_bytes(self, key: str) -> bytes: ...
    def exists(self, key: str) -> bool: ...
    def size(self, key: str) -> int: ...
    def delete(self, key: str) -> bool: ...


def check_key(key: str) -> str:
    """A key is a relative, ``/``-separated path: no empty, ``.``/``..`` or dot-leading
    segments (dot names are reserved for unfinished writes), no backslashes, colons or
    control characters, at most 512 characters."""
    segments = key.split("/")
    if (
        not key
        or len(key) > MAX_KEY_LENGTH
        or _FORBIDDEN.search(key)
        or any(not s or s.startswith(".") or len(s) > 255 for s in segments)
    ):
        raise InvalidRequest(f"{key[:80]!r} is not a valid storage key", code="invalid_storage_key")
    return key


class SizeLimiter:
    """Counts bytes and their SHA-256 and refuses to go past ``max_bytes``."""

    def __init__(self, key: str, max_bytes: int | None) -> None:
        self.key = key
        self.max_bytes = max_bytes
        self.size = 0
        self.digest = hashlib.sha256()

    def add(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.max_bytes is not None and self.size > self.max_bytes:
            raise PayloadTooLarge(f"the file is larger than the limit of {self.max_bytes} bytes")
        self.digest.update(chunk)

    def result(self) -> StoredObject:
        return StoredObject(self.key, self.size, self.digest.hexdigest())


class StreamWrites:
    """``write_stream``, ``write_stream_async``, ``write_bytes`` and ``read_bytes`` on top
    of ``open_write`` and ``open_read``, shared by every implementation."""

    def open_write(self, key: str, *, max_bytes: int | None = None) -> ObjectWriter:
        raise NotImplementedError

    def open_read(self, key: str) -> BinaryIO:
        raise NotImplementedError

    def write_stream(
        self, key: str, chunks: Iterable[bytes], *, max_bytes: int | None = None
    ) -> StoredObject:
        """Store ``chunks`` as ``key``; over ``max_bytes`` raises ``PayloadTooLarge`` and
        leaves nothing behind (an existing object of that key is kept)."""
        with self.open_write(key, max_bytes=max_bytes) as writer:
            for chunk in chunks:
                writer.write(chunk)
        assert writer.stored is not None
        return writer.stored

    async def write_stream_async(
        self, key: str, chunks: AsyncIterable[bytes], *, max_bytes: int | None = None
    ) -> StoredObject:
        """As ``write_stream`` for a request body; disk or network writes run in a thread."""
        writer = self.open_write(key, max_bytes=max_bytes)
        try:
            buffer = bytearray()
            async for chunk in chunks:
                buffer += chunk
                if len(buffer) >= ASYNC_BUFFER_BYTES:
                    await run_in_threadpool(writer.write, bytes(buffer))
                    buffer.clear()
            await run_in_threadpool(writer.write, bytes(buffer))
            return await run_in_threadpool(writer.commit)
        except BaseException:
            await run_in_threadpool(writer.abort)
            raise

    def write_bytes(self, key: str, data: bytes) -> StoredObject:
        return self.write_stream(key, [data])

    def read_bytes(self, key: str) -> bytes:
        with self.open_read(key) as stream:
            return stream.read()
