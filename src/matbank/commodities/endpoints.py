"""API v4.0 commodity endpoints: materials and products, versions and bills of materials."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Body, Request, Response

from matbank.auth.dependencies import PrincipalDep, SessionDep
from matbank.calculations.bom import ChildBasis
from matbank.commodities import bill_of_materials, service, views
from matbank.commodities.schemas import AddProductChildRequest, ChildReference, CommodityBody
from matbank.databases.endpoints import problems, storage

router = APIRouter(prefix="/commodity", tags=["Commodity"])


@router.get(
    "/{id}",
    operation_id="Commodity_GetCommodityById",
    response_model=CommodityBody,
    response_model_exclude_none=True,
    responses=problems(404),
)
def get_commodity(id: uuid.UUID, principal: PrincipalDep, session: SessionDep) -> Any:
    """A material or product, with mass and circularity calculated from its bill of materials."""
    return views.commodity_view(session, service.get_commodity(session, principal, id))


@router.delete(
    "/{id}", operation_id="Commodity_DeleteCommodity", status_code=202, responses=problems(404, 412)
)
def delete_commodity(
    id: uuid.UUID, principal: PrincipalDep, session: SessionDep, request: Request
) -> Response:
    """Delete a commodity; 412 while it is in use."""
    service.delete_commodity(session, principal, id, storage(request))
    return Response(status_code=202)


@router.get(
    "/{databaseId}/external/{externalId:path}",
    operation_id="Commodity_GetCommodityByExternalId",
    response_model=CommodityBody,
    response_model_exclude_none=True,
    responses=problems(404),
)
def get_commodity_by_external_id(
    databaseId: uuid.UUID,  # noqa: N803
    externalId: str,  # noqa: N803
    principal: PrincipalDep,
    session: SessionDep,
) -> Any:
    """Find a commodity of a database by the id another system gave it (404 when none)."""
    commodity = service.get_commodity_by_external_id(session, principal, databaseId, externalId)
    return views.commodity_view(session, commodity)


@router.post(
    "",
    operation_id="Commodity_CreateCommodity",
    response_model=CommodityBody,
    response_model_exclude_none=True,
    responses=problems(404),
)
def create_commodity(
    body: Annotated[CommodityBody, Body()], principal: PrincipalDep, session: SessionDep
) -> Any:
    """Create a material or product (``commodityType``) in ``databaseId``; answers 200."""
    return views.commodity_view(session, service.create_commodity(session, principal, body))


@router.put(
    "",
    operation_id="Commodity_UpdateCommodity",
    response_model=CommodityBody,
    response_model_exclude_none=True,
    responses=problems(404),
)
def update_commodity(
    body: Annotated[CommodityBody, Body()], principal: PrincipalDep, session: SessionDep
) -> Any:
    """Replace a commodity's data; the id comes from the body."""
    return views.commodity_view(session, service.update_commodity(session, principal, body))


@router.post(
    "/{id}/version",
    operation_id="Commodity_CreateCommodityVersion",
    status_code=202,
    response_model=uuid.UUID,
    responses=problems(404),
)
def create_version(
    id: uuid.UUID, principal: PrincipalDep, session: SessionDep, request: Request
) -> uuid.UUID:
    """Copy the commodity as a new active version; the old one becomes inactive."""
    return service.create_version(session, principal, id, storage(request)).id


@router.get(
    "/{id}/children",
    operation_id="Commodity_GetProductChildren",
    response_model=list[ChildReference],
    response_model_exclude_none=True,
    responses=problems(404),
)
def get_children(id: uuid.UUID, principal: PrincipalDep, session: SessionDep) -> list[Any]:
    """A product's bill of materials with each child's weight and share of the mass."""
    lines, children, resolved = bill_of_materials.list_children(session, principal, id)
    return views.child_views(lines, children, resolved)


def _add(basis: ChildBasis, operation_id: str, doc: str):  # noqa: ANN202 - an endpoint
    def add_child(
        id: uuid.UUID, body: AddProductChildRequest, principal: PrincipalDep, session: SessionDep
    ) -> Response:
        bill_of_materials.add_child(session, principal, id, basis, body)
        return Response(status_code=202)

    add_child.__doc__ = doc
    router.add_api_route(
        f"/{{id}}/children/{basis.value.lower()}",
        add_child,
        methods=["POST"],
        operation_id=operation_id,
        status_code=202,
        responses=problems(404, 409, 412),
        name=operation_id,
    )


_add(
    ChildBasis.QUANTITY,
    "Commodity_AddProductChildByQuantity",
    "Add a child counted in pieces per functional unit of the product.",
)
_add(
    ChildBasis.WEIGHT,
    "Commodity_AddProductChildByWeight",
    "Add a child given in kg per functional unit of the product.",
)
_add(
    ChildBasis.UNIT,
    "Commodity_AddProductChildPerFunctionalUnit",
    "Add a child given in its own unit (m³, m² or m) per functional unit of the product.",
)


@router.delete(
    "/{id}/children/clear",
    operation_id="Commodity_ClearProductChildren",
    status_code=202,
    responses=problems(404),
)
def clear_children(id: uuid.UUID, principal: PrincipalDep, session: SessionDep) -> Response:
    """Remove every line of the product's bill of materials."""
    bill_of_materials.clear_children(session, principal, id)
    return Response(status_code=202)


@router.delete(
    "/{id}/children/{childId}",
    operation_id="Commodity_DeleteProductChild",
    status_code=202,
    responses=problems(404),
)
def delete_child(
    id: uuid.UUID,
    childId: uuid.UUID,  # noqa: N803
    principal: PrincipalDep,
    session: SessionDep,
) -> Response:
    """Remove one line (its id is the ``id`` of the children listing, not the commodity's)."""
    bill_of_materials.delete_child(session, principal, id, childId)
    return Response(status_code=202)
