"""Building endpoints."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from matbank.auth.dependencies import PrincipalDep, SessionDep
from matbank.auth.polling import PolledReadRoute
from matbank.buildings import service
from matbank.buildings.schemas import BuildingRequest, BuildingResponse
from matbank.buildings.views import orm_view

router = APIRouter(prefix="/building", tags=["Building"])


async def get_building(id: uuid.UUID, principal: PrincipalDep, request: Request) -> Response:
    """One building, with its status flags (isDirty while results are being recalculated).

    Clients poll this until isDirty is false, so it runs on the event loop: a single-row
    primary-key read costs less than a hop to the thread pool.
    """
    body = service.read_building_body(request.app.state.reads, principal, id)
    return Response(body, media_type="application/json")


# Declared first among the building routes: routes are tried in order, and this is the one
# clients call most (they poll it). It is served as a polled read (no general dependency
# solving), reads the row without an ORM session, on the event loop, and reuses the body
# of a building that has not changed since.
router.add_api_route(
    "/{id}",
    get_building,
    methods=["GET"],
    operation_id="Building_GetBuildingById",
    response_model=BuildingResponse,
    route_class_override=PolledReadRoute,
)


@router.get("", operation_id="Building_GetBuildings", response_model=list[BuildingResponse])
def list_buildings(principal: PrincipalDep, session: SessionDep) -> JSONResponse:
    """Every building the token can see."""
    return JSONResponse([orm_view(b) for b in service.list_buildings(session, principal)])


@router.post(
    "", operation_id="Building_AddBuilding", status_code=201, response_model=BuildingResponse
)
def add_building(
    body: BuildingRequest, principal: PrincipalDep, session: SessionDep
) -> JSONResponse:
    """Create a building in a folder."""
    building = service.create_building(session, principal, body)
    return JSONResponse(
        orm_view(building),
        status_code=201,
        headers={"Location": f"/api/v3.0/building/{building.id}"},
    )


@router.get(
    "/external/{externalId:path}",
    operation_id="Building_GetBuildingByExternalId",
    response_model=BuildingResponse,
)
def get_building_by_external_id(
    externalId: str,
    principal: PrincipalDep,
    session: SessionDep,  # noqa: N803
) -> JSONResponse:
    """Find a building by the id an external system gave it (404 when there is none)."""
    return JSONResponse(
        orm_view(service.get_building_by_external_id(session, principal, externalId))
    )


@router.put("/{id}", operation_id="Building_UpdateBuilding", response_model=BuildingResponse)
def update_building(
    id: uuid.UUID, body: BuildingRequest, principal: PrincipalDep, session: SessionDep
) -> JSONResponse:
    """Replace all of a building's data."""
    return JSONResponse(orm_view(service.update_building(session, principal, id, body)))


@router.delete("/{id}", operation_id="Building_DeleteBuilding", status_code=204)
def delete_building(id: uuid.UUID, principal: PrincipalDep, session: SessionDep) -> Response:
    """Delete a building with its files, elements and building-level databases."""
    service.delete_building(session, principal, id)
    return Response(status_code=204)
