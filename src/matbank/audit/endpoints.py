"""``GET /api/v3.0/audit``: the account's audit log (matbank's own addition)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from matbank.audit import service
from matbank.audit.schemas import AuditEventResponse
from matbank.auth.dependencies import PrincipalDep, SessionDep
from matbank.schemas import INT32_MAX, OWN_ADDITION, UtcDateTime

router = APIRouter(tags=["Audit"])


@router.get(
    "/audit",
    operation_id="Audit_GetEvents",
    response_model=list[AuditEventResponse],
    response_model_exclude_none=True,
    openapi_extra=OWN_ADDITION,
)
def list_audit_events(
    principal: PrincipalDep,
    session: SessionDep,
    since: Annotated[
        UtcDateTime | None, Query(description="Only writes at or after this time.")
    ] = None,
    skip: Annotated[int, Query(ge=0, le=INT32_MAX)] = 0,
    take: Annotated[
        int, Query(ge=1, le=service.MAX_PAGE_SIZE, description="Page size, at most 1000.")
    ] = 100,
) -> list[AuditEventResponse]:
    """Writes to the caller's account, newest first: who (token), what (method, path and
    the ids involved), when and the resulting status code. Administrators only."""
    events = service.account_events(session, principal, since=since, skip=skip, take=take)
    return [AuditEventResponse.model_validate(e) for e in events]
