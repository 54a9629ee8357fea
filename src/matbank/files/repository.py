"""Queries over building files; callers have already checked access to the building."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from matbank.files.models import BuildingFile


class FileRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def list(self, building_id: uuid.UUID) -> Sequence[BuildingFile]:
        stmt = (
            select(BuildingFile)
            .where(BuildingFile.building_id == building_id)
            .order_by(BuildingFile.created_at, BuildingFile.id)
        )
        return self.session.scalars(stmt).all()

    def get(self, building_id: uuid.UUID, file_id: uuid.UUID) -> BuildingFile | None:
        stmt = select(BuildingFile).where(
            BuildingFile.building_id == building_id, BuildingFile.id == file_id
        )
        return self.session.scalars(stmt).first()

    def get_for_update(self, file_id: uuid.UUID) -> BuildingFile | None:
        stmt = select(BuildingFile).where(BuildingFile.id == file_id).with_for_update()
        return self.session.scalars(stmt).first()

    def many(self, building_id: uuid.UUID, file_ids: list[uuid.UUID]) -> Sequence[BuildingFile]:
        stmt = select(BuildingFile).where(
            BuildingFile.building_id == building_id, BuildingFile.id.in_(file_ids)
        )
        return self.session.scalars(stmt).all()

    def active_sources(self, building_id: uuid.UUID) -> Sequence[BuildingFile]:
        stmt = select(BuildingFile).where(
            BuildingFile.building_id == building_id,
            BuildingFile.is_active.is_(True),
            BuildingFile.file_type == "Source",
        )
        return self.session.scalars(stmt).all()

    def add(self, building_file: BuildingFile) -> BuildingFile:
        self.session.add(building_file)
        self.session.flush()
        return building_file

    def delete(self, building_file: BuildingFile) -> None:
        self.session.delete(building_file)
        self.session.flush()
