"""The passport's page layout on fpdf2: colours, headings, tables and placed charts.

Built-in PDF fonts (Helvetica) keep the files small and fast to write; they cover Latin-1,
which holds every language the passport prints in.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from fpdf import FPDF, FontFace
from fpdf.enums import TableBordersLayout, TableCellFillMode

from matbank.passports.charts import Chart
from matbank.passports.tables import Cell, Share, Table

ACCENT = (31, 95, 91)
LIGHT = (238, 244, 242)
MUTED = (100, 100, 100)
ROW_HEIGHT = 4.2
CELL_PADDING = 1.0
WIDEST_GLYPH = 1015  # Helvetica's widest glyph, in thousandths of the font size


def number(value: Cell) -> str:
    """How a cell is printed: shares as percentages, numbers with two decimals, non-zero
    fractions (|x| < 1) with four."""
    if value is None:
        return "-"
    if isinstance(value, Share):
        return f"{value:.1%}"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.4f}" if 0 < abs(value) < 1 else f"{value:,.2f}"


def latin(text: str) -> str:
    """The built-in PDF fonts cover Latin-1 only."""
    return text.encode("latin-1", "replace").decode("latin-1")


def _numeric(rows: Sequence[Sequence[Cell]], column: int) -> bool:
    return any(isinstance(row[column], int | float) for row in rows)


class PassportDocument(FPDF):
    """An A4 passport: running header and footer on every page after the cover."""

    def __init__(self, title: str, building: str, generated: date) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.passport_title = latin(title)
        self.building_name = latin(building)
        self.generated = generated.isoformat()
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(auto=True, margin=16)
        self.set_title(latin(f"{title} {building}"))
        self.set_creator("matbank")
        self.alias_nb_pages()

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font("Helvetica", size=7.5)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.passport_title} - {self.building_name}")
        self.set_draw_color(*ACCENT)
        self.set_line_width(0.4)
        self.line(self.l_margin, 20.5, self.w - self.r_margin, 20.5)
        self.set_text_color(0, 0, 0)
        self.set_y(24)

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font("Helvetica", size=7)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.building_name} - {self.generated}", align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"{self.page_no()} / {{nb}}", align="R")
        self.set_text_color(0, 0, 0)

    def room(self) -> float:
        """Height (mm) left above the bottom margin."""
        return self.page_break_trigger - self.get_y()

    def ensure_room(self, height: float) -> None:
        if self.room() < height:
            self.add_page()

    def section_heading(self, title: str, size: float = 11) -> None:
        self.set_font("Helvetica", style="B", size=size)
        self.set_text_color(*ACCENT)
        self.multi_cell(0, size * 0.55, latin(title), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.ln(1)

    def small_text(self, text: str) -> None:
        self.set_font("Helvetica", style="I", size=7.5)
        self.set_text_color(*MUTED)
        self.multi_cell(0, 4, latin(text), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)

    def chart(self, chart: Chart | None, x: float | None = None, y: float | None = None) -> None:
        """Embed a chart's SVG as vector paths at its drawn size."""
        if chart is None:
            return
        left = self.l_margin if x is None else x
        top = self.get_y() if y is None else y
        self.image(io.BytesIO(chart.svg), x=left, y=top, w=chart.width, h=chart.height)
        if y is None:
            self.set_y(top + chart.height + 2)

    def grid(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[Cell]],
        widths: Sequence[float] | None = None,
    ) -> None:
        """A small table: a coloured heading row, banded rows, numbers aligned right."""
        if not rows:
            return
        aligns = tuple("RIGHT" if _numeric(rows, i) else "LEFT" for i in range(len(header)))
        self.set_font("Helvetica", size=7.5 if len(header) > 3 else 8)
        self.set_draw_color(210, 210, 210)
        self.set_line_width(0.1)
        heading = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=ACCENT)
        self.set_fill_color(255, 255, 255)  # unbanded rows take the current fill colour
        with self.table(
            col_widths=tuple(widths) if widths else None,
            text_align=aligns,
            headings_style=heading,
            cell_fill_color=LIGHT,
            cell_fill_mode=TableCellFillMode.ROWS,
            borders_layout=TableBordersLayout.HORIZONTAL_LINES,
            line_height=ROW_HEIGHT,
            padding=(0.6, 1.2),
            width=sum(widths) if widths else self.epw,
            align="LEFT",
        ) as table:
            table.row([latin(h) for h in header])
            for row in rows:
                table.row([latin(number(cell)) for cell in row])
        self.ln(3)

    def table_section(self, table: Table) -> None:
        self.ensure_room(20)
        self.section_heading(table.title, size=9.5)
        self.grid(table.header, table.rows)

    def text_width(self, text: str) -> float:
        """Width (mm) of Latin-1 ``text`` in the current built-in font, from its glyph widths."""
        widths = self.current_font.cw  # type: ignore[union-attr]
        return sum(map(widths.__getitem__, text)) * self.font_size / 1000

    def _fit(self, text: str, width: float) -> str:
        """``text`` cut with an ellipsis to fit ``width`` less the cell padding."""
        room = width - 2 * CELL_PADDING
        if len(text) * WIDEST_GLYPH * self.font_size / 1000 <= room:
            return text  # fits even if every glyph were the widest: no need to measure
        if self.text_width(text) <= room:
            return text
        while text and self.text_width(text + "...") > room:
            text = text[:-1]
        return text + "..."

    def _row(self, cells: Sequence[str], widths: Sequence[float], right: Sequence[bool]) -> None:
        """One line of cells written as a single PDF text object, each cell placed by its
        text matrix: no per-cell layout engine, which keeps long tables fast."""
        assert self.current_font is not None and self.text_color is not None
        font = self._set_font_for_page(self.current_font, self.font_size_pt, False)
        baseline = (self.h - self.get_y() - ROW_HEIGHT * 0.72) * self.k
        parts = ["q", self.text_color.serialize().lower(), "BT", font]
        x = self.l_margin
        for text, width, align_right in zip(cells, widths, right, strict=True):
            fitted = self._fit(text, width)
            if fitted:
                offset = CELL_PADDING
                if align_right:
                    offset = width - CELL_PADDING - self.text_width(fitted)
                parts.append(f"1 0 0 1 {(x + offset) * self.k:.2f} {baseline:.2f} Tm")
                parts.append(self.current_font.encode_text(fitted))
            x += width
        parts.append("ET Q")
        self._out(" ".join(parts))
        self.set_y(self.get_y() + ROW_HEIGHT)

    def _long_header(self, header: Sequence[str], widths: Sequence[float]) -> None:
        self.set_fill_color(*ACCENT)
        self.rect(self.l_margin, self.get_y(), sum(widths), ROW_HEIGHT + 0.4, style="F")
        self.set_font("Helvetica", style="B", size=6.5)
        self.set_text_color(255, 255, 255)
        self._row([latin(h) for h in header], widths, [False] * len(header))
        self.set_text_color(0, 0, 0)
        self.set_font("Helvetica", size=6.5)
        self.set_fill_color(*LIGHT)

    def long_table(
        self, header: Sequence[str], rows: Sequence[Sequence[Cell]], widths: Sequence[float]
    ) -> None:
        """A table of many one-line rows (element lists): cells are cut to fit, the heading
        row repeats on every page. Rows are written as positioned text, which keeps tens of
        thousands of rows fast where fpdf2's cell layout would take seconds."""
        right = [_numeric(rows, i) for i in range(len(header))]
        self._long_header(header, widths)
        for index, row in enumerate(rows):
            if self.room() < ROW_HEIGHT:
                self.add_page()
                self._long_header(header, widths)
            if index % 2:
                self.rect(self.l_margin, self.get_y(), sum(widths), ROW_HEIGHT, style="F")
            self._row([latin(number(cell)) for cell in row], widths, right)
        self.ln(3)
