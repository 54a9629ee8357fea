"""What the passport tests share: a processed building and following a passport to its file."""

from __future__ import annotations

import io

from pypdf import PdfReader
from tests.factories import World, world
from tests.results.test_results_endpoints import _commodities, _elements
from tests.test_building_flow import run_jobs

API = "/api/v3.0"
ZERO = "00000000-0000-0000-0000-000000000000"


def processed_building(client, session, session_factory) -> tuple[World, str]:
    """A building with three linked elements in one active source file, processed."""
    w = world(session)
    w.building.address_country = "Deutschland"
    w.building.address_street, w.building.address_city = "Hauptstraße", "Köln"
    w.building.owner_name = "Stadtwerke Köln"
    _elements(session, w, *_commodities(session, w.account_id))
    session.commit()
    url = f"{API}/building/{w.building.id}"
    assert client.post(f"{url}/process", headers=w.headers).status_code == 202
    run_jobs(client, session_factory)
    return w, url


def generated(client, w, url, session_factory, response) -> bytes:
    """Check the 202 answer, run the job, follow the file to Uploaded and download it."""
    assert response.status_code == 202, response.text
    created = response.json()
    assert created["status"] == "Creating"
    run_jobs(client, session_factory)
    file_url = f"{url}/files/{created['id']}"
    status = client.get(file_url, headers=w.headers).json()
    assert status["status"] == "Uploaded", status
    link = client.get(f"{file_url}/download", headers=w.headers).json()
    downloaded = client.get("/" + link["url"].split("://", 1)[1].split("/", 1)[1])
    assert downloaded.status_code == 200
    return downloaded.content


def pdf_passport(client, w, url, session_factory, kind: str, language: str = "en",
                 preset: str = ZERO) -> PdfReader:
    body = {"passportType": kind, "language": language, "preset": preset}
    response = client.post(f"{url}/passport", json=body, headers=w.headers)
    return PdfReader(io.BytesIO(generated(client, w, url, session_factory, response)))


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)
