"""Upload presets: how uploads into an account, folder or building are read and matched.

One row per level that has its own presets. A column left NULL is not set at that level,
so the value is inherited from the nearest level above that sets it.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from matbank.db import Base, UtcDateTime, new_id, utcnow


class OwnedByLevel:
    """Columns of a row that belongs to one level of an account's tree: the account, one of
    its folders or one of its buildings. Exactly one level: ``folder_id`` for a folder,
    ``building_id`` for a building, neither for the account. Deleting the level deletes it."""

    account_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    folder_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("folders.id", ondelete="CASCADE"), nullable=True, index=True
    )
    building_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("buildings.id", ondelete="CASCADE"), nullable=True, index=True
    )


class UploadPreset(OwnedByLevel, Base):
    __tablename__ = "upload_presets"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    # "account:<id>", "folder:<id>" or "building:<id>": one preset row per level.
    scope_key: Mapped[str] = mapped_column(String(64), unique=True)
    classification_type_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    default_phase: Mapped[str | None] = mapped_column(String(16), nullable=True)
    database_ids: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    languages: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    excluded_ifc_types: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    # {"Phase": {"propertySet": "Pset_X" | None, "propertyName": "Bauphase"}, ...}
    property_names: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    allow_functional_unit_mismatch: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
