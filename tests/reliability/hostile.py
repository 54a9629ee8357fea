"""Hand-made hostile request bodies: what generated cases rarely reach (NaN and Infinity
literals, numbers beyond float range, deep nesting, huge strings, negative quantities, bytes
that are not UTF-8, truncated JSON)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

JSON = "application/json"


def _dumps(body: Any) -> bytes:
    return json.dumps(body, allow_nan=True).encode()  # writes NaN/Infinity literals


def _with(body: Any, field: str, value: Any) -> Any:
    if isinstance(body, list):
        return [_with(body[0], field, value), *body[1:]]
    return {**body, field: value}


def hostile_bodies(
    valid: Any, number_field: str, text_field: str
) -> Iterator[tuple[str, bytes, str]]:
    """(label, raw body, content type) variations of one valid body."""
    for label, value in (("NaN", float("nan")), ("Infinity", float("inf")),
                         ("-Infinity", float("-inf")), ("negative", -5.0)):
        yield f"{number_field}={label}", _dumps(_with(valid, number_field, value)), JSON
    raw = _dumps(valid)
    number_as_text = _dumps(_with(valid, number_field, "__N__")).replace(b'"__N__"', b"1e400")
    yield f"{number_field}=1e400", number_as_text, JSON
    yield f"{text_field} of 1 MB", _dumps(_with(valid, text_field, "x" * 1_000_000)), JSON
    yield f"{text_field} of control characters", _dumps(_with(valid, text_field, "\x00\x1b")), JSON
    yield f"{text_field} nested 50000 deep", _deep(valid, text_field, 50_000), JSON
    yield "body nested 50000 deep", b"[" * 50_000 + b"]" * 50_000, JSON
    yield "truncated", raw[: len(raw) // 2], JSON
    yield "latin-1 bytes", _dumps(_with(valid, text_field, "Wände")).replace(
        "Wände".encode(), "Wände".encode("latin-1")), JSON
    yield "UTF-16", json.dumps(valid).encode("utf-16"), JSON
    yield "UTF-8 with BOM", b"\xef\xbb\xbf" + raw, JSON
    yield "wrong content type", raw, "text/plain"
    yield "null", b"null", JSON
    yield "a bare string", b'"x"', JSON
    yield "empty", b"", JSON


def _deep(valid: Any, field: str, depth: int) -> bytes:
    marker = _dumps(_with(valid, field, "__DEEP__"))
    return marker.replace(b'"__DEEP__"', b"[" * depth + b"]" * depth)
