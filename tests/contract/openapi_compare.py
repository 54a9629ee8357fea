"""Helpers that compare matbank's generated OpenAPI with Madaster's published documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

HTTP_METHODS = ("get", "put", "post", "delete", "patch")


def load(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    return json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)


def operations(doc: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (method, path): op
        for path, item in doc.get("paths", {}).items()
        for method, op in item.items()
        if method in HTTP_METHODS
    }


def resolve(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _variants(doc: dict[str, Any], schema: dict[str, Any]) -> list[dict[str, Any]]:
    schema = resolve(doc, schema)
    found = [schema]
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(key, []):
            found.extend(_variants(doc, sub))
    return found


def properties(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Property name -> schema, looking through $ref, arrays and anyOf/oneOf/allOf."""
    result: dict[str, dict[str, Any]] = {}
    for variant in _variants(doc, schema):
        if variant.get("type") == "array" and "items" in variant:
            result.update(properties(doc, variant["items"]))
        result.update(variant.get("properties", {}))
    return result


def enum_values(doc: dict[str, Any], schema: dict[str, Any]) -> set[str]:
    values: set[str] = set()
    for variant in _variants(doc, schema):
        values.update(str(v) for v in variant.get("enum", []))
        if variant.get("type") == "array" and "items" in variant:
            values |= enum_values(doc, variant["items"])
    return values


def success_codes(op: dict[str, Any]) -> set[str]:
    return {code for code in op.get("responses", {}) if code.startswith("2")}


def json_schema(op: dict[str, Any], *, request: bool) -> dict[str, Any] | None:
    if request:
        content = op.get("requestBody", {}).get("content", {})
    else:
        codes = sorted(success_codes(op))
        content = op["responses"][codes[0]].get("content", {}) if codes else {}
    for media_type in ("application/json", "text/json", "text/plain"):
        if media_type in content and "schema" in content[media_type]:
            return content[media_type]["schema"]
    return None


def differences(
    ours: dict[str, Any],
    reference: dict[str, Any],
    key: tuple[str, str],
) -> list[str]:
    """What the reference declares for one operation that matbank's document lacks."""
    problems: list[str] = []
    mine, theirs = operations(ours)[key], operations(reference)[key]
    if mine.get("operationId") != theirs.get("operationId"):
        problems.append(f"operationId {mine.get('operationId')} != {theirs.get('operationId')}")
    if success_codes(mine) != success_codes(theirs):
        problems.append(f"success codes {success_codes(mine)} != {success_codes(theirs)}")
    for request in (True, False):
        label = "request" if request else "response"
        ref_schema = json_schema(theirs, request=request)
        our_schema = json_schema(mine, request=request)
        if ref_schema is None:
            continue
        if our_schema is None:
            problems.append(f"{label} body missing")
            continue
        ref_props, our_props = properties(reference, ref_schema), properties(ours, our_schema)
        for name, prop in ref_props.items():
            if name not in our_props:
                problems.append(f"{label} property {name} missing")
                continue
            missing = enum_values(reference, prop) - enum_values(ours, our_props[name])
            if missing:
                problems.append(f"{label} property {name} lacks enum values {sorted(missing)}")
        missing_top = enum_values(reference, ref_schema) - enum_values(ours, our_schema)
        if missing_top:
            problems.append(f"{label} lacks enum values {sorted(missing_top)}")
    return problems
