"""The four passport operations of the v3.0 contract. Every POST answers 202 with the new
passport file in ``Creating``; poll ``GET /building/{b}/files/{id}`` until ``Uploaded``."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from matbank.auth.dependencies import PrincipalDep, SessionDep
from matbank.files.lifecycle import FileType
from matbank.files.schemas import BuildingFileResponse
from matbank.files.views import file_view
from matbank.passports import service
from matbank.passports.preset_endpoints import router as preset_router
from matbank.passports.schemas import PassportPreset, PassportRequest, PassportType
from matbank.schemas import negotiate_language
from matbank.system.endpoints import AcceptLanguageHeader

router = APIRouter(tags=["Building"])


def _legacy(
    session: SessionDep, principal: PrincipalDep, id: uuid.UUID, kind: FileType, header: str | None
) -> BuildingFileResponse:
    request = PassportRequest(passport_type=PassportType.FULL, language=negotiate_language(header))
    return file_view(service.create_passport(session, principal, id, kind, request))


@router.post(
    "/building/{id}/exportpassport",
    operation_id="Building_CreatePdfPassport",
    status_code=202,
    deprecated=True,
    response_model=BuildingFileResponse,
)
def export_pdf_passport(
    id: uuid.UUID,
    principal: PrincipalDep,
    session: SessionDep,
    accept_language: AcceptLanguageHeader = None,
) -> BuildingFileResponse:
    """Queue a Full PDF passport in the accept-language language (use ``/passport``)."""
    return _legacy(session, principal, id, FileType.PASSPORT_PDF, accept_language)


@router.post(
    "/building/{id}/exportexcelpassport",
    operation_id="Building_CreateExcelPassport",
    status_code=202,
    deprecated=True,
    response_model=BuildingFileResponse,
)
def export_excel_passport(
    id: uuid.UUID,
    principal: PrincipalDep,
    session: SessionDep,
    accept_language: AcceptLanguageHeader = None,
) -> BuildingFileResponse:
    """Queue an Excel passport in the accept-language language."""
    return _legacy(session, principal, id, FileType.PASSPORT_EXCEL, accept_language)


@router.post(
    "/building/{id}/passport",
    operation_id="Building_CreatePassport",
    status_code=202,
    response_model=BuildingFileResponse,
)
def create_passport(
    id: uuid.UUID, request: PassportRequest, principal: PrincipalDep, session: SessionDep
) -> BuildingFileResponse:
    """Queue a PDF passport of the given type, language and preset (zeros: the default)."""
    building_file = service.create_passport(session, principal, id, FileType.PASSPORT_PDF, request)
    return file_view(building_file)


@router.get(
    "/building/{id}/passportpresets/{passportType}",
    operation_id="Building_GetPassportPresets",
    response_model=list[PassportPreset],
)
def get_passport_presets(
    id: uuid.UUID, passportType: PassportType, principal: PrincipalDep, session: SessionDep
) -> list[PassportPreset]:
    """The presets a passport of this type can use: the built-in Default and Circularity,
    then those stored by the account, the folders above the building and the building."""
    return service.list_presets(session, principal, id, passportType)


router.include_router(preset_router)
