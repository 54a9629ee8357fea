"""FastAPI dependencies: the request's session and the calling principal."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.security import APIKeyHeader
from sqlalchemy.orm import Session

from matbank.auth.cache import PrincipalCache
from matbank.auth.principal import Principal
from matbank.auth.service import authenticate_with_expiry, check_format
from matbank.auth.tokens import hash_secret
from matbank.db import get_session, session_scope

SessionDep = Annotated[Session, Depends(get_session, scope="function")]


class ApiKeyPrincipal(APIKeyHeader):
    """The ``X-API-Key`` security scheme, resolved straight to the calling principal.

    Being the security scheme itself, one dependency both documents the scheme on every
    operation that uses it and authenticates the caller (no separate header dependency).
    A missing, malformed, unknown, revoked or expired key is 401.
    """

    async def __call__(self, request: Request) -> Principal:  # type: ignore[override]
        secret = check_format(request.headers.get("x-api-key"))
        token_hash = hash_secret(secret)
        cache: PrincipalCache = request.app.state.principal_cache
        principal = cache.get(token_hash)
        if principal is None:
            principal = await _authenticate(request, secret, token_hash)
        request.state.principal = principal  # the audit log records who wrote
        return principal


async def _authenticate(request: Request, secret: str, token_hash: str) -> Principal:
    """Look the token up in its own short database session and cache the answer."""
    settings = request.app.state.settings
    touch_after = timedelta(seconds=settings.token_last_used_resolution_seconds)

    def lookup() -> tuple[Principal, datetime | None]:
        with session_scope(request.app.state.sessionmaker, write=False) as session:
            return authenticate_with_expiry(session, secret, touch_after=touch_after)

    principal, expires_at = await run_in_threadpool(lookup)
    request.app.state.principal_cache.put(token_hash, principal, expires_at)
    return principal


api_key_principal = ApiKeyPrincipal(
    name="X-API-Key",
    scheme_name="ApiKeyAuth",
    description="API token: 32 lowercase hexadecimal characters.",
)

PrincipalDep = Annotated[Principal, Security(api_key_principal)]
