"""From an element's classification code to its shearing (Brand) layer.

Each method has a prefix table in ``data/classification_layers.json``; the longest
matching prefix wins and unclassified or unmatched codes go to the Unknown layer. When a
file names no method, matbank tries the methods in a fixed order and takes the first one
whose table knows the code's prefix ([INTERP], docs/interpretations/files.md).
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from matbank.system.catalogue import classification_methods

UNKNOWN = "Unknown"
_SEPARATORS = re.compile(r"[\s.\-_()/]+")
FALLBACK_ORDER = (
    "nl-sfb",
    "omniclass-21",
    "uniformat",
    "din-276",
    "uniclass-2015",
    "shearing-layers",
)


@cache
def _tables() -> dict[str, dict[str, str]]:
    path = resources.files("matbank.data").joinpath("classification_layers.json")
    return json.loads(path.read_text(encoding="utf-8"))["tables"]


@cache
def method_key(method_id: str | None) -> str | None:
    for method in classification_methods():
        if method.id == method_id:
            return method.key
    return None


def normalise_code(code: str) -> str:
    return _SEPARATORS.sub("", code).upper()


def layer_for(code: str | None, method_id: str | None = None) -> str:
    """The shearing layer of ``code`` under the method (Unknown when nothing fits)."""
    if not code or not code.strip():
        return UNKNOWN
    normalised = normalise_code(code)
    key = method_key(method_id)
    keys = (key,) if key in _tables() else FALLBACK_ORDER
    for candidate in keys:
        layer = _longest_prefix(_tables()[candidate], normalised)
        if layer is not None:
            return layer
    return UNKNOWN


def _longest_prefix(table: dict[str, str], code: str) -> str | None:
    for length in range(len(code), 0, -1):
        layer = table.get(code[:length])
        if layer is not None:
            return layer
    return None
