"""A durable job queue in the database.

Enqueue inside a transaction (``enqueue``), register handlers with ``@task``, run them
with ``Worker`` (``matbank worker``) or the in-process worker of ``matbank serve``. Jobs
run at least once and complete once; handlers must be idempotent.
"""

from matbank.jobs.context import JobContext, JobFailed, LeaseLost
from matbank.jobs.models import Job, JobStatus
from matbank.jobs.queue import cancel_job, enqueue, get_job
from matbank.jobs.registry import task
from matbank.jobs.worker import Worker, WorkerHandle, start_in_process_worker, start_workers

__all__ = [
    "Job",
    "JobContext",
    "JobFailed",
    "JobStatus",
    "LeaseLost",
    "Worker",
    "WorkerHandle",
    "cancel_job",
    "enqueue",
    "get_job",
    "start_in_process_worker",
    "start_workers",
    "task",
]
