"""Queries over upload presets; callers have checked access to the level first."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from matbank.presets.models import UploadPreset


def scope_key(level: str, level_id: uuid.UUID) -> str:
    return f"{level.lower()}:{level_id.hex}"


class PresetRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, key: str) -> UploadPreset | None:
        return self.session.scalars(
            select(UploadPreset).where(UploadPreset.scope_key == key)
        ).first()

    def chain(self, keys: Sequence[str]) -> dict[str, UploadPreset]:
        """The presets stored for any of ``keys`` (a building's levels), by key."""
        stmt = select(UploadPreset).where(UploadPreset.scope_key.in_(list(keys)))
        return {preset.scope_key: preset for preset in self.session.scalars(stmt)}

    def add(self, preset: UploadPreset) -> UploadPreset:
        self.session.add(preset)
        self.session.flush()
        return preset

    def delete(self, preset: UploadPreset) -> None:
        self.session.delete(preset)
        self.session.flush()
