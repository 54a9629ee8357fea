"""Importing an uploaded source file into elements (the ``files.import`` job).

The format is recognised from the file name and its first bytes: IFC (``.ifc``,
``.ifczip``) goes through ``matbank.importers.ifc``, Excel source workbooks (``.xlsx``)
through ``matbank.importers.excel``; anything else ends in ``UnknownImportFile``. A file that
cannot be read ends in ``ImportFailed`` with a message a person understands. On success the
file is ``Imported`` and refinement is queued.

The upload presets of the file's building steer the import (excluded IFC classes,
redirected properties, default phase) and fill what the file itself leaves empty
(classification method, databases, languages). Elements are stored in batches, each in its
own short transaction together with the file's ``elementProcessedCount``/``elementCount``,
so clients polling the status see the import advance.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from matbank.db import utcnow
from matbank.elements.models import Element
from matbank.elements.repository import ElementRepository
from matbank.errors import MatbankError
from matbank.files.import_rows import excel_row, ifc_rows
from matbank.files.lifecycle import FileStatus
from matbank.files.models import BuildingFile
from matbank.presets.service import EffectivePreset, effective_for_building
from matbank.storage import Storage

SessionScope = Callable[[], AbstractContextManager[Session]]
Progress = Callable[[int, int], None]
BATCH = 1000
FORMATS = "IFC (.ifc, .ifczip) or an Excel source workbook (.xlsx)"
_ZIP_MAGIC = b"PK\x03\x04"


def import_kind(file_name: str, head: bytes) -> str | None:
    """ "ifc" for IFC models (plain or zipped), "xlsx" for Excel workbooks; None otherwise."""
    lowered = file_name.lower()
    if lowered.endswith((".ifc", ".ifczip")) or head.lstrip().startswith(b"ISO-10303-21"):
        return "ifc"
    if lowered.endswith((".xlsx", ".xlsm")):
        return "xlsx"
    return None


def import_file(
    scope: SessionScope, storage: Storage, file_id: uuid.UUID, progress: Progress
) -> bool:
    """Read the uploaded content into elements; True when refinement should follow."""
    started = _start(scope, file_id)
    if started is None:
        return False
    name, key, presets = started
    with storage.open_read(key) as stream, tempfile.TemporaryDirectory() as folder:
        local = Path(folder) / _safe_name(name)
        with open(local, "wb") as out:
            shutil.copyfileobj(stream, out, 1024 * 1024)
        with open(local, "rb") as probe:
            kind = import_kind(name, probe.read(64))
        if kind is None:
            message = f"'{name}' is not a format matbank imports ({FORMATS})."
            mark_failed(scope, file_id, FileStatus.UNKNOWN_IMPORT_FILE, message)
            return False
        writer = BatchWriter(scope, file_id, progress)
        try:
            count = _read(kind, local, presets, writer)
        except MatbankError as error:
            mark_failed(scope, file_id, FileStatus.IMPORT_FAILED, error.detail)
            return False
    return _finish(scope, file_id, count)


def _start(scope: SessionScope, file_id: uuid.UUID) -> tuple[str, str, EffectivePreset] | None:
    """Mark the file Importing and fill its empty settings from the building's presets."""
    with scope() as session:
        building_file = session.get(BuildingFile, file_id)
        if building_file is None or building_file.storage_key is None:
            return None
        presets = effective_for_building(session, building_file.building_id)
        apply_file_defaults(building_file, presets)
        building_file.status = FileStatus.IMPORTING.value
        building_file.status_message = None
        building_file.element_count = building_file.element_processed_count = 0
        building_file.last_modified_date = utcnow()
        return building_file.name, building_file.storage_key, presets


def apply_file_defaults(building_file: BuildingFile, presets: EffectivePreset) -> None:
    """What the file leaves empty (databases, languages, classification) the presets fill."""
    if not building_file.preferred_database_ids and presets.get("preferred_database_ids"):
        building_file.preferred_database_ids = list(presets.get("preferred_database_ids"))
    if not building_file.languages and presets.get("languages"):
        building_file.languages = list(presets.get("languages"))
    if building_file.classification_type_id is None:
        building_file.classification_type_id = presets.get("classification_type_id")


def _read(kind: str, path: Path, presets: EffectivePreset, writer: BatchWriter) -> int:
    _clear_elements(writer.scope, writer.file_id)  # a re-run replaces an interrupted one's rows
    if kind == "xlsx":
        return _import_excel(path, writer)
    return _import_ifc(path, presets, writer)


def _clear_elements(scope: SessionScope, file_id: uuid.UUID) -> None:
    with scope() as session:
        session.execute(delete(Element).where(Element.file_id == file_id))


def _import_ifc(path: Path, presets: EffectivePreset, writer: BatchWriter) -> int:
    from matbank.importers.ifc import open_ifc

    options = presets.extraction_options()
    model = open_ifc(path)
    writer.total = model.count_elements(options)
    for position, extracted in enumerate(model.elements(options)):
        writer.add(ifc_rows(writer.file_id, extracted, position))
    return writer.close()


def _import_excel(path: Path, writer: BatchWriter) -> int:
    from matbank.importers.excel import ExcelReadError, SourceWorkbook

    workbook = SourceWorkbook(path)
    try:
        writer.total = workbook.count_rows()
        seen: set[str] = set()
        for position, record in enumerate(workbook.safe_rows()):
            row = excel_row(writer.file_id, record, position)
            if row["element_id"] in seen:
                raise ExcelReadError(
                    f"Sheet '{record.sheet}', row {record.row}, column 'Element id': "
                    f"{row['element_id']!r} is used by an earlier row."
                )
            seen.add(row["element_id"])
            writer.add(iter((row,)))
        return writer.close()
    finally:
        workbook.close()


class BatchWriter:
    """Stores element rows in batches; each batch also moves the file's progress counters."""

    def __init__(self, scope: SessionScope, file_id: uuid.UUID, progress: Progress) -> None:
        self.scope, self.file_id, self.progress = scope, file_id, progress
        self.total = 0
        self.processed = 0
        self._batch: list[dict[str, Any]] = []

    def add(self, rows: Iterator[dict[str, Any]]) -> None:
        """Add the rows of one element (with its sub-elements)."""
        self._batch.extend(rows)
        self.processed += 1
        if len(self._batch) >= BATCH:
            self._flush()

    def close(self) -> int:
        self._flush()
        return self.processed

    def _flush(self) -> None:
        total = max(self.total, self.processed)
        with self.scope() as session:
            if self._batch:
                ElementRepository(session).upsert_many(self._batch)
            building_file = session.get(BuildingFile, self.file_id)
            if building_file is not None:
                building_file.element_processed_count = self.processed
                building_file.element_count = total
        self._batch = []
        self.progress(self.processed, total)


def _finish(scope: SessionScope, file_id: uuid.UUID, count: int) -> bool:
    with scope() as session:
        building_file = session.get(BuildingFile, file_id)
        if building_file is None:
            return False
        building_file.status = FileStatus.IMPORTED.value
        building_file.element_count = building_file.element_processed_count = count
        building_file.last_modified_date = utcnow()
    return True


def _safe_name(name: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in "._-" else "_" for c in name)[-120:]
    return cleaned or "upload"


def mark_failed(scope: SessionScope, file_id: uuid.UUID, status: FileStatus, message: str) -> None:
    """End in a failure status; rows stored before the failure are removed again."""
    _clear_elements(scope, file_id)
    with scope() as session:
        building_file = session.get(BuildingFile, file_id)
        if building_file is not None:
            building_file.status = status.value
            building_file.status_message = message[:2000]
            building_file.element_count = building_file.element_processed_count = 0
            building_file.last_modified_date = utcnow()
