"""Reading a Madaster Excel source workbook into element records (streaming, read-only).

Each phase sheet (see :mod:`matbank.importers.excel_layout`) is read row by row with
openpyxl in read-only mode, so memory does not grow with the number of rows. The header row
is the first of the top rows that names the Material/Product column. Every non-empty row
becomes one :class:`SourceRow`; its phase comes from the sheet. A workbook that cannot be
read raises :class:`ExcelReadError` with the sheet, row and column at fault.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from matbank.errors import InvalidRequest
from matbank.importers.excel_layout import (
    QUANTITY_KEYS,
    REQUIRED_KEYS,
    Column,
    column_for,
    phase_of_sheet,
)
from matbank.importers.ifc_records import Phase

HEADER_SEARCH_ROWS = 10
MAX_COLUMNS = 200
MAX_UNPACKED_BYTES = 1024**3
MAX_RATIO = 200.0


class ExcelReadError(InvalidRequest):
    """An uploaded workbook cannot be imported; the message says where and why."""

    code = "excel_unreadable"
    title = "The Excel file cannot be read."


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One element of a source workbook; quantities in m³, m², m and pieces, shares (reuse,
    construction waste) as fractions, the installation date as a date."""

    sheet: str
    row: int
    phase: Phase
    values: dict[str, Any] = field(default_factory=dict)

    def text(self, key: str) -> str | None:
        value = self.values.get(key)
        return None if value is None else str(value)

    def number(self, key: str) -> float | None:
        value = self.values.get(key)
        return None if value is None else float(value)

    def date(self, key: str) -> date | None:
        value = self.values.get(key)
        return value if isinstance(value, date) else None


@dataclass(frozen=True, slots=True)
class _Sheet:
    title: str
    phase: Phase
    header_row: int
    columns: dict[int, Column]


class SourceWorkbook:
    """An opened source workbook: its phase sheets, their row counts and their rows."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.name = Path(path).name
        self._book = _open(Path(path))
        self.sheets = [self._sheet(ws) for ws in self._book.worksheets if phase_of_sheet(ws.title)]
        if not self.sheets:
            self.close()
            raise ExcelReadError(
                f"{self.name}: no sheet named Demolition, Preserved or New materials "
                "(German: Rückbau, Verbleibend, Einbau) was found."
            )

    def close(self) -> None:
        self._book.close()

    def count_rows(self) -> int:
        """An upper bound of the rows :meth:`rows` yields (the sheets' data extents)."""
        return sum(max(0, (self._book[s.title].max_row or 0) - s.header_row) for s in self.sheets)

    def rows(self) -> Iterator[SourceRow]:
        for sheet in self.sheets:
            worksheet = self._book[sheet.title]
            start = sheet.header_row + 1
            for number, cells in enumerate(
                worksheet.iter_rows(min_row=start, values_only=True), start
            ):
                record = _record(sheet, number, cells)
                if record is not None:
                    yield record

    def safe_rows(self) -> Iterator[SourceRow]:
        """:meth:`rows`, with damage found while streaming reported as :class:`ExcelReadError`."""
        try:
            yield from self.rows()
        except ExcelReadError:
            raise
        except Exception as exc:  # damaged XML inside the package surfaces only while reading
            raise ExcelReadError(f"{self.name}: the workbook is damaged ({exc}).") from exc

    def _sheet(self, worksheet: Any) -> _Sheet:
        phase = phase_of_sheet(worksheet.title)
        assert phase is not None
        for number, cells in enumerate(
            worksheet.iter_rows(max_row=HEADER_SEARCH_ROWS, max_col=MAX_COLUMNS, values_only=True),
            1,
        ):
            columns = {i: c for i, cell in enumerate(cells) if (c := column_for(cell)) is not None}
            if any(c.key == "material_name" for c in columns.values()):
                _check_required(worksheet.title, number, columns)
                return _Sheet(worksheet.title, phase, number, columns)
        raise ExcelReadError(
            f"{self.name}, sheet '{worksheet.title}': no header row with a 'Material/Product' "
            f"('Material/Produkt') column in the first {HEADER_SEARCH_ROWS} rows."
        )


def _open(path: Path) -> Any:
    if not zipfile.is_zipfile(path):
        raise ExcelReadError(f"{path.name}: not an Excel workbook (.xlsx).")
    _check_package(path)
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many unrelated types for damaged files
        raise ExcelReadError(f"{path.name}: the workbook cannot be opened ({exc}).") from exc


def _check_package(path: Path) -> None:
    """Refuse packages that would unpack to far more than they weigh (zip bombs)."""
    with zipfile.ZipFile(path) as package:
        unpacked = sum(info.file_size for info in package.infolist())
    ratio = unpacked / max(path.stat().st_size, 1)
    if unpacked > MAX_UNPACKED_BYTES or ratio > MAX_RATIO:
        raise ExcelReadError(
            f"{path.name}: the workbook would unpack to {unpacked} bytes ({ratio:.0f} times its "
            "size); refused as a possible zip bomb."
        )


def _check_required(title: str, header_row: int, columns: dict[int, Column]) -> None:
    keys = {c.key for c in columns.values()}
    missing = [key for key in REQUIRED_KEYS if key not in keys]
    if missing:
        names = ", ".join(f"'{_header(key)}'" for key in missing)
        raise ExcelReadError(f"Sheet '{title}', header row {header_row}: missing column {names}.")
    if not keys & set(QUANTITY_KEYS):
        raise ExcelReadError(
            f"Sheet '{title}', header row {header_row}: no quantity column; give at least one "
            "of 'Volume (m³)', 'Area (m²)', 'Length (m)' or 'Amount (pieces)'."
        )


def _header(key: str) -> str:
    from matbank.importers.excel_layout import COLUMNS

    return next(c.en for c in COLUMNS if c.key == key)


def _record(sheet: _Sheet, number: int, cells: tuple[Any, ...]) -> SourceRow | None:
    values: dict[str, Any] = {}
    for index, column in sheet.columns.items():
        raw = cells[index] if index < len(cells) else None
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        values[column.key] = _value(sheet, number, index, column, raw)
    if not values:
        return None
    if "material_name" not in values:
        raise ExcelReadError(
            f"Sheet '{sheet.title}', row {number}, column {_letter(sheet, 'material_name')} "
            "('Material/Product'): the material or product is required."
        )
    return SourceRow(sheet.title, number, sheet.phase, values)


def _value(sheet: _Sheet, number: int, index: int, column: Column, raw: Any) -> Any:
    if column.kind == "text":
        return str(raw).strip()[:1000] if not isinstance(raw, float) else _plain_number(raw)
    where = f"Sheet '{sheet.title}', row {number}, column {get_column_letter(index + 1)} "
    where += f"('{column.en}')"
    if column.kind == "date":
        found = _as_date(raw)
        if found is None:
            raise ExcelReadError(f"{where}: {str(raw)[:60]!r} is not a date (e.g. 2030-01-31).")
        return found
    number_value = _as_percent(raw) if column.kind == "percent" else _as_number(raw)
    if number_value is None:
        raise ExcelReadError(f"{where}: {str(raw)[:60]!r} is not a number.")
    if number_value < 0:
        raise ExcelReadError(f"{where}: {number_value} is negative.")
    if column.kind == "percent" and number_value > 1:
        raise ExcelReadError(f"{where}: {str(raw)[:60]!r} is more than 100 %.")
    return number_value


def _as_percent(raw: Any) -> float | None:
    """A share as a fraction: "25 %" (an explicit percentage), 0.25 (a fraction, as a cell
    formatted as a percentage stores it) or 25 (a percentage: any plain number above 1)."""
    if isinstance(raw, str) and raw.strip().endswith("%"):
        value = _as_number(raw.strip()[:-1])
        return None if value is None else value / 100.0
    value = _as_number(raw)
    return value / 100.0 if value is not None and value > 1 else value


DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y")


def _as_date(raw: Any) -> date | None:
    """A date cell, or a date typed as text: ISO (2030-01-31) or day first (31.01.2030,
    31-01-2030, 31/01/2030, as the template's languages write dates)."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if not isinstance(raw, str):
        return None
    text = raw.strip()[:10]
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _as_number(raw: Any) -> float | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw) if raw == raw and abs(raw) != float("inf") else None
    text = str(raw).strip().replace(" ", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")  # a decimal comma, as German sheets write numbers
    try:
        return _as_number(float(text))
    except ValueError:
        return None


def _plain_number(value: float) -> str:
    """Codes typed as numbers (21.1, 4) read back as the text a person typed."""
    return str(int(value)) if value.is_integer() else repr(value)


def _letter(sheet: _Sheet, key: str) -> str:
    index = next(i for i, c in sheet.columns.items() if c.key == key)
    return get_column_letter(index + 1)


__all__ = ["ExcelReadError", "SourceRow", "SourceWorkbook"]
