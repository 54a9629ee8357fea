"""The results endpoints are documented, typed additions to the v3.0 document."""

from __future__ import annotations

from tests.contract.openapi_compare import operations

from matbank.api.openapi import version_openapi
from matbank.app import create_app
from matbank.config import Settings

PARTS = ("mass", "circularity", "flows", "detachability", "environmental", "financial")


def test_every_results_part_is_a_documented_typed_addition():
    served = operations(version_openapi(create_app(Settings(environment="test")), "v3.0"))
    for part in PARTS:
        op = served[("get", f"/api/v3.0/building/{{id}}/results/{part}")]
        assert op["x-matbank-addition"] is True and op["description"]
        assert op["operationId"].startswith("BuildingResults_")
        schema = op["responses"]["200"]["content"]["application/json"]["schema"]
        assert schema["$ref"].rsplit("/", 1)[1].startswith("Building")
    circular = served[("get", "/api/v3.0/building/{id}/circular")]
    assert circular["operationId"] == "Building_GetCircularInformation"
    assert "x-matbank-addition" not in circular
