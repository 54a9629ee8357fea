"""The PDF passport (fpdf2, built-in fonts): a cover with the building's data and key figures,
then a table per section of the preset; the Full type adds each layer's elements and the
product annex."""

from __future__ import annotations

from fpdf import FPDF

from matbank.passports import tables
from matbank.passports.data import PassportData
from matbank.passports.presets import ELEMENTS, Preset


def number(value: tables.Cell) -> str:
    """How a cell is printed: numbers with two decimals, fractions (|x| < 1) with four."""
    if value is None:
        return "-"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.4f}" if abs(value) < 1 else f"{value:,.2f}"


def _latin(text: str) -> str:
    """The built-in PDF fonts cover Latin-1 only."""
    return text.encode("latin-1", "replace").decode("latin-1")


class _Document(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.passport_title = title
        self.set_auto_page_break(auto=True, margin=15)
        self.set_title(_latin(title))

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 6, _latin(f"{self.passport_title} - {self.page_no()}"), align="C")


def _table(pdf: _Document, table: tables.Table) -> None:
    pdf.set_font("Helvetica", style="B", size=12)
    pdf.multi_cell(0, 8, _latin(table.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=7 if len(table.header) > 4 else 9)
    with pdf.table(text_align="LEFT", first_row_as_headings=True) as grid:
        grid.row([_latin(h) for h in table.header])
        for row in table.rows:
            grid.row([_latin(number(cell)) for cell in row])
    pdf.ln(4)


def _cover(pdf: _Document, data: PassportData, t: dict[str, str], kind: str) -> None:
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=20)
    pdf.multi_cell(0, 12, _latin(f"{t['title']}: {data.building.name}"), new_x="LMARGIN")
    pdf.ln(4)
    _table(pdf, tables.general(data, t, kind))
    _table(pdf, tables.key_figures(data, t))


def render_pdf(data: PassportData, t: dict[str, str], preset: Preset, kind: str) -> bytes:
    pdf = _Document(f"{t['title']} {data.building.name}")
    _cover(pdf, data, t, kind)
    sections = [s for s in preset.sections if s in tables.SECTIONS]
    if sections:
        pdf.add_page()
    for section in sections:
        _table(pdf, tables.SECTIONS[section](data, t))
    if ELEMENTS in preset.sections:
        pdf.add_page()
        for layer, lines in data.layers().items():
            _table(pdf, tables.layer_elements(layer, lines, t))
        _table(pdf, tables.product_annex(data, t))
    return bytes(pdf.output())
