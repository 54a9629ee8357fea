"""Objects in an S3 bucket (``s3://bucket/prefix``); imported only when boto3 is installed.

Credentials, region and endpoint come from boto3's usual sources (environment variables
such as ``AWS_ACCESS_KEY_ID`` and ``AWS_ENDPOINT_URL``, or the shared config files).
"""

from __future__ import annotations

import io
import tempfile
from typing import Any, BinaryIO

import boto3
from botocore.exceptions import ClientError

from matbank.storage.base import (
    ObjectNotFound,
    ObjectWriter,
    SizeLimiter,
    StoredObject,
    StreamWrites,
    check_key,
)

#: Uploads stay in memory up to this size, then spill to a temporary file.
SPOOL_BYTES = 8 * 1024 * 1024
_MISSING = {"404", "NoSuchKey", "NotFound"}


class S3Storage(StreamWrites):
    """An S3 PUT publishes an object whole, so a failed or refused upload leaves nothing."""

    def __init__(self, bucket: str, prefix: str = "", client: Any = None) -> None:
        self.bucket = bucket
        self.prefix = f"{prefix.strip('/')}/" if prefix.strip("/") else ""
        self.client = client if client is not None else boto3.client("s3")

    def __repr__(self) -> str:
        return f"S3Storage({self.bucket!r}, {self.prefix!r})"

    def object_name(self, key: str) -> str:
        return self.prefix + check_key(key)

    def open_write(self, key: str, *, max_bytes: int | None = None) -> ObjectWriter:
        return _S3Writer(self, key, SizeLimiter(key, max_bytes))

    def open_read(self, key: str) -> BinaryIO:
        try:
            response = self.client.get_object(Bucket=self.bucket, Key=self.object_name(key))
        except ClientError as exc:
            raise _translate(exc, key) from None
        return io.BufferedReader(_Body(response["Body"]))

    def exists(self, key: str) -> bool:
        try:
            self._head(key)
        except ObjectNotFound:
            return False
        return True

    def size(self, key: str) -> int:
        return int(self._head(key)["ContentLength"])

    def delete(self, key: str) -> bool:
        """Remove the object; False when there was none (S3 itself does not say)."""
        if not self.exists(key):
            return False
        self.client.delete_object(Bucket=self.bucket, Key=self.object_name(key))
        return True

    def _head(self, key: str) -> dict[str, Any]:
        try:
            return self.client.head_object(Bucket=self.bucket, Key=self.object_name(key))
        except ClientError as exc:
            raise _translate(exc, key) from None


def _translate(exc: ClientError, key: str) -> Exception:
    if str(exc.response.get("Error", {}).get("Code")) in _MISSING:
        return ObjectNotFound(f"no stored file {key!r}")
    return exc


class _S3Writer(ObjectWriter):
    def __init__(self, storage: S3Storage, key: str, limiter: SizeLimiter) -> None:
        self.storage = storage
        self.name = storage.object_name(key)
        self.limiter = limiter
        # Closed by commit() or abort(): the writer outlives this call.
        self.buffer: Any = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115

    def write(self, chunk: bytes) -> None:
        try:
            self.limiter.add(chunk)
        except Exception:
            self.abort()
            raise
        self.buffer.write(chunk)

    def commit(self) -> StoredObject:
        with self.buffer:
            self.buffer.seek(0)
            self.storage.client.upload_fileobj(self.buffer, self.storage.bucket, self.name)
        self.stored = self.limiter.result()
        return self.stored

    def abort(self) -> None:
        self.buffer.close()


class _Body(io.RawIOBase):
    """botocore's streaming body as a raw stream, so callers get an ordinary binary file."""

    def __init__(self, body: Any) -> None:
        self.body = body

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.body.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.body.close()
        super().close()
