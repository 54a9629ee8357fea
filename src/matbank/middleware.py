"""ASGI middleware that normalises requests before FastAPI sees them.

* ``text/json`` bodies are declared by every Madaster operation but FastAPI only parses
  ``application/json`` and ``application/*+json``; the content type is rewritten.
* Bodies larger than the configured limit are refused with 413 ProblemDetails before
  any handler runs. Raw uploads (``.../upload/{fileName}``) stream to storage and are
  limited by their own handler instead.
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


async def _send_too_large(send: Send, scope: Scope, limit: int) -> None:
    payload = json.dumps(
        {
            "type": "https://tools.ietf.org/html/rfc9110#section-15.5.14",
            "title": "The request body is too large.",
            "status": 413,
            "detail": f"Request bodies are limited to {limit} bytes on this endpoint.",
            "instance": scope["path"],
            "code": "payload_too_large",
            "traceId": uuid.uuid4().hex,
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})
