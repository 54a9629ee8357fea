"""The reference documents and the operations in them that matbank does not serve."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import yaml

HTTP_METHODS = ("get", "put", "post", "delete", "patch")
REFERENCE_DIR = Path(
    os.environ.get(
        "MATBANK_REFERENCE_SPECS",
        Path(__file__).resolve().parents[2] / "shared" / "reference" / "openapi",
    )
)
REFERENCE_SPECS = {
    "v3.0": REFERENCE_DIR / "madaster-v3.0-build30855.json",
    "v4.0": REFERENCE_DIR / "madaster-v4.0-build28168.yaml",
}


def load(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    return json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)


def operations(document: dict[str, Any]) -> set[tuple[str, str]]:
    """(METHOD, path) of every operation in an OpenAPI document."""
    return {
        (method.upper(), path)
        for path, item in document.get("paths", {}).items()
        for method in item
        if method in HTTP_METHODS
    }


def served_operations(version: str) -> set[tuple[str, str]]:
    """What matbank's own generated document declares under ``/api/<version>``."""
    from matbank.api.openapi import version_openapi
    from matbank.app import create_app
    from matbank.config import Settings

    return operations(version_openapi(create_app(Settings(environment="test")), version))


def missing_operations() -> dict[str, list[tuple[str, str]]]:
    """Per API version: the reference operations matbank does not serve, sorted by path."""
    return {
        version: sorted(operations(load(path)) - served_operations(version), key=lambda o: o[::-1])
        for version, path in REFERENCE_SPECS.items()
    }


ERRATA = (
    "schemas extended through allOf (CommodityBase, BaseChildReference and their subtypes) "
    "lose additionalProperties:false, which made every subtype unsatisfiable",
    "oneOf [base, subtypes…] of a discriminated base becomes anyOf (a subtype also "
    "matches its base, so oneOf could never hold)",
)


def _refs(node: Any) -> list[str]:
    return [n["$ref"].rsplit("/", 1)[1] for n in node if isinstance(n, dict) and "$ref" in n]


def with_errata(document: dict[str, Any]) -> dict[str, Any]:
    """The reference document with the two defects in ``ERRATA`` corrected (in place)."""
    schemas = document.get("components", {}).get("schemas", {})
    for schema in schemas.values():
        bases = _refs(schema.get("allOf", []))
        if bases:
            schema.pop("additionalProperties", None)
            for base in bases:
                schemas[base].pop("additionalProperties", None)
    discriminated = {name for name, s in schemas.items() if "discriminator" in s}
    stack: list[Any] = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "oneOf" in node and discriminated & set(_refs(node["oneOf"])):
                node["anyOf"] = node.pop("oneOf")
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return document
