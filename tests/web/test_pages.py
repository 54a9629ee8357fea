"""The pages people use, through the ASGI app: the portfolio, a building with an uploaded
model, a database's commodities, and the Users tab (roles and API tokens)."""

from __future__ import annotations

import re

import pytest
from tests.factories import world
from tests.test_building_flow import _ifc_model, run_jobs
from tests.web.helpers import csrf, person, post_form, sign_in

from matbank.databases.catalogue import GENERIC_DATABASE_ID
from matbank.databases.cli import install_generic_database

API = "/api/v3.0"


@pytest.fixture
def w(session):
    install_generic_database(session)
    session.commit()
    found = world(session)
    person(session, found.account_id, "ada@example.org")
    return found


@pytest.fixture
def ada(client, w):
    assert sign_in(client, "ada@example.org").status_code == 303
    return client


def _created_id(response) -> str:
    assert response.status_code == 303, response.text
    return response.headers["location"].rsplit("/", 1)[1]


def test_folders_and_buildings_are_added_from_the_pages(ada, w):
    home = f"/accounts/{w.account_id}"
    assert ada.get("/", follow_redirects=False).headers["location"] == home
    page = ada.get(home)
    assert "Portfolio 1" in page.text and "Office 1" in page.text
    project_type = re.search(r'<option value="([0-9a-f-]{36})">Portfolio</option>', page.text)
    folder_id = _created_id(
        post_form(
            ada,
            home,
            "/folders",
            {
                "parent_kind": "account",
                "parent_id": str(w.account_id),
                "foldertype_id": project_type.group(1),
                "name": "Campus",
            },
        )
    )
    folder = ada.get(f"/folders/{folder_id}")
    assert folder.status_code == 200 and "New building" in folder.text
    building = {"folder_id": folder_id, "name": "Library", "phase": "New"}
    building |= {"building_usage": "offices-large", "completion_date": "2024-05-01"}
    building_id = _created_id(post_form(ada, f"/folders/{folder_id}", "/buildings", building))
    shown = ada.get(f"/buildings/{building_id}")
    assert "Library" in shown.text and "Not calculated yet" in shown.text
    for url in (home, f"/folders/{folder_id}", f"/buildings/{building_id}/users"):
        assert 'name="csrf_token" value=""' not in ada.get(url).text, url
    bad = post_form(ada, f"/folders/{folder_id}", "/buildings", {**building, "name": ""})
    assert bad.status_code == 400 and "name" in bad.text


def test_a_token_added_on_a_building_works_only_for_that_building(ada, w, session):
    from tests.factories import add_building

    other = add_building(session, w.folder, "Office 2")
    session.commit()
    users = f"/buildings/{w.building.id}/users"
    assert "Add API token" in ada.get(users).text
    form = {"name": "robot", "level": "Manager", "lifespan": "two-years"}
    created = post_form(ada, f"{users}/tokens/new", f"{users}/tokens", form)
    assert created.status_code == 200 and created.headers["cache-control"] == "no-store"
    key = re.search(r'id="token-key">([0-9a-f]{32})<', created.text).group(1)
    headers = {"X-API-Key": key}
    assert ada.get(f"{API}/building/{w.building.id}", headers=headers).status_code == 200
    assert ada.get(f"{API}/building/{other.id}", headers=headers).status_code == 404
    listing = ada.get(users).text
    assert "robot" in listing and f"…{key[-4:]}" in listing and key not in listing
    token_id = re.search(r"/users/tokens/([0-9a-f-]{36})/edit", listing).group(1)
    edited = post_form(
        ada, users, f"{users}/tokens/{token_id}/edit", {"name": "reader robot", "level": "Reader"}
    )
    assert edited.status_code == 303
    renamed = ada.put(f"{API}/building/{w.building.id}", json={}, headers=headers)
    assert renamed.status_code in (400, 403)
    assert "reader robot" in ada.get(users).text
    revoked = post_form(ada, users, f"{users}/tokens/{token_id}/revoke", {})
    assert revoked.status_code == 303
    assert ada.get(f"{API}/building/{w.building.id}", headers=headers).status_code == 401


def test_an_uploaded_ifc_model_is_mapped_and_can_be_activated(ada, w, session_factory, tmp_path):
    base = f"/buildings/{w.building.id}"
    token = csrf(ada.get(base).text)
    content = _ifc_model(tmp_path / "house.ifc")
    uploaded = ada.post(
        f"{base}/files/new/upload/",
        data={"csrf_token": token, "classification": ""},
        files={"file": ("house.ifc", content, "application/octet-stream")},
        follow_redirects=False,
    )
    assert uploaded.status_code == 303, uploaded.text
    waiting = ada.get(base)
    assert "Uploaded" in waiting.text and 'http-equiv="refresh"' in waiting.text
    run_jobs(ada, session_factory)
    mapped = ada.get(base)
    assert "status-mapped" in mapped.text and 'http-equiv="refresh"' not in mapped.text
    file_id = re.search(r'data-file-id="([0-9a-f-]{36})"', mapped.text).group(1)
    download = ada.get(f"{base}/files/{file_id}/download")
    assert download.status_code == 200 and download.content == content
    activated = post_form(ada, base, f"{base}/files/{file_id}/active", {"active": "true"})
    assert activated.status_code == 303
    run_jobs(ada, session_factory)
    results = ada.get(base).text
    assert "Mass per layer" in results and "Not calculated yet" not in results


def test_an_upload_without_the_csrf_token_is_refused(ada, w):
    refused = ada.post(
        f"/buildings/{w.building.id}/files/new/upload/",
        files={"file": ("house.ifc", b"ISO-10303-21;", "application/octet-stream")},
    )
    assert refused.status_code == 403


def test_the_database_page_lists_and_searches_commodities(ada, w):
    url = f"/databases/{GENERIC_DATABASE_ID}"
    everything = ada.get(url)
    assert everything.status_code == 200
    total = int(re.search(r"(\d+) commodit", everything.text).group(1))
    assert total > 10 and "Next" in everything.text
    found = ada.get(url, params={"q": "concrete"})
    hits = int(re.search(r"(\d+) commodit", found.text).group(1))
    assert 0 < hits < total and "oncrete" in found.text
    assert "/users" not in everything.text  # the public database has no Users tab
    assert ada.get(url, params={"q": "%"}).status_code == 200


def test_inviting_a_person_grants_a_role_they_can_use(ada, w, client):
    users = f"/folders/{w.folder.id}/users"
    invited = post_form(
        ada, users, f"{users}/invite", {"email": "rita@example.org", "level": "Reader"}
    )
    assert invited.status_code == 200 and "rita@example.org" in invited.text
    one_time = re.search(r'id="one-time-password">([^<]+)<', invited.text).group(1)
    again = post_form(
        ada, users, f"{users}/invite", {"email": "rita@example.org", "level": "Manager"}
    )
    assert "one-time-password" not in again.text and "Manager" in again.text
    bad = post_form(ada, users, f"{users}/invite", {"email": "not an email", "level": "Reader"})
    assert bad.status_code == 400
    client.cookies.clear()
    sign_in(client, "rita@example.org", one_time)
    chosen = "rita's own long password"
    post_form(client, "/password", "/password", {"password": chosen, "confirm": chosen})
    assert client.get("/", follow_redirects=False).headers["location"] == f"/folders/{w.folder.id}"
    assert client.get(f"/buildings/{w.building.id}").status_code == 200
    assert client.get(f"/accounts/{w.account_id}").status_code == 404
