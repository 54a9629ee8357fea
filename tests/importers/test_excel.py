"""The Excel source workbook: headers by text (English and German), phases by sheet, errors."""

from __future__ import annotations

import zipfile

import pytest
from openpyxl import Workbook

from matbank.importers.excel import ExcelReadError, SourceWorkbook
from matbank.importers.excel_writer import write_elements, write_template


def _book(path, sheets: dict[str, list[list]]):
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _rows(path):
    workbook = SourceWorkbook(path)
    try:
        return list(workbook.safe_rows())
    finally:
        workbook.close()


@pytest.mark.parametrize("language", ["en", "de"])
def test_written_rows_read_back_with_their_phase(tmp_path, language):
    path = tmp_path / "book.xlsx"
    write_elements(
        path,
        language,
        [
            ("New", {"material_name": "Concrete", "classification": "21.1", "volume": 2.5}),
            (
                "Demolition",
                {
                    "material_name": "Brick",
                    "classification": "21.2",
                    "area": 3.0,
                    "connection_type": "DryConnection",
                    "element_id": "wall-7",
                },
            ),
            ("Preserved", {"material_name": "Timber", "classification": "22", "length": 4.0}),
        ],
    )
    rows = {r.values["material_name"]: r for r in _rows(path)}
    assert rows["Concrete"].phase == "New" and rows["Concrete"].number("volume") == 2.5
    assert rows["Brick"].phase == "Demolition" and rows["Brick"].text("element_id") == "wall-7"
    assert rows["Brick"].text("connection_type") == "DryConnection"
    assert rows["Timber"].phase == "Preserved" and rows["Timber"].row == 2


def test_the_template_has_three_phase_sheets_and_no_rows(tmp_path):
    write_template(tmp_path / "en.xlsx", "en")
    write_template(tmp_path / "de.xlsx", "de")
    assert [s.title for s in SourceWorkbook(tmp_path / "en.xlsx").sheets] == [
        "Demolition",
        "Preserved",
        "New materials",
    ]
    assert [s.title for s in SourceWorkbook(tmp_path / "de.xlsx").sheets] == [
        "Rückbau",
        "Verbleibend",
        "Einbau",
    ]
    assert _rows(tmp_path / "de.xlsx") == []


def test_headers_are_recognised_by_text_in_any_order_and_language(tmp_path):
    path = _book(
        tmp_path / "mixed.xlsx",
        {
            "Quick start": [["Read me"]],
            "Einbau": [
                ["Projekt Musterhaus"],
                [
                    "Volumen m³",
                    "Klassifizierungscode",
                    "Material/Produkt",
                    "Anzahl Elemente",
                    "Beschreibung",
                    "Notiz",
                ],
                [1.5, 21.1, "Stahlbeton", 2, "Decke", "ignored"],
                [None, None, None, None, None, None],
                ["0,5", "22", "Holz", None, None, None],
            ],
        },
    )
    rows = _rows(path)
    assert [(r.row, r.values["material_name"]) for r in rows] == [(3, "Stahlbeton"), (5, "Holz")]
    assert rows[0].values["classification"] == "21.1" and rows[0].number("volume") == 1.5
    assert rows[0].number("number_of_elements") == 2 and rows[0].text("name") == "Decke"
    assert rows[1].number("volume") == 0.5  # a decimal comma typed as text


@pytest.mark.parametrize(
    ("sheets", "fragment"),
    [
        (
            {"New materials": [["Material/Product", "Volume (m³)"]]},
            "Sheet 'New materials', header row 1: missing column 'Classification code'",
        ),
        (
            {"New materials": [["Description", "Volume"]]},
            "sheet 'New materials': no header row with a 'Material/Product'",
        ),
        (
            {"Demolition": [["Material/Product", "Classification code", "Floor"]]},
            "no quantity column",
        ),
        ({"Sheet1": [["Material/Product"]]}, "no sheet named Demolition, Preserved or New"),
        (
            {
                "Preserved": [
                    ["Material/Product", "Classification code", "Volume (m³)"],
                    ["Concrete", "21", "a lot"],
                ]
            },
            "Sheet 'Preserved', row 2, column C ('Volume (m³)'): 'a lot' is not a number",
        ),
        (
            {
                "Preserved": [
                    ["Material/Product", "Classification code", "Area (m²)"],
                    [None, "21", 3],
                ]
            },
            "Sheet 'Preserved', row 2, column A ('Material/Product'): the material or product",
        ),
    ],
)
def test_unreadable_workbooks_name_sheet_row_and_column(tmp_path, sheets, fragment):
    path = _book(tmp_path / "bad.xlsx", sheets)
    with pytest.raises(ExcelReadError) as raised:
        _rows(path)
    assert fragment in raised.value.detail


def test_not_a_workbook_and_a_zip_bomb_are_refused(tmp_path):
    text = tmp_path / "notes.xlsx"
    text.write_text("just text")
    with pytest.raises(ExcelReadError, match="not an Excel workbook"):
        SourceWorkbook(text)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    with pytest.raises(ExcelReadError, match="zip bomb"):
        SourceWorkbook(bomb)


def test_override_columns_read_as_fractions_years_and_dates(tmp_path):
    """English and German headers; 25 %, 0.25 and 25 all mean a quarter; dates as cells or
    typed (ISO or day first)."""
    from datetime import date, datetime

    path = _book(
        tmp_path / "overrides.xlsx",
        {
            "New materials": [
                ["Material/Product", "Classification code", "Volume (m³)", "% reused",
                 "% available for reuse", "Assumed construction waste", "Lifespan (years)",
                 "Installation date"],
                ["Brick", "21.1", 1.0, "25 %", 0.6, 5, 40, datetime(2031, 5, 1)],
                ["Steel", "28.1", 1.0, 1, "0,5", None, None, "2030-01-31"],
            ],
            "Einbau": [
                ["Material/Produkt", "Klassifizierungscode", "Volumen (m³)", "% wiederverwendet",
                 "% zur Wiederverwendung verfügbar", "Angenommener Bauabfall",
                 "Lebensdauer (Jahre)", "Einbaudatum"],
                ["Holz", "22", 1.0, 25, "10%", "0.02", 30, "31.01.2032"],
            ],
        },
    )
    rows = {r.values["material_name"]: r for r in _rows(path)}
    brick, steel, holz = rows["Brick"], rows["Steel"], rows["Holz"]
    assert (brick.number("reuse"), brick.number("available_for_reuse"),
            brick.number("construction_waste"), brick.number("lifespan"),
            brick.date("installation_date")) == (0.25, 0.6, 0.05, 40.0, date(2031, 5, 1))
    assert (steel.number("reuse"), steel.number("available_for_reuse"),
            steel.date("installation_date")) == (1.0, 0.5, date(2030, 1, 31))
    assert steel.number("construction_waste") is None
    assert (holz.number("reuse"), holz.number("available_for_reuse"),
            holz.number("construction_waste"), holz.date("installation_date")) == \
        (0.25, pytest.approx(0.1), 0.02, date(2032, 1, 31))


@pytest.mark.parametrize(("cell", "fragment"), [
    (("% reused", 150), "column D ('% reused'): '150' is more than 100 %"),
    (("% reused", "-5%"), "column D ('% reused'): -0.05 is negative"),
    (("Installation date", "soon"), "column D ('Installation date'): 'soon' is not a date"),
    (("Lifespan (years)", "long"), "column D ('Lifespan (years)'): 'long' is not a number"),
])
def test_bad_override_cells_name_sheet_row_and_column(tmp_path, cell, fragment):
    header, value = cell
    path = _book(tmp_path / "bad.xlsx", {"New materials": [
        ["Material/Product", "Classification code", "Volume (m³)", header],
        ["Brick", "21.1", 1.0, value],
    ]})
    with pytest.raises(ExcelReadError) as failure:
        _rows(path)
    assert f"Sheet 'New materials', row 2, {fragment}" in str(failure.value)


@pytest.mark.parametrize("language", ["en", "de"])
def test_written_overrides_read_back_unchanged(tmp_path, language):
    """The template's override columns (percent-formatted fractions, ISO dates) round-trip."""
    from datetime import date

    path = tmp_path / "book.xlsx"
    overrides = {"reuse": 0.005, "available_for_reuse": 1.0, "construction_waste": 0.05,
                 "lifespan": 35.0, "installation_date": date(2030, 6, 1)}
    write_elements(path, language, [("New", {"material_name": "Brick", "classification": "21",
                                             "volume": 1.0, **overrides})])
    (row,) = _rows(path)
    assert {key: row.values[key] for key in overrides} == overrides
