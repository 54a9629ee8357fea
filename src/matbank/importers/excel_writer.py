"""Writing workbooks in the Excel source template layout: the empty template and exports.

Both are generated with openpyxl in write-only mode (rows are streamed to disk), in English
or German. An export writes one row per element into the sheet of its phase, with the
element's own id in the "Element id" column, so the workbook can be edited and uploaded
again as a new source file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from matbank.elements.schemas import Accessibility, ConnectionType, Intersection, ProductEdge
from matbank.importers.excel_layout import (
    COLUMNS,
    PHASE_SHEETS,
    Column,
    header_of,
    letter_of,
    sheet_title,
)

SELECTORS = {
    "connection_type": [m.value for m in ConnectionType],
    "accessibility": [m.value for m in Accessibility],
    "intersection": [m.value for m in Intersection],
    "product_edge": [m.value for m in ProductEdge],
}
VALIDATED_ROWS = 5000

GUIDE = {
    "en": (
        "matbank source template",
        "Enter each building element as one row on the sheet of its phase: Demolition "
        "(removed), Preserved (kept) or New materials (added).",
        "Material/Product is required and drives the automatic matching; give at least one "
        "quantity in metres: volume, area or length, or an amount in pieces.",
        "Classification code: a code of the classification method chosen for the file.",
        "Element id is optional; rows without one get an id from their sheet and row.",
        "% reused, % available for reuse and assumed construction waste override the "
        "product's values for the element (25 %, 0.25 and 25 all mean a quarter); lifespan "
        "(years) and installation date (2030-01-31) set when it is replaced (B4).",
        "Upload the workbook as a source file; columns are recognised by their header text.",
    ),
    "de": (
        "matbank Vorlage für Quelldateien",
        "Jedes Bauteil als eine Zeile im Blatt seiner Phase: Rückbau (entfernt), "
        "Verbleibend (bleibt) oder Einbau (neu).",
        "Material/Produkt ist Pflicht und steuert die automatische Zuordnung; mindestens "
        "eine Menge in Metern angeben: Volumen, Fläche oder Länge.",
        "Anzahl Elemente multipliziert die Mengen der Zeile; ohne Volumen wird Fläche × "
        "Dicke gerechnet.",
        "Element-ID ist optional; Zeilen ohne ID erhalten eine aus Blatt und Zeile.",
        "% wiederverwendet, % zur Wiederverwendung verfügbar und angenommener Bauabfall "
        "ersetzen die Werte des Produkts für das Bauteil (25 %, 0,25 und 25 bedeuten ein "
        "Viertel); Lebensdauer (Jahre) und Einbaudatum (31.01.2030) bestimmen den Austausch "
        "(B4).",
        "Die Arbeitsmappe als Quelldatei hochladen; Spalten werden am Kopftext erkannt.",
    ),
}


def columns_of(language: str) -> list[tuple[int, Column]]:
    """(zero-based position, column) of every column the template has in this language."""
    placed = [
        (column_index_from_string(letter) - 1, column)
        for column in COLUMNS
        if (letter := letter_of(column, language)) is not None
    ]
    return sorted(placed, key=lambda item: item[0])


def write_template(target: str | os.PathLike[str], language: str) -> None:
    """An empty source workbook in the given language ("de" or English otherwise)."""
    write_elements(target, language, ())


def write_elements(
    target: str | os.PathLike[str],
    language: str,
    rows: Iterable[tuple[str, Mapping[str, Any]]],
) -> int:
    """Write ``(phase, values by column key)`` rows; returns how many were written."""
    language = "de" if language == "de" else "en"
    book = Workbook(write_only=True)
    _guide(book, language)
    placed = columns_of(language)
    sheets = {
        sheet.phase: _phase_sheet(book, sheet_title(sheet, language), placed, language)
        for sheet in PHASE_SHEETS
    }
    width = placed[-1][0] + 1
    written = 0
    for phase, values in rows:
        sheet = sheets.get(phase, sheets["New"])
        line: list[Any] = [None] * width
        for position, column in placed:
            line[position] = _cell(sheet, column, values.get(column.key))
        sheet.append(line)
        written += 1
    _lists(book)
    book.save(os.fspath(target))
    return written


#: Display formats of the typed columns: shares are stored as fractions and shown as
#: percentages (and read back as the same fractions), dates as ISO dates.
NUMBER_FORMATS = {"percent": "0.##%", "date": "yyyy-mm-dd"}


def _cell(sheet: Any, column: Column, value: Any) -> Any:
    number_format = NUMBER_FORMATS.get(column.kind)
    if value is None or number_format is None:
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell


def _guide(book: Workbook, language: str) -> None:
    sheet = book.create_sheet("Quick start" if language == "en" else "Schnellstart")
    title, *lines = GUIDE[language]
    sheet.append([title])
    for line in lines:
        sheet.append([line])


def _phase_sheet(
    book: Workbook, title: str, placed: list[tuple[int, Column]], language: str
) -> Any:
    sheet = book.create_sheet(title)
    header: list[Any] = [None] * (placed[-1][0] + 1)
    for position, column in placed:
        header[position] = header_of(column, language)
        sheet.column_dimensions[get_column_letter(position + 1)].width = 18
    sheet.freeze_panes = "A2"
    for position, column in placed:
        if column.key in SELECTORS:
            letter = get_column_letter(position + 1)
            validation = DataValidation(
                type="list", formula1=_list_range(column.key), allow_blank=True
            )
            validation.add(f"{letter}2:{letter}{VALIDATED_ROWS}")
            sheet.data_validations.append(validation)
    sheet.append([_bold(sheet, text) for text in header])
    return sheet


def _bold(sheet: Any, text: str | None) -> Any:
    if text is None:
        return None
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=text)
    cell.font = Font(bold=True)
    return cell


def _list_range(key: str) -> str:
    position = list(SELECTORS).index(key) + 1
    letter = get_column_letter(position)
    return f"Lists!${letter}$2:${letter}${len(SELECTORS[key]) + 1}"


def _lists(book: Workbook) -> None:
    sheet = book.create_sheet("Lists")
    sheet.append(list(SELECTORS))
    longest = max(len(values) for values in SELECTORS.values())
    for index in range(longest):
        sheet.append(
            [values[index] if index < len(values) else None for values in SELECTORS.values()]
        )


__all__ = ["columns_of", "write_elements", "write_template"]
