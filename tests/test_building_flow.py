"""The flow every Madaster client runs, end to end over HTTP, with the jobs really run.

create a file -> setimporting -> batch upsert -> startrefinement -> (job) Mapped ->
active -> (job) isDirty false; and the upload flow: upload an IFC model -> (jobs) import,
refinement -> Mapped. Matching uses the shipped generic material database.
"""

from __future__ import annotations

import pytest
from tests.factories import ZERO, world
from tests.ifc_models import ModelBuilder

from matbank.databases.cli import install_generic_database
from matbank.jobs import Worker

API = "/api/v3.0"
NL_SFB = "af7368c6-d8ec-45ea-85b2-ca4325ae1191"


@pytest.fixture
def w(session):
    install_generic_database(session)
    session.commit()
    return world(session)


def run_jobs(client, session_factory) -> int:
    """Run queued jobs until none is left (as `matbank worker` would)."""
    state = client.app.state
    worker = Worker(state.settings, session_factory, state.storage)
    done = 0
    while worker.run_once():
        done += 1
        assert done < 50, "jobs keep coming"
    return done


def new_source(client, w, **extra):
    body = {
        "name": "model",
        "type": "Source",
        "preferredDatabaseIds": [ZERO],
        "classificationTypeId": NL_SFB,
    } | extra
    return client.post(f"{API}/building/{w.building.id}/files", json=body, headers=w.headers).json()


ELEMENTS = [
    {
        "id": "wall",
        "materialName": "Masonry - Brick",
        "volume": 10.0,
        "classificationLookup": "21.12",
    },
    {"id": "slab", "materialName": "Stahlbeton", "volume": 2.0, "classificationLookup": "23.1"},
    {"id": "mystery", "materialName": "Unobtainium", "volume": 1.0},
    {
        "id": "facade",
        "materialName": "Glass",
        "area": 3.0,
        "volume": 0.06,
        "classificationLookup": "31.2",
    },
]


def test_api_fed_file_is_matched_mapped_activated_and_calculated(
    client, w, session_factory, session
):
    created = new_source(client, w)
    url = f"{API}/building/{w.building.id}/files/{created['id']}"
    assert client.post(f"{url}/setimporting", headers=w.headers).status_code == 204
    assert (
        client.post(f"{url}/elements/batch", json=ELEMENTS, headers=w.headers).json()["failures"]
        == []
    )
    assert client.post(f"{url}/startrefinement", headers=w.headers).status_code == 202
    run_jobs(client, session_factory)
    status = client.get(f"{url}/status", headers=w.headers).json()
    assert status == {"status": "Mapped", "elementProcessedCount": 4, "elementCount": 4}, (
        _debug_jobs(session)
    )
    elements = {e["id"]: e for e in client.get(f"{url}/elements", headers=w.headers).json()}
    assert elements["wall"]["mapping"]["type"] == "Material"
    assert "mapping" in elements["slab"] and "mapping" not in elements["mystery"]
    assert elements["wall"]["brandLayerMatch"]["name"] == "Structure"
    assert elements["facade"]["brandLayerMatch"]["name"] == "Skin"
    assert elements["wall"]["phaseMatch"]["name"] == "New"
    assert client.post(f"{url}/active", json=True, headers=w.headers).status_code == 200
    building = client.get(f"{API}/building/{w.building.id}", headers=w.headers).json()
    assert building["isDirty"] is True
    run_jobs(client, session_factory)
    building = client.get(f"{API}/building/{w.building.id}", headers=w.headers).json()
    assert building["isDirty"] is False
    validation = client.get(f"{API}/building/{w.building.id}/validation", headers=w.headers).json()
    assert validation["percentageElementsMappedByNumber"] == 75.0


def test_masses_follow_density_and_volume(client, w, session_factory, session):
    from sqlalchemy import select

    from matbank.commodities.models import Commodity
    from matbank.elements.models import Element

    created = new_source(client, w)
    url = f"{API}/building/{w.building.id}/files/{created['id']}"
    client.post(f"{url}/setimporting", headers=w.headers)
    client.post(f"{url}/elements/batch", json=ELEMENTS[:1], headers=w.headers)
    client.post(f"{url}/startrefinement", headers=w.headers)
    run_jobs(client, session_factory)
    element = session.scalars(select(Element).where(Element.element_id == "wall")).one()
    commodity = session.get(Commodity, element.commodity_id)
    assert commodity.density and element.mass == pytest.approx(10.0 * commodity.density)


def test_restart_refinement_with_reset_relinks_everything(client, w, session_factory):
    created = new_source(client, w)
    url = f"{API}/building/{w.building.id}/files/{created['id']}"
    client.post(f"{url}/setimporting", headers=w.headers)
    client.post(f"{url}/elements/batch", json=ELEMENTS, headers=w.headers)
    client.post(f"{url}/startrefinement", headers=w.headers)
    run_jobs(client, session_factory)
    restart = client.post(
        f"{API}/building/{w.building.id}/files/restartrefinement",
        json={"fileId": created["id"], "resetAllMapping": True, "languages": ["en"]},
        headers=w.headers,
    )
    assert restart.status_code == 202
    assert client.get(f"{url}/status", headers=w.headers).json()["status"] == "Refining"
    run_jobs(client, session_factory)
    assert client.get(f"{url}/status", headers=w.headers).json()["status"] == "Mapped"


def _ifc_model(path):
    """Two walls with a material and a net volume each, in a metre-based IFC4 file."""
    builder = ModelBuilder(schema="IFC4", length="METRE")
    for name, material in (("Wall A", "Concrete"), ("Wall B", "Timber")):
        wall = builder.element("IfcWall", name)
        builder.assign_material([wall], "IfcMaterial", builder.material(material))
        builder.qto(wall, "Qto_WallBaseQuantities", {"NetVolume": 2.5})
    return builder.write(path).read_bytes()


def test_uploaded_ifc_is_imported_refined_and_downloadable(client, w, session_factory, tmp_path):
    created = new_source(client, w, name="upload")
    url = f"{API}/building/{w.building.id}/files/{created['id']}"
    content = _ifc_model(tmp_path / "house.ifc")
    upload = client.post(
        f"{url}/upload/my%20house.ifc",
        content=content,
        headers={**w.headers, "content-type": "application/octet-stream"},
    )
    assert upload.status_code == 201, upload.text
    body = client.get(url, headers=w.headers).json()
    assert body["status"] == "Uploaded" and body["fileName"] == "my house.ifc"
    assert body["fileSize"] == len(content)
    run_jobs(client, session_factory)
    status = client.get(f"{url}/status", headers=w.headers).json()
    assert status["status"] == "Mapped" and status["elementCount"] == 2
    elements = client.get(f"{url}/elements", headers=w.headers).json()
    assert {e["materialName"] for e in elements} == {"Concrete", "Timber"}
    assert all("mapping" in e for e in elements)
    link = client.get(f"{url}/download", headers=w.headers).json()
    path = link["url"].split("://", 1)[1].split("/", 1)[1]
    downloaded = client.get("/" + path)
    assert downloaded.status_code == 200 and downloaded.content == content


@pytest.mark.parametrize(
    ("name", "content", "status", "fragment"),
    [
        ("picture.ifc", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "ImportFailed", "PNG"),
        (
            "truncated.ifc",
            b"ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION((''),'2;1');",
            "ImportFailed",
            "truncated",
        ),
        ("notes.txt", b"hello", "UnknownImportFile", "not a format"),
    ],
)
def test_bad_uploads_end_in_a_failure_status_with_a_reason(
    client, w, session_factory, name, content, status, fragment
):
    created = new_source(client, w, name="bad")
    url = f"{API}/building/{w.building.id}/files/{created['id']}"
    client.post(
        f"{url}/upload/{name}",
        content=content,
        headers={**w.headers, "content-type": "application/octet-stream"},
    )
    run_jobs(client, session_factory)
    got = client.get(f"{url}/status", headers=w.headers).json()
    assert got["status"] == status and fragment in got["statusMessage"]


def test_empty_upload_is_refused(client, w):
    created = new_source(client, w, name="empty")
    url = f"{API}/building/{w.building.id}/files/{created['id']}"
    response = client.post(
        f"{url}/upload/empty.ifc",
        content=b"",
        headers={**w.headers, "content-type": "application/octet-stream"},
    )
    assert response.status_code == 400
    assert client.get(f"{url}/status", headers=w.headers).json()["status"] == "Creating"


def test_building_images(client, w):
    base = f"{API}/building/{w.building.id}/images"
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    added = client.post(base, files={"file": ("front.png", png, "image/png")}, headers=w.headers)
    assert added.status_code == 204, added.text
    listed = client.get(base, headers=w.headers).json()
    assert [i["fileName"] for i in listed] == ["front.png"] and "/downloads/" in listed[0]["url"]
    refused = client.post(base, files={"file": ("x.txt", b"text", "text/plain")}, headers=w.headers)
    assert refused.status_code == 400
    assert client.delete(f"{base}/front.png", headers=w.headers).status_code == 204
    assert client.get(base, headers=w.headers).json() == []
    assert client.delete(f"{base}/front.png", headers=w.headers).status_code == 404


def _debug_jobs(session) -> str:
    """The jobs with their last errors, shown when a flow does not reach its status."""
    from sqlalchemy import select

    from matbank.jobs.models import Job

    return "\n".join(
        f"{j.kind} {j.status} {(j.last_error or '')[-1500:]}" for j in session.scalars(select(Job))
    )
