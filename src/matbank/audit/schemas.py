"""Wire shape of the audit log (matbank's own addition)."""

from __future__ import annotations

import uuid
from datetime import datetime

from matbank.schemas import ApiModel


class AuditEventResponse(ApiModel):
    id: int
    at: datetime
    account_id: uuid.UUID | None = None
    token_id: uuid.UUID | None = None
    user_id: uuid.UUID | None = None
    method: str
    path: str
    resource_ids: list[str]
    status: int
    duration_ms: int
