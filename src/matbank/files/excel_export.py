"""Export of a source file's elements as an Excel source workbook that can be imported again.

Each exported row is one element that carries its own quantities: elements without
sub-elements, and the sub-elements (layers, constituents) of split elements; the split
element itself is left out so nothing is counted twice on re-import. The row goes to the
sheet of the element's phase and keeps the element's id in the "Element id" column.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from matbank.auth.principal import Principal
from matbank.elements.lookups import phase_from_lookup
from matbank.elements.models import Element
from matbank.elements.repository import ElementRepository
from matbank.errors import Conflict
from matbank.files.lifecycle import FileType
from matbank.files.service import get_file
from matbank.importers.excel_layout import OVERRIDE_KEYS

PAGE = 5000


def export_file_elements(
    session: Session,
    principal: Principal,
    building_id: uuid.UUID,
    file_id: uuid.UUID,
    language: str,
    target: Path,
) -> str:
    """Write the workbook to ``target``; returns the download file name."""
    building_file = get_file(session, principal, building_id, file_id)
    if building_file.file_type != FileType.SOURCE.value:
        raise Conflict(
            f"File '{building_file.name}' ({file_id}) is a {building_file.file_type} file; "
            "only the elements of Source files can be exported."
        )
    repo = ElementRepository(session)
    parents = {e.parent_element_id for e in _all(repo, file_id) if e.parent_element_id}
    rows = (
        (_phase(element), export_values(element))
        for element in _all(repo, file_id)
        if element.element_id not in parents
    )
    from matbank.importers import excel_writer  # openpyxl: loaded on first export only

    excel_writer.write_elements(target, language, rows)
    stem = Path(building_file.name).stem or "elements"
    return f"{stem}-elements.xlsx"


def write_source_template(language: str, target: Path) -> str:
    from matbank.importers import excel_writer  # openpyxl: loaded on first export only

    excel_writer.write_template(target, language)
    return "matbank-source-template-de.xlsx" if language == "de" else "matbank-source-template.xlsx"


def export_values(element: Element) -> dict[str, Any]:
    """The template columns of one element."""
    detachability = {
        key: value
        for key in ("connection_type", "accessibility", "intersection", "product_edge")
        if (value := getattr(element, key)) and value != "Unknown"
    }
    return {
        "element_id": element.element_id,
        "gtin": element.gtin,
        "article_number": element.article_number,
        "material_id": str(element.material_id) if element.material_id else None,
        "external_database_id": element.external_database_id,
        "name": element.name,
        "material_name": element.material_name,
        "classification": element.classification_code or element.classification_lookup,
        "floor": element.floor,
        "volume": element.volume,
        "area": element.area,
        "length": element.length,
        "count": element.count,
        "building_numbers": _numbers(element.building_numbers),
        **detachability,
        **{key: getattr(element, key) for key in OVERRIDE_KEYS},
    }


def _phase(element: Element) -> str:
    return element.phase or phase_from_lookup(element.phase_lookup, "New")


def _numbers(shares: list[dict[str, Any]] | None) -> str | None:
    """Equal shares as the comma list they came from; other ratios cannot be written."""
    return ", ".join(str(s["buildingNumber"]) for s in shares) if shares else None


def _all(repo: ElementRepository, file_id: uuid.UUID) -> Iterator[Element]:
    skip = 0
    while True:
        page = repo.page(file_id, None, PAGE, skip)
        yield from page
        if len(page) < PAGE:
            return
        skip += PAGE
