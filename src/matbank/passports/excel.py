"""The Excel passport: general data, totals, one sheet per layer with its elements and a
product annex; numbers are written unrounded."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from matbank.passports import tables
from matbank.passports.data import PassportData
from matbank.passports.presets import Preset

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(title: str, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub(" ", title).strip()[:28] or "Sheet"
    name, number = base, 2
    while name.lower() in used:
        name, number = f"{base[:25]} {number}", number + 1
    used.add(name.lower())
    return name


def _write(sheet: Worksheet, table: tables.Table) -> None:
    sheet.append([table.title])
    sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True, size=13)
    sheet.append(list(table.header))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append(list(row))
    sheet.append([])


def render_excel(data: PassportData, t: dict[str, str], preset: Preset, kind: str) -> bytes:
    workbook = Workbook()
    used: set[str] = set()
    general = workbook.active
    general.title = _sheet_name(t["general"], used)
    _write(general, tables.general(data, t, kind))
    totals = workbook.create_sheet(_sheet_name(t["totals"], used))
    _write(totals, tables.key_figures(data, t))
    for section in preset.result_sections:
        _write(totals, tables.section_table(section, data, t, preset))
    for layer, lines in data.layers().items():
        sheet = workbook.create_sheet(_sheet_name(f"{t['layer']} {layer}", used))
        _write(sheet, tables.layer_elements(layer, lines, t))
    annex = workbook.create_sheet(_sheet_name(t["product_annex"], used))
    _write(annex, tables.product_annex(data, t))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
