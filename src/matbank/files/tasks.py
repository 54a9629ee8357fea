"""Jobs of the file lifecycle: refinement of a file and processing of its building."""

from __future__ import annotations

import uuid
from typing import Any

from matbank.buildings.dirty import PROCESS_TASK
from matbank.buildings.processing import process_building
from matbank.files.imports import import_file, mark_failed
from matbank.files.lifecycle import FileStatus
from matbank.files.models import BuildingFile
from matbank.files.service import queue_refinement
from matbank.files.uploads import IMPORT_TASK
from matbank.jobs import JobContext, task
from matbank.refinement.service import refine_file

REFINE_TASK = "files.refine"


@task(REFINE_TASK, max_attempts=3, lease_seconds=120.0)
def refine(ctx: JobContext, payload: dict[str, Any]) -> None:
    """Match and map a file's elements; the last failed attempt leaves RefineFailed."""
    file_id = uuid.UUID(payload["file_id"])
    try:
        refine_file(
            ctx.session,
            file_id,
            only_unlinked=bool(payload.get("only_unlinked")),
            progress=ctx.progress,
        )
    except Exception as error:
        if ctx.is_last_attempt:
            _mark_failed(ctx, file_id, f"Refinement failed: {error}")
        raise


@task(PROCESS_TASK, max_attempts=5, lease_seconds=300.0)
def process(ctx: JobContext, payload: dict[str, Any]) -> None:
    """Recalculate a building's element masses and stored results."""
    process_building(ctx.session, uuid.UUID(payload["building_id"]))


def _mark_failed(ctx: JobContext, file_id: uuid.UUID, message: str) -> None:
    with ctx.session() as session:
        building_file = session.get(BuildingFile, file_id)
        if building_file is not None:
            building_file.status = FileStatus.REFINE_FAILED.value
            building_file.status_message = message[:2000]


@task(IMPORT_TASK, max_attempts=3, lease_seconds=300.0)
def import_upload(ctx: JobContext, payload: dict[str, Any]) -> None:
    """Read an uploaded source file into elements, then queue its refinement."""
    file_id = uuid.UUID(payload["file_id"])
    try:
        imported = import_file(ctx.session, ctx.storage, file_id, ctx.progress)
    except Exception as error:
        if ctx.is_last_attempt:
            mark_failed(
                ctx.session, file_id, FileStatus.IMPORT_FAILED, f"The import stopped: {error}"
            )
        raise
    if not imported:
        return
    with ctx.session() as session:
        building_file = session.get(BuildingFile, file_id)
        if building_file is not None and building_file.status == FileStatus.IMPORTED.value:
            queue_refinement(session, building_file, only_unlinked=False)
