"""Reading a building's stored results: access check, then the stored document, never a
recalculation. A building that was never processed (or whose stored document predates the
current shape) answers with the results of a building without elements."""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy.orm import Session

from matbank.auth.principal import Principal
from matbank.buildings.service import get_building_values
from matbank.results import schemas
from matbank.results.repository import stored_results
from matbank.results.shape import current_document, empty_document

Model = TypeVar("Model", bound=BaseModel)


def _document(session: Session, principal: Principal, building_id: uuid.UUID) -> dict[str, Any]:
    """The stored document with its status fields (``computedAt``, ``isDirty``)."""
    building = get_building_values(session, principal, building_id)
    stored = stored_results(session, building_id)
    current = current_document(stored.results) if stored is not None else None
    document = current if current is not None else empty_document()
    status = {
        "computedAt": stored.computed_at if current is not None and stored is not None else None,
        "isDirty": bool(building["is_dirty"]),
        **document["context"],
    }
    return {**document, "status": status}


def results_part(
    session: Session, principal: Principal, building_id: uuid.UUID, part: str, model: type[Model]
) -> Model:
    """One stored part (``mass``, ``flows``...) with the status, as its response model."""
    document = _document(session, principal, building_id)
    return model.model_validate({**document[part], **document["status"]})


def circular_information(
    session: Session, principal: Principal, building_id: uuid.UUID
) -> schemas.BuildingCircularInformation:
    """The contract's circularity summary, from the stored circularity part.

    [INTERP] The two penalties are the completeness shares themselves (P1: elements with a
    known mass, P2: known mass with circularity data), so that madasterCiScore equals
    ciScoreBuilding × both penalties; the deprecated correctionUnknownMaterials repeats P2
    and circularityUsagePhase is the use-phase score.
    """
    part = schemas.CircularityPart.model_validate(
        _document(session, principal, building_id)["circularity"]
    )
    return schemas.BuildingCircularInformation(
        circularity_construction_phase=part.building.construction_score,
        circularity_usage_phase=part.building.use_phase_score,
        circularity_end_of_life_phase=part.building.end_of_life_score,
        ci_score_building=part.building.ci,
        correction_unknown_materials=part.share_mass_with_circularity,
        penalty_elements_without_mass=part.share_elements_with_mass,
        penalty_elements_missing_circularity_information=part.share_mass_with_circularity,
        madaster_ci_score=part.madaster_ci_score,
    )
