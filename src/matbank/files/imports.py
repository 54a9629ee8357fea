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

import queue
import shutil
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from matbank.db import utcnow
from matbank.elements.models import Element
from matbank.errors import MatbankError
from matbank.files.import_rows import excel_row, ifc_rows
from matbank.files.import_store import ElementRows, ImportedElementStore
from matbank.files.lifecycle import FileStatus
from matbank.files.models import BuildingFile
from matbank.presets.service import EffectivePreset, effective_for_building
from matbank.storage import Storage
from matbank.storage.local import LocalStorage

SessionScope = Callable[[], AbstractContextManager[Session]]
Progress = Callable[[int, int], None]
# A batch (one short transaction with the progress counters) holds at most BATCH rows and
# about a twentieth of the model's elements, but at least MIN_BATCH of them.
BATCH = 20000
MIN_BATCH = 1000
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
    with storage.open_read(key) as stream:
        kind = import_kind(name, stream.read(64))
    if kind is None:
        message = f"'{name}' is not a format matbank imports ({FORMATS})."
        mark_failed(scope, file_id, FileStatus.UNKNOWN_IMPORT_FILE, message)
        return False
    with _readable_file(storage, key, name, kind) as local:
        writer = BatchWriter(scope, file_id, progress)
        try:
            count = _read(kind, local, name, presets, writer)
        except MatbankError as error:
            mark_failed(scope, file_id, FileStatus.IMPORT_FAILED, error.detail)
            return False
    return _finish(scope, file_id, count)


@contextmanager
def _readable_file(storage: Storage, key: str, name: str, kind: str) -> Iterator[Path]:
    """A file the parser can open: the stored file itself for IFC in local storage (a
    100 MB model is not copied again), else a temporary copy named like the upload (the
    Excel reader goes by the name's extension)."""
    if kind == "ifc" and isinstance(storage, LocalStorage):
        yield storage.path(key)
        return
    with storage.open_read(key) as stream, tempfile.TemporaryDirectory() as folder:
        local = Path(folder) / _safe_name(name)
        with open(local, "wb") as out:
            shutil.copyfileobj(stream, out, 1024 * 1024)
        yield local


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


def _read(
    kind: str, path: Path, name: str, presets: EffectivePreset, writer: BatchWriter
) -> int:
    _clear_elements(writer.scope, writer.file_id)  # a re-run replaces an interrupted one's rows
    try:
        if kind == "xlsx":
            return _import_excel(path, writer)
        return _import_ifc(path, name, presets, writer)
    finally:
        writer.stop()  # no batch is written after a failure is handled


def _clear_elements(scope: SessionScope, file_id: uuid.UUID) -> None:
    with scope() as session:
        session.execute(delete(Element).where(Element.file_id == file_id))


def _import_ifc(path: Path, name: str, presets: EffectivePreset, writer: BatchWriter) -> int:
    from matbank.importers.ifc import open_ifc

    options = presets.extraction_options()
    model = open_ifc(path, name=name)
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
            writer.add((row, [{}]))
        return writer.close()
    finally:
        workbook.close()


class BatchWriter:
    """Stores element rows in batches; each batch also moves the file's progress counters.

    Batches are written by a second thread while the reader goes on extracting, so the
    database's own work (which releases the GIL) overlaps with parsing. At most one batch
    waits for the writer, which bounds memory. A failed write surfaces in the reader at its
    next hand-over or at :meth:`close`; :meth:`stop` ends the thread on any exit.
    """

    def __init__(self, scope: SessionScope, file_id: uuid.UUID, progress: Progress) -> None:
        self.scope, self.file_id, self.progress = scope, file_id, progress
        self.total = 0
        self.processed = 0
        self._batch: list[ElementRows] = []
        self._rows = 0
        self._store = ImportedElementStore()
        self._pending: queue.Queue[tuple[list[ElementRows], int, int] | None] = queue.Queue(1)
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    def add(self, rows: ElementRows) -> None:
        """Add the rows of one element (with its sub-elements)."""
        self._batch.append(rows)
        self._rows += len(rows[1])
        self.processed += 1
        if self._rows >= BATCH or len(self._batch) >= max(MIN_BATCH, self.total // 20):
            self._hand_over()

    def close(self) -> int:
        """Write what is left, wait for the writer and return the number of elements."""
        self._hand_over()
        self.stop()
        if self._error is not None:
            raise self._error
        return self.processed

    def stop(self) -> None:
        """End the writer thread after the batches already handed over."""
        if self._thread is not None:
            self._pending.put(None)
            self._thread.join()
            self._thread = None

    def _hand_over(self) -> None:
        if self._error is not None:
            raise self._error
        if self._thread is None:
            self._thread = threading.Thread(target=self._write_batches, daemon=True)
            self._thread.start()
        self._pending.put((self._batch, self.processed, max(self.total, self.processed)))
        self._batch, self._rows = [], 0

    def _write_batches(self) -> None:
        while (item := self._pending.get()) is not None:
            if self._error is None:
                try:
                    self._flush(*item)
                except BaseException as error:  # noqa: BLE001 - handed to the reader thread
                    self._error = error

    def _flush(self, rows: list[ElementRows], processed: int, total: int) -> None:
        with self.scope() as session:
            if rows:
                self._store.store(session, rows)
            session.execute(
                update(BuildingFile)
                .where(BuildingFile.id == self.file_id)
                .values(element_processed_count=processed, element_count=total)
            )
        self.progress(processed, total)


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
