"""Workers: claim a job, run its handler, record the outcome; repeat until told to stop."""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from matbank.config import Settings
from matbank.jobs.context import JobContext, JobFailed, LeaseLost
from matbank.jobs.leases import Claim, claim_next, complete, fail
from matbank.jobs.registry import TaskSpec, get_task, registered_kinds
from matbank.storage import Storage

log = logging.getLogger("matbank.jobs")

#: Longest pause after the queue itself could not be reached (database down or locked).
MAX_ERROR_PAUSE = 10.0


class Worker:
    """Runs jobs of the registered kinds (or only ``kinds``) one at a time.

    Give each worker thread its own ``Worker``; several share a queue safely.
    """

    def __init__(
        self,
        settings: Settings,
        session_factory: sessionmaker[Session],
        storage: Storage,
        *,
        name: str | None = None,
        poll_interval: float = 0.2,
        kinds: Iterable[str] | None = None,
    ) -> None:
        self.settings = settings
        self.session_factory = session_factory
        self.storage = storage
        self.name = name or default_worker_name()
        self.poll_interval = poll_interval
        self._specs = _select_specs(kinds)

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(self._specs)

    def run_once(self) -> bool:
        """Claim and run one due job; False when none was due."""
        claim = claim_next(self.session_factory, self.name, self._specs)
        if claim is None:
            return False
        self._run(claim)
        return True

    def run_forever(self, stop: threading.Event) -> None:
        """Work until ``stop`` is set; the job in hand is finished first."""
        pause = self.poll_interval
        while not stop.is_set():
            try:
                worked = self.run_once()
                pause = self.poll_interval
            except Exception:
                log.exception("worker %s could not reach the queue", self.name)
                worked, pause = False, min(max(pause, 0.5) * 2, MAX_ERROR_PAUSE)
            if not worked:
                stop.wait(pause)

    def _run(self, claim: Claim) -> None:
        ctx = JobContext(claim, self.settings, self.session_factory, self.storage)
        started = time.monotonic()
        error: BaseException | None = None
        try:
            claim.spec.handler(ctx, claim.payload)
        except LeaseLost:
            outcome = None
        except Exception as exc:
            error = exc
            text = "".join(traceback.format_exception(exc)).strip()
            retry = not isinstance(exc, JobFailed)
            outcome = fail(self.session_factory, claim, text, retry=retry)
        else:
            outcome = "succeeded" if complete(self.session_factory, claim) else None
        _report(claim, outcome, error, time.monotonic() - started)


def _select_specs(kinds: Iterable[str] | None) -> dict[str, TaskSpec]:
    known = registered_kinds()
    wanted = known if kinds is None else frozenset(kinds)
    unknown = wanted - known
    if unknown:
        raise ValueError(f"no task is registered for job kind(s): {', '.join(sorted(unknown))}")
    return {kind: spec for kind in wanted if (spec := get_task(kind)) is not None}


_OUTCOMES = {None: "lost its lease, result dropped", "queued": "retry queued"}


def _report(claim: Claim, outcome: str | None, error: BaseException | None, seconds: float) -> None:
    """One console line per attempt: kind, id, outcome, attempt, duration (and the error)."""
    reason = f": {type(error).__name__}: {error}" if error is not None else ""
    log.info(
        "job %s %s %s (attempt %d/%d, %.2fs)%s",
        claim.kind,
        claim.job_id,
        _OUTCOMES.get(outcome, outcome),
        claim.attempt,
        claim.max_attempts,
        seconds,
        reason[:300],
    )


def default_worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_native_id()}"


@dataclass
class WorkerHandle:
    """Running worker threads; ``stop()`` lets each finish its current job and joins them."""

    stop_event: threading.Event
    threads: list[threading.Thread] = field(default_factory=list)

    def stop(self, timeout: float | None = 30.0) -> None:
        self.stop_event.set()
        for thread in self.threads:
            thread.join(timeout)

    def is_alive(self) -> bool:
        return any(thread.is_alive() for thread in self.threads)


def start_workers(
    settings: Settings,
    session_factory: sessionmaker[Session],
    storage: Storage,
    *,
    concurrency: int = 1,
    kinds: Iterable[str] | None = None,
    poll_interval: float = 0.5,
) -> WorkerHandle:
    """Start ``concurrency`` worker threads sharing the queue."""
    handle = WorkerHandle(threading.Event())
    base = f"{socket.gethostname()}:{os.getpid()}"
    for number in range(1, concurrency + 1):
        worker = Worker(
            settings,
            session_factory,
            storage,
            name=f"{base}:{number}",
            poll_interval=poll_interval,
            kinds=kinds,
        )
        thread = threading.Thread(
            target=worker.run_forever,
            args=(handle.stop_event,),
            name=f"matbank-worker-{number}",
            daemon=True,
        )
        thread.start()
        handle.threads.append(thread)
    return handle


def start_in_process_worker(
    app_or_settings: Any, session_factory: sessionmaker[Session], storage: Storage
) -> WorkerHandle:
    """One worker thread inside the serving process (``matbank serve`` without ``--no-worker``)."""
    settings = getattr(getattr(app_or_settings, "state", None), "settings", app_or_settings)
    if not isinstance(settings, Settings):
        raise TypeError("start_in_process_worker needs a FastAPI app or Settings")
    return start_workers(settings, session_factory, storage, concurrency=1)
