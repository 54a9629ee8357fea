"""Files in a folder on the local disk (``file://<folder>``)."""

from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path
from typing import BinaryIO

from matbank.errors import InvalidRequest
from matbank.storage.base import (
    ObjectNotFound,
    ObjectWriter,
    SizeLimiter,
    StoredObject,
    StreamWrites,
    check_key,
)


class LocalStorage(StreamWrites):
    """Objects are files under ``root``; a write goes to a hidden temporary file in the
    target folder and is renamed into place, so readers never see a partial file.

    Nothing touches the disk until the first write (building the app stays free of I/O).
    """

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root).resolve()

    def __repr__(self) -> str:
        return f"LocalStorage({str(self.root)!r})"

    def path(self, key: str) -> Path:
        """The file of ``key``; a key that would leave the root is refused."""
        path = (self.root / check_key(key)).resolve()
        if not path.is_relative_to(self.root) or path == self.root:
            raise InvalidRequest(f"{key[:80]!r} is outside the storage", code="invalid_storage_key")
        return path

    def open_write(self, key: str, *, max_bytes: int | None = None) -> ObjectWriter:
        return _LocalWriter(self.path(key), SizeLimiter(key, max_bytes))

    def open_read(self, key: str) -> BinaryIO:
        try:
            return self.path(key).open("rb")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise ObjectNotFound(f"no stored file {key!r}") from None

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def size(self, key: str) -> int:
        path = self.path(key)
        if not path.is_file():
            raise ObjectNotFound(f"no stored file {key!r}")
        return path.stat().st_size

    def delete(self, key: str) -> bool:
        """Remove the object; False when there was none."""
        try:
            self.path(key).unlink()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return False
        return True


class _LocalWriter(ObjectWriter):
    def __init__(self, target: Path, limiter: SizeLimiter) -> None:
        self.target = target
        self.limiter = limiter
        target.parent.mkdir(parents=True, exist_ok=True)
        self.temp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")
        self.file: BinaryIO | None = self.temp.open("xb")

    def write(self, chunk: bytes) -> None:
        if self.file is None:
            raise ValueError("the object is already closed")
        try:
            self.limiter.add(chunk)
        except Exception:
            self.abort()
            raise
        self.file.write(chunk)

    def commit(self) -> StoredObject:
        if self.file is None:
            raise ValueError("the object is already closed")
        file, self.file = self.file, None
        with file:
            file.flush()
            os.fsync(file.fileno())
        os.replace(self.temp, self.target)
        self.stored = self.limiter.result()
        return self.stored

    def abort(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None
        with contextlib.suppress(FileNotFoundError):
            self.temp.unlink()
