"""Bytes of commodity dossier files and images, kept in a local folder.

A small stand-in until the shared storage protocol exists: keys are relative paths made by
matbank (never from user input), written atomically (temporary file, then rename).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlparse

from sqlalchemy import select, union_all
from sqlalchemy.orm import Session

from matbank.commodities.models import Commodity, CommodityFile, CommodityImage


class LocalFolder:
    """Stores bytes under ``root``; ``file://`` storage URLs name the folder."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def from_url(cls, storage_url: str) -> LocalFolder:
        parsed = urlparse(storage_url)
        if parsed.scheme not in ("file", ""):
            raise ValueError(f"unsupported storage URL {storage_url!r}; use file://<folder>")
        return cls(Path((parsed.netloc or "") + (parsed.path or "")))

    def _path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if not path.is_relative_to(self.root.resolve()):
            raise ValueError(f"storage key {key!r} leaves the storage folder")
        return path

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)

    def get(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def exists(self, key: str) -> bool:
        return self._path(key).exists()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def delete_all(self, keys: Iterable[str]) -> None:
        for key in keys:
            self.delete(key)


def commodity_key(commodity_id: uuid.UUID, kind: str, item_id: uuid.UUID) -> str:
    """Where a commodity's file or image lives: ``commodities/<id>/<kind>/<item id>``."""
    return f"commodities/{commodity_id}/{kind}/{item_id}"


def keys_of_database(session: Session, database_id: uuid.UUID) -> list[str]:
    """Every stored key of a database's commodities (to remove them with the database)."""
    ids = select(Commodity.id).where(Commodity.database_id == database_id)
    stmt = union_all(
        select(CommodityFile.storage_key).where(
            CommodityFile.commodity_id.in_(ids), CommodityFile.storage_key.is_not(None)
        ),
        select(CommodityImage.storage_key).where(CommodityImage.commodity_id.in_(ids)),
    )
    return [key for (key,) in session.execute(stmt).all() if key]
