"""The PDF passport (fpdf2): a cover with the building's data, QR code, key figures, source
files and databases; then per section of the preset a chart and its table. The OnePager puts
the charts of its sections on the cover page; the Full passport adds each layer's elements
and the product annex."""

from __future__ import annotations

import math

from matbank.db import utcnow
from matbank.passports import tables
from matbank.passports.charts import section_chart
from matbank.passports.cover import draw_cover
from matbank.passports.data import PassportData
from matbank.passports.layout import ACCENT, PassportDocument, latin, number
from matbank.passports.presets import ELEMENTS, Preset

__all__ = ["number", "render_pdf"]

CHART_HEIGHT = 68.0  # mm, a full-width section chart
ELEMENT_WIDTHS = (24, 40, 34, 34, 16, 16, 16)


def _one_pager_charts(pdf: PassportDocument, data: PassportData, t: dict[str, str],
                      preset: Preset) -> None:
    """The chosen sections' charts, two per row, in the room left on the cover page."""
    sections = preset.result_sections[:4]
    if not sections:
        return
    rows = math.ceil(len(sections) / 2)
    height = min(75.0, (pdf.room() - 2) / rows - 8)
    width = (pdf.epw - 6) / 2
    for row in range(rows):
        top = pdf.get_y()
        for column, section in enumerate(sections[row * 2 : row * 2 + 2]):
            x = pdf.l_margin + column * (width + 6)
            pdf.set_xy(x, top)
            pdf.set_font("Helvetica", style="B", size=8.5)
            pdf.cell(width, 5, t[f"section_{section}"][:60])
            pdf.chart(section_chart(section, data, t, preset, (width, height)), x=x, y=top + 6)
        pdf.set_y(top + height + 8)


def _contents(pdf: PassportDocument, t: dict[str, str], entries: dict[str, str]) -> dict[str, int]:
    """The cover's list of what follows, each entry a link to its page (set when reached)."""
    pdf.ensure_room(12 + 6 * len(entries))
    pdf.section_heading(t["contents"])
    links = {}
    for key, title in entries.items():
        links[key] = pdf.add_link()
        pdf.set_font("Helvetica", size=9)
        pdf.set_text_color(*ACCENT)
        pdf.cell(0, 6, f"> {latin(title)}", link=links[key], new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    return links


def _start(pdf: PassportDocument, title: str, link: int) -> None:
    """A section begins here: a bookmark in the PDF outline and its contents link's target."""
    pdf.start_section(latin(title))
    pdf.set_link(link, y=pdf.get_y(), page=pdf.page)


def _section(pdf: PassportDocument, section: str, data: PassportData, t: dict[str, str],
             preset: Preset, link: int) -> None:
    table = tables.section_table(section, data, t, preset)
    chart = section_chart(section, data, t, preset, (pdf.epw, CHART_HEIGHT))
    pdf.ensure_room(CHART_HEIGHT + 30 if chart else 30)
    _start(pdf, t[f"section_{section}"], link)
    pdf.section_heading(table.title)
    pdf.chart(chart)
    pdf.grid(table.header, table.rows)
    pdf.ln(2)


def _elements(
    pdf: PassportDocument, data: PassportData, t: dict[str, str], links: dict[str, int]
) -> None:
    pdf.add_page()
    _start(pdf, t["elements"], links[ELEMENTS])
    for layer, lines in data.layers().items():
        table = tables.layer_elements(layer, lines, t)
        pdf.ensure_room(20)
        pdf.section_heading(table.title)
        pdf.long_table(table.header, table.rows, ELEMENT_WIDTHS)
    annex = tables.product_annex(data, t)
    pdf.ensure_room(20)
    _start(pdf, annex.title, links["annex"])
    pdf.section_heading(annex.title)
    pdf.long_table(annex.header, annex.rows, (120, 30, 30))


def render_pdf(data: PassportData, t: dict[str, str], preset: Preset, kind: str) -> bytes:
    pdf = PassportDocument(t["title"], data.building.name, utcnow().date())
    draw_cover(pdf, data, t, kind)
    if kind == "OnePager":
        _one_pager_charts(pdf, data, t, preset)
        return bytes(pdf.output())
    entries = {s: t[f"section_{s}"] for s in preset.result_sections}
    if ELEMENTS in preset.sections:
        entries.update({ELEMENTS: t["elements"], "annex": t["product_annex"]})
    links = _contents(pdf, t, entries)
    if preset.result_sections:
        pdf.add_page()
    for section in preset.result_sections:
        _section(pdf, section, data, t, preset, links[section])
    if ELEMENTS in preset.sections:
        _elements(pdf, data, t, links)
    return bytes(pdf.output())
