"""ASGI middleware that protects the service: per-token rate limits and a time budget per
request, each refusing with ProblemDetails.

* ``RateLimiter``: a token bucket per API key, kept in this process. With several server
  processes each enforces its own bucket, so a client can reach N times the limit across
  N processes; size ``MATBANK_RATE_LIMIT_PER_MINUTE`` for one process's share.
* ``RequestDeadline``: a request under ``/api/`` that has not begun its response within
  the budget gets 503 ``request_timeout``. The work is cancelled where it next waits; a
  write whose endpoint is still running is rolled back when it returns (the request
  boundary sees the cancellation), so a timed-out write is normally not stored.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import math
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from matbank.middleware import ASGIApp, Message, Receive, Scope, Send

_API_PREFIX = "/api/"
_API_KEY = b"x-api-key"
_MAX_BUCKETS = 50_000
_UPLOAD_MARKER = "/upload/"


@dataclass(slots=True)
class Bucket:
    tokens: float
    updated: float


class TokenBuckets:
    """Token buckets per key: ``capacity`` requests at once, refilled at ``per_minute``."""

    def __init__(self, per_minute: int, burst: int, clock: Callable[[], float]) -> None:
        self.rate = per_minute / 60.0
        self.capacity = float(max(burst, 1))
        self.clock = clock
        self.buckets: dict[bytes, Bucket] = {}

    def take(self, key: bytes) -> float:
        """Spend one token for ``key``; 0 when allowed, else seconds until one is back."""
        now = self.clock()
        bucket = self.buckets.get(key)
        if bucket is None:
            if len(self.buckets) >= _MAX_BUCKETS:
                self._forget_full(now)
            bucket = self.buckets[key] = Bucket(self.capacity, now)
        bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        return (1 - bucket.tokens) / self.rate

    def _forget_full(self, now: float) -> None:
        # A bucket that has refilled completely behaves exactly like a new one.
        refill = self.capacity / self.rate
        for key in [k for k, b in self.buckets.items() if now - b.updated >= refill]:
            del self.buckets[key]


class RateLimiter:
    def __init__(
        self,
        app: ASGIApp,
        *,
        per_minute: int,
        burst: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self.buckets = TokenBuckets(per_minute, burst, clock) if per_minute > 0 else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = _api_key(scope) if self.buckets is not None else None
        if key is not None and self.buckets is not None:
            wait = self.buckets.take(key)
            if wait > 0:
                retry_after = max(1, math.ceil(wait))
                await send_problem(
                    send,
                    scope,
                    429,
                    "Too many requests.",
                    f"This API key is limited to {self.buckets.rate * 60:g} requests per "
                    f"minute on this server; retry after {retry_after} s.",
                    code="rate_limited",
                    headers={"retry-after": str(retry_after)},
                )
                return
        await self.app(scope, receive, send)


def _api_key(scope: Scope) -> bytes | None:
    if scope["type"] != "http" or not scope["path"].startswith(_API_PREFIX):
        return None
    for name, value in scope["headers"]:
        if name == _API_KEY:
            # Only a digest is kept in memory, never the secret itself.
            return hashlib.blake2b(value, digest_size=16).digest()
    return None


class RequestDeadline:
    def __init__(self, app: ASGIApp, *, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    def _applies(self, scope: Scope) -> bool:
        path = scope.get("path", "")
        return (
            self.seconds > 0
            and scope["type"] == "http"
            and path.startswith(_API_PREFIX)
            and _UPLOAD_MARKER not in path
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._applies(scope):
            await self.app(scope, receive, send)
            return
        started = timed_out = False

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if not timed_out:
                started = True
                await send(message)

        # The work runs as its own task so that it can be abandoned at the deadline even
        # while it waits on a thread; one future wakes this one at whichever comes first.
        loop = asyncio.get_running_loop()
        task = loop.create_task(self.app(scope, receive, guarded_send))
        if not await _finished_within(loop, task, self.seconds) and not started:
            timed_out = True
            task.add_done_callback(_retrieve)
            task.cancel()
            await send_problem(
                send,
                scope,
                503,
                "The request took too long.",
                f"The request did not complete within {self.seconds:g} s and was abandoned; "
                "a write that was in progress is rolled back. Retry later.",
                code="request_timeout",
                headers={"retry-after": "5"},
            )
            return
        await task


async def _finished_within(
    loop: asyncio.AbstractEventLoop, task: asyncio.Task[None], seconds: float
) -> bool:
    """Whether ``task`` finished within ``seconds`` (cheaper than ``asyncio.wait``)."""
    woken: asyncio.Future[None] = loop.create_future()

    def wake(_: object = None) -> None:
        if not woken.done():
            woken.set_result(None)

    timer = loop.call_later(seconds, wake)
    task.add_done_callback(wake)
    try:
        await woken
    finally:
        timer.cancel()
        task.remove_done_callback(wake)
    return task.done()


def _retrieve(task: asyncio.Future[None]) -> None:
    if not task.cancelled():
        task.exception()


async def send_problem(
    send: Send,
    scope: Scope,
    status: int,
    title: str,
    detail: str,
    *,
    code: str,
    headers: dict[str, str],
) -> None:
    """Answer with a ProblemDetails body from middleware, before or instead of the app."""
    payload = json.dumps(
        {
            "type": "about:blank",
            "title": title,
            "status": status,
            "detail": detail,
            "instance": scope.get("path", ""),
            "code": code,
            "traceId": uuid.uuid4().hex,
        }
    ).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    raw += [(k.encode(), v.encode()) for k, v in headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": payload})
