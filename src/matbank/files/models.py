"""Building files: sources (IFC, Excel, API-fed), information files and generated passports."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from matbank.db import Base, UtcDateTime, new_id, utcnow


class BuildingFile(Base):
    __tablename__ = "building_files"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    account_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    building_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("buildings.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(400))
    file_type: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(24))
    status_message: Mapped[str | None] = mapped_column(Text, nullable=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=False)
    is_dirty: Mapped[bool] = mapped_column(Boolean, default=False)
    tags: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    time_stamp: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    preferred_database_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    languages: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    classification_type_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    file_size: Mapped[int] = mapped_column(BigInteger, default=0)
    storage_key: Mapped[str | None] = mapped_column(String(500), nullable=True)
    sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    element_count: Mapped[int] = mapped_column(Integer, default=0)
    element_processed_count: Mapped[int] = mapped_column(Integer, default=0)
    validation: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # Generated passports remember what was asked for.
    passport_options: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    last_modified_date: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class BuildingImage(Base):
    """A picture of a building (shown on passports); unique by file name per building."""

    __tablename__ = "building_images"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    building_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("buildings.id", ondelete="CASCADE"), index=True
    )
    file_name: Mapped[str] = mapped_column(String(255))
    storage_key: Mapped[str] = mapped_column(String(500))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("building_id", "file_name"),)
