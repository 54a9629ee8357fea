"""Clients generated from the reference documents by openapi-python-client (from PyPI).

They are generated into a temporary folder at run time and imported from there; nothing
generated is ever written into the repository.

One mechanical change is made to a copy of each document first: request bodies keep only
their ``application/json`` media type, as mainstream generators send. openapi-python-client
0.29 mishandles the ASP.NET triple (``application/json``, ``text/json``,
``application/*+json``): for required bodies it annotates with a name it never imports
(NameError on import) and for array bodies it emits ``isinstance(body, list[...])``.
The other two media types are exercised by the schemathesis run.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx

from conformance.server import BIN
from conformance.specs import load


class FlowFailure(AssertionError):
    """A documented flow did not get what the documentation promises."""


def json_only(document: dict[str, Any]) -> dict[str, Any]:
    """The document with every JSON request body declared as ``application/json`` only."""
    for item in document.get("paths", {}).values():
        for operation in item.values():
            content = (
                operation.get("requestBody", {}).get("content", {})
                if isinstance(operation, dict)
                else {}
            )
            if "application/json" in content:
                for media_type in [m for m in content if m != "application/json"]:
                    del content[media_type]
    return document


def generate(spec: Path, folder: Path, package: str) -> ModuleType:
    """Generate a client package named ``package`` under ``folder`` and import it."""
    target = folder / package
    source = folder / f"{package}.json"
    source.write_text(json.dumps(json_only(load(spec))), encoding="utf-8")
    command = [str(BIN / "openapi-python-client"), "generate", "--path", str(source)]
    command += ["--meta", "none", "--output-path", str(target), "--overwrite"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0 or not (target / "client.py").exists():
        raise RuntimeError(f"openapi-python-client failed on {spec.name}:\n{done.stdout}")
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
        del sys.modules[name]
    return importlib.import_module(package)


def module(package: ModuleType, dotted: str) -> ModuleType:
    """A module of a generated client, e.g. ``api.building.building_add_building``."""
    return importlib.import_module(f"{package.__name__}.{dotted}")


def authenticated(package: ModuleType, base_url: str, token: str) -> Any:
    """The generated client configured as the specs say: the token in ``X-API-Key``."""
    return package.AuthenticatedClient(
        base_url=base_url,
        token=token,
        prefix="",
        auth_header_name="X-API-Key",
        raise_on_unexpected_status=True,
        timeout=httpx.Timeout(60.0),
    )


def expect(response: Any, status: int, what: str) -> Any:
    """The parsed body of a ``sync_detailed`` response that must have ``status``."""
    if int(response.status_code) != status:
        body = response.content.decode("utf-8", "replace")[:500]
        raise FlowFailure(f"{what}: expected {status}, got {int(response.status_code)}: {body}")
    return response.parsed
