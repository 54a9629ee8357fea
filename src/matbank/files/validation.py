"""Data-quality percentages of source files (BuildingFileValidation / BuildingValidation).

Percentages are 0–100 over top-level elements; "by volume" weighs each element by its volume.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from matbank.auth.principal import Principal
from matbank.buildings.service import get_building
from matbank.elements.models import Element
from matbank.files.repository import FileRepository
from matbank.files.schemas import BuildingValidation

E = Element


def _present(column: Any) -> Any:
    return and_(column.is_not(None), column != "")


def _aggregates() -> list[Any]:
    volume = func.coalesce(E.volume, 0.0)

    def count(condition: Any) -> Any:
        return func.sum(case((condition, 1), else_=0))

    def volume_where(condition: Any) -> Any:
        return func.sum(case((condition, volume), else_=0.0))

    classified, material = _present(E.classification_lookup), _present(E.material_name)
    mapped = E.commodity_id.is_not(None)
    return [
        func.count(),
        func.sum(volume),
        count(classified),
        volume_where(classified),
        count(E.volume > 0),
        count(E.area > 0),
        count(E.length > 0),
        count((E.volume > 0) | (E.area > 0) | (E.length > 0)),
        count(material),
        volume_where(material),
        count(E.mass > 0),
        count(mapped),
        volume_where(mapped),
    ]


def validation_of(session: Session, file_ids: list[uuid.UUID]) -> dict[str, float]:
    """The percentages over the top-level elements of ``file_ids`` (camelCase keys)."""
    if not file_ids:
        return BuildingValidation().model_dump(by_alias=True)
    stmt = select(*_aggregates()).where(E.file_id.in_(file_ids), E.parent_element_id.is_(None))
    row = session.execute(stmt).one()
    total, total_volume = int(row[0] or 0), float(row[1] or 0.0)

    def by_number(value: Any) -> float:
        return round(100.0 * float(value or 0) / total, 2) if total else 0.0

    def by_volume(value: Any) -> float:
        return round(100.0 * float(value or 0) / total_volume, 2) if total_volume else 0.0

    result = BuildingValidation(
        percentage_classification_assigned_by_number=by_number(row[2]),
        percentage_classification_assigned_by_volume=by_volume(row[3]),
        percentage_volume_base_quantity_assigned_by_number=by_number(row[4]),
        percentage_area_base_quantity_assigned_by_number=by_number(row[5]),
        percentage_length_base_quantity_assigned_by_number=by_number(row[6]),
        percentage_base_quantities_assigned_by_number=by_number(row[7]),
        percentage_material_specified_by_number=by_number(row[8]),
        percentage_material_specified_by_volume=by_volume(row[9]),
        percentage_elements_with_known_mass_by_number=by_number(row[10]),
        percentage_elements_mapped_by_number=by_number(row[11]),
        percentage_elements_mapped_by_volume=by_volume(row[12]),
    )
    return result.model_dump(by_alias=True)


def building_validation(
    session: Session, principal: Principal, building_id: uuid.UUID
) -> BuildingValidation:
    """Validation over the building's active source files."""
    get_building(session, principal, building_id)
    files = FileRepository(session).active_sources(building_id)
    return BuildingValidation.model_validate(validation_of(session, [f.id for f in files]))
