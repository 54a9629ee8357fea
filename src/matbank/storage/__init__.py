"""Where uploaded and generated files live, behind the small ``Storage`` protocol.

``storage_from_url(settings.storage_url)`` picks the implementation: ``file://<folder>``
(``LocalStorage``, the default) or ``s3://bucket/prefix`` (``S3Storage``, needs boto3).
Downloads are served by matbank itself through signed, time-limited links.
"""

from __future__ import annotations

from matbank.storage.base import ObjectNotFound, ObjectWriter, Storage, StoredObject, check_key
from matbank.storage.local import LocalStorage
from matbank.storage.signing import (
    DownloadExpired,
    DownloadGrant,
    InvalidDownloadLink,
    download_secret,
    download_url,
    sign_download,
    verify_download,
)
from matbank.storage.urls import StorageConfigurationError, storage_from_url

__all__ = [
    "DownloadExpired",
    "DownloadGrant",
    "InvalidDownloadLink",
    "LocalStorage",
    "ObjectNotFound",
    "ObjectWriter",
    "Storage",
    "StorageConfigurationError",
    "StoredObject",
    "check_key",
    "download_secret",
    "download_url",
    "sign_download",
    "storage_from_url",
    "verify_download",
]
