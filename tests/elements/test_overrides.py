"""Editing an element's overrides after import (matbank's own operation) and its effect on
the building's results.

The building is the three-element one of ``tests/results/test_results_endpoints.py`` (DE,
completed 2020-01-01, 1000 m², 50 years). Its timber panel is 50 m² of an Area product with
GWP A1-A3 5.0 per m² and a 25-year lifespan; the steel beam adds 157 to A1-A3 and outlives
the building. Before any override: A1-A3 = 157 + 250 = 407 and the panel is replaced
ceil(50/25) − 1 = 1 time, B4 = 250.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select
from tests.factories import token
from tests.results.test_results_endpoints import GWP, built  # noqa: F401
from tests.test_building_flow import run_jobs

from matbank.auth.permissions import PermissionLevel, ScopeKind
from matbank.files.models import BuildingFile
from matbank.jobs.models import Job

NONE = {
    "reuse": None,
    "availableForReuse": None,
    "lifespan": None,
    "assumedConstructionWaste": None,
    "installationDate": None,
}


def _panel(url: str, session) -> str:
    file_id = session.scalars(select(BuildingFile.id)).first()
    return f"{url}/files/{file_id}/elements/panel/overrides"


def _gwp(client, w, url) -> dict[str, float]:
    body = client.get(f"{url}/results/environmental", headers=w.headers).json()
    return body["building"]["modules"][GWP]


def test_overrides_read_back_and_clear_with_null(client, built, session):  # noqa: F811
    w, url, _ = built
    target = _panel(url, session)
    got = client.get(target, headers=w.headers)
    assert got.status_code == 200 and got.json() == {
        "id": "panel", "buildingFileId": target.split("/")[-4], **NONE}
    patched = client.patch(target, json={"reuse": 0.4, "installationDate": "2030-01-01"},
                           headers=w.headers)
    assert patched.status_code == 200, patched.text
    assert patched.json()["reuse"] == 0.4 and patched.json()["installationDate"] == "2030-01-01"
    kept = client.patch(target, json={"lifespan": 30}, headers=w.headers).json()
    assert (kept["reuse"], kept["lifespan"]) == (0.4, 30.0)  # a field left out is kept
    cleared = client.patch(target, json={"reuse": None, "installationDate": None},
                           headers={**w.headers, "content-type": "application/merge-patch+json"})
    assert cleared.json() == {**kept, "reuse": None, "installationDate": None}
    assert client.get(target, headers=w.headers).json() == cleared.json()


def test_reuse_and_lifespan_change_the_results_after_processing(client, built, session,  # noqa: F811
                                                                session_factory):
    """Panel 40 % reused with a 50-year lifespan: A1-A3 = 157 + 250·0.6 = 307, no B4."""
    w, url, _ = built
    assert _gwp(client, w, url)["A1_A3"] == pytest.approx(407.0)
    response = client.patch(_panel(url, session), json={"reuse": 0.4, "lifespan": 50},
                            headers=w.headers)
    assert response.status_code == 200, response.text
    assert client.get(url, headers=w.headers).json()["isDirty"] is True
    run_jobs(client, session_factory)
    gwp = _gwp(client, w, url)
    assert (gwp["A1_A3"], gwp["B4"]) == pytest.approx((307.0, 0.0))
    assert client.get(url, headers=w.headers).json()["isDirty"] is False


@pytest.mark.parametrize(("installed", "b4"), [
    ("2050-01-01", 0.0),    # 30 years after completion: 20 years left, ceil(20/25) − 1 = 0
    ("2000-01-01", 500.0),  # 20 years before: period 70, ceil(70/25) − 1 = 2 replacements
])
def test_installation_date_sets_the_b4_replacements(client, built, session,  # noqa: F811
                                                    session_factory, installed, b4):
    w, url, _ = built
    client.patch(_panel(url, session), json={"installationDate": installed}, headers=w.headers)
    run_jobs(client, session_factory)
    assert _gwp(client, w, url)["B4"] == pytest.approx(b4)


@pytest.mark.parametrize(("body", "field"), [
    ({"reuse": 1.5}, "reuse"),
    ({"availableForReuse": -0.1}, "availableForReuse"),
    ({"lifespan": 0}, "lifespan"),
    ({"assumedConstructionWaste": 0}, "assumedConstructionWaste"),
    ({"installationDate": "someday"}, "installationDate"),
    ({"reused": 0.5}, "reused"),
])
def test_out_of_range_values_are_refused_with_problem_details(client, built, session,  # noqa: F811
                                                               body, field):
    w, url, _ = built
    response = client.patch(_panel(url, session), json=body, headers=w.headers)
    assert response.status_code == 400, response.text
    problem = response.json()
    assert problem["status"] == 400 and any(field in key for key in problem["errors"])
    assert client.get(_panel(url, session), headers=w.headers).json()["reuse"] is None


def test_only_writers_may_edit_and_unknown_elements_are_404(client, built, session):  # noqa: F811
    w, url, _ = built
    target = _panel(url, session)
    reader = token(session, w.account_id, ScopeKind.BUILDING, w.building.id, PermissionLevel.READER)
    manager = token(session, w.account_id, ScopeKind.BUILDING, w.building.id,
                    PermissionLevel.MANAGER)
    session.commit()
    assert client.get(target, headers={"X-API-Key": reader}).status_code == 200
    denied = client.patch(target, json={"reuse": 0.2}, headers={"X-API-Key": reader})
    assert denied.status_code == 403 and denied.json()["status"] == 403
    allowed = client.patch(target, json={"reuse": 0.2}, headers={"X-API-Key": manager})
    assert allowed.status_code == 200
    missing = client.patch(target.replace("/panel/", "/nope/"), json={}, headers=w.headers)
    assert missing.status_code == 404 and missing.json()["status"] == 404


def test_a_file_being_refined_refuses_and_an_inactive_file_leaves_results_clean(
        client, built, session):  # noqa: F811
    w, url, _ = built
    source = session.scalars(select(BuildingFile)).one()
    source.status = "Refining"
    session.commit()
    refused = client.patch(_panel(url, session), json={"reuse": 0.2}, headers=w.headers)
    assert refused.status_code == 409 and "Refining" in refused.json()["detail"]
    source.status, source.is_active = "Mapped", False
    session.commit()
    queued = session.scalars(select(Job)).all()
    assert client.patch(_panel(url, session), json={"reuse": 0.2},
                        headers=w.headers).status_code == 200
    session.expire_all()
    assert len(session.scalars(select(Job)).all()) == len(queued)
    assert client.get(url, headers=w.headers).json()["isDirty"] is False


def test_the_operation_is_a_documented_addition_with_a_typed_patch_body():
    from tests.contract.openapi_compare import operations

    from matbank.api.openapi import version_openapi
    from matbank.app import create_app
    from matbank.config import Settings

    document = version_openapi(create_app(Settings(environment="test")), "v3.0")
    served = operations(document)
    path = "/api/v3.0/building/{buildingId}/files/{fileId}/elements/{id}/overrides"
    for method in ("get", "patch"):
        op = served[(method, path)]
        assert op["x-matbank-addition"] is True and op["description"]
    body = served[("patch", path)]["requestBody"]["content"]
    assert {"application/json", "application/merge-patch+json"} <= set(body)
    schema = document["components"]["schemas"][
        body["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]]
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == set(NONE)
