"""API v4.0 endpoints for what is attached to a commodity: LCAs, financial settings, dossier
files, images and matching terms."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, File, Path, Request, Response, UploadFile

from matbank.auth.dependencies import PrincipalDep, SessionDep
from matbank.commodities import attachments, dossier, views
from matbank.commodities.schemas import (
    FileInfo,
    FinancialSetting,
    LifeCycleAssessment,
    MatchingTerm,
)
from matbank.commodities.service import get_commodity
from matbank.databases.endpoints import problems, storage

router = APIRouter(prefix="/commodity", tags=["Commodity"])
IsoCode = Annotated[str, Path(min_length=2, max_length=2, pattern="^[a-z]*$")]
_EXCLUDE_NONE = {"response_model_exclude_none": True}


# --- LCA -------------------------------------------------------------------------------------


@router.get(
    "/{id}/lca",
    operation_id="Commodity_GetLifeCycleAssessments",
    response_model=list[LifeCycleAssessment],
    responses=problems(404),
    **_EXCLUDE_NONE,
)
def get_lcas(
    id: uuid.UUID, principal: PrincipalDep, session: SessionDep
) -> list[LifeCycleAssessment]:
    """Every life-cycle assessment of the commodity."""
    return [views.lca_view(r) for r in attachments.list_lcas(session, principal, id)]


@router.post(
    "/{id}/lca",
    operation_id="Commodity_CreateLifeCycleAssessment",
    status_code=201,
    response_model=LifeCycleAssessment,
    responses=problems(404, 409),
    **_EXCLUDE_NONE,
)
def create_lca(
    id: uuid.UUID, body: LifeCycleAssessment, principal: PrincipalDep, session: SessionDep
) -> LifeCycleAssessment:
    """Add an LCA for a country and compliance (409 when there is one already)."""
    return views.lca_view(attachments.create_lca(session, principal, id, body))


@router.put(
    "/{id}/lca",
    operation_id="Commodity_UpdateLifeCycleAssessments",
    status_code=202,
    response_model=LifeCycleAssessment,
    responses=problems(404),
    **_EXCLUDE_NONE,
)
def update_lca(
    id: uuid.UUID, body: LifeCycleAssessment, principal: PrincipalDep, session: SessionDep
) -> LifeCycleAssessment:
    """Replace the LCA of that country and compliance."""
    return views.lca_view(attachments.update_lca(session, principal, id, body))


@router.get(
    "/{id}/lca/{isoCode}/{compliance}",
    operation_id="Commodity_GetLifeCycleAssessmentByIsocode",
    response_model=LifeCycleAssessment,
    responses=problems(404),
    **_EXCLUDE_NONE,
)
def get_lca(
    id: uuid.UUID,
    isoCode: IsoCode,
    compliance: str,
    principal: PrincipalDep,  # noqa: N803
    session: SessionDep,
) -> LifeCycleAssessment:
    """The LCA for a country and compliance (e.g. ``EN 15804``, URL-encoded)."""
    return views.lca_view(attachments.get_lca(session, principal, id, isoCode, compliance))


@router.delete(
    "/{id}/lca/{isoCode}",
    operation_id="Commodity_DeleteLifeCycleAssessment",
    status_code=202,
    responses=problems(404),
)
def delete_lca(
    id: uuid.UUID,
    isoCode: IsoCode,
    principal: PrincipalDep,  # noqa: N803
    session: SessionDep,
) -> Response:
    """Delete the commodity's LCAs for a country."""
    attachments.delete_lcas(session, principal, id, isoCode)
    return Response(status_code=202)


# --- financial settings ----------------------------------------------------------------------


@router.get(
    "/{id}/financial",
    operation_id="Commodity_GetFinancialSettings",
    response_model=list[FinancialSetting],
    responses=problems(404),
    **_EXCLUDE_NONE,
)
def get_financials(
    id: uuid.UUID, principal: PrincipalDep, session: SessionDep
) -> list[FinancialSetting]:
    """The financial settings of the commodity, one per country."""
    return [views.financial_view(r) for r in attachments.list_financials(session, principal, id)]


@router.post(
    "/{id}/financial",
    operation_id="Commodity_CreateFinancialSetting",
    response_model=FinancialSetting,
    responses=problems(404, 409),
    **_EXCLUDE_NONE,
)
def create_financial(
    id: uuid.UUID, body: FinancialSetting, principal: PrincipalDep, session: SessionDep
) -> FinancialSetting:
    """Add the financial setting of a country (409 when there is one already)."""
    row = attachments.save_financial(session, principal, id, body, create=True)
    return views.financial_view(row)


@router.put(
    "/{id}/financial",
    operation_id="Commodity_UpdateFinancialSettings",
    response_model=FinancialSetting,
    responses=problems(404),
    **_EXCLUDE_NONE,
)
def update_financial(
    id: uuid.UUID, body: FinancialSetting, principal: PrincipalDep, session: SessionDep
) -> FinancialSetting:
    """Replace the financial setting of a country."""
    row = attachments.save_financial(session, principal, id, body, create=False)
    return views.financial_view(row)


@router.delete(
    "/{id}/financial/{isoCode}",
    operation_id="Commodity_DeleteFinancialSetting",
    status_code=202,
    responses=problems(404, 412),
)
def delete_financial(
    id: uuid.UUID,
    isoCode: IsoCode,
    principal: PrincipalDep,  # noqa: N803
    session: SessionDep,
) -> Response:
    """Delete the financial setting of a country."""
    attachments.delete_financial(session, principal, id, isoCode)
    return Response(status_code=202)


# --- dossier files ---------------------------------------------------------------------------


@router.get(
    "/{id}/files",
    operation_id="Commodity_GetFiles",
    response_model=list[FileInfo],
    responses=problems(404),
)
def get_files(id: uuid.UUID, principal: PrincipalDep, session: SessionDep) -> list[FileInfo]:
    """The files in the commodity's dossier."""
    commodity = get_commodity(session, principal, id)
    rows = dossier.list_files(session, principal, id)
    return [views.file_view(r, commodity.database_id) for r in rows]


@router.post(
    "/{id}/files",
    operation_id="Commodity_CreateExternalFile",
    response_model=FileInfo,
    responses=problems(404),
)
def link_file(
    id: uuid.UUID, body: FileInfo, principal: PrincipalDep, session: SessionDep
) -> FileInfo:
    """File an external link in a dossier folder (see the database's folder structure)."""
    row = dossier.link_file(session, principal, id, body)
    return views.file_view(row, get_commodity(session, principal, id).database_id)


@router.put(
    "/{id}/files", operation_id="Commodity_UpdateFile", status_code=202, responses=problems(404)
)
def update_file(
    id: uuid.UUID, body: FileInfo, principal: PrincipalDep, session: SessionDep
) -> Response:
    """Change a file's name, folder, tags or link (the file is named by ``id`` in the body)."""
    dossier.update_file(session, principal, id, body)
    return Response(status_code=202)


@router.post(
    "/{id}/files/upload",
    operation_id="Commodity_UploadFile",
    response_model=FileInfo,
    responses=problems(404),
)
async def upload_file(
    id: uuid.UUID,
    file: Annotated[UploadFile, File()],
    principal: PrincipalDep,
    session: SessionDep,
    request: Request,
) -> FileInfo:
    """Upload a file (multipart field ``file``) into the dossier's root folder."""
    data = await file.read()
    row = dossier.upload_file(
        session, principal, id, file.filename, file.content_type, data, storage(request)
    )
    return views.file_view(row, get_commodity(session, principal, id).database_id)


@router.delete(
    "/{id}/files/{fileId}",
    operation_id="Commodity_DeleteFile",
    status_code=202,
    responses=problems(404),
)
def delete_file(
    id: uuid.UUID,
    fileId: uuid.UUID,
    principal: PrincipalDep,  # noqa: N803
    session: SessionDep,
    request: Request,
) -> Response:
    """Delete a file from the dossier."""
    dossier.delete_file(session, principal, id, fileId, storage(request))
    return Response(status_code=202)


# --- images ----------------------------------------------------------------------------------


@router.delete(
    "/{id}/images/{name}",
    operation_id="Commodity_DeleteImage",
    status_code=202,
    responses=problems(404),
)
def delete_image(
    id: uuid.UUID, name: str, principal: PrincipalDep, session: SessionDep, request: Request
) -> Response:
    """Delete an image by its name."""
    dossier.delete_image(session, principal, id, name, storage(request))
    return Response(status_code=202)


@router.post(
    "/{id}/images",
    operation_id="Commodity_UploadImage",
    status_code=202,
    responses=problems(404, 409),
)
async def upload_image(
    id: uuid.UUID,
    image: Annotated[UploadFile, File()],
    principal: PrincipalDep,
    session: SessionDep,
    request: Request,
) -> Response:
    """Upload a JPEG or PNG image (multipart field ``image``); 409 when the name is taken."""
    data = await image.read()
    dossier.upload_image(session, principal, id, image.filename, data, storage(request))
    return Response(status_code=202)


# --- matching terms --------------------------------------------------------------------------


@router.get(
    "/{id}/matches",
    operation_id="Commodity_GetMatches",
    response_model=list[MatchingTerm],
    responses=problems(404),
    **_EXCLUDE_NONE,
)
def get_matches(id: uuid.UUID, principal: PrincipalDep, session: SessionDep) -> list[MatchingTerm]:
    """The terms that link element material names to this commodity."""
    return [views.term_view(t) for t in attachments.list_terms(session, principal, id)]


@router.post(
    "/{id}/matches",
    operation_id="Commodity_CreateMatch",
    status_code=201,
    response_model=MatchingTerm,
    responses=problems(404, 409),
    **_EXCLUDE_NONE,
)
def create_match(
    id: uuid.UUID, body: MatchingTerm, principal: PrincipalDep, session: SessionDep
) -> MatchingTerm:
    """Add a matching term; (value, type, language) is unique within the database (409)."""
    return views.term_view(attachments.save_term(session, principal, id, body))


@router.put(
    "/{id}/matches",
    operation_id="Commodity_UpdateMatch",
    status_code=202,
    response_model=MatchingTerm,
    responses=problems(404, 409),
    **_EXCLUDE_NONE,
)
def update_match(
    id: uuid.UUID, body: MatchingTerm, principal: PrincipalDep, session: SessionDep
) -> MatchingTerm:
    """Replace a matching term (its ``id`` comes from the body)."""
    if body.id is None:
        from matbank.errors import NotFound

        raise NotFound("The body has no id, so there is no matching term to update.")
    return views.term_view(attachments.save_term(session, principal, id, body, term_id=body.id))


@router.get(
    "/{id}/matches/{matchId}",
    operation_id="Commodity_GetMatchById",
    response_model=MatchingTerm,
    responses=problems(404),
    **_EXCLUDE_NONE,
)
def get_match(
    id: uuid.UUID,
    matchId: uuid.UUID,
    principal: PrincipalDep,  # noqa: N803
    session: SessionDep,
) -> MatchingTerm:
    """One matching term."""
    return views.term_view(attachments.get_term(session, principal, id, matchId))


@router.delete(
    "/{id}/matches/{matchId}",
    operation_id="Commodity_DeleteMatch",
    status_code=204,
    responses=problems(404),
)
def delete_match(
    id: uuid.UUID,
    matchId: uuid.UUID,
    principal: PrincipalDep,  # noqa: N803
    session: SessionDep,
) -> Response:
    """Delete a matching term."""
    attachments.delete_term(session, principal, id, matchId)
    return Response(status_code=204)
