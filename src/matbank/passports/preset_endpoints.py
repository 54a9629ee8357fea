"""Passport-preset endpoints (matbank's own addition to the v3.0 surface).

``/account/passportpresets``, ``/folder/{id}/passportpresets`` and
``/building/{id}/passportpresets`` list (GET) the presets a level owns and create (POST) new
ones; ``/passportpresets/{presetId}`` reads (GET), replaces (PUT) or deletes (DELETE) one.
What a building can use, inherited ones included, is ``GET /building/{id}/passportpresets/
{passportType}`` of the contract. Administrators and Managers write, Readers read.
"""

# No ``from __future__ import annotations``: the routes' parameter types name a dependency
# chosen per level inside ``_level_routes``, which FastAPI must see as a real object.
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Response

from matbank.auth.dependencies import PrincipalDep, SessionDep
from matbank.passports import preset_service as service
from matbank.passports.models import StoredPassportPreset
from matbank.passports.schemas import (
    PassportPresetRequest,
    PresetLevel,
    StoredPassportPresetResponse,
)
from matbank.schemas import OWN_ADDITION

router = APIRouter(tags=["PassportPreset"])


def to_response(preset: StoredPassportPreset) -> StoredPassportPresetResponse:
    level, level_id = service.level_of(preset)
    return StoredPassportPresetResponse.model_validate(
        {
            "id": preset.id,
            "level": level,
            "levelId": level_id,
            "name": preset.name,
            "passportType": preset.passport_type,
            "sections": preset.sections,
            "environmental": preset.environmental,
        }
    )


def _account_id() -> uuid.UUID | None:
    """The account level is the caller's own account: no id in the path."""
    return None


def _path_id(id: uuid.UUID) -> uuid.UUID | None:
    return id


def _level_routes(level: PresetLevel, path: str, name: str) -> None:
    """GET (list) and POST (create) of the presets a level owns; ``{id}`` names the level."""
    LevelId = Annotated[uuid.UUID | None, Depends(_path_id if "{id}" in path else _account_id)]

    @router.get(
        path,
        operation_id=f"PassportPreset_List{name}",
        openapi_extra=OWN_ADDITION,
        response_model=list[StoredPassportPresetResponse],
        summary=f"The {name.lower()}'s own passport presets",
    )
    def list_presets(
        level_id: LevelId, principal: PrincipalDep, session: SessionDep
    ) -> list[StoredPassportPresetResponse]:
        """The passport presets this level owns (inherited ones are not listed here)."""
        found = service.list_at_level(session, principal, level, level_id)
        return [to_response(p) for p in found]

    @router.post(
        path,
        operation_id=f"PassportPreset_Create{name}",
        openapi_extra=OWN_ADDITION,
        status_code=201,
        response_model=StoredPassportPresetResponse,
        summary=f"Add a passport preset to the {name.lower()}",
    )
    def create_preset(
        level_id: LevelId, body: PassportPresetRequest, principal: PrincipalDep, session: SessionDep
    ) -> StoredPassportPresetResponse:
        """A new preset, usable by every building at or below this level."""
        preset = service.create_at_level(session, principal, level, level_id, body)
        return to_response(preset)


_level_routes(PresetLevel.ACCOUNT, "/account/passportpresets", "Account")
_level_routes(PresetLevel.FOLDER, "/folder/{id}/passportpresets", "Folder")
_level_routes(PresetLevel.BUILDING, "/building/{id}/passportpresets", "Building")


@router.get(
    "/passportpresets/{presetId}",
    operation_id="PassportPreset_Get",
    openapi_extra=OWN_ADDITION,
    response_model=StoredPassportPresetResponse,
)
def get_preset(
    presetId: uuid.UUID, principal: PrincipalDep, session: SessionDep
) -> StoredPassportPresetResponse:
    """One stored passport preset."""
    return to_response(service.get_stored(session, principal, presetId))


@router.put(
    "/passportpresets/{presetId}",
    operation_id="PassportPreset_Replace",
    openapi_extra=OWN_ADDITION,
    response_model=StoredPassportPresetResponse,
)
def replace_preset(
    presetId: uuid.UUID, body: PassportPresetRequest, principal: PrincipalDep, session: SessionDep
) -> StoredPassportPresetResponse:
    """Replace a stored preset's name, type and sections; it stays at its level."""
    return to_response(service.replace(session, principal, presetId, body))


@router.delete(
    "/passportpresets/{presetId}",
    operation_id="PassportPreset_Delete",
    openapi_extra=OWN_ADDITION,
    status_code=204,
)
def delete_preset(presetId: uuid.UUID, principal: PrincipalDep, session: SessionDep) -> Response:
    """Delete a stored preset; passports generated with it are kept."""
    service.delete(session, principal, presetId)
    return Response(status_code=204)
