"""ASGI middleware that normalises requests before FastAPI sees them.

* ``text/json`` bodies are declared by every Madaster operation but FastAPI only parses
  ``application/json`` and ``application/*+json``; the content type is rewritten.
* Bodies larger than the configured limit are refused with 413 ProblemDetails before
  any handler runs.
  Raw uploads (``.../upload/{fileName}``) stream to storage and are limited by their own
  handler instead.
* JSON bodies holding a NUL character (``\\u0000``) are refused with 400: PostgreSQL cannot
  store it, and one scan of the raw body is far cheaper than checking every field.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_STREAMED_PATHS = re.compile(r"/files/[^/]+/upload/")


class RequestNormaliser:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope["headers"] = [_rewrite_text_json(k, v) for k, v in scope["headers"]]
        if _STREAMED_PATHS.search(scope["path"]) or scope["method"] in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_body_bytes:
            await _send_too_large(send, scope, self.max_body_bytes)
            return
        body = await _read_body(receive, self.max_body_bytes)
        if body is None:
            await _send_too_large(send, scope, self.max_body_bytes)
            return
        if b"\\u0000" in body and _is_json(scope):
            await _send_problem(send, scope, 400, "The request is invalid.",
                                "Text in the request body may not contain NUL characters "
                                "(\\u0000).", "nul_character")
            return
        await self.app(scope, _replay(body, receive), send)


def _rewrite_text_json(key: bytes, value: bytes) -> tuple[bytes, bytes]:
    if key == b"content-type" and value.split(b";")[0].strip().lower() == b"text/json":
        return key, b"application/json" + value[len(value.split(b";")[0]) :]
    return key, value


def _content_length(scope: Scope) -> int | None:
    for key, value in scope["headers"]:
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _is_json(scope: Scope) -> bool:
    for key, value in scope["headers"]:
        if key == b"content-type":
            return value.split(b";")[0].strip().lower().endswith(b"json")
    return True  # FastAPI reads a body without a content type as JSON


async def _send_too_large(send: Send, scope: Scope, limit: int) -> None:
    detail = f"Request bodies are limited to {limit} bytes on this endpoint."
    await _send_problem(send, scope, 413, "The request body is too large.", detail,
                        "payload_too_large")


_RFC_SECTIONS = {400: "15.5.1", 413: "15.5.14"}


async def _send_problem(send: Send, scope: Scope, status: int, title: str, detail: str,
                        code: str) -> None:
    payload = json.dumps({
        "type": f"https://tools.ietf.org/html/rfc9110#section-{_RFC_SECTIONS[status]}",
        "title": title, "status": status, "detail": detail, "instance": scope["path"],
        "code": code, "traceId": uuid.uuid4().hex,
    }).encode()
    headers = [(b"content-type", b"application/json"),
               (b"content-length", str(len(payload)).encode()), (b"connection", b"close")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})
