"""Choosing the storage implementation from ``settings.storage_url``."""

from __future__ import annotations

import importlib.util
from urllib.parse import unquote, urlsplit

from matbank.storage.base import Storage
from matbank.storage.local import LocalStorage


class StorageConfigurationError(ValueError):
    """The storage URL cannot be served by this installation."""


def storage_from_url(url: str) -> Storage:
    """``file://<folder>`` (relative folders resolve against the working directory, so
    ``file://var/storage`` is ``./var/storage``) or ``s3://bucket/prefix``."""
    if url.startswith("file://"):
        folder = unquote(url.removeprefix("file://"))
        if not folder:
            raise StorageConfigurationError(
                "file:// storage needs a folder, e.g. file://var/storage"
            )
        return LocalStorage(folder)
    if url.startswith("s3://"):
        return _s3_storage(url)
    raise StorageConfigurationError(
        f"unsupported storage URL {url!r}: use file://<folder> or s3://<bucket>/<prefix>"
    )


def _s3_storage(url: str) -> Storage:
    if importlib.util.find_spec("boto3") is None:
        raise StorageConfigurationError(
            "MATBANK_STORAGE_URL is an s3:// URL but boto3 is not installed; "
            "install it (pip install boto3) or use file://<folder>"
        )
    from matbank.storage.s3 import S3Storage

    parts = urlsplit(url)
    if not parts.netloc:
        raise StorageConfigurationError("s3:// storage needs a bucket: s3://<bucket>/<prefix>")
    return S3Storage(parts.netloc, parts.path.strip("/"))
