"""Building-file use-cases: the file lifecycle, activation and the jobs it starts."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.orm import Session

from matbank import jobs
from matbank.auth.permissions import Action
from matbank.auth.principal import Principal
from matbank.buildings.dirty import mark_dirty
from matbank.buildings.service import get_building
from matbank.db import utcnow
from matbank.elements.repository import ElementRepository
from matbank.errors import Conflict, InvalidRequest, NotFound
from matbank.files import lifecycle
from matbank.files.lifecycle import FileStatus, FileType
from matbank.files.models import BuildingFile
from matbank.files.repository import FileRepository
from matbank.files.schemas import BuildingFileRequest, RestartRefinementRequest
from matbank.system.catalogue import classification_methods

REFINE_TASK = "files.refine"


def list_files(
    session: Session, principal: Principal, building_id: uuid.UUID
) -> Sequence[BuildingFile]:
    get_building(session, principal, building_id)
    return FileRepository(session).list(building_id)


def get_file(
    session: Session, principal: Principal, building_id: uuid.UUID, file_id: uuid.UUID
) -> BuildingFile:
    get_building(session, principal, building_id)
    building_file = FileRepository(session).get(building_id, file_id)
    if building_file is None:
        raise NotFound(f"No file with id {file_id} in building {building_id}.")
    return building_file


def writable_file(
    session: Session, principal: Principal, building_id: uuid.UUID, file_id: uuid.UUID
) -> BuildingFile:
    """The file, after checking the caller may modify the building."""
    principal.require(Action.BUILDING_UPDATE)
    return get_file(session, principal, building_id, file_id)


def add_file(
    session: Session, principal: Principal, building_id: uuid.UUID, request: BuildingFileRequest
) -> BuildingFile:
    """Register a source or information file; its content arrives by upload or elements."""
    principal.require(Action.BUILDING_UPDATE)
    building = get_building(session, principal, building_id)
    _check_classification(request.classification_type_id)
    building_file = BuildingFile(
        account_id=building.account_id,
        building_id=building.id,
        name=request.name,
        file_type=request.type.value,
        status=FileStatus.CREATING.value,
        tags=request.tags,
        time_stamp=request.time_stamp,
        preferred_database_ids=[str(i) for i in request.preferred_database_ids],
        languages=request.languages,
        classification_type_id=request.classification_type_id,
    )
    return FileRepository(session).add(building_file)


def delete_file(
    session: Session, principal: Principal, building_id: uuid.UUID, file_id: uuid.UUID
) -> None:
    """Delete a file with its elements; an active source leaves the building to recalculate."""
    building_file = writable_file(session, principal, building_id, file_id)
    was_active = building_file.is_active
    FileRepository(session).delete(building_file)
    if was_active:
        mark_dirty(session, building_id)


def set_importing(
    session: Session, principal: Principal, building_id: uuid.UUID, file_id: uuid.UUID
) -> BuildingFile:
    building_file = writable_file(session, principal, building_id, file_id)
    _require_source(building_file, "receive elements")
    lifecycle.require("setimporting", building_file.status, _label(building_file))
    _set_status(building_file, FileStatus.IMPORTING)
    return building_file


def start_refinement(
    session: Session, principal: Principal, building_id: uuid.UUID, file_id: uuid.UUID
) -> BuildingFile:
    """Close the element import and queue the automatic matching."""
    building_file = writable_file(session, principal, building_id, file_id)
    _require_source(building_file, "be refined")
    lifecycle.require("startrefinement", building_file.status, _label(building_file))
    queue_refinement(session, building_file, only_unlinked=False)
    return building_file


def restart_refinement(
    session: Session,
    principal: Principal,
    building_id: uuid.UUID,
    request: RestartRefinementRequest,
) -> BuildingFile:
    """Match again: unlinked elements only, or everything after ``resetAllMapping``."""
    building_file = writable_file(session, principal, building_id, request.file_id)
    _require_source(building_file, "be refined")
    lifecycle.require("restartrefinement", building_file.status, _label(building_file))
    if request.preferred_database_ids is not None:
        building_file.preferred_database_ids = [str(i) for i in request.preferred_database_ids]
    if request.languages is not None:
        building_file.languages = request.languages
    if request.reset_all_mapping:
        ElementRepository(session).clear_links(building_file.id)
    queue_refinement(session, building_file, only_unlinked=not request.reset_all_mapping)
    return building_file


def set_active(
    session: Session, principal: Principal, building_id: uuid.UUID, file_id: uuid.UUID, active: bool
) -> BuildingFile:
    """(De)activate a source file; only a Mapped file can be activated."""
    building_file = writable_file(session, principal, building_id, file_id)
    _require_source(building_file, "be activated")
    if active:
        lifecycle.require("activate", building_file.status, _label(building_file))
    if building_file.is_active != active:
        building_file.is_active = active
        building_file.last_modified_date = utcnow()
        mark_dirty(session, building_id)
    return building_file


def batch_activate(
    session: Session, principal: Principal, building_id: uuid.UUID, file_ids: list[uuid.UUID]
) -> None:
    """Activate several Mapped source files at once (all or none) and recalculate."""
    principal.require(Action.BUILDING_UPDATE)
    get_building(session, principal, building_id)
    wanted = set(file_ids)
    found = {f.id: f for f in FileRepository(session).many(building_id, list(wanted))}
    missing = wanted - set(found)
    if missing:
        raise NotFound(f"No file with id {sorted(missing)[0]} in building {building_id}.")
    for building_file in found.values():
        _require_source(building_file, "be activated")
        lifecycle.require("activate", building_file.status, _label(building_file))
    for building_file in found.values():
        building_file.is_active = True
        building_file.last_modified_date = utcnow()
    mark_dirty(session, building_id)


def process_building(session: Session, principal: Principal, building_id: uuid.UUID) -> None:
    """Queue a full recalculation of the building's results."""
    principal.require(Action.BUILDING_UPDATE)
    get_building(session, principal, building_id)
    mark_dirty(session, building_id)


def queue_refinement(session: Session, building_file: BuildingFile, *, only_unlinked: bool) -> None:
    building_file.element_count = ElementRepository(session).count(building_file.id)
    building_file.element_processed_count = 0
    _set_status(building_file, FileStatus.REFINING)
    jobs.enqueue(
        session,
        REFINE_TASK,
        {"file_id": str(building_file.id), "only_unlinked": only_unlinked},
        dedupe_key=f"refine:{building_file.id}",
    )


def _set_status(
    building_file: BuildingFile, status: FileStatus, message: str | None = None
) -> None:
    building_file.status = status.value
    building_file.status_message = message
    building_file.last_modified_date = utcnow()


def _require_source(building_file: BuildingFile, what: str) -> None:
    if building_file.file_type != FileType.SOURCE.value:
        raise Conflict(
            f"{_label(building_file)} is a {building_file.file_type} file, which "
            f"cannot {what}; only Source files can."
        )


def _check_classification(method_id: uuid.UUID | None) -> None:
    if method_id is None:
        return
    if str(method_id) not in {m.id for m in classification_methods()}:
        raise InvalidRequest(
            f"classificationTypeId {method_id} is not a known classification "
            "method; see GET /api/v3.0/system/classificationmethods."
        )


def _label(building_file: BuildingFile) -> str:
    return f"file '{building_file.name}' ({building_file.id})"
