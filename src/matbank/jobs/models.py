"""The ``jobs`` table: one row per unit of background work, durable across restarts."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, Text, Uuid, text
from sqlalchemy.orm import Mapped, mapped_column

from matbank.db import Base, UtcDateTime, new_id, utcnow


class JobStatus(StrEnum):
    """Lifecycle: queued -> running -> succeeded | failed | cancelled (running may fall back
    to queued for a retry; an expired lease lets another worker take a running job)."""

    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


UNFINISHED = (JobStatus.QUEUED.value, JobStatus.RUNNING.value)
# A literal predicate (not a bound expression) so both dialects and Alembic render it alike.
_QUEUED_SQL = text("status = 'queued'")


class Job(Base):
    __tablename__ = "jobs"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(100))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16), default=JobStatus.QUEUED.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=5)
    run_after: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # "<worker name>/<claim token>": unique per claim, so a re-claim fences the old owner.
    lease_owner: Mapped[str | None] = mapped_column(String(200), nullable=True)
    lease_expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    progress_done: Mapped[int | None] = mapped_column(Integer, nullable=True)
    progress_total: Mapped[int | None] = mapped_column(Integer, nullable=True)
    dedupe_key: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)

    __table_args__ = (
        # Claim query for due work: status = 'queued' ORDER BY run_after.
        Index("ix_jobs_status_run_after", "status", "run_after"),
        # Claim query for abandoned work: status = 'running' AND lease_expires_at < now.
        Index("ix_jobs_status_lease_expires_at", "status", "lease_expires_at"),
        # At most one *queued* job per kind and key: a change made while a twin is running
        # queues exactly one re-run, which is what keeps results from going stale.
        Index(
            "uq_jobs_kind_dedupe_key_queued",
            "kind",
            "dedupe_key",
            unique=True,
            sqlite_where=_QUEUED_SQL,
            postgresql_where=_QUEUED_SQL,
        ),
    )

    @property
    def finished(self) -> bool:
        return self.status not in UNFINISHED
