"""Accounts and the folder types each account defines."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from matbank.db import Base, UtcDateTime, new_id, utcnow


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200))
    account_type: Mapped[str] = mapped_column(String(32), default="General")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class FolderType(Base):
    """A kind of folder (Portfolio, Project, Region, …) with its nesting rules."""

    __tablename__ = "folder_types"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    account_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[dict[str, Any]] = mapped_column(JSON)
    plural_name: Mapped[dict[str, Any]] = mapped_column(JSON)
    description: Mapped[dict[str, Any]] = mapped_column(JSON)
    allow_buildings: Mapped[bool] = mapped_column(Boolean, default=False)
    allowed_directly_under_account: Mapped[bool] = mapped_column(Boolean, default=True)
    has_address: Mapped[bool] = mapped_column(Boolean, default=False)
    has_spatial_coordinates: Mapped[bool] = mapped_column(Boolean, default=False)
    allowed_sub_folder_type_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
