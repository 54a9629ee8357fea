"""Passport use-cases: check access and input, register the file, queue its generation."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from matbank import jobs
from matbank.auth.permissions import Action
from matbank.auth.principal import Principal
from matbank.buildings.service import get_building
from matbank.files.lifecycle import FileStatus, FileType
from matbank.files.models import BuildingFile
from matbank.files.repository import FileRepository
from matbank.passports.preset_service import list_usable, resolve_preset
from matbank.passports.presets import Preset
from matbank.passports.schemas import PassportPreset, PassportRequest, PassportType
from matbank.passports.strings import check_language

GENERATE_TASK = "passports.generate"
EXTENSIONS = {FileType.PASSPORT_PDF: "pdf", FileType.PASSPORT_EXCEL: "xlsx"}


def create_passport(
    session: Session,
    principal: Principal,
    building_id: uuid.UUID,
    file_type: FileType,
    request: PassportRequest,
) -> BuildingFile:
    """A new passport file in ``Creating``; the job fills it in. Earlier passports stay."""
    principal.require(Action.PASSPORT_EXPORT)
    building = get_building(session, principal, building_id)
    language = check_language(request.language)
    preset = resolve_preset(session, building, request.passport_type, request.preset)
    options: dict[str, Any] = {
        "passportType": request.passport_type.value,
        "language": language,
        **preset_options(preset),
    }
    building_file = FileRepository(session).add(
        BuildingFile(
            account_id=building.account_id,
            building_id=building.id,
            name=f"passport-{request.passport_type.value}-{language}.{EXTENSIONS[file_type]}",
            file_type=file_type.value,
            status=FileStatus.CREATING.value,
            passport_options=options,
        )
    )
    jobs.enqueue(session, GENERATE_TASK, {"file_id": str(building_file.id)})
    return building_file


def list_presets(
    session: Session, principal: Principal, building_id: uuid.UUID, passport_type: PassportType
) -> list[PassportPreset]:
    return list_usable(session, principal, building_id, passport_type)


def preset_options(preset: Preset) -> dict[str, Any]:
    """[INTERP] The preset as the passport file records it, so the job prints what was asked for
    even if the stored preset changes or is deleted before the job runs."""
    environmental = preset.environmental
    return {
        "preset": str(preset.id),
        "presetName": preset.name,
        "sections": list(preset.sections),
        "environmental": environmental.model_dump(mode="json") if environmental else None,
    }
