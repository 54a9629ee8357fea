"""Task registry: job kinds and the handlers that run them.

A module registers its handlers at import with ``@task("files.refine")``. Workers and
``enqueue`` call ``load_task_modules()`` first, which imports every module named in
``TASK_MODULES`` once, so a process never needs to import task modules by hand.
"""

from __future__ import annotations

import importlib
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matbank.jobs.context import JobContext

Handler = Callable[["JobContext", dict[str, Any]], None]

#: Modules whose import registers tasks; each domain adds its ``tasks`` module here.
TASK_MODULES: tuple[str, ...] = ("matbank.files.tasks", "matbank.passports.tasks")

_KIND = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
_tasks: dict[str, TaskSpec] = {}
_loaded = False
_lock = threading.Lock()


@dataclass(frozen=True)
class TaskSpec:
    """How a kind of job runs: its handler, how often it may be tried, how long a lease lasts
    and the first retry delay (doubled after every failed attempt)."""

    kind: str
    handler: Handler
    max_attempts: int
    lease_seconds: float
    retry_delay: float


def check_kind(kind: str) -> None:
    """A kind is dotted lowercase: ``<domain>.<action>``, e.g. ``files.refine``."""
    if not _KIND.match(kind):
        raise ValueError(f"job kind {kind!r} must be dotted lowercase, like 'files.refine'")


def task(
    kind: str, *, max_attempts: int = 5, lease_seconds: float = 60.0, retry_delay: float = 2.0
) -> Callable[[Handler], Handler]:
    """Register the decorated function as the handler of ``kind``.

    Handlers must be idempotent: the queue runs a job at least once, and again when a
    worker dies before recording the result.
    """
    check_kind(kind)
    if max_attempts < 1 or lease_seconds <= 0 or retry_delay < 0:
        raise ValueError("max_attempts >= 1, lease_seconds > 0 and retry_delay >= 0 are required")

    def register(handler: Handler) -> Handler:
        existing = _tasks.get(kind)
        if existing is not None and _qualname(existing.handler) != _qualname(handler):
            raise ValueError(
                f"job kind {kind!r} is already handled by {_qualname(existing.handler)}"
            )
        _tasks[kind] = TaskSpec(kind, handler, max_attempts, lease_seconds, retry_delay)
        return handler

    return register


def _qualname(handler: Handler) -> str:
    return f"{handler.__module__}.{handler.__qualname__}"


def load_task_modules() -> None:
    """Import the known task modules once (lazily, so importing ``matbank.jobs`` stays cheap)."""
    global _loaded
    if _loaded:
        return
    with _lock:
        if not _loaded:
            for module in TASK_MODULES:
                importlib.import_module(module)
            _loaded = True


def get_task(kind: str) -> TaskSpec | None:
    load_task_modules()
    return _tasks.get(kind)


def registered_kinds() -> frozenset[str]:
    load_task_modules()
    return frozenset(_tasks)
