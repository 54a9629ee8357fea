"""Element overrides travel through the Excel source template: import, export, import again."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from openpyxl import load_workbook
from tests.files.test_import_flow import upload, w, workbook_bytes  # noqa: F401
from tests.test_building_flow import API, run_jobs

EN = ["Material/Product", "Classification code", "Volume (m³)", "Element id", "% reused",
      "% available for reuse", "Assumed construction waste", "Lifespan (years)",
      "Installation date"]
DE = ["Material/Produkt", "Klassifizierungscode", "Volumen (m³)", "Element-ID",
      "% wiederverwendet", "% zur Wiederverwendung verfügbar", "Angenommener Bauabfall",
      "Lebensdauer (Jahre)", "Einbaudatum"]
SOURCE = {
    "New materials": [EN, ["Masonry - Brick", "21.12", 10.0, "brick", "25 %", 0.6, 5, 40,
                           datetime(2031, 5, 1)]],
    "Einbau": [DE, ["Stahlbeton", "23.1", 2.0, "slab", 50, "10%", None, None, "31.01.2032"]],
}
BRICK = {"id": "brick", "reuse": 0.25, "availableForReuse": 0.6,
         "assumedConstructionWaste": 0.05, "lifespan": 40.0, "installationDate": "2031-05-01"}
SLAB = {"id": "slab", "reuse": 0.5, "availableForReuse": 0.1,
        "assumedConstructionWaste": None, "lifespan": None, "installationDate": "2032-01-31"}


def _overrides(client, w, url: str, element_id: str) -> dict:  # noqa: F811
    body = client.get(f"{url}/elements/{element_id}/overrides", headers=w.headers).json()
    body.pop("buildingFileId")
    return body


def test_overrides_are_imported_exported_and_imported_again(client, w, session_factory):  # noqa: F811
    url = upload(client, w, "sources.xlsx", workbook_bytes(SOURCE))
    run_jobs(client, session_factory)
    assert client.get(f"{url}/status", headers=w.headers).json()["status"] == "Mapped"
    assert _overrides(client, w, url, "brick") == pytest.approx(BRICK)
    assert _overrides(client, w, url, "slab") == pytest.approx(SLAB)

    exported = client.get(f"{url}/export", headers={**w.headers, "accept-language": "de"})
    assert exported.status_code == 200, exported.text
    sheet = load_workbook(io.BytesIO(exported.content))["Einbau"]
    header = [c.value for c in sheet[1]]
    rows = {r[header.index("Element-ID")]: r for r in sheet.iter_rows(2, values_only=True)}
    assert rows["brick"][header.index("% wiederverwendet")] == 0.25
    assert rows["slab"][header.index("Einbaudatum")] == datetime(2032, 1, 31)

    again = upload(client, w, "again.xlsx", exported.content)
    run_jobs(client, session_factory)
    assert _overrides(client, w, again, "brick") == pytest.approx(BRICK)
    assert _overrides(client, w, again, "slab") == pytest.approx(SLAB)


@pytest.mark.parametrize(("language", "sheet", "headers"), [("en", "New materials", EN[4:]),
                                                            ("de", "Einbau", DE[4:])])
def test_the_template_has_the_override_columns(client, w, language, sheet, headers):  # noqa: F811
    response = client.get(f"{API}/templates/excel",
                          headers={**w.headers, "accept-language": language})
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    found = [c.value for c in next(book[sheet].iter_rows(max_row=1))]
    assert set(headers) <= set(found)
