"""What a running handler gets: its job's identity, the services, and fenced transactions."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session, sessionmaker

from matbank.config import Settings
from matbank.db import session_scope
from matbank.jobs.leases import Claim, renew

if TYPE_CHECKING:
    from matbank.storage import Storage


class LeaseLost(Exception):
    """This worker no longer holds the job (its lease ran out and another worker took it,
    or the job was cancelled). The handler must stop; its result will not be recorded."""


class JobFailed(Exception):
    """Raise from a handler to fail the job at once, without further attempts (for
    failures a retry cannot fix, such as an unreadable input file)."""


class JobContext:
    """The handler's view of its job.

    ``session()`` opens the handler's own transaction and first confirms (and renews) the
    lease inside it: a worker that lost the job gets ``LeaseLost`` instead of writing, and
    on PostgreSQL nobody can re-claim the job until that transaction ends.
    """

    def __init__(
        self,
        claim: Claim,
        settings: Settings,
        session_factory: sessionmaker[Session],
        storage: Storage,
    ) -> None:
        self.job_id: uuid.UUID = claim.job_id
        self.kind: str = claim.kind
        self.attempt: int = claim.attempt
        self.max_attempts: int = claim.max_attempts
        self.settings = settings
        self.session_factory = session_factory
        self.storage = storage
        self._claim = claim
        self._open: Session | None = None

    @property
    def is_last_attempt(self) -> bool:
        return self.attempt >= self.max_attempts

    @contextmanager
    def session(self, *, write: bool = True) -> Iterator[Session]:
        """A transaction committed on success; with ``write`` it is fenced by the lease."""
        if self._open is not None:
            # A second connection would wait on the row lock the first one holds.
            raise RuntimeError("JobContext.session() cannot be nested")
        with session_scope(self.session_factory, write=write) as session:
            if write and not renew(session, self._claim):
                raise LeaseLost(f"job {self.job_id} is no longer held by this worker")
            self._open = session if write else None
            try:
                yield session
            finally:
                self._open = None

    def progress(self, done: int, total: int) -> None:
        """Record progress and renew the lease. Inside ``session()`` it joins that
        transaction (visible on commit); otherwise it commits at once."""
        self._renew((done, total))

    def heartbeat(self) -> None:
        """Renew the lease; long handlers call this more often than ``lease_seconds``."""
        self._renew(None)

    def _renew(self, progress: tuple[int, int] | None) -> None:
        if self._open is not None:
            held = renew(self._open, self._claim, progress)
        else:
            with session_scope(self.session_factory) as session:
                held = renew(session, self._claim, progress)
        if not held:
            raise LeaseLost(f"job {self.job_id} is no longer held by this worker")
