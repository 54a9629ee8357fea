"""Passport presets stored by an account, a folder or a building.

A preset names the sections a passport of one type shows. Unlike upload presets, a level may
hold several named presets; a building offers the built-in presets, then every preset of its
account, of each folder above it and of itself.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from matbank.db import Base, UtcDateTime, new_id, utcnow
from matbank.presets.models import OwnedByLevel


class StoredPassportPreset(OwnedByLevel, Base):
    __tablename__ = "passport_presets"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200))
    passport_type: Mapped[str] = mapped_column(String(32))
    # Section names in print order, e.g. ["mass", "circularity", "environmental"].
    sections: Mapped[list[str]] = mapped_column(JSON)
    # {"compliance": "EN15804A2", "indicators": [...], "modules": [...]} or None: everything.
    environmental: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
