"""Queries over stored passport presets; callers have checked access to the level first."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from matbank.passports.models import StoredPassportPreset


class PassportPresetRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, account_id: uuid.UUID, preset_id: uuid.UUID) -> StoredPassportPreset | None:
        """A preset of this account (another account's preset is not found)."""
        stmt = select(StoredPassportPreset).where(
            StoredPassportPreset.id == preset_id, StoredPassportPreset.account_id == account_id
        )
        return self.session.scalars(stmt).first()

    def at_level(
        self,
        account_id: uuid.UUID,
        folder_id: uuid.UUID | None = None,
        building_id: uuid.UUID | None = None,
    ) -> Sequence[StoredPassportPreset]:
        """The presets one level owns itself, by name."""
        stmt = select(StoredPassportPreset).where(
            StoredPassportPreset.account_id == account_id,
            _is(StoredPassportPreset.folder_id, folder_id),
            _is(StoredPassportPreset.building_id, building_id),
        )
        return self.session.scalars(stmt.order_by(StoredPassportPreset.name)).all()

    def inherited(
        self,
        account_id: uuid.UUID,
        folder_ids: Sequence[uuid.UUID],
        building_id: uuid.UUID,
        passport_type: str | None = None,
    ) -> list[StoredPassportPreset]:
        """Presets of the account, the given folders and the building: account first, then
        the folders in the order given, then the building; by name within a level."""
        preset = StoredPassportPreset
        account_level = and_(preset.folder_id.is_(None), preset.building_id.is_(None))
        stmt = select(preset).where(
            preset.account_id == account_id,
            or_(account_level, preset.folder_id.in_(list(folder_ids)),
                preset.building_id == building_id),
        )
        if passport_type is not None:
            stmt = stmt.where(preset.passport_type == passport_type)
        rank = {folder_id: index for index, folder_id in enumerate(folder_ids, start=1)}
        found = self.session.scalars(stmt).all()

        def order(p: StoredPassportPreset) -> tuple[int, str, str]:
            level = len(rank) + 1 if p.building_id else rank.get(p.folder_id, 0)  # type: ignore[arg-type]
            return level, p.name.lower(), str(p.id)

        return sorted(found, key=order)

    def add(self, preset: StoredPassportPreset) -> StoredPassportPreset:
        self.session.add(preset)
        self.session.flush()
        return preset

    def delete(self, preset: StoredPassportPreset) -> None:
        self.session.delete(preset)
        self.session.flush()


def _is(column, value):  # type: ignore[no-untyped-def]
    return column.is_(None) if value is None else column == value
