"""API v3.0: the databases of a building and those it can refine with."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from matbank.auth.dependencies import PrincipalDep, SessionDep
from matbank.databases import service, views
from matbank.databases.schemas import BuildingDatabase

router = APIRouter(prefix="/building", tags=["Building"])


@router.get(
    "/{id}/database",
    operation_id="Building_GetBuildingDatabases",
    response_model=list[BuildingDatabase],
    response_model_exclude_none=True,
)
def get_building_databases(
    id: uuid.UUID, principal: PrincipalDep, session: SessionDep
) -> list[BuildingDatabase]:
    """The databases owned by the building."""
    return [views.v3_database_view(d) for d in service.building_databases(session, principal, id)]


@router.post("/{id}/database", operation_id="Building_AddDatabase", response_model=uuid.UUID)
def add_building_database(id: uuid.UUID, principal: PrincipalDep, session: SessionDep) -> uuid.UUID:
    """Create an empty database owned by the building and return its id."""
    return service.add_building_database(session, principal, id).id


@router.get(
    "/{id}/availabledatabases",
    operation_id="Building_GetAvailableDatabases",
    response_model=list[BuildingDatabase],
    response_model_exclude_none=True,
)
def get_available_databases(
    id: uuid.UUID,
    principal: PrincipalDep,
    session: SessionDep,
    explicitlyShared: bool = False,  # noqa: N803
) -> list[BuildingDatabase]:
    """Databases the building's files can be refined with; ``explicitlyShared=true`` leaves
    out the public databases everybody can use."""
    found = service.available_databases(session, principal, id, explicitlyShared)
    return [views.v3_database_view(d) for d in found]
