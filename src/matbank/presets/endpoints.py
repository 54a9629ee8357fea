"""Upload-preset endpoints (matbank's own addition to the v3.0 surface).

``/account/uploadpresets``, ``/folder/{id}/uploadpresets`` and
``/building/{id}/uploadpresets`` read (GET), replace (PUT) or remove (DELETE, restoring the
inheritance) the presets a level sets itself; ``/building/{id}/uploadpresets/effective``
shows what a building inherits. Administrators and Managers write, Readers read.
"""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Response

from matbank.auth.dependencies import PrincipalDep, SessionDep
from matbank.presets import service
from matbank.presets.models import UploadPreset
from matbank.presets.schemas import (
    EffectiveUploadPresetResponse,
    PresetLevel,
    UploadPresetRequest,
    UploadPresetResponse,
)
from matbank.schemas import OWN_ADDITION

router = APIRouter(tags=["UploadPreset"])


def to_response(level: PresetLevel, owner_id: uuid.UUID, preset: UploadPreset | None) -> Any:
    values = {
        name: getattr(preset, column) if preset else None for name, column in service.FIELDS.items()
    }
    return UploadPresetResponse(level=level, id=owner_id, **values)


def _level_routes(level: PresetLevel, path: str, name: str) -> None:
    """GET, PUT and DELETE of the presets of a folder or building ``{id}``."""

    @router.get(
        path,
        operation_id=f"UploadPreset_Get{name}",
        openapi_extra=OWN_ADDITION,
        response_model=UploadPresetResponse,
        response_model_exclude_none=True,
        summary=f"The {name.lower()}'s own presets",
    )
    def get_presets(id: uuid.UUID, principal: PrincipalDep, session: SessionDep) -> Any:
        """The upload presets this level sets itself (fields it does not set are inherited)."""
        return to_response(level, *service.get_presets(session, principal, level, id))

    @router.put(
        path,
        operation_id=f"UploadPreset_Set{name}",
        openapi_extra=OWN_ADDITION,
        response_model=UploadPresetResponse,
        response_model_exclude_none=True,
        summary=f"Replace the {name.lower()}'s presets",
    )
    def put_presets(
        id: uuid.UUID, body: UploadPresetRequest, principal: PrincipalDep, session: SessionDep
    ) -> Any:
        """Replace this level's own upload presets; fields left empty are inherited."""
        return to_response(level, *service.put_presets(session, principal, level, id, body))

    @router.delete(
        path,
        operation_id=f"UploadPreset_Delete{name}",
        openapi_extra=OWN_ADDITION,
        status_code=204,
        summary=f"Restore inheritance for the {name.lower()}",
    )
    def delete_presets(id: uuid.UUID, principal: PrincipalDep, session: SessionDep) -> Response:
        """Remove this level's own presets, so it inherits everything again."""
        service.delete_presets(session, principal, level, id)
        return Response(status_code=204)


ACCOUNT = PresetLevel.ACCOUNT


@router.get(
    "/account/uploadpresets",
    operation_id="UploadPreset_GetAccount",
    openapi_extra=OWN_ADDITION,
    response_model=UploadPresetResponse,
    response_model_exclude_none=True,
)
def get_account_presets(principal: PrincipalDep, session: SessionDep) -> Any:
    """The account's upload presets, inherited by every folder and building."""
    return to_response(ACCOUNT, *service.get_presets(session, principal, ACCOUNT, None))


@router.put(
    "/account/uploadpresets",
    operation_id="UploadPreset_SetAccount",
    openapi_extra=OWN_ADDITION,
    response_model=UploadPresetResponse,
    response_model_exclude_none=True,
)
def put_account_presets(
    body: UploadPresetRequest, principal: PrincipalDep, session: SessionDep
) -> Any:
    """Replace the account's upload presets (account-scoped Administrator or Manager)."""
    return to_response(ACCOUNT, *service.put_presets(session, principal, ACCOUNT, None, body))


@router.delete(
    "/account/uploadpresets",
    operation_id="UploadPreset_DeleteAccount",
    openapi_extra=OWN_ADDITION,
    status_code=204,
)
def delete_account_presets(principal: PrincipalDep, session: SessionDep) -> Response:
    """Remove the account's upload presets."""
    service.delete_presets(session, principal, ACCOUNT, None)
    return Response(status_code=204)


_level_routes(PresetLevel.FOLDER, "/folder/{id}/uploadpresets", "Folder")
_level_routes(PresetLevel.BUILDING, "/building/{id}/uploadpresets", "Building")


@router.get(
    "/building/{id}/uploadpresets/effective",
    operation_id="UploadPreset_GetEffective",
    openapi_extra=OWN_ADDITION,
    response_model=EffectiveUploadPresetResponse,
    response_model_exclude_none=True,
)
def get_effective(
    id: uuid.UUID, principal: PrincipalDep, session: SessionDep
) -> EffectiveUploadPresetResponse:
    """The presets an upload into this building uses: per field the nearest level's value."""
    effective = service.effective_preset(session, principal, id)
    return EffectiveUploadPresetResponse(
        building_id=id,
        sources={service.wire_name(k): v for k, v in effective.sources.items()},
        **effective.values,
    )
