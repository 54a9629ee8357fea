"""matbank's served v4.0 OpenAPI against Madaster's published build 28168 document, and the
three v3.0 building-database operations against build 30855."""

from __future__ import annotations

from typing import Any

import pytest
from tests.conftest import SHARED
from tests.contract.openapi_compare import (
    differences,
    enum_values,
    json_schema,
    load,
    operations,
    properties,
)

from matbank.api.openapi import version_openapi
from matbank.app import create_app
from matbank.config import Settings

REFERENCE_V4 = SHARED / "reference" / "openapi" / "madaster-v4.0-build28168.yaml"
REFERENCE_V3 = SHARED / "reference" / "openapi" / "madaster-v3.0-build30855.json"

BUILDING_DATABASES = {
    ("get", "/api/v3.0/building/{id}/database"),
    ("post", "/api/v3.0/building/{id}/database"),
    ("get", "/api/v3.0/building/{id}/availabledatabases"),
}


def _load(path):
    if not path.exists():
        pytest.skip(f"reference OpenAPI not found at {path} (../shared is absent)")
    return load(path)


@pytest.fixture(scope="module")
def app():
    return create_app(Settings(environment="test"))


@pytest.fixture(scope="module")
def reference():
    return _load(REFERENCE_V4)


@pytest.fixture(scope="module")
def ours(app):
    return version_openapi(app, "v4.0")


def test_all_44_operations_are_served(ours, reference):
    assert len(operations(reference)) == 44, "the reference changed"
    assert set(operations(ours)) == set(operations(reference))


def test_every_operation_matches_the_reference(ours, reference):
    problems = {
        f"{m.upper()} {p}": differences(ours, reference, (m, p))
        for m, p in sorted(operations(reference))
    }
    assert {op: found for op, found in problems.items() if found} == {}


def _nested(ours_doc, ref_doc, ours_schema, ref_schema, path, seen, problems) -> None:
    """Every property and enum value of the reference, at every depth of the body."""
    ref_props, our_props = properties(ref_doc, ref_schema), properties(ours_doc, ours_schema)
    for name, prop in ref_props.items():
        where = f"{path}.{name}"
        if name not in our_props:
            problems.append(f"{where} missing")
            continue
        missing = enum_values(ref_doc, prop) - enum_values(ours_doc, our_props[name])
        if missing:
            problems.append(f"{where} lacks {sorted(missing)}")
        key = (id(prop), name)
        if key not in seen and properties(ref_doc, prop):
            seen.add(key)
            _nested(ours_doc, ref_doc, our_props[name], prop, where, seen, problems)


def test_every_nested_property_and_enum_value_is_present(ours, reference):
    problems: list[str] = []
    for key, op in operations(reference).items():
        for request in (True, False):
            ref_schema = json_schema(op, request=request)
            our_schema = json_schema(operations(ours)[key], request=request)
            if ref_schema is None or our_schema is None:
                continue
            label = f"{key[0].upper()} {key[1]} {'request' if request else 'response'}"
            _nested(ours, reference, our_schema, ref_schema, label, set(), problems)
    assert problems == []


def test_error_responses_are_documented(ours, reference):
    for key, op in operations(reference).items():
        declared = {c for c in op["responses"] if c[0] in "45"}
        assert declared <= set(operations(ours)[key]["responses"]), key


def test_multipart_fields_are_file_and_image(ours):
    paths = ours["paths"]
    for path, field in (
        ("/api/v4.0/commodity/{id}/files/upload", "file"),
        ("/api/v4.0/commodity/{id}/images", "image"),
    ):
        content = paths[path]["post"]["requestBody"]["content"]["multipart/form-data"]
        schema: dict[str, Any] = content["schema"]
        if "$ref" in schema:
            schema = ours["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
        assert field in schema["properties"]


def test_our_v4_document_is_valid_openapi(ours):
    from openapi_spec_validator import validate

    validate(ours)


def test_building_database_operations_match_v3(app):
    reference = _load(REFERENCE_V3)
    ours = version_openapi(app, "v3.0")
    assert set(operations(reference)) >= BUILDING_DATABASES, "the reference changed"
    assert set(operations(ours)) >= BUILDING_DATABASES
    problems = {f"{m} {p}": differences(ours, reference, (m, p)) for m, p in BUILDING_DATABASES}
    assert {op: found for op, found in problems.items() if found} == {}
