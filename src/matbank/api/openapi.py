"""One OpenAPI document per API version, generated from the routes themselves.

The whole application's document is generated once, then split by path prefix; the
schemas each version's operations reference (transitively) are kept, the rest dropped.
"""

from __future__ import annotations

import copy
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from matbank import __version__

DESCRIPTIONS = {
    "v3.0": "matbank's implementation of the Madaster REST API v3.0: accounts, folders, "
    "buildings, building files, elements and system settings. Authenticate every call "
    "with an API token in the X-API-Key header.",
    "v4.0": "matbank's implementation of the Madaster REST API v4.0: material and product "
    "databases and their commodities.",
}


def version_openapi(app: FastAPI, version: str) -> dict[str, Any]:
    """The OpenAPI document of the routes under ``/api/<version>``, cached on the app."""
    cache: dict[str, dict[str, Any]] = app.state.openapi_cache
    if version not in cache:
        whole = get_openapi(title="matbank", version=__version__, routes=app.routes)
        cache[version] = _split(whole, version)
    return cache[version]


def _split(whole: dict[str, Any], version: str) -> dict[str, Any]:
    prefix = f"/api/{version}/"
    paths = {
        p: _madaster_operations(copy.deepcopy(ops))
        for p, ops in whole.get("paths", {}).items()
        if p.startswith(prefix)
    }
    components = whole.get("components", {})
    schemas = components.get("schemas", {})
    kept = _referenced_schemas(paths, schemas)
    document: dict[str, Any] = {
        "openapi": whole["openapi"],
        "info": {
            "title": f"matbank API {version}",
            "version": version,
            "summary": f"matbank {__version__}",
            "description": DESCRIPTIONS.get(version, ""),
        },
        "paths": paths,
        "components": {
            "schemas": {name: schemas[name] for name in sorted(kept)},
            "securitySchemes": components.get("securitySchemes", {}),
        },
        "security": [{"ApiKeyAuth": []}],
    }
    return document


def _referenced_schemas(root: Any, schemas: dict[str, Any]) -> set[str]:
    seen: set[str] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
                name = ref.rsplit("/", 1)[1]
                if name not in seen and name in schemas:
                    seen.add(name)
                    stack.append(schemas[name])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return seen


JSON_REQUEST_TYPES = ("application/json", "text/json", "application/*+json")


def _madaster_operations(operations: dict[str, Any]) -> dict[str, Any]:
    """Describe failures as ProblemDetails (400, not FastAPI's 422) and list the three JSON
    request content types Madaster operations accept."""
    for operation in operations.values():
        responses = operation.get("responses", {})
        responses.pop("422", None)
        content = operation.get("requestBody", {}).get("content", {})
        if "application/json" in content:
            for media_type in JSON_REQUEST_TYPES:
                content.setdefault(media_type, content["application/json"])
    return operations
