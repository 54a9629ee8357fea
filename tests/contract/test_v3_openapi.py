"""matbank's served v3.0 OpenAPI against Madaster's published build 30855 document."""

from __future__ import annotations

import pytest
from tests.conftest import SHARED
from tests.contract.openapi_compare import differences, load, operations

from matbank.api.openapi import version_openapi
from matbank.app import create_app
from matbank.config import Settings

REFERENCE = SHARED / "reference" / "openapi" / "madaster-v3.0-build30855.json"

FOUNDATION = {
    ("get", "/api/v3.0/account"),
    ("get", "/api/v3.0/account/foldertypes"),
    ("get", "/api/v3.0/folder"),
    ("post", "/api/v3.0/folder"),
    ("get", "/api/v3.0/folder/{id}"),
    ("put", "/api/v3.0/folder/{id}"),
    ("delete", "/api/v3.0/folder/{id}"),
    ("get", "/api/v3.0/folder/external/{externalId}"),
    ("get", "/api/v3.0/building"),
    ("post", "/api/v3.0/building"),
    ("get", "/api/v3.0/building/{id}"),
    ("put", "/api/v3.0/building/{id}"),
    ("delete", "/api/v3.0/building/{id}"),
    ("get", "/api/v3.0/building/external/{externalId}"),
    ("get", "/api/v3.0/system/classificationmethods"),
    ("get", "/api/v3.0/system/buildingusages"),
    ("get", "/api/v3.0/system/materialfamilies"),
}


@pytest.fixture(scope="module")
def reference():
    if not REFERENCE.exists():
        pytest.skip(f"reference OpenAPI not found at {REFERENCE} (../shared is absent)")
    return load(REFERENCE)


@pytest.fixture(scope="module")
def ours():
    return version_openapi(create_app(Settings(environment="test")), "v3.0")


def test_foundation_operations_are_all_served(ours, reference):
    assert set(operations(reference)) >= FOUNDATION, "the reference changed"
    assert set(operations(ours)) >= FOUNDATION


def test_every_served_operation_matches_the_reference(ours, reference):
    served = set(operations(ours)) & set(operations(reference))
    assert served >= FOUNDATION
    problems = {f"{m.upper()} {p}": differences(ours, reference, (m, p)) for m, p in sorted(served)}
    assert {op: found for op, found in problems.items() if found} == {}


def test_nothing_is_served_that_the_reference_lacks(ours, reference):
    """Except matbank's own documented additions, marked with ``x-matbank-addition``."""
    served = operations(ours)
    extra = {op for op in set(served) - set(operations(reference))
             if not served[op].get("x-matbank-addition")}
    assert extra == set()


def test_json_request_bodies_accept_the_three_json_media_types(ours):
    for (method, path), op in operations(ours).items():
        content = set(op.get("requestBody", {}).get("content", {}))
        if content and not content <= {"application/octet-stream", "multipart/form-data"}:
            assert {"application/json", "text/json", "application/*+json"} <= content, (
                f"{method} {path}"
            )


def test_our_document_is_valid_openapi(ours):
    from openapi_spec_validator import validate

    validate(ours)
