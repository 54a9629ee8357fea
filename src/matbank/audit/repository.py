"""All SQL of the audit log."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from matbank.audit.models import AuditEvent


class AuditRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, event: AuditEvent) -> None:
        self.session.add(event)
        self.session.flush()

    def page(
        self,
        account_id: uuid.UUID | None,
        *,
        since: datetime | None,
        skip: int,
        take: int,
    ) -> Sequence[AuditEvent]:
        """Newest first; ``account_id`` None means every account (the CLI)."""
        stmt = select(AuditEvent)
        if account_id is not None:
            stmt = stmt.where(AuditEvent.account_id == account_id)
        if since is not None:
            stmt = stmt.where(AuditEvent.at >= since)
        stmt = stmt.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).offset(skip).limit(take)
        return self.session.scalars(stmt).all()
