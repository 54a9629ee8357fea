"""Element endpoints (OData-style listing, single CRUD and the 500-element batch upsert)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Response
from fastapi.responses import JSONResponse

from matbank.auth.dependencies import PrincipalDep, SessionDep
from matbank.elements import overrides, service
from matbank.elements.schemas import (
    MAX_BATCH,
    BuildingFileElementRequest,
    BuildingFileElementResponse,
    ElementBatchResult,
    ElementOverrides,
    ElementOverridesPatch,
)
from matbank.elements.views import element_view
from matbank.schemas import OWN_ADDITION

router = APIRouter(prefix="/building", tags=["BuildingFileElement"])
Elements = "/{buildingId}/files/{fileId}/elements"
_BATCH_BODY = {
    "requestBody": {
        "content": {
            media: {
                "schema": {
                    "type": "array",
                    "maxItems": MAX_BATCH,
                    "items": {"$ref": "#/components/schemas/BuildingFileElementRequest"},
                }
            }
            for media in ("application/json", "text/json", "application/*+json")
        }
    }
}


@router.get(
    Elements,
    operation_id="BuildingFileElement_GetElements",
    response_model=list[BuildingFileElementResponse],
)
def list_elements(
    buildingId: uuid.UUID,
    fileId: uuid.UUID,
    principal: PrincipalDep,  # noqa: N803
    session: SessionDep,
    top: Annotated[
        int | None, Query(alias="$top", description="Page size (default 1000, at most 5000).")
    ] = None,
    skip: Annotated[int | None, Query(alias="$skip", description="Elements to skip.")] = None,
    filter_: Annotated[
        str | None,
        Query(
            alias="$filter",
            max_length=2000,
            description=("OData filter, e.g. materialName eq 'Beton' and volume gt 1."),
        ),
    ] = None,
    select_: Annotated[
        str | None,
        Query(alias="$select", max_length=2000, description="Comma-separated fields to return."),
    ] = None,
) -> JSONResponse:
    """A page of the file's elements, filtered and projected OData-style."""
    rows, fields = service.list_elements(
        session, principal, buildingId, fileId, top=top, skip=skip, filter_=filter_, select_=select_
    )
    return JSONResponse([element_view(row, fields) for row in rows])


@router.post(
    Elements,
    operation_id="BuildingFileElement_AddElement",
    status_code=201,
    response_model=BuildingFileElementResponse,
)
def add_element(
    buildingId: uuid.UUID,
    fileId: uuid.UUID,  # noqa: N803
    body: BuildingFileElementRequest,
    principal: PrincipalDep,
    session: SessionDep,
) -> JSONResponse:
    """Add one element to a file that is Importing."""
    element = service.add_element(session, principal, buildingId, fileId, body)
    location = f"/api/v3.0/building/{buildingId}/files/{fileId}/elements/{element.element_id}"
    return JSONResponse(element_view(element), status_code=201, headers={"Location": location})


@router.post(
    Elements + "/batch",
    operation_id="BuildingFileElement_UpsertElements",
    response_model=ElementBatchResult,
    response_model_exclude_none=True,
    openapi_extra=_BATCH_BODY,
)
def upsert_elements(
    buildingId: uuid.UUID,
    fileId: uuid.UUID,  # noqa: N803
    items: Annotated[list[Any], Body()],
    principal: PrincipalDep,
    session: SessionDep,
) -> ElementBatchResult:
    """Insert or replace up to 500 elements by id; invalid ones are listed in failures."""
    failures = service.upsert_batch(session, principal, buildingId, fileId, items)
    return ElementBatchResult(failures=failures)


@router.get(
    Elements + "/{id}",
    operation_id="BuildingFileElement_GetElementById",
    response_model=BuildingFileElementResponse,
)
def get_element(
    buildingId: uuid.UUID,
    fileId: uuid.UUID,
    id: str,  # noqa: N803
    principal: PrincipalDep,
    session: SessionDep,
) -> JSONResponse:
    """One element by its own (string) id."""
    return JSONResponse(
        element_view(service.get_element(session, principal, buildingId, fileId, id))
    )


@router.put(
    Elements + "/{id}",
    operation_id="BuildingFileElement_UpdateElement",
    response_model=BuildingFileElementResponse,
)
def update_element(
    buildingId: uuid.UUID,
    fileId: uuid.UUID,
    id: str,  # noqa: N803
    body: BuildingFileElementRequest,
    principal: PrincipalDep,
    session: SessionDep,
) -> JSONResponse:
    """Replace an element of a file that is Importing."""
    return JSONResponse(
        element_view(service.replace_element(session, principal, buildingId, fileId, id, body))
    )


@router.delete(
    Elements + "/{id}", operation_id="BuildingFileElement_DeleteElement", status_code=204
)
def delete_element(
    buildingId: uuid.UUID,
    fileId: uuid.UUID,
    id: str,  # noqa: N803
    principal: PrincipalDep,
    session: SessionDep,
) -> Response:
    """Delete an element of a file that is Importing."""
    service.delete_element(session, principal, buildingId, fileId, id)
    return Response(status_code=204)


_MERGE_PATCH = {
    "requestBody": {
        "required": True,
        "content": {
            media: {"schema": {"$ref": "#/components/schemas/ElementOverridesPatch"}}
            for media in ("application/json", "application/merge-patch+json")
        },
    }
}


@router.get(
    Elements + "/{id}/overrides",
    operation_id="BuildingFileElement_GetOverrides",
    response_model=ElementOverrides,
    openapi_extra=OWN_ADDITION,
)
def get_overrides(
    buildingId: uuid.UUID,
    fileId: uuid.UUID,
    id: str,  # noqa: N803
    principal: PrincipalDep,
    session: SessionDep,
) -> ElementOverrides:
    """The element's own reuse, available-for-reuse, lifespan, construction-waste and
    installation-date values; null where the linked product's value applies."""
    return overrides.get_overrides(session, principal, buildingId, fileId, id)


@router.patch(
    Elements + "/{id}/overrides",
    operation_id="BuildingFileElement_PatchOverrides",
    response_model=ElementOverrides,
    openapi_extra={**OWN_ADDITION, **_MERGE_PATCH},
)
def patch_overrides(
    buildingId: uuid.UUID,
    fileId: uuid.UUID,
    id: str,  # noqa: N803
    body: ElementOverridesPatch,
    principal: PrincipalDep,
    session: SessionDep,
) -> ElementOverrides:
    """Change the element's overrides (JSON merge patch: a field left out is kept, null
    removes the override). Shares are fractions from 0 to 1, the lifespan is in years and
    above 0. Needs Manager rights or above; the building's results are recalculated when
    the file is an active source file."""
    return overrides.patch_overrides(session, principal, buildingId, fileId, id, body)
