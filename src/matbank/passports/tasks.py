"""The passport job: render the document, store it and mark the file ``Uploaded``; a failed
rendering leaves the file in ``Error`` with the reason (asking again makes a new file)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from matbank.db import utcnow
from matbank.files.lifecycle import FileStatus, FileType
from matbank.files.models import BuildingFile
from matbank.jobs import JobContext, JobFailed, task
from matbank.passports.data import PassportData, load_passport_data
from matbank.passports.excel import render_excel
from matbank.passports.localise import localised
from matbank.passports.pdf import render_pdf
from matbank.passports.presets import Preset, from_options
from matbank.passports.schemas import PassportType
from matbank.passports.service import GENERATE_TASK
from matbank.passports.strings import texts

Renderer = Callable[[PassportData, dict[str, str], Preset, str], bytes]
RENDERERS: dict[str, Renderer] = {
    FileType.PASSPORT_PDF.value: render_pdf,
    FileType.PASSPORT_EXCEL.value: render_excel,
}


def _render(building_file: BuildingFile, data: PassportData) -> bytes:
    options = building_file.passport_options or {}
    passport_type = PassportType(options.get("passportType", PassportType.FULL.value))
    preset = from_options(options, passport_type)
    language = options.get("language", "en")
    renderer = RENDERERS[building_file.file_type]
    t = texts(language)
    return renderer(localised(data, t), t, preset, passport_type.value)


@task(GENERATE_TASK, max_attempts=1, lease_seconds=600.0)
def generate(ctx: JobContext, payload: dict[str, Any]) -> None:
    file_id = uuid.UUID(payload["file_id"])
    try:
        with ctx.session() as session:
            building_file = session.get(BuildingFile, file_id)
            if building_file is None or building_file.status != FileStatus.CREATING.value:
                return
            data = load_passport_data(
                session, building_file.building_id, ctx.settings.base_url
            )
            content = _render(building_file, data)
            key = f"passports/{building_file.building_id}/{file_id}"
            ctx.storage.write_bytes(key, content)
            _finish(building_file, FileStatus.UPLOADED, None, key, len(content))
    except Exception as error:
        _fail(ctx, file_id, f"The passport could not be generated: {error}")
        raise JobFailed(str(error)) from error


def _finish(
    building_file: BuildingFile,
    status: FileStatus,
    message: str | None,
    key: str | None = None,
    size: int = 0,
) -> None:
    building_file.status = status.value
    building_file.status_message = message
    building_file.storage_key = key
    building_file.file_size = size
    building_file.last_modified_date = utcnow()


def _fail(ctx: JobContext, file_id: uuid.UUID, message: str) -> None:
    with ctx.session() as session:
        building_file = session.get(BuildingFile, file_id)
        if building_file is not None:
            _finish(building_file, FileStatus.ERROR, message[:2000])
