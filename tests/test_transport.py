"""Transport conventions: content types, size limits, unknown routes, API documents."""

from __future__ import annotations

import json

import pytest
from tests.factories import ZERO, world

API = "/api/v3.0"


@pytest.fixture
def w(session):
    return world(session)


@pytest.mark.parametrize(
    "content_type",
    [
        "application/json",
        "text/json",
        "application/*+json",
        "application/problem+json",
        "text/json; charset=utf-8",
    ],
)
def test_json_bodies_in_every_declared_content_type(client, w, content_type):
    body = json.dumps({"name": "CT", "parentId": ZERO, "foldertypeId": str(w.portfolio_type_id)})
    response = client.post(
        f"{API}/folder", content=body, headers={**w.headers, "content-type": content_type}
    )
    assert response.status_code == 201, response.text


def test_body_over_the_limit_is_413_and_nothing_is_stored(client, w):
    big = json.dumps(
        {"name": "x" * (70 * 1024), "parentId": ZERO, "foldertypeId": str(w.portfolio_type_id)}
    )
    response = client.post(
        f"{API}/folder", content=big, headers={**w.headers, "content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["status"] == 413
    assert len(client.get(f"{API}/folder", headers=w.headers).json()) == 1


def test_malformed_json_is_400(client, w):
    response = client.post(
        f"{API}/folder",
        content="{not json",
        headers={**w.headers, "content-type": "application/json"},
    )
    assert response.status_code == 400
    assert "not valid JSON" in response.json()["detail"]


def test_unknown_route_and_method_are_problem_details(client, w):
    missing = client.get(f"{API}/nowhere", headers=w.headers)
    assert missing.status_code == 404 and missing.json()["title"]
    wrong = client.patch(f"{API}/folder", headers=w.headers)
    assert wrong.status_code == 405 and wrong.json()["status"] == 405
    assert missing.headers["content-type"].startswith("application/json")


def test_openapi_documents_and_swagger_ui_are_served(client):
    doc = client.get(f"{API}/swagger.json").json()
    assert (
        doc["paths"][f"{API}/building/{{id}}"]["get"]["operationId"] == "Building_GetBuildingById"
    )
    assert doc["components"]["securitySchemes"]["ApiKeyAuth"]["name"] == "X-API-Key"
    assert "HTTPValidationError" not in doc["components"]["schemas"]
    assert client.get(f"{API}/swagger.yaml").text.startswith("openapi:")
    page = client.get("/swagger")
    assert page.status_code == 200 and "/swagger/static/swagger-ui-bundle.js" in page.text
    assert client.get("/swagger/static/swagger-ui-bundle.js").status_code == 200


def test_nul_characters_in_json_are_refused_before_anything_is_stored(client, w):
    body = {"name": "bad\u0000name", "parentId": ZERO, "foldertypeId": str(w.portfolio_type_id)}
    response = client.post(f"{API}/folder", json=body, headers=w.headers)
    assert response.status_code == 400 and "NUL" in response.json()["detail"]
    assert len(client.get(f"{API}/folder", headers=w.headers).json()) == 1
