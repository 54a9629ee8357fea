"""ASGI middleware that appends one audit event per authenticated write.

The event is written after the response has been sent, in its own short transaction, so
it never delays the answer and never touches reads. The caller is known from
``request.state.principal`` (set by the API-key dependency) or ``request.state.visitor``
(a signed-in web user); writes without a known caller (401) are not recorded.
"""

from __future__ import annotations

import logging
import re
import time
from typing import Any

from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from matbank.audit.models import AuditEvent
from matbank.audit.repository import AuditRepository
from matbank.db import session_scope
from matbank.middleware import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("matbank.audit")
_READS = frozenset({"GET", "HEAD", "OPTIONS"})
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
MAX_PATH = 2000


def resource_ids(path: str, location: str | None) -> list[str]:
    """The ids a write touched: those in its path, then the one its ``Location`` names."""
    found = [m.lower() for m in _UUID.findall(path)]
    if location:
        found += [m.lower() for m in _UUID.findall(location) if m.lower() not in found]
    return found


class AuditRecorder:
    def __init__(self, app: ASGIApp, *, enabled: bool) -> None:
        self.app = app
        self.enabled = enabled

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.enabled or scope["type"] != "http" or scope["method"] in _READS:
            await self.app(scope, receive, send)
            return
        state: dict[str, Any] = scope.setdefault("state", {})
        outcome: dict[str, Any] = {"status": 500, "location": None}
        started = time.monotonic()

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                outcome["status"] = message["status"]
                outcome["location"] = _header(message, b"location")
            await send(message)

        try:
            await self.app(scope, receive, capture)
        finally:
            who = author(state)
            if who is not None:
                event = AuditEvent(
                    **who,
                    method=scope["method"],
                    path=scope["path"][:MAX_PATH],
                    resource_ids=resource_ids(scope["path"], outcome["location"]),
                    status=outcome["status"],
                    duration_ms=int((time.monotonic() - started) * 1000),
                )
                await run_in_threadpool(_store, scope["app"].state.sessionmaker, event)


def author(state: dict[str, Any]) -> dict[str, Any] | None:
    """Who sent the request: the API token's principal, else the signed-in web user."""
    principal = state.get("principal")
    if principal is not None:
        return {"account_id": principal.account_id, "token_id": principal.token_id}
    user = getattr(state.get("visitor"), "user", None)
    if user is not None:
        return {"user_id": user.id}
    return None


def _header(message: Message, name: bytes) -> str | None:
    for key, value in message.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def _store(factory: sessionmaker[Session], event: AuditEvent) -> None:
    try:
        with session_scope(factory) as session:
            AuditRepository(session).add(event)
    except Exception:  # the answer is already sent; losing an event must not fail it
        log.exception("could not record audit event %s %s", event.method, event.path)
