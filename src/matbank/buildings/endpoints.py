"""Building endpoints."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response

from matbank.auth.dependencies import PrincipalDep, SessionDep
from matbank.buildings import service
from matbank.buildings.models import Building
from matbank.buildings.schemas import BuildingRequest, BuildingResponse

router = APIRouter(prefix="/building", tags=["Building"])

_COUNTRY_NAMES = {
    "nl": "Netherlands",
    "be": "Belgium",
    "de": "Germany",
    "fr": "France",
    "lu": "Luxembourg",
    "at": "Austria",
    "ch": "Switzerland",
    "no": "Norway",
    "se": "Sweden",
    "dk": "Denmark",
    "fi": "Finland",
    "gb": "United Kingdom",
    "ie": "Ireland",
    "es": "Spain",
    "pt": "Portugal",
    "it": "Italy",
    "pl": "Poland",
    "cz": "Czechia",
    "us": "United States",
    "ca": "Canada",
}


def to_response(building: Building) -> BuildingResponse:
    response = BuildingResponse.model_validate(building)
    code = (building.owner_country_id or "").strip().lower()
    response.owner_country = _COUNTRY_NAMES.get(code)
    response.geo_longitude = building.geo_longitude
    return response


@router.get(
    "",
    operation_id="Building_GetBuildings",
    response_model=list[BuildingResponse],
    response_model_exclude_none=True,
)
def list_buildings(principal: PrincipalDep, session: SessionDep) -> list[BuildingResponse]:
    """Every building the token can see."""
    return [to_response(b) for b in service.list_buildings(session, principal)]


@router.post(
    "",
    operation_id="Building_AddBuilding",
    status_code=201,
    response_model=BuildingResponse,
    response_model_exclude_none=True,
)
def add_building(
    body: BuildingRequest, principal: PrincipalDep, session: SessionDep, response: Response
) -> BuildingResponse:
    """Create a building in a folder."""
    building = service.create_building(session, principal, body)
    response.headers["Location"] = f"/api/v3.0/building/{building.id}"
    return to_response(building)


@router.get(
    "/external/{externalId:path}",
    operation_id="Building_GetBuildingByExternalId",
    response_model=BuildingResponse,
    response_model_exclude_none=True,
)
def get_building_by_external_id(
    externalId: str,
    principal: PrincipalDep,
    session: SessionDep,  # noqa: N803
) -> BuildingResponse:
    """Find a building by the id an external system gave it (404 when there is none)."""
    return to_response(service.get_building_by_external_id(session, principal, externalId))


@router.get(
    "/{id}",
    operation_id="Building_GetBuildingById",
    response_model=BuildingResponse,
    response_model_exclude_none=True,
)
def get_building(id: uuid.UUID, principal: PrincipalDep, session: SessionDep) -> BuildingResponse:
    """One building, with its status flags (isDirty while results are being recalculated)."""
    return to_response(service.get_building(session, principal, id))


@router.put(
    "/{id}",
    operation_id="Building_UpdateBuilding",
    response_model=BuildingResponse,
    response_model_exclude_none=True,
)
def update_building(
    id: uuid.UUID, body: BuildingRequest, principal: PrincipalDep, session: SessionDep
) -> BuildingResponse:
    """Replace all of a building's data."""
    return to_response(service.update_building(session, principal, id, body))


@router.delete("/{id}", operation_id="Building_DeleteBuilding", status_code=204)
def delete_building(id: uuid.UUID, principal: PrincipalDep, session: SessionDep) -> Response:
    """Delete a building with its files, elements and building-level databases."""
    service.delete_building(session, principal, id)
    return Response(status_code=204)
