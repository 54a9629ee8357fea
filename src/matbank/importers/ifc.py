"""Reading IFC models (``.ifc`` and ``.ifczip``) into element records.

This is the only module that imports ifcopenshell. It checks the file before parsing so a
person learns what was wrong with an upload, unpacks ``.ifczip`` archives with zip-bomb
guards, and then streams one :class:`ExtractedElement` per building element.

Building elements are the IfcElement instances outside ``NOT_BUILDING_ELEMENTS`` (see
:mod:`matbank.importers.ifc_rules`) and outside the caller's ``excluded_types``.
"""

from __future__ import annotations

import operator
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import ifcopenshell
import ifcopenshell.ifcopenshell_wrapper as ifc_wrapper

from matbank.errors import InvalidRequest
from matbank.importers.ifc_elements import ElementBuilder, wanted_property_names
from matbank.importers.ifc_geometry import (
    GeometryVolumes,
    lacks_volume,
    with_aspect_shares,
    with_volume,
)
from matbank.importers.ifc_index import PropertyReader, RelationIndex, unit_scale
from matbank.importers.ifc_materials import MaterialResolver
from matbank.importers.ifc_records import (
    ExtractedElement,
    ExtractionOptions,
    IfcFileInfo,
    Storey,
    UnitScale,
    ZipLimits,
)
from matbank.importers.ifc_rules import NOT_BUILDING_ELEMENTS

ProgressCallback = Callable[[int, int], None]

_STEP_MAGIC = b"ISO-10303-21;"
_STEP_END = b"END-ISO-10303-21;"
_ZIP_MAGIC = b"PK\x03\x04"
_KNOWN_SIGNATURES = (
    (b"\x89PNG", "PNG signature"),
    (b"%PDF", "PDF signature"),
    (b"\xff\xd8\xff", "JPEG signature"),
    (b"GIF8", "GIF signature"),
    (b"\x1f\x8b", "gzip signature"),
    (b"Rar!", "RAR signature"),
    (b"7z\xbc\xaf", "7-Zip signature"),
    (b"<?xml", "XML declaration; IFC-XML is not supported"),
    (b"\xd0\xcf\x11\xe0", "MS Office signature"),
)
_CHUNK = 1024 * 1024
#: Positional attribute access without ``__getitem__``'s Python frame (ifcopenshell ≥ 0.9).
_ARGUMENT = getattr(ifcopenshell.entity_instance, "get_argument", None) or operator.getitem


class IfcReadError(InvalidRequest):
    """An uploaded model cannot be read; the message says what is wrong with the file."""

    code = "ifc_unreadable"
    title = "The IFC file cannot be read."


def open_ifc(
    path: str | os.PathLike[str], limits: ZipLimits | None = None, name: str | None = None
) -> IfcModel:
    """Check and parse an ``.ifc`` or ``.ifczip`` file; raises :class:`IfcReadError`.

    A zip archive is recognised by its content as well as by the ``.ifczip`` suffix.
    ``name`` is the file's name as the person knows it (messages use it), when ``path`` is
    stored under another one.
    """
    source = Path(path)
    shown = name or source.name
    head = _read_head(source, shown)
    if head.startswith(_ZIP_MAGIC) or Path(shown).suffix.lower() == ".ifczip":
        with _unpacked(source, limits or ZipLimits(), shown) as inner:
            return IfcModel(_parse(inner, shown))
    return IfcModel(_parse(source, shown))


def extract_elements(
    path: str | os.PathLike[str],
    options: ExtractionOptions | None = None,
    progress: ProgressCallback | None = None,
    limits: ZipLimits | None = None,
) -> Iterator[ExtractedElement]:
    """Stream the building elements of a model file (see :meth:`IfcModel.elements`)."""
    yield from open_ifc(path, limits).elements(options, progress)


class IfcModel:
    """A parsed model: file-level info plus a streaming view of its building elements."""

    def __init__(self, model: Any) -> None:
        self._model = model
        self.scale: UnitScale = unit_scale(_unit_assignment(model))
        self.info: IfcFileInfo = _file_info(model, self.scale)

    def building_elements(self, options: ExtractionOptions | None = None) -> list[Any]:
        """The entities that count as building elements under the element rule and options."""
        options = options or ExtractionOptions()
        skipped = _class_names_with_subtypes(
            self._model.schema_identifier, (*NOT_BUILDING_ELEMENTS, *options.excluded_types)
        )
        return [e for e in self._model.by_type("IfcElement") if e.is_a().lower() not in skipped]

    def count_elements(self, options: ExtractionOptions | None = None) -> int:
        """How many elements :meth:`elements` will yield."""
        return len(self.building_elements(options))

    def elements(
        self, options: ExtractionOptions | None = None, progress: ProgressCallback | None = None
    ) -> Iterator[ExtractedElement]:
        """Yield one record per building element, in file order.

        Relationships are indexed once up front; then each element is read on its own, so
        memory does not grow with the number of records consumed. ``progress`` receives
        ``(processed, total)`` at the start, about every 1 % and at the end.
        """
        options = options or ExtractionOptions()
        entities = self.building_elements(options)
        total = len(entities)
        index = RelationIndex(self._model, _ARGUMENT)
        builder = ElementBuilder(
            index,
            PropertyReader(self.scale, wanted_property_names(options), _ARGUMENT),
            MaterialResolver(self.scale.length, options.split_unmeasured_materials),
            options,
        )
        step = max(1, total // 100)
        geometry = GeometryVolumes() if _needs_geometry(options) else None
        if progress:
            progress(0, total)
        for processed, entity in enumerate(entities, 1):
            record = builder.build(entity)
            if geometry is not None:
                record = _with_geometry(geometry, entity, record, options)
            yield record
            if progress and (processed % step == 0 or processed == total):
                progress(processed, total)


def _needs_geometry(options: ExtractionOptions) -> bool:
    return options.derive_missing_volume or options.split_unmeasured_materials


def _with_geometry(
    geometry: GeometryVolumes, entity: Any, record: ExtractedElement, options: ExtractionOptions
) -> ExtractedElement:
    """A volume from the body when the model gives no volume or weight; shares of split materials
    from the model's shape aspects."""
    if options.derive_missing_volume and lacks_volume(record.quantities):
        volume = geometry.volume(entity)
        record = with_volume(record, volume) if volume else record
    if record.sub_elements and record.sub_elements[0].source == "material":
        record = with_aspect_shares(record, geometry.aspect_volumes(entity))
    return record


def _class_names_with_subtypes(schema_identifier: str, roots: tuple[str, ...]) -> frozenset[str]:
    """Lower-case names of the given classes and all their subclasses in this schema."""
    schema = ifc_wrapper.schema_by_name(schema_identifier)
    names: set[str] = set()
    pending = []
    for root in roots:
        try:
            pending.append(schema.declaration_by_name(root))
        except RuntimeError:
            continue  # the class does not exist in this schema version, nothing to skip
    while pending:
        declaration = pending.pop()
        names.add(declaration.name().lower())
        pending.extend(getattr(declaration, "subtypes", lambda: ())())
    return frozenset(names)


def _read_head(path: Path, name: str) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(64)
    except FileNotFoundError:
        raise IfcReadError(f"{name}: file not found") from None
    except OSError as exc:
        raise IfcReadError(f"{name}: cannot be read ({exc.strerror})") from exc


def _check_step_file(path: Path, name: str) -> None:
    """Reject what is plainly not a complete IFC (STEP) file before handing it to the parser."""
    size = path.stat().st_size
    if size == 0:
        raise IfcReadError(f"{name}: empty file")
    with path.open("rb") as handle:
        head = handle.read(64)
        handle.seek(max(0, size - 1024))
        tail = handle.read()
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not start.startswith(_STEP_MAGIC):
        raise IfcReadError(f"{name}: not an IFC file (starts with {_describe_start(start)})")
    if _STEP_END not in tail:
        raise IfcReadError(
            f"{name}: truncated: the file ({size} bytes) stops before its closing "
            f"END-ISO-10303-21; line"
        )


def _describe_start(start: bytes) -> str:
    for signature, label in _KNOWN_SIGNATURES:
        if start.startswith(signature):
            return label
    if start.startswith(_ZIP_MAGIC):
        return "zip signature"
    return repr(start[:16]) if start else "only whitespace"


def _parse(path: Path, name: str) -> Any:
    _check_step_file(path, name)
    try:
        model = ifcopenshell.open(str(path))
    except Exception as exc:  # the parser raises several unrelated types for bad content
        raise IfcReadError(f"{name}: could not be parsed as IFC ({exc})") from exc
    if not model.by_type("IfcProject"):
        raise IfcReadError(f"{name}: no IfcProject found; this is not a building model")
    return model


@contextmanager
def _unpacked(archive_path: Path, limits: ZipLimits, name: str) -> Iterator[Path]:
    """Unpack the single ``.ifc`` of an ``.ifczip`` into a temporary file, guarding size."""
    try:
        archive = zipfile.ZipFile(archive_path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise IfcReadError(f"{name}: not a valid zip archive ({exc})") from exc
    with archive, tempfile.TemporaryDirectory(prefix="matbank-ifc-") as folder:
        member = _single_model(archive, name)
        _check_declared_size(member, limits, name)
        target = Path(folder) / "model.ifc"
        _copy_capped(archive, member, target, limits, name)
        yield target


def _single_model(archive: zipfile.ZipFile, name: str) -> zipfile.ZipInfo:
    members = [
        info
        for info in archive.infolist()
        if not info.is_dir()
        and info.filename.lower().endswith(".ifc")
        and not info.filename.startswith("__MACOSX/")
    ]
    if len(members) != 1:
        raise IfcReadError(
            f"{name}: an .ifczip must hold exactly one .ifc file, this one holds {len(members)}"
        )
    return members[0]


def _check_declared_size(member: zipfile.ZipInfo, limits: ZipLimits, name: str) -> None:
    if member.file_size > limits.max_uncompressed_bytes:
        raise IfcReadError(
            f"{name}: {member.filename} would unpack to {member.file_size} bytes, above the "
            f"limit of {limits.max_uncompressed_bytes} bytes (refused as a possible zip bomb)"
        )
    ratio = member.file_size / max(member.compress_size, 1)
    if ratio > limits.max_ratio:
        raise IfcReadError(
            f"{name}: {member.filename} is compressed {ratio:.0f}:1, above the allowed "
            f"{limits.max_ratio:.0f}:1 (refused as a possible zip bomb)"
        )


def _copy_capped(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, target: Path, limits: ZipLimits, name: str
) -> None:
    """Copy while counting, because the sizes declared in a zip header can lie."""
    cap = min(limits.max_uncompressed_bytes, limits.max_ratio * max(member.compress_size, 1))
    written = 0
    try:
        with archive.open(member) as source, target.open("wb") as sink:
            while chunk := source.read(_CHUNK):
                written += len(chunk)
                if written > cap:
                    raise IfcReadError(
                        f"{name}: {member.filename} unpacks to more than {int(cap)} bytes "
                        f"(refused as a possible zip bomb)"
                    )
                sink.write(chunk)
    except (zipfile.BadZipFile, EOFError, RuntimeError, OSError) as exc:
        raise IfcReadError(f"{name}: the archive is damaged ({exc})") from exc


def _unit_assignment(model: Any) -> Any:
    projects = model.by_type("IfcProject")
    assignment = projects[0].UnitsInContext if projects else None
    if assignment is None:
        assignments = model.by_type("IfcUnitAssignment")
        assignment = assignments[0] if assignments else None
    return assignment


def _file_info(model: Any, scale: UnitScale) -> IfcFileInfo:
    file_name = model.header.file_name
    storeys = sorted(
        (
            Storey(s.Name, s.Elevation * scale.length if s.Elevation is not None else None)
            for s in model.by_type("IfcBuildingStorey")
        ),
        key=lambda s: (s.elevation is None, s.elevation or 0.0),
    )
    return IfcFileInfo(
        schema=model.schema,
        schema_identifier=model.schema_identifier,
        length_unit_to_metres=scale.length,
        timestamp=file_name.time_stamp or None,
        authoring_application=(file_name.originating_system or "").strip() or _application(model),
        storeys=tuple(storeys),
    )


def _application(model: Any) -> str | None:
    for application in model.by_type("IfcApplication"):
        name = " ".join(filter(None, (application.ApplicationFullName, application.Version)))
        if name:
            return name
    return None


__all__ = ["IfcModel", "IfcReadError", "extract_elements", "open_ifc"]
