"""Uploads through the HTTP flow with the jobs really run: Excel sources, the template, the
element export round trip, progress while importing, and bad files."""

from __future__ import annotations

import io
import uuid
import zipfile

import pytest
from openpyxl import Workbook, load_workbook
from tests.factories import world
from tests.ifc_models import ModelBuilder
from tests.test_building_flow import API, new_source, run_jobs

from matbank.databases.cli import install_generic_database
from matbank.db import session_scope
from matbank.files import imports
from matbank.files.models import BuildingFile

OCTET = {"content-type": "application/octet-stream"}


@pytest.fixture
def w(session):
    install_generic_database(session)
    session.commit()
    return world(session)


def upload(client, w, name: str, content: bytes) -> str:
    """A new source file with the content uploaded; returns the file's URL."""
    created = new_source(client, w, name=name)
    url = f"{API}/building/{w.building.id}/files/{created['id']}"
    response = client.post(f"{url}/upload/{name}", content=content, headers={**w.headers, **OCTET})
    assert response.status_code == 201, response.text
    return url


def workbook_bytes(sheets: dict[str, list[list]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


SOURCE = {
    "New materials": [
        ["Material/Product", "Classification code", "Volume (m³)", "Area (m²)", "Description"],
        ["Masonry - Brick", "21.12", 10.0, None, "Outer leaf"],
        ["Stahlbeton", "23.1", 2.0, None, "Floor slab"],
    ],
    "Rückbau": [
        ["Material/Produkt", "Klassifizierungscode", "Fläche (m²)", "Dicke (m)"],
        ["Glass", "31.2", 3.0, 0.02],
    ],
}


def test_an_excel_source_is_imported_with_phases_and_refined(client, w, session_factory):
    url = upload(client, w, "sources.xlsx", workbook_bytes(SOURCE))
    run_jobs(client, session_factory)
    status = client.get(f"{url}/status", headers=w.headers).json()
    assert status == {"status": "Mapped", "elementProcessedCount": 3, "elementCount": 3}
    elements = {
        e["materialName"]: e for e in client.get(f"{url}/elements", headers=w.headers).json()
    }
    assert elements["Masonry - Brick"]["phaseMatch"]["name"] == "New"
    assert elements["Masonry - Brick"]["name"] == "Outer leaf"
    assert elements["Glass"]["phaseMatch"]["name"] == "Demolition"
    assert elements["Glass"]["volume"] == pytest.approx(0.06)  # area × thickness
    assert all("mapping" in e for e in elements.values())


@pytest.mark.parametrize(
    ("sheets", "fragment"),
    [
        (
            {"New materials": [["Description", "Volume (m³)"], ["x", 1]]},
            "sheet 'New materials': no header row with a 'Material/Product'",
        ),
        (
            {"Einbau": [["Material/Produkt", "Volumen (m³)"], ["Holz", 1]]},
            "missing column 'Classification code'",
        ),
        (
            {
                "New materials": [
                    ["Material/Product", "Classification code", "Length (m)"],
                    ["Steel", "28.1", 4],
                    ["Steel", "28.1", "four"],
                ]
            },
            "Sheet 'New materials', row 3, column C ('Length (m)'): 'four' is not a number",
        ),
    ],
)
def test_a_bad_workbook_fails_with_sheet_row_and_column(
    client, w, session_factory, sheets, fragment
):
    url = upload(client, w, "bad.xlsx", workbook_bytes(sheets))
    run_jobs(client, session_factory)
    got = client.get(f"{url}/status", headers=w.headers).json()
    assert got["status"] == "ImportFailed" and fragment in got["statusMessage"]
    assert got["elementCount"] == 0
    assert client.get(f"{url}/elements", headers=w.headers).json() == []


@pytest.mark.parametrize(
    ("language", "sheet", "header"),
    [("en", "New materials", "Material/Product"), ("de-DE,de;q=0.9", "Einbau", "Material/Produkt")],
)
def test_the_template_downloads_in_english_and_german(client, w, language, sheet, header):
    response = client.get(
        f"{API}/templates/excel", headers={**w.headers, "accept-language": language}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    assert sheet in book.sheetnames
    assert header in [c.value for c in next(book[sheet].iter_rows(max_row=1))]
    assert client.get(f"{API}/templates/excel").status_code == 401


def _layered_wall_model(path) -> bytes:
    builder = ModelBuilder(schema="IFC4", length="METRE")
    wall = builder.element("IfcWall", "Cavity wall")
    layers = builder.layer_set("Cavity wall", [("Masonry - Brick", 0.1), ("Concrete", 0.2)])
    builder.assign_material([wall], "IfcMaterialLayerSet", layers)
    builder.qto(wall, "Qto_WallBaseQuantities", {"NetSideArea": 10.0, "NetVolume": 3.0})
    column = builder.element("IfcColumn", "Column")
    builder.assign_material([column], "IfcMaterial", builder.material("Timber"))
    builder.qto(column, "Qto_ColumnBaseQuantities", {"NetVolume": 0.5})
    return builder.write(path).read_bytes()


def test_export_edit_and_import_again(client, w, session_factory, tmp_path):
    url = upload(client, w, "house.ifc", _layered_wall_model(tmp_path / "house.ifc"))
    run_jobs(client, session_factory)
    exported = client.get(f"{url}/export", headers=w.headers)
    assert exported.status_code == 200, exported.text
    book = load_workbook(io.BytesIO(exported.content))
    sheet = book["New materials"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=False)) for row in sheet.iter_rows(2)]
    assert sorted(r["Material/Product"] for r in rows) == ["Concrete", "Masonry - Brick", "Timber"]
    timber_row = next(i for i, r in enumerate(rows, 2) if r["Material/Product"] == "Timber")
    sheet.cell(timber_row, header.index("Volume (m³)") + 1, 0.75)
    buffer = io.BytesIO()
    book.save(buffer)
    again = upload(client, w, "edited.xlsx", buffer.getvalue())
    run_jobs(client, session_factory)
    assert client.get(f"{again}/status", headers=w.headers).json()["status"] == "Mapped"
    elements = {e["id"]: e for e in client.get(f"{again}/elements", headers=w.headers).json()}
    original = {e["id"]: e for e in client.get(f"{url}/elements", headers=w.headers).json()}
    timber = next(i for i, e in original.items() if e["materialName"] == "Timber")
    assert elements[timber]["volume"] == 0.75 and original[timber]["volume"] == 0.5
    brick = next(
        i for i, e in original.items() if e["materialName"] == "Masonry - Brick" and ":" in i
    )
    assert elements[brick]["volume"] == pytest.approx(original[brick]["volume"]) == 1.0
    assert len(elements) == 3  # the two layers and the column; the split wall is not repeated


def test_counters_move_while_the_import_runs(client, w, session_factory, tmp_path, monkeypatch):
    builder = ModelBuilder(schema="IFC4", length="METRE")
    for n in range(7):
        wall = builder.element("IfcWall", f"Wall {n}")
        builder.assign_material([wall], "IfcMaterial", builder.material("Concrete"))
    url = upload(client, w, "walls.ifc", builder.write(tmp_path / "walls.ifc").read_bytes())
    file_id = uuid.UUID(url.rsplit("/", 1)[1])
    monkeypatch.setattr(imports, "BATCH", 2)
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        with session_scope(session_factory) as other:
            stored = other.get(BuildingFile, file_id)
            seen.append((stored.element_processed_count, stored.element_count, stored.status))

    scope = lambda: session_scope(session_factory)  # noqa: E731
    assert imports.import_file(scope, client.app.state.storage, file_id, progress)
    assert seen == [
        (2, 7, "Importing"),
        (4, 7, "Importing"),
        (6, 7, "Importing"),
        (7, 7, "Importing"),
    ]


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("model.ifc", b"ISO-10303-21;\n" + b" " * (50 * 1024 * 1024))
    return buffer.getvalue()


BAD_FILES = [
    ("picture.ifc", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "ImportFailed", "PNG signature"),
    ("cut.ifc", None, "ImportFailed", "truncated"),
    ("bomb.ifczip", _zip_bomb(), "ImportFailed", "zip bomb"),
    (
        "headers.xlsx",
        workbook_bytes({"New materials": [["Volume (m³)"], [1.0]]}),
        "ImportFailed",
        "no header row with a 'Material/Product'",
    ),
    ("not-really.xlsx", b"PK\x03\x04 broken", "ImportFailed", "not an Excel workbook"),
    ("drawing.dwg", b"AC1032 drawing", "UnknownImportFile", "not a format matbank imports"),
]


def test_bad_files_fail_clearly_and_leave_earlier_files_alone(client, w, session_factory, tmp_path):
    good_content = _layered_wall_model(tmp_path / "good.ifc")
    good = upload(client, w, "good.ifc", good_content)
    run_jobs(client, session_factory)
    before = client.get(f"{good}/elements", headers=w.headers).json()
    for name, content, status, fragment in BAD_FILES:
        body = good_content[: len(good_content) // 2] if content is None else content
        url = upload(client, w, name, body)
        run_jobs(client, session_factory)
        got = client.get(f"{url}/status", headers=w.headers).json()
        assert (got["status"], fragment in (got["statusMessage"] or "")) == (status, True), got
    empty = new_source(client, w, name="empty")
    empty_url = f"{API}/building/{w.building.id}/files/{empty['id']}"
    refused = client.post(
        f"{empty_url}/upload/empty.ifc", content=b"", headers={**w.headers, **OCTET}
    )
    assert refused.status_code == 400 and refused.json()["detail"] == "The uploaded file is empty."
    assert client.get(f"{good}/status", headers=w.headers).json()["status"] == "Mapped"
    assert client.get(f"{good}/elements", headers=w.headers).json() == before
    assert client.get(f"{API}/building/{w.building.id}", headers=w.headers).status_code == 200
