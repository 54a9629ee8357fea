"""GET /building/{id} is served as a polled read: the same answers as FastAPI's own handler
gives (which still serves every id written another way), and a body built once per
stored version of the building."""

from __future__ import annotations

import uuid

import pytest
from fastapi import APIRouter, Request, Response
from fastapi.testclient import TestClient
from tests.factories import building_body, world

from matbank.app import create_app
from matbank.auth.dependencies import PrincipalDep, api_key_principal
from matbank.auth.permissions import PermissionLevel, ScopeKind
from matbank.auth.polling import PolledReadRoute
from matbank.auth.principal import Principal
from matbank.buildings import views

API = "/api/v3.0"


@pytest.fixture
def w(session):
    return world(session)


def test_the_fast_path_answers_as_fastapis_own_handler(client, w):
    canonical = f"{API}/building/{w.building.id}"
    other_spelling = f"{API}/building/{str(w.building.id).upper()}"  # FastAPI's handler
    fast = client.get(canonical, headers=w.headers)
    generic = client.get(other_spelling, headers=w.headers)
    assert fast.status_code == generic.status_code == 200
    assert fast.json() == generic.json()
    assert fast.headers["content-type"] == generic.headers["content-type"] == "application/json"


@pytest.mark.parametrize("spell", [str, lambda i: str(i).upper()])
def test_refusals_are_the_same_on_both_paths(client, w, spell):
    url = f"{API}/building/{spell(w.building.id)}"
    missing_key = client.get(url)
    wrong_key = client.get(url, headers={"X-API-Key": "0" * 32})
    unknown = client.get(f"{API}/building/{spell(uuid.uuid4())}", headers=w.headers)
    assert (missing_key.status_code, wrong_key.status_code, unknown.status_code) == (401, 401, 404)
    assert missing_key.json()["title"] and unknown.json()["status"] == 404
    assert client.get(f"{API}/building/not-a-uuid", headers=w.headers).status_code == 400


def test_a_changed_building_is_rendered_again(client, w, monkeypatch):
    rendered: list[str] = []
    real = views.building_view

    def counting(values):  # noqa: ANN001, ANN202
        if isinstance(values, dict):  # the polled read's stored values (not an ORM object)
            rendered.append(values["name"])
        return real(values)

    monkeypatch.setattr(views, "building_view", counting)
    url = f"{API}/building/{w.building.id}"
    first = [client.get(url, headers=w.headers).json()["name"] for _ in range(3)]
    replaced = client.put(url, json=building_body(w.folder.id, name="Renamed"), headers=w.headers)
    assert replaced.status_code == 200, replaced.text
    second = [client.get(url, headers=w.headers).json()["name"] for _ in range(3)]
    assert first == ["Office 1"] * 3 and second == ["Renamed"] * 3
    assert rendered.count("Renamed") == 1, "an unchanged building is not rendered again"


def test_overridden_dependencies_take_fastapis_handler(settings, session_factory, w):
    app = create_app(settings, session_factory=session_factory)
    stranger = Principal(
        token_id=uuid.uuid4(),
        account_id=uuid.uuid4(),
        scope_kind=ScopeKind.ACCOUNT,
        scope_id=uuid.uuid4(),
        permission=PermissionLevel.READER,
    )
    app.dependency_overrides[api_key_principal] = lambda: stranger
    with TestClient(app) as client:
        response = client.get(f"{API}/building/{w.building.id}", headers=w.headers)
    assert response.status_code == 404, "the override (another account) is honoured"


def test_only_the_polled_read_shape_is_accepted():
    router = APIRouter()

    async def with_query(id: uuid.UUID, principal: PrincipalDep, request: Request, q: int = 0):  # noqa: ANN202
        return Response()

    with pytest.raises(TypeError, match="not a polled read"):
        router.add_api_route("/{id}", with_query, route_class_override=PolledReadRoute)
