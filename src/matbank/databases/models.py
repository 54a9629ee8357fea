"""Material and product databases; owned by an account, a folder or a building."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from matbank.db import Base, UtcDateTime, new_id, utcnow


class MaterialDatabase(Base):
    __tablename__ = "material_databases"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    account_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), nullable=True, index=True
    )
    # Owner level: "system" (public, e.g. the generic database), "account", "folder", "building".
    owner_kind: Mapped[str] = mapped_column(String(16), default="account")
    owner_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True, index=True)
    external_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    names: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    description: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    license: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    initially_selected_for_enrichment: Mapped[bool] = mapped_column(Boolean, default=False)
    available_in_countries: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    is_available_for_everybody: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    __table_args__ = (UniqueConstraint("account_id", "external_id"),)
