"""Importing an uploaded source file into elements (the ``files.import`` job).

The format is recognised from the file name and its first bytes: IFC (``.ifc``,
``.ifczip``) goes through ``matbank.importers.ifc``; anything else ends in
``UnknownImportFile``. A file that cannot be read ends in ``ImportFailed`` with a message a
person understands. On success the file is ``Imported`` and refinement is queued.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from matbank.elements.models import Element
from matbank.elements.repository import ElementRepository
from matbank.elements.schemas import (
    Accessibility,
    ConnectionType,
    ConnectionTypeDetail,
    Intersection,
    ProductEdge,
)
from matbank.errors import MatbankError
from matbank.files.lifecycle import FileStatus
from matbank.files.models import BuildingFile
from matbank.importers.ifc_records import ExtractedElement, SubElement
from matbank.storage import Storage

SessionScope = Callable[[], AbstractContextManager[Session]]
Progress = Callable[[int, int], None]
BATCH = 1000


def _values(enum: Iterable[Any]) -> frozenset[str]:
    return frozenset(member.value for member in enum)


CONNECTION_TYPES = _values(ConnectionType)
DETAILS = _values(ConnectionTypeDetail)
INTERSECTIONS = _values(Intersection)
ACCESSIBILITIES = _values(Accessibility)
EDGES = _values(ProductEdge)


def import_kind(file_name: str, head: bytes) -> str | None:
    """ "ifc" for IFC models (plain or zipped); None for formats matbank cannot import."""
    lowered = file_name.lower()
    if lowered.endswith((".ifc", ".ifczip")) or head.lstrip().startswith(b"ISO-10303-21"):
        return "ifc"
    return None


def import_file(
    scope: SessionScope, storage: Storage, file_id: uuid.UUID, progress: Progress
) -> bool:
    """Read the uploaded content into elements; True when refinement should follow."""
    with scope() as session:
        building_file = session.get(BuildingFile, file_id)
        if building_file is None or building_file.storage_key is None:
            return False
        name, key = building_file.name, building_file.storage_key
        building_file.status = FileStatus.IMPORTING.value
        building_file.status_message = None
    with storage.open_read(key) as stream, tempfile.TemporaryDirectory() as folder:
        local = Path(folder) / _safe_name(name)
        with open(local, "wb") as out:
            shutil.copyfileobj(stream, out, 1024 * 1024)
        with open(local, "rb") as probe:
            kind = import_kind(name, probe.read(64))
        if kind is None:
            _fail(
                scope,
                file_id,
                FileStatus.UNKNOWN_IMPORT_FILE,
                f"'{name}' is not a format matbank imports (IFC .ifc or .ifczip).",
            )
            return False
        try:
            count = _import_ifc(scope, file_id, local, progress)
        except MatbankError as error:
            _fail(scope, file_id, FileStatus.IMPORT_FAILED, error.detail)
            return False
    with scope() as session:
        building_file = session.get(BuildingFile, file_id)
        if building_file is None:
            return False
        building_file.status = FileStatus.IMPORTED.value
        building_file.element_count = count
    return True


def _import_ifc(scope: SessionScope, file_id: uuid.UUID, path: Path, progress: Progress) -> int:
    from matbank.importers.ifc import open_ifc

    model = open_ifc(path)
    total = model.count_elements()
    with scope() as session:  # a re-run replaces what an interrupted run left behind
        session.execute(delete(Element).where(Element.file_id == file_id))
    batch: list[dict[str, Any]] = []
    count = 0
    for position, extracted in enumerate(model.elements()):
        batch.extend(_rows(file_id, extracted, position))
        count += 1
        if len(batch) >= BATCH:
            _store(scope, batch)
            batch = []
            progress(count, total)
    _store(scope, batch)
    progress(count, total)
    return count


def _store(scope: SessionScope, rows: list[dict[str, Any]]) -> None:
    if rows:
        with scope() as session:
            ElementRepository(session).upsert_many(rows)


def _rows(file_id: uuid.UUID, element: ExtractedElement, position: int) -> Iterator[dict[str, Any]]:
    q = element.quantities
    names = list(dict.fromkeys(element.material_names))
    yield _row(file_id, element, position) | {
        "element_id": element.id,
        "parent_element_id": element.parent_id,
        "material_name": ", ".join(names) or None,
        "material_names": names if len(names) > 1 else None,
        "volume": q.volume,
        "area": q.area,
        "length": q.length,
        "height": q.height,
        "width": q.width,
        "weight": q.weight,
    }
    for sub in element.sub_elements:
        yield _row(file_id, element, position) | _sub_columns(element, sub)


def _sub_columns(parent: ExtractedElement, sub: SubElement) -> dict[str, Any]:
    return {
        "element_id": sub.id,
        "parent_element_id": parent.id,
        "name": f"{parent.name or parent.type_name or parent.element_class} – "
        f"{sub.material_name or sub.source}",
        "material_name": sub.material_name,
        "material_names": None,
        "volume": sub.volume,
        "area": sub.area,
        "length": sub.length,
        "height": None,
        "width": None,
        "weight": None,
    }


def _row(file_id: uuid.UUID, element: ExtractedElement, position: int) -> dict[str, Any]:
    d = element.detachability
    return {
        "file_id": file_id,
        "position": position,
        "name": element.name,
        "material_id": _uuid(element.material_id),
        "external_database_id": element.external_database_id,
        "type_name": element.type_name,
        "element_class": element.element_class,
        "count": None,
        "phase_lookup": element.phase_lookup,
        "classification_lookup": element.classification_lookup,
        "floor": element.floor,
        "gtin": element.gtin,
        "article_number": element.article_number,
        "building_numbers": [
            {"buildingNumber": b.building_number, "ratio": b.ratio}
            for b in element.building_numbers
        ]
        or None,
        "connection_type": _enum_or_unknown(d.connection_type, CONNECTION_TYPES),
        "connection_type_detail": _enum_or_unknown(d.connection_type_detail, DETAILS),
        "intersection": _enum_or_unknown(d.intersection, INTERSECTIONS),
        "accessibility": _enum_or_unknown(d.accessibility, ACCESSIBILITIES),
        "product_edge": _enum_or_unknown(d.product_edge, EDGES),
        "commodity_id": None,
        "commodity_type": None,
        "match_info": None,
        "phase": element.phase,
        "classification_code": None,
        "layer": None,
        "mass": None,
        "comment": None,
    }


def _enum_or_unknown(text: str | None, allowed: frozenset[str]) -> str:
    return text if text in allowed else "Unknown"


def _uuid(text: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(text) if text else None
    except ValueError:
        return None


def _safe_name(name: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in "._-" else "_" for c in name)[-120:]
    return cleaned or "upload"


def _fail(scope: SessionScope, file_id: uuid.UUID, status: FileStatus, message: str) -> None:
    with scope() as session:
        building_file = session.get(BuildingFile, file_id)
        if building_file is not None:
            building_file.status = status.value
            building_file.status_message = message[:2000]
