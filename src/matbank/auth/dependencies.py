"""FastAPI dependencies: the request's session and the calling principal."""

from __future__ import annotations

from datetime import timedelta
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

api_key_header = APIKeyHeader(
    name="X-API-Key",
    scheme_name="ApiKeyAuth",
    description="API token: 32 lowercase hexadecimal characters.",
    auto_error=False,
)

SessionDep = Annotated[Session, Depends(get_session, scope="function")]


async def get_principal(
    request: Request, api_key: Annotated[str | None, Security(api_key_header)] = None
) -> Principal:
    """The caller, from the per-process cache or from its own short database session."""
    secret = check_format(api_key)
    token_hash = hash_secret(secret)
    cache: PrincipalCache = request.app.state.principal_cache
    principal = cache.get(token_hash)
    if principal is not None:
        request.state.principal = principal  # the audit log records who wrote
        return principal
    settings = request.app.state.settings
    touch_after = timedelta(seconds=settings.token_last_used_resolution_seconds)

    def lookup() -> tuple[Principal, object]:
        with session_scope(request.app.state.sessionmaker, write=False) as session:
            return authenticate_with_expiry(session, secret, touch_after=touch_after)

    principal, expires_at = await run_in_threadpool(lookup)
    cache.put(token_hash, principal, expires_at)  # type: ignore[arg-type]
    request.state.principal = principal
    return principal


PrincipalDep = Annotated[Principal, Depends(get_principal)]
