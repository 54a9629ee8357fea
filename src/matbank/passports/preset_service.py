"""Passport presets stored per account, folder and building, and the ones a building inherits.

A building can use the built-in presets, every preset of its account, of each folder on the
way down to it, and its own (a named preset, unlike upload presets, is not merged field by
field: nearer levels add presets, they do not override farther ones). Managers and above
write at a level they can update; Readers read. Another account's preset is not found.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from matbank.auth.permissions import Action
from matbank.auth.principal import Principal
from matbank.buildings.models import Building
from matbank.buildings.service import get_building
from matbank.errors import Forbidden, InvalidRequest, NotFound
from matbank.folders.models import Folder
from matbank.folders.repository import FolderRepository, folder_chain_ids
from matbank.passports.models import StoredPassportPreset
from matbank.passports.presets import Preset, built_in_presets, from_stored, preset_view
from matbank.passports.repository import PassportPresetRepository
from matbank.passports.schemas import (
    PassportPreset,
    PassportPresetRequest,
    PassportType,
    PresetLevel,
)

Level = tuple[PresetLevel, uuid.UUID]


def _folder_chain(session: Session, building: Building) -> list[uuid.UUID]:
    folder = session.get(Folder, building.folder_id)
    return folder_chain_ids(folder.path) if folder is not None else []


def usable_presets(
    session: Session, building: Building, passport_type: PassportType
) -> list[Preset]:
    """[INTERP] Built-in presets, then the inherited stored ones of this type: account,
    folders outermost first, building (no access check)."""
    stored = PassportPresetRepository(session).inherited(
        building.account_id, _folder_chain(session, building), building.id, passport_type.value
    )
    return [*built_in_presets(passport_type), *(from_stored(p) for p in stored)]


def resolve_preset(
    session: Session, building: Building, passport_type: PassportType, preset_id: uuid.UUID
) -> Preset:
    """The preset a passport uses; an id the building cannot use for this type is a 400."""
    for preset in usable_presets(session, building, passport_type):
        if preset.id == preset_id:
            return preset
    raise InvalidRequest(
        f"No passport preset {preset_id} for passport type {passport_type.value} "
        "in this building.",
        title="Unknown passport preset.",
    )


def list_usable(
    session: Session, principal: Principal, building_id: uuid.UUID, passport_type: PassportType
) -> list[PassportPreset]:
    principal.require(Action.READ)
    building = get_building(session, principal, building_id)
    return [preset_view(p) for p in usable_presets(session, building, passport_type)]


def _check_level(
    session: Session, principal: Principal, level: PresetLevel, level_id: uuid.UUID, write: bool
) -> None:
    """404 for a folder or building the token cannot see; 403 for a level it cannot change."""
    principal.require(Action.READ)
    if level is PresetLevel.BUILDING:
        get_building(session, principal, level_id)
        if write:
            principal.require(Action.BUILDING_UPDATE)
        return
    if level is PresetLevel.FOLDER:
        if FolderRepository(session).get(principal, level_id) is None:
            raise NotFound(f"No folder with id {level_id}.")
    elif write and not principal.sees_whole_account:
        raise Forbidden("Only an account-scoped token can change the account's presets.")
    if write:
        principal.require(Action.FOLDER_UPDATE)


def level_of(preset: StoredPassportPreset) -> Level:
    if preset.building_id is not None:
        return PresetLevel.BUILDING, preset.building_id
    if preset.folder_id is not None:
        return PresetLevel.FOLDER, preset.folder_id
    return PresetLevel.ACCOUNT, preset.account_id


def _owner(principal: Principal, level: PresetLevel, level_id: uuid.UUID | None) -> Level:
    return level, level_id if level_id is not None else principal.account_id


def list_at_level(
    session: Session, principal: Principal, level: PresetLevel, level_id: uuid.UUID | None
) -> list[StoredPassportPreset]:
    """The presets a level owns itself (not the inherited ones)."""
    level, owner = _owner(principal, level, level_id)
    _check_level(session, principal, level, owner, write=False)
    repo = PassportPresetRepository(session)
    return list(repo.at_level(principal.account_id, **_ids(level, owner)))


def _ids(level: PresetLevel, owner: uuid.UUID) -> dict[str, Any]:
    return {
        "folder_id": owner if level is PresetLevel.FOLDER else None,
        "building_id": owner if level is PresetLevel.BUILDING else None,
    }


def _write(preset: StoredPassportPreset, request: PassportPresetRequest) -> None:
    body = request.model_dump(mode="json")
    preset.name = request.name
    preset.passport_type = request.passport_type.value
    preset.sections = body["sections"]
    preset.environmental = body["environmental"]


def create_at_level(
    session: Session,
    principal: Principal,
    level: PresetLevel,
    level_id: uuid.UUID | None,
    request: PassportPresetRequest,
) -> StoredPassportPreset:
    """A new preset owned by the level and inherited by everything below it."""
    level, owner = _owner(principal, level, level_id)
    _check_level(session, principal, level, owner, write=True)
    preset = StoredPassportPreset(account_id=principal.account_id, **_ids(level, owner))
    _write(preset, request)
    return PassportPresetRepository(session).add(preset)


def get_stored(
    session: Session, principal: Principal, preset_id: uuid.UUID, *, write: bool = False
) -> StoredPassportPreset:
    """A stored preset whose level the token can see (and, to write, change)."""
    preset = PassportPresetRepository(session).get(principal.account_id, preset_id)
    if preset is None:
        raise NotFound(f"No passport preset with id {preset_id}.")
    level, owner = level_of(preset)
    _check_level(session, principal, level, owner, write=write)
    return preset


def replace(
    session: Session, principal: Principal, preset_id: uuid.UUID, request: PassportPresetRequest
) -> StoredPassportPreset:
    preset = get_stored(session, principal, preset_id, write=True)
    _write(preset, request)
    session.flush()
    return preset


def delete(session: Session, principal: Principal, preset_id: uuid.UUID) -> None:
    """Remove a stored preset; passports already generated with it are kept."""
    preset = get_stored(session, principal, preset_id, write=True)
    PassportPresetRepository(session).delete(preset)
