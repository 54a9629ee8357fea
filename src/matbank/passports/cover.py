"""The passport's first page: the building's data, a QR code to its page, the key figures,
the source files with their completeness and the databases used.

The QR code is drawn as filled rectangles (vector), one per run of dark modules in a row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import segno

from matbank.passports import tables
from matbank.passports.data import PassportData
from matbank.passports.layout import ACCENT, LIGHT, MUTED, latin, number

if TYPE_CHECKING:
    from matbank.passports.pdf import PassportDocument

QR_SIZE = 34.0  # mm
#: The most source files the cover lists; a OnePager must keep room for its charts.
MAX_SOURCE_FILES = 6


def draw_qr(pdf: PassportDocument, url: str, x: float, y: float, size: float) -> None:
    """A QR code (error correction M) for ``url``, ``size`` mm wide, with its quiet zone."""
    code = segno.make(url, error="m", micro=False)
    rows = [list(row) for row in code.matrix]
    module = size / (len(rows) + 8)
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x, y, size, size, style="F")
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(rows):
        c = 0
        while c < len(row):
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            left, top = x + (start + 4) * module, y + (r + 4) * module
            pdf.rect(left, top, (c - start) * module, module, style="F")


def _band(pdf: PassportDocument, data: PassportData, t: dict[str, str], kind: str) -> None:
    pdf.set_fill_color(*ACCENT)
    pdf.rect(0, 0, pdf.w, 42, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_xy(pdf.l_margin, 10)
    pdf.set_font("Helvetica", style="B", size=10)
    pdf.cell(0, 5, latin(t["title"]), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", style="B", size=20)
    pdf.multi_cell(pdf.epw - 10, 10, latin(data.building.name), new_x="LMARGIN", new_y="NEXT",
                   max_line_height=10)
    pdf.set_font("Helvetica", size=9)
    pdf.cell(0, 5, latin(f"{t['passport_type']}: {t.get('type_' + kind, kind)}"))
    pdf.set_text_color(0, 0, 0)
    pdf.set_y(48)


def _link_row(pdf: PassportDocument, label: str, url: str) -> None:
    """The building's web address under its data, as a link (the QR code opens the same)."""
    pdf.set_font("Helvetica", size=8)
    pdf.set_text_color(*MUTED)
    pdf.cell(45, 5, latin(label))
    pdf.set_text_color(*ACCENT)
    pdf.set_font("Helvetica", size=7)
    pdf.cell(pdf.epw - QR_SIZE - 50, 5, latin(url), link=url, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)


def _general(pdf: PassportDocument, data: PassportData, t: dict[str, str], kind: str) -> None:
    """Label/value lines of the building's data, left of the QR code."""
    rows = [*tables.general(data, t, kind).rows]
    rows.insert(3, (t["owner"], data.owner or t["not_available"]))
    top = pdf.get_y()
    pdf.section_heading(t["general"])
    for label, value in rows:
        if label == t["passport_type"]:
            continue
        pdf.set_font("Helvetica", size=8)
        pdf.set_text_color(*MUTED)
        pdf.cell(45, 5, latin(str(label)))
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("Helvetica", style="B", size=8.5)
        pdf.cell(pdf.epw - QR_SIZE - 50, 5, latin(number(value)), new_x="LMARGIN", new_y="NEXT")
    if data.url:
        _link_row(pdf, t["online"], data.url)
        draw_qr(pdf, data.url, pdf.l_margin + pdf.epw - QR_SIZE, top + 2, QR_SIZE)
    pdf.set_y(max(pdf.get_y(), top + QR_SIZE + 6) + 2)


def _tiles(pdf: PassportDocument, data: PassportData, t: dict[str, str]) -> None:
    """The key figures as a grid of tiles, three per row, each value as the tables print it."""
    pdf.section_heading(t["key_figures"])
    figures = tables.key_figures(data, t).rows[:6]
    width, height, gap = (pdf.epw - 8) / 3, 17.0, 4.0
    top = pdf.get_y()
    for index, (label, value) in enumerate(figures):
        x = pdf.l_margin + (index % 3) * (width + gap)
        y = top + (index // 3) * (height + 3)
        pdf.set_fill_color(*LIGHT)
        pdf.rect(x, y, width, height, style="F")
        pdf.set_fill_color(*ACCENT)
        pdf.rect(x, y, 1.2, height, style="F")
        pdf.set_xy(x + 3, y + 2)
        pdf.set_font("Helvetica", size=7)
        pdf.set_text_color(*MUTED)
        pdf.cell(width - 4, 4, latin(str(label)))
        pdf.set_xy(x + 3, y + 7.5)
        pdf.set_font("Helvetica", style="B", size=13)
        pdf.set_text_color(*ACCENT)
        pdf.cell(width - 4, 7, latin(number(value)))
    pdf.set_text_color(0, 0, 0)
    pdf.set_y(top + 2 * (height + 3) + 2)
    count = data.context.get("elementCount", 0)
    included = data.context.get("includedElementCount", 0)
    pdf.set_font("Helvetica", size=7.5)
    pdf.set_text_color(*MUTED)
    line = f"{t['elements']}: {number(count)}  -  {t['included_elements']}: {number(included)}"
    pdf.cell(0, 4, latin(line), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)


def _sources(pdf: PassportDocument, data: PassportData, t: dict[str, str]) -> None:
    """Active source files with their status, element count and share of linked elements."""
    pdf.section_heading(t["source_files"])
    shown = data.source_files[:MAX_SOURCE_FILES]
    header = (t["file"], t["status"], t["uploaded"], t["count"], t["linked"])
    rows = [
        (f.name, t.get(f"status_{f.status}", f.status), f.uploaded, f.element_count,
         tables.Share(f.linked_share))
        for f in shown
    ]
    if not rows:
        pdf.small_text(t["no_source_files"])
    else:
        pdf.grid(header, rows, (74, 30, 26, 25, 25))
    hidden = len(data.source_files) - len(shown)
    if hidden > 0:
        pdf.small_text(t["more_files"].format(count=hidden))
    pdf.ln(1)
    pdf.set_font("Helvetica", style="B", size=8)
    pdf.cell(40, 5, latin(t["databases"]))
    pdf.set_font("Helvetica", size=8)
    names = ", ".join(data.databases) or t["not_available"]
    pdf.multi_cell(0, 5, latin(names), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def draw_cover(pdf: PassportDocument, data: PassportData, t: dict[str, str], kind: str) -> None:
    pdf.add_page()
    _band(pdf, data, t, kind)
    _general(pdf, data, t, kind)
    _tiles(pdf, data, t)
    _sources(pdf, data, t)
