"""FastAPI dependencies: the request's session and the calling principal."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader
from sqlalchemy.orm import Session

from matbank.auth.principal import Principal
from matbank.auth.service import authenticate
from matbank.db import get_session

api_key_header = APIKeyHeader(
    name="X-API-Key",
    scheme_name="ApiKeyAuth",
    description="API token: 32 lowercase hexadecimal characters.",
    auto_error=False,
)

SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def get_principal(
    request: Request,
    session: SessionDep,
    api_key: Annotated[str | None, Security(api_key_header)] = None,
) -> Principal:
    resolution = request.app.state.settings.token_last_used_resolution_seconds
    return authenticate(session, api_key, touch_after=timedelta(seconds=resolution))


PrincipalDep = Annotated[Principal, Depends(get_principal)]
