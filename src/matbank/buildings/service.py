"""Building use-cases."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from matbank.accounts.repository import AccountRepository
from matbank.auth.permissions import Action, ScopeKind
from matbank.auth.principal import Principal
from matbank.auth.repository import TokenRepository
from matbank.buildings.dirty import mark_dirty
from matbank.buildings.lifespans import default_lifespans
from matbank.buildings.models import Building
from matbank.buildings.repository import BuildingRepository, render_visible_building
from matbank.buildings.schemas import BuildingRequest
from matbank.buildings.views import VIEW_COLUMNS, building_body
from matbank.databases.service import delete_owned_databases
from matbank.db import utcnow
from matbank.db_read import ReadConnections
from matbank.errors import Conflict, InvalidRequest, NotFound
from matbank.folders.models import Folder
from matbank.folders.repository import FolderRepository
from matbank.system.catalogue import building_usages, material_family_ids


def list_buildings(session: Session, principal: Principal) -> Sequence[Building]:
    return BuildingRepository(session).list(principal)


def get_building(session: Session, principal: Principal, building_id: uuid.UUID) -> Building:
    building = BuildingRepository(session).get(principal, building_id)
    if building is None:
        raise NotFound(f"No building with id {building_id}.")
    return building


def get_building_values(
    session: Session, principal: Principal, building_id: uuid.UUID
) -> Mapping[str, Any]:
    """The stored values of one visible building (the cheap read behind polling)."""
    values = BuildingRepository(session).values(principal, building_id)
    if values is None:
        raise NotFound(f"No building with id {building_id}.")
    return values


def read_building_body(
    reads: ReadConnections, principal: Principal, building_id: uuid.UUID
) -> bytes:
    """The JSON body of one visible building, read without a session: clients poll this
    until ``isDirty`` is false, so an unchanged building's body is not built again."""
    body = render_visible_building(reads, principal, building_id, VIEW_COLUMNS, building_body)
    if body is None:
        raise NotFound(f"No building with id {building_id}.")
    return body


def get_building_by_external_id(
    session: Session, principal: Principal, external_id: str
) -> Building:
    building = BuildingRepository(session).get_by_external_id(principal, external_id)
    if building is None:
        raise NotFound(f"No building with externalId '{external_id}'.")
    return building


def create_building(session: Session, principal: Principal, request: BuildingRequest) -> Building:
    """Create a building in a visible folder whose type allows buildings."""
    principal.require(Action.BUILDING_CREATE)
    repo = BuildingRepository(session)
    folder = _target_folder(session, principal, request.folder_id)
    _check_reference_values(request)
    _check_external_id(repo, principal.account_id, request.external_id)
    building = Building(account_id=principal.account_id, folder_id=folder.id, **_columns(request))
    return repo.add(building)


def update_building(
    session: Session, principal: Principal, building_id: uuid.UUID, request: BuildingRequest
) -> Building:
    """Replace a building's data (all fields); a new ``folderId`` moves it."""
    principal.require(Action.BUILDING_UPDATE)
    repo = BuildingRepository(session)
    building = get_building(session, principal, building_id)
    if request.folder_id != building.folder_id:
        _target_folder(session, principal, request.folder_id)
    _check_reference_values(request)
    _check_external_id(repo, principal.account_id, request.external_id, except_id=building.id)
    building.folder_id = request.folder_id
    for column, value in _columns(request).items():
        setattr(building, column, value)
    session.flush()
    # Floor area, country, lifespans and phase all enter the results.
    mark_dirty(session, building.id)
    return building


def delete_building(session: Session, principal: Principal, building_id: uuid.UUID) -> None:
    """Delete a building and everything below it; tokens scoped to it stop working."""
    principal.require(Action.BUILDING_DELETE)
    building = get_building(session, principal, building_id)
    TokenRepository(session).revoke_scoped_to(ScopeKind.BUILDING.value, [building.id], utcnow())
    delete_owned_databases(session, "building", [building.id])
    BuildingRepository(session).delete(building)


_NOT_COLUMNS = {"folder_id"}


def _columns(request: BuildingRequest) -> dict[str, Any]:
    values = request.model_dump(exclude=_NOT_COLUMNS)
    for key, default in default_lifespans(request.building_usage).items():
        if values.get(key) is None:
            values[key] = default
    return values


def _target_folder(session: Session, principal: Principal, folder_id: uuid.UUID) -> Folder:
    folder = FolderRepository(session).get(principal, folder_id)
    if folder is None:
        raise NotFound(f"No folder with id {folder_id}.")
    folder_type = AccountRepository(session).folder_type(folder.account_id, folder.folder_type_id)
    if folder_type is None or not folder_type.allow_buildings:
        type_name = folder_type.name.get("en", folder_type.key) if folder_type else "this"
        raise InvalidRequest(
            f"A {type_name} folder cannot hold buildings; choose a folder "
            "whose type allows buildings.",
            title="Folder type not allowed here.",
        )
    return folder


def _check_reference_values(request: BuildingRequest) -> None:
    if request.building_usage not in building_usages():
        raise InvalidRequest(
            f"buildingUsage '{request.building_usage}' is not a known usage; "
            "see GET /api/v3.0/system/buildingusages."
        )
    if request.material_classification_type_id not in material_family_ids():
        raise InvalidRequest(
            f"materialClassificationTypeId '{request.material_classification_type_id}' is not a "
            "known material family; see GET /api/v3.0/system/materialfamilies."
        )


def _check_external_id(
    repo: BuildingRepository,
    account_id: uuid.UUID,
    external_id: str | None,
    except_id: uuid.UUID | None = None,
) -> None:
    if external_id and repo.external_id_taken(account_id, external_id, except_id):
        raise Conflict(f"Another building already has externalId '{external_id}'.")
