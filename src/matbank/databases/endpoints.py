"""API v4.0 database endpoints and the system price sets."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from matbank.auth.dependencies import PrincipalDep, SessionDep
from matbank.databases import service, views
from matbank.databases.files import LocalFolder
from matbank.databases.schemas import (
    CommodityInfo,
    ComplianceInformation,
    Database,
    FolderInfo,
    MaterialClassification,
    PriceSet,
)
from matbank.schemas import INT32_MAX, ProblemDetails

router = APIRouter(prefix="/database", tags=["Database"])
system_router = APIRouter(prefix="/system", tags=["SystemSettings"])


def problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    """Error responses of an operation, documented as ProblemDetails."""
    titles = {403: "Forbidden", 404: "Not Found", 409: "Conflict", 412: "Precondition Failed"}
    return {code: {"model": ProblemDetails, "description": titles[code]} for code in codes}


def storage(request: Request) -> LocalFolder:
    return LocalFolder.from_url(request.app.state.settings.storage_url)


@router.get(
    "",
    operation_id="Database_GetDatabases",
    response_model=list[Database],
    response_model_exclude_none=True,
)
def list_databases(principal: PrincipalDep, session: SessionDep) -> list[Database]:
    """Every database the key may use: its own scope's and the public ones."""
    return [views.database_view(d, principal) for d in service.list_databases(session, principal)]


@router.post(
    "",
    operation_id="Database_CreateDatabase",
    responses=problems(409),
    status_code=201,
    response_model=Database,
    response_model_exclude_none=True,
)
def create_database(
    body: Database, principal: PrincipalDep, session: SessionDep, response: Response
) -> Database:
    """Create a database at the level of the key's scope (Administrator keys only)."""
    database = service.create_database(session, principal, body)
    response.headers["Location"] = f"/api/v4.0/database/{database.id}"
    return views.database_view(database, principal)


@router.put(
    "",
    operation_id="Database_UpdateDatabase",
    responses=problems(404),
    status_code=202,
    response_model=Database,
    response_model_exclude_none=True,
)
def update_database(body: Database, principal: PrincipalDep, session: SessionDep) -> Database:
    """Replace a database's names, texts and options; the id comes from the body."""
    return views.database_view(service.update_database(session, principal, body), principal)


@router.get(
    "/external/{externalId:path}",
    operation_id="Database_GetDatabaseByExternalId",
    responses=problems(404, 403),
    response_model=Database,
    response_model_exclude_none=True,
)
def get_database_by_external_id(
    externalId: str,  # noqa: N803
    principal: PrincipalDep,
    session: SessionDep,
) -> Database:
    """Find a database by the id another system gave it (404 when there is none)."""
    database = service.get_database_by_external_id(session, principal, externalId)
    return views.database_view(database, principal)


@router.get(
    "/{id}",
    operation_id="Database_GetDatabaseById",
    responses=problems(404, 403),
    response_model=Database,
    response_model_exclude_none=True,
)
def get_database(id: uuid.UUID, principal: PrincipalDep, session: SessionDep) -> Database:
    """One database; 403 when it belongs to the account but lies outside the key's scope."""
    return views.database_view(service.get_database(session, principal, id), principal)


@router.delete(
    "/{id}", operation_id="Database_DeleteDatabase", status_code=204, responses=problems(404, 412)
)
def delete_database(
    id: uuid.UUID, principal: PrincipalDep, session: SessionDep, request: Request
) -> Response:
    """Delete a database with its commodities (412 while another database's product uses one)."""
    service.delete_database(session, principal, id, storage(request))
    return Response(status_code=204)


@router.get(
    "/{id}/commodities",
    operation_id="Database_GetCommodities",
    response_model=list[CommodityInfo],
    response_model_exclude_none=True,
)
def get_commodities(
    id: uuid.UUID,
    principal: PrincipalDep,
    session: SessionDep,
    includeInactive: bool = False,  # noqa: N803
    skip: Annotated[int, Query(ge=0, le=INT32_MAX)] = 0,
    take: Annotated[
        int | None,
        Query(ge=0, le=INT32_MAX, description=f"Page size; at most {service.MAX_PAGE_SIZE}."),
    ] = None,
) -> list[CommodityInfo]:
    """A page of the database's materials and products, in a stable order."""
    rows = service.commodity_page(
        session, principal, id, include_inactive=includeInactive, skip=skip, take=take
    )
    return [views.commodity_info(row) for row in rows]


@router.get(
    "/{id}/folderstructure",
    operation_id="Database_GetDatabaseFolderStructure",
    responses=problems(404),
    response_model=FolderInfo,
    response_model_exclude_none=True,
)
def get_folder_structure(id: uuid.UUID, principal: PrincipalDep, session: SessionDep) -> FolderInfo:
    """The dossier folders commodity files can be filed in."""
    return views.folder_structure(service.get_database(session, principal, id))


@router.get(
    "/{id}/compliances",
    operation_id="Database_GetDatabaseLCAcompliances",
    responses=problems(404),
    response_model=list[ComplianceInformation],
    response_model_exclude_none=True,
    deprecated=True,
)
def get_compliances(
    id: uuid.UUID, principal: PrincipalDep, session: SessionDep
) -> list[ComplianceInformation]:
    """The LCA rule sets and compliance names LCAs in this database can declare."""
    service.get_database(session, principal, id)
    return views.compliances()


@router.get(
    "/{id}/materialfamilies",
    operation_id="Database_GetMaterialClassifications",
    responses=problems(404),
    response_model=list[MaterialClassification],
    response_model_exclude_none=True,
)
def get_material_families(
    id: uuid.UUID, principal: PrincipalDep, session: SessionDep
) -> list[MaterialClassification]:
    """The material-family systems commodities of this database can be classified in."""
    service.get_database(session, principal, id)
    return views.material_families()


@system_router.get(
    "/pricesets",
    operation_id="SystemSettings_GetMaterialPriceSets",
    response_model=list[PriceSet],
    response_model_exclude_none=True,
)
def get_price_sets(principal: PrincipalDep) -> list[PriceSet]:
    """The price sets a financial setting can refer to."""
    return views.price_set_views()
