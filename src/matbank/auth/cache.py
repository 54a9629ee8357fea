"""A short-lived, per-process cache of authenticated principals.

Looking a token up costs a database round trip on every request; caching the result for
a few seconds removes it from the hot path. The price is explicit and bounded: a token
revoked (or deleted with its scope object) in another process keeps working here for at
most ``ttl`` seconds. Revocations made through this process are dropped at once.
``MATBANK_TOKEN_CACHE_SECONDS=0`` turns the cache off.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime

from matbank.auth.principal import Principal
from matbank.db import utcnow

MAX_ENTRIES = 10_000


class PrincipalCache:
    def __init__(self, ttl_seconds: float) -> None:
        self.ttl = ttl_seconds
        self._entries: dict[str, tuple[Principal, float, datetime | None]] = {}
        self._lock = threading.Lock()

    def get(self, token_hash: str) -> Principal | None:
        if self.ttl <= 0:
            return None
        entry = self._entries.get(token_hash)
        if entry is None:
            return None
        principal, fresh_until, expires_at = entry
        if time.monotonic() > fresh_until or (expires_at is not None and expires_at <= utcnow()):
            self._entries.pop(token_hash, None)
            return None
        return principal

    def put(self, token_hash: str, principal: Principal, expires_at: datetime | None) -> None:
        if self.ttl <= 0:
            return
        with self._lock:
            if len(self._entries) >= MAX_ENTRIES:
                self._entries.clear()
            self._entries[token_hash] = (principal, time.monotonic() + self.ttl, expires_at)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
