"""Reading the audit log: administrators of an account see that account's writes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from matbank.audit.models import AuditEvent
from matbank.audit.repository import AuditRepository
from matbank.auth.permissions import PermissionLevel, ScopeKind
from matbank.auth.principal import Principal
from matbank.errors import Forbidden

MAX_PAGE_SIZE = 1000


def account_events(
    session: Session, principal: Principal, *, since: datetime | None, skip: int, take: int
) -> Sequence[AuditEvent]:
    """A page of the caller's account's audit log, newest first (Administrators with an
    account-scoped token only: narrower tokens would see writes outside their scope)."""
    if principal.scope_kind is not ScopeKind.ACCOUNT or (
        principal.permission is not PermissionLevel.ADMINISTRATOR
    ):
        raise Forbidden("Only an account-scoped Administrator token may read the audit log.")
    return AuditRepository(session).page(
        principal.account_id, since=since, skip=skip, take=min(take, MAX_PAGE_SIZE)
    )
