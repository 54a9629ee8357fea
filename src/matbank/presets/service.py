"""Upload presets at account, folder and building level, and the presets a building inherits.

Presets inherit downwards: for every field the nearest level that sets it wins (building,
then its folder, that folder's parents up to the root, then the account). Deleting a level's
presets restores the inheritance. The import job turns the effective presets into IFC
extraction options; refinement uses them for what the file itself leaves empty.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from matbank.auth.permissions import Action
from matbank.auth.principal import Principal
from matbank.buildings.models import Building
from matbank.buildings.service import get_building
from matbank.errors import Forbidden, InvalidRequest, NotFound
from matbank.folders.models import Folder
from matbank.folders.repository import FolderRepository, folder_chain_ids
from matbank.importers.ifc_records import ExtractionOptions, PropertyRef
from matbank.presets.models import UploadPreset
from matbank.presets.repository import PresetRepository, scope_key
from matbank.presets.schemas import PresetLevel, UploadPresetRequest
from matbank.system.catalogue import classification_methods

# wire field name (snake case) -> model column
FIELDS = {
    "classification_type_id": "classification_type_id",
    "default_phase": "default_phase",
    "preferred_database_ids": "database_ids",
    "languages": "languages",
    "excluded_ifc_types": "excluded_ifc_types",
    "custom_property_names": "property_names",
    "allow_functional_unit_mismatch": "allow_functional_unit_mismatch",
}


@dataclass(frozen=True)
class EffectivePreset:
    """The presets that apply to one building; ``sources`` names the level of each value."""

    values: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, PresetLevel] = field(default_factory=dict)

    def get(self, name: str) -> Any:
        return self.values.get(name)

    def extraction_options(self) -> ExtractionOptions:
        """IFC extraction options: default phase, excluded classes, redirected properties."""
        redirects = {
            key: PropertyRef(source["propertyName"], source.get("propertySet") or None)
            for key, source in (self.get("custom_property_names") or {}).items()
        }
        return ExtractionOptions(
            property_sources=redirects,
            default_phase=self.get("default_phase") or "New",
            excluded_types=frozenset(self.get("excluded_ifc_types") or ()),
        )


def effective_for_building(session: Session, building_id: uuid.UUID) -> EffectivePreset:
    """The inherited presets of a building (no access check: for jobs)."""
    building = session.get(Building, building_id)
    if building is None:
        return EffectivePreset()
    folder = session.get(Folder, building.folder_id)
    levels = [(PresetLevel.ACCOUNT, scope_key("account", building.account_id))]
    for folder_id in folder_chain_ids(folder.path) if folder else ():
        levels.append((PresetLevel.FOLDER, scope_key("folder", folder_id)))
    levels.append((PresetLevel.BUILDING, scope_key("building", building.id)))
    stored = PresetRepository(session).chain([key for _, key in levels])
    values: dict[str, Any] = {}
    sources: dict[str, PresetLevel] = {}
    for level, key in levels:  # farthest first, so nearer levels overwrite
        preset = stored.get(key)
        for name, column in FIELDS.items():
            value = getattr(preset, column) if preset is not None else None
            if value is not None:
                values[name], sources[name] = value, level
    return EffectivePreset(values, sources)


def effective_preset(
    session: Session, principal: Principal, building_id: uuid.UUID
) -> EffectivePreset:
    get_building(session, principal, building_id)
    return effective_for_building(session, building_id)


def get_presets(
    session: Session, principal: Principal, level: PresetLevel, level_id: uuid.UUID | None
) -> tuple[uuid.UUID, UploadPreset | None]:
    """The presets a level sets itself (None: it inherits everything)."""
    owner_id, _ = _level(session, principal, level, level_id, write=False)
    return owner_id, PresetRepository(session).get(scope_key(level.value, owner_id))


def put_presets(
    session: Session,
    principal: Principal,
    level: PresetLevel,
    level_id: uuid.UUID | None,
    request: UploadPresetRequest,
) -> tuple[uuid.UUID, UploadPreset]:
    """Replace a level's own presets; fields left empty inherit from above."""
    owner_id, parent = _level(session, principal, level, level_id, write=True)
    _check_classification(request.classification_type_id)
    repo = PresetRepository(session)
    key = scope_key(level.value, owner_id)
    preset = repo.get(key) or repo.add(
        UploadPreset(
            account_id=principal.account_id,
            scope_key=key,
            folder_id=owner_id if level is PresetLevel.FOLDER else None,
            building_id=owner_id if level is PresetLevel.BUILDING else None,
        )
    )
    body = request.model_dump(mode="json", by_alias=True)
    for name, column in FIELDS.items():
        setattr(preset, column, body[wire_name(name)])
    preset.classification_type_id = request.classification_type_id  # a UUID column
    session.flush()
    return owner_id, preset


def delete_presets(
    session: Session, principal: Principal, level: PresetLevel, level_id: uuid.UUID | None
) -> None:
    """Remove a level's own presets, so it inherits everything again."""
    owner_id, _ = _level(session, principal, level, level_id, write=True)
    repo = PresetRepository(session)
    preset = repo.get(scope_key(level.value, owner_id))
    if preset is None:
        raise NotFound(f"The {level.value.lower()} {owner_id} has no presets of its own.")
    repo.delete(preset)


def _level(
    session: Session,
    principal: Principal,
    level: PresetLevel,
    level_id: uuid.UUID | None,
    *,
    write: bool,
) -> tuple[uuid.UUID, Any]:
    """Check access to a level; returns its id and the owning object."""
    if level is PresetLevel.BUILDING:
        assert level_id is not None
        if write:
            principal.require(Action.BUILDING_UPDATE)
        return level_id, get_building(session, principal, level_id)
    if level is PresetLevel.FOLDER:
        assert level_id is not None
        if write:
            principal.require(Action.FOLDER_UPDATE)
        folder = FolderRepository(session).get(principal, level_id)
        if folder is None:
            raise NotFound(f"No folder with id {level_id}.")
        return level_id, folder
    if not principal.sees_whole_account:
        raise Forbidden("Only an account-scoped token can read or change the account's presets.")
    if write:
        principal.require(Action.FOLDER_UPDATE)
    return principal.account_id, None


def _check_classification(method_id: uuid.UUID | None) -> None:
    if method_id is not None and str(method_id) not in {m.id for m in classification_methods()}:
        raise InvalidRequest(
            f"classificationTypeId {method_id} is not a known classification method; "
            "see GET /api/v3.0/system/classificationmethods."
        )


def wire_name(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)
