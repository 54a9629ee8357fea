"""``matbank db import``/``export`` for the three formats: small files built here, and the
published EPEA workbook and ÖKOBAUDAT export when ../shared is present."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select
from tests.conftest import SHARED
from tests.factories import world

from matbank.commodities.models import Commodity, CommodityChild, CommodityLca, MatchingTerm
from matbank.databases.imports import export_csv, import_file, new_database
from matbank.importers import commodity_csv
from matbank.importers.commodity_records import RowError

EPEA = SHARED / "data" / "madaster" / "EPEA_Generic_en.xlsx"
OBD = SHARED / "data" / "materials" / "OBD_2020_II.csv"
GENERIC = Path(__file__).resolve().parents[2] / "src" / "matbank" / "data" / "generic_materials.csv"


def _database(session):
    w = world(session)
    return new_database(session, "Import", w.account_id)


def _commodities(session, database):
    stmt = select(Commodity).where(Commodity.database_id == database.id)
    return {c.external_id: c for c in session.scalars(stmt)}


def _csv_text(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    commodity_csv.write(out, rows)
    return out.getvalue()


GOOD = {
    "external_id": "x-brick",
    "commodity_type": "Material",
    "functional_unit": "Volume",
    "name_en": "Brick",
    "family_madaster": "stone",
    "family_nlsfb": "G2",
    "density_kg_m3": "1800",
    "lifespan_years": "100",
    "eol_recycling": "0.9",
    "eol_landfill": "0.1",
    "lca_compliance": "EN 15804",
    "lca_unit": "kg",
    "gwp_a1_a3": "0.25",
    "gwp_d": "-0.01",
    "terms_en": "brick|Equals:Clay brick",
    "terms_any": "ladrillo",
}


def test_commodity_csv_import_reports_bad_rows_and_is_idempotent(session, tmp_path):
    database = _database(session)
    rows = [
        GOOD,
        {**GOOD, "external_id": "x-bad", "density_kg_m3": "heavy"},
        {
            **GOOD,
            "external_id": "x-panel",
            "commodity_type": "Product",
            "functional_unit": "Area",
            "density_kg_m3": "600",
            "mass_per_unit_kg": "12",
            "terms_en": "panel",
            "terms_any": "",
        },
        {**GOOD, "external_id": "x-nofrac", "eol_landfill": "0.5"},
    ]
    path = tmp_path / "mine.csv"
    path.write_text(_csv_text(rows), encoding="utf-8")
    report = import_file(session, database.id, path)
    assert (report.created, report.updated) == (2, 0)
    assert [(e.row, e.reason.split(":")[0]) for e in report.errors] == [
        (3, "density_kg_m3"),
        (5, "the end-of-life fractions do not add up to 1"),
    ]
    again = import_file(session, database.id, path)
    assert (again.created, again.updated) == (0, 2)
    found = _commodities(session, database)
    assert set(found) == {"x-brick", "x-panel"}
    panel = found["x-panel"]
    assert panel.density == 12 and panel.fixed_height == pytest.approx(0.02)
    terms = session.scalars(select(MatchingTerm).where(MatchingTerm.database_id == database.id))
    assert {(t.value, t.match_type, t.language) for t in terms} == {
        ("brick", "Contains", "en"),
        ("Clay brick", "Equals", "en"),
        ("ladrillo", "Contains", None),
        ("panel", "Contains", "en"),
    }
    out = io.StringIO()
    assert export_csv(session, database.id, out) == 2
    exported = {r["external_id"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert exported["x-brick"]["density_kg_m3"] == "1800"
    assert exported["x-brick"]["gwp_a1_a3"] == "0.25"
    assert exported["x-panel"]["density_kg_m3"] == "600"
    assert exported["x-panel"]["mass_per_unit_kg"] == "12"


def test_a_wrong_header_is_reported_as_row_one():
    records = list(commodity_csv.read(io.StringIO("external_id,name\nx,y\n")))
    assert records == [RowError(1, records[0].reason)] and "header" in records[0].reason


def test_the_generic_csv_round_trips_through_export(session, tmp_path):
    database = _database(session)
    import_file(session, database.id, GENERIC)
    out = tmp_path / "out.csv"
    with out.open("w", encoding="utf-8", newline="") as stream:
        assert export_csv(session, database.id, stream) == 203
    with GENERIC.open(encoding="utf-8") as a, out.open(encoding="utf-8") as b:
        original = {r["external_id"]: r for r in csv.DictReader(a)}
        again = {r["external_id"]: r for r in csv.DictReader(b)}
    for ext, row in original.items():
        for column in ("density_kg_m3", "gwp_a1_a3", "gwp_d", "family_nlsfb", "density_source"):
            if row[column]:
                assert again[ext][column] and (
                    float(again[ext][column]) == pytest.approx(float(row[column]))
                    if column.startswith(("gwp", "density_kg"))
                    else again[ext][column] == row[column]
                ), (ext, column)


OBD_HEADER = (
    "UUID;Version;Name (de);Name (en);Kategorie (original);Kategorie (en);Konformität;"
    "Laenderkennung;Typ;Referenzjahr;Gueltig bis;Bezugsgroesse;Bezugseinheit;"
    "Rohdichte (kg/m3);Flaechengewicht (kg/m2);Modul;GWP;ODP;PENRT;GWPtotal (A2)\n"
)


def test_oekobaudat_rows_per_module_become_one_commodity(session, tmp_path):
    lines = [
        "u-1;00.01.000;Beton C30/37;Concrete;'Beton';'Concrete';'DIN EN 15804';DE;"
        "generic dataset;2020;2025;1;m3;2400;;A1-A3;220;1e-9;1000;",
        "u-1;00.01.000;Beton C30/37;Concrete;;;;DE;generic dataset;2020;2025;1;m3;2400;;C3;6;;;",
        "u-1;00.01.000;Beton C30/37;Concrete;;;;DE;generic dataset;2020;2025;1;m3;2400;;C3;9;;;",
        "u-2;00.01.000;Dämmung ÄÖÜ;;;;;RER;generic dataset;2020;2025;2;qm;;4;A1;1;;;",
        "u-2;00.01.000;Dämmung ÄÖÜ;;;;;RER;generic dataset;2020;2025;2;qm;;4;A2;0.5;;;",
        "u-2;00.01.000;Dämmung ÄÖÜ;;;;;RER;generic dataset;2020;2025;2;qm;;4;A3;0.5;;;3",
        "u-2;00.01.000;Dämmung ÄÖÜ;;;;;RER;generic dataset;2020;2025;2;qm;;4;C4;zwei;;;",
        "u-3;00.01.000;Unbekannt;;;;;DE;generic dataset;2020;2025;not available;;;;A1-A3;1;;;",
    ]
    path = tmp_path / "obd.csv"
    path.write_bytes((OBD_HEADER + "\n".join(lines) + "\n").encode("cp1252"))
    database = _database(session)
    report = import_file(session, database.id, path)
    assert report.created == 2
    assert [(e.row, e.reason.split(":")[0]) for e in report.errors] == [
        (8, "GWP"),
        (9, "Bezugsgroesse"),
    ]
    found = _commodities(session, database)
    concrete, insulation = found["u-1"], found["u-2"]
    assert concrete.functional_unit == "Volume" and concrete.density == 2400
    lca = session.scalars(
        select(CommodityLca).where(CommodityLca.commodity_id == concrete.id)
    ).one()
    phases = {p["phaseId"]: p for p in lca.body["phases"]}
    assert phases["A1_A3"]["EN15804_2012_04_A1_2013"]["globalWarmingPotential"] == 220
    assert phases["C3"]["EN15804_2012_04_A1_2013"]["globalWarmingPotential"] == 6  # 1st scenario
    assert lca.iso_code == "de" and lca.body["referenceYear"] == 2020
    assert insulation.names == {"de": "Dämmung ÄÖÜ"} and insulation.functional_unit == "Area"
    lca2 = session.scalars(
        select(CommodityLca).where(CommodityLca.commodity_id == insulation.id)
    ).one()
    a1_a3 = lca2.body["phases"][0]
    assert a1_a3["phaseId"] == "A1_A3"  # A1 + A2 + A3, per 1 m² (declared per 2 m²)
    assert a1_a3["EN15804_2012_04_A1_2013"]["globalWarmingPotential"] == pytest.approx(1.0)
    assert lca2.body["compliance"] == ["EN 15804"]
    assert import_file(session, database.id, path).updated == 2


def test_oekobaudat_quoted_cells_and_figures_that_are_not_finite(session, tmp_path):
    """Rows are read as the csv module reads them, quoted cells (from the first line holding
    a quote on) included; a figure that is infinite is refused naming its column."""
    lines = [
        "u-1;00.01.000;Beton;;;;;DE;generic dataset;2020;2025;1;m3;2400;;A1-A3;220;1e-9;;",
        'u-2;00.01.000;"Mörtel; ""Typ M""";;;;;DE;generic dataset;2020;2025;1;m3;1800;;A1-A3;'
        "300;;;",
        "u-3;00.01.000;Gips;;;;;DE;generic dataset;2020;2025;1;m3;900;;A1-A3;inf;;;",
        "u-4;00.01.000;Holz;;;;;DE;generic dataset;2020;2025;1;m3;500;;A1-A3;-700;;;",
    ]
    path = tmp_path / "obd.csv"
    path.write_bytes((OBD_HEADER + "\r\n".join(lines) + "\r\n").encode("cp1252"))
    database = _database(session)
    report = import_file(session, database.id, path)
    assert [(e.row, e.reason) for e in report.errors] == [(4, "GWP: 'inf' is not a finite number")]
    found = _commodities(session, database)
    assert sorted(found) == ["u-1", "u-2", "u-3", "u-4"]  # u-3 without the refused module
    assert not session.scalars(
        select(CommodityLca).where(CommodityLca.commodity_id == found["u-3"].id)
    ).all()
    assert found["u-2"].names == {"de": 'Mörtel; "Typ M"'} and found["u-2"].density == 1800
    lca = session.scalars(
        select(CommodityLca).where(CommodityLca.commodity_id == found["u-4"].id)
    ).one()
    assert lca.body["phases"][0]["EN15804_2012_04_A1_2013"] == {"globalWarmingPotential": -700}


def _workbook(path: Path, rows: list[list[object]], bom: list[list[object]] | None = None) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Products"
    sheet.append(
        [
            "Madaster UID",
            "External ID",
            "Material name",
            "Material name (German)",
            "Type",
            "Functional Unit",
            "density/grammage/linear density",
            "Material Classification",
            "nl_sfb",
            "Feedstock Input",
            None,
            None,
            "Output",
            None,
            None,
            "Search criteria English",
            None,
            "Search criteria Dutch",
        ]
    )
    sheet.append(
        [None] * 7
        + [
            "Madaster",
            "Madaster V2",
            "% Recycled",
            "% Recycling Efficiency",
            "% Rapid Renewables",
            "% Available for recycle",
            "% Recycling efficiency ",
            "% Landfill",
            "Criterium 1",
            "Criterium 2",
            "Criterium 1",
        ]
    )
    for row in rows:
        sheet.append(row)
    if bom is not None:
        lines = book.create_sheet("Bill of materials")
        lines.append(["Parent External ID", "Child External ID", "Basis", "Quantity"])
        for line in bom:
            lines.append(line)
    book.save(path)


def test_workbook_materials_products_children_and_terms(session, tmp_path):
    path = tmp_path / "db.xlsx"
    _workbook(
        path,
        [
            [
                "u1",
                81,
                "Gravel",
                "Kies",
                "Volume",
                0.00054,
                1850,
                "Stone",
                "E4 - Sandstone",
                0,
                1,
                0,
                1,
                1,
                0,
                "*gravel*",
                "gravel*",
                "Grind",
            ],
            [
                "u2",
                "P1",
                "Wall",
                "Wand",
                "Area",
                1,
                120,
                None,
                "F2 - Concrete(60%),H2 - Steel(40%)",
                0.5,
                1,
                0,
                0.8,
                1,
                0.2,
                "*wall",
                None,
                None,
            ],
            ["u3", "P2", "Bad", None, "Volume", 1, "heavy", None, None, 0, 1, 0, 0, 1, 0],
            ["u4", "P3", "Too much", None, "Area", 1, 1, None, None, 0.8, 1, 0.5, 0, 1, 0],
        ],
        bom=[["P1", "81", "Unit", 0.05], ["81", "P1", "Weight", 1], ["P9", "81", "Weight", 1]],
    )
    database = _database(session)
    report = import_file(session, database.id, path)
    assert report.created == 2
    assert [e.row for e in report.errors] == [3, 4, 5, 6]
    found = _commodities(session, database)
    gravel, wall = found["81"], found["P1"]
    assert gravel.commodity_type == "Material" and gravel.density == 1850
    assert gravel.material_families == {"madaster": "stone", "madasterv2": "e4"}
    assert wall.commodity_type == "Product" and wall.functional_unit == "Area"
    assert wall.material_families == [{"familyId": "madasterv2", "values": {"f2": 0.6, "h2": 0.4}}]
    lines = session.scalars(select(CommodityChild).where(CommodityChild.parent_id == wall.id)).all()
    assert [(line.basis, line.quantity) for line in lines] == [("Unit", 0.05)]
    terms = {
        (t.value, t.match_type, t.language)
        for t in session.scalars(
            select(MatchingTerm).where(MatchingTerm.database_id == database.id)
        )
    }
    assert terms == {
        ("gravel", "Contains", "en"),
        ("gravel", "Startwith", "en"),
        ("Grind", "Equals", "nl"),
        ("wall", "Endswith", "en"),
    }


@pytest.mark.skipif(not EPEA.exists(), reason=f"{EPEA} not found (../shared is absent)")
def test_the_published_epea_workbook(session):
    database = _database(session)
    report = import_file(session, database.id, EPEA)
    assert (report.created, len(report.errors)) == (392, 0)
    found = _commodities(session, database)
    kinds = [c.commodity_type for c in found.values()]
    assert kinds.count("Material") == 164 and kinds.count("Product") == 228
    gravel = found["81"]
    assert gravel.names["en"] == "Gravel" and gravel.density == 1850
    assert gravel.circularity["output"]["availableForRecycle"] == 1
    assert found["19"].functional_unit == "Area" and found["19"].density == 0.5
    assert import_file(session, database.id, EPEA).updated == 392


@pytest.mark.skipif(not OBD.exists(), reason=f"{OBD} not found (../shared is absent)")
def test_the_published_oekobaudat_export(session):
    database = _database(session)
    report = import_file(session, database.id, OBD)
    assert report.created == 990
    assert {e.reason for e in report.errors} == {"Bezugsgroesse: 'not available' is not a number"}
    assert len(report.errors) == 13
    concrete = _commodities(session, database)["b6096c9c-1248-4ce1-9c2d-f4a48aade80f"]
    assert concrete.names["de"] == "Beton der Druckfestigkeitsklasse C 30/37"
    assert concrete.density == 2400
    lca = session.scalars(
        select(CommodityLca).where(CommodityLca.commodity_id == concrete.id)
    ).one()
    a1_a3 = lca.body["phases"][0]
    assert a1_a3["phaseId"] == "A1_A3"
    assert a1_a3["EN15804_2012_04_A1_2013"]["globalWarmingPotential"] == 219
