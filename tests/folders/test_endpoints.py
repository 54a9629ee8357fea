"""Folders over HTTP: the tree, folder-type rules, moves and deletion."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from tests.factories import ZERO, add_folder, building_body, world

from matbank.folders.models import Folder

API = "/api/v3.0"


@pytest.fixture
def w(session):
    return world(session)


def _body(w, **overrides):
    body = {"name": "Python portfolio", "parentId": ZERO, "foldertypeId": str(w.portfolio_type_id)}
    body.update(overrides)
    return body


@pytest.mark.parametrize("root", ["zero", "account"])
def test_root_parent_may_be_zero_guid_or_account_id(client, w, root):
    parent = ZERO if root == "zero" else str(w.account_id)
    response = client.post(
        f"{API}/folder",
        json=_body(w, parentId=parent, owner="Me", description=""),
        headers=w.headers,
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["parentId"] == str(w.account_id)
    assert response.headers["location"] == f"{API}/folder/{body['id']}"


def test_get_list_replace_and_external_id(client, w):
    created = client.post(
        f"{API}/folder", json=_body(w, externalId="folder-1234"), headers=w.headers
    ).json()
    assert client.get(f"{API}/folder/{created['id']}", headers=w.headers).json() == created
    names = {f["name"] for f in client.get(f"{API}/folder", headers=w.headers).json()}
    assert names == {"Portfolio 1", "Python portfolio"}
    found = client.get(f"{API}/folder/external/folder-1234", headers=w.headers).json()
    assert found["id"] == created["id"]
    put = client.put(
        f"{API}/folder/{created['id']}",
        json=_body(w, name="Renamed", description="text", externalId="folder-1234"),
        headers=w.headers,
    )
    assert put.status_code == 200 and put.json()["description"] == "text"
    assert client.get(f"{API}/folder/external/none", headers=w.headers).status_code == 404


def test_subfolder_and_move_keep_the_subtree(client, w, session):
    child = client.post(
        f"{API}/folder", json=_body(w, name="Child", parentId=str(w.folder.id)), headers=w.headers
    ).json()
    grandchild = client.post(
        f"{API}/folder", json=_body(w, name="Grandchild", parentId=child["id"]), headers=w.headers
    ).json()
    moved = client.put(
        f"{API}/folder/{child['id']}", json=_body(w, name="Child", parentId=ZERO), headers=w.headers
    )
    assert moved.status_code == 200 and moved.json()["parentId"] == str(w.account_id)
    session.expire_all()
    paths = {f.name: f.path for f in session.scalars(select(Folder)).all()}
    assert paths["Grandchild"].startswith(paths["Child"])
    assert not paths["Child"].startswith(paths["Portfolio 1"])
    assert grandchild["parentId"] == child["id"]


def test_a_folder_cannot_become_its_own_ancestor(client, w, session):
    child = add_folder(session, w.account_id, "Child", parent=w.folder)
    before = {f.id: f.path for f in session.scalars(select(Folder)).all()}
    response = client.put(
        f"{API}/folder/{w.folder.id}",
        json=_body(w, name="Portfolio 1", parentId=str(child.id)),
        headers=w.headers,
    )
    assert response.status_code == 400
    assert "into itself" in response.json()["detail"]
    session.expire_all()
    assert {f.id: f.path for f in session.scalars(select(Folder)).all()} == before
    self_parent = client.put(
        f"{API}/folder/{w.folder.id}",
        json=_body(w, name="P", parentId=str(w.folder.id)),
        headers=w.headers,
    )
    assert self_parent.status_code == 400


def test_folder_type_nesting_rules(client, w, session):
    from tests.factories import folder_type_id

    subsidiary = folder_type_id(session, w.account_id, "subsidiary")
    response = client.post(
        f"{API}/folder", json=_body(w, foldertypeId=str(subsidiary)), headers=w.headers
    )
    assert response.status_code == 400 and "directly under the account" in response.json()["detail"]
    region_in_portfolio = client.post(
        f"{API}/folder",
        json=_body(w, parentId=str(w.folder.id), foldertypeId=str(w.region_type_id)),
        headers=w.headers,
    )
    assert region_in_portfolio.status_code == 400
    unknown_type = client.post(f"{API}/folder", json=_body(w, foldertypeId=ZERO), headers=w.headers)
    assert unknown_type.status_code == 400 and "foldertypeId" in unknown_type.json()["detail"]


def test_delete_refuses_folders_holding_buildings(client, w, session):
    response = client.delete(f"{API}/folder/{w.folder.id}", headers=w.headers)
    assert response.status_code == 409
    assert client.get(f"{API}/folder/{w.folder.id}", headers=w.headers).status_code == 200


def test_delete_removes_empty_subtree(client, w, session):
    top = add_folder(session, w.account_id, "Top")
    child = add_folder(session, w.account_id, "Child", parent=top)
    add_folder(session, w.account_id, "Grandchild", parent=child)
    assert client.delete(f"{API}/folder/{top.id}", headers=w.headers).status_code == 204
    session.expire_all()
    assert {f.name for f in session.scalars(select(Folder)).all()} == {"Portfolio 1"}


def test_duplicate_external_id_is_409_and_name_required(client, w):
    client.post(f"{API}/folder", json=_body(w, externalId="x"), headers=w.headers)
    assert (
        client.post(f"{API}/folder", json=_body(w, externalId="x"), headers=w.headers).status_code
        == 409
    )
    assert (
        client.post(f"{API}/folder", json=_body(w, name=None), headers=w.headers).status_code == 400
    )


def test_unknown_parent_is_404(client, w):
    import uuid

    response = client.post(
        f"{API}/folder", json=_body(w, parentId=str(uuid.uuid4())), headers=w.headers
    )
    assert response.status_code == 404


def test_buildings_follow_their_folder(client, w):
    body = building_body(w.folder.id)
    assert client.post(f"{API}/building", json=body, headers=w.headers).status_code == 201
