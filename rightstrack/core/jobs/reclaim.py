"""Work whose worker died (kill -9, a machine lost) is taken back and run again, or failed for good.

A job reports its heartbeat with every progress write. A job still "running" whose heartbeat is older than
``JOB_LEASE_SECONDS`` is queued again (the same job: its page and id stay) until it has run
``JOB_MAX_ATTEMPTS`` times, then marked failed with a message saying to start it again. Its run counter
(``attempts``) fences the old run: should the lost worker come back to life, its next progress write or its
outcome finds another run's number and stops (``services.DatabaseProgress``, ``services._finish``). A job
still "queued" with no task after the lease (its queueing was lost with the database) is given its task.

Other tasks (e-mail) have no heartbeat; one still "running" ``TASK_LEASE_SECONDS`` after it started is run
again as a new task: tasks are idempotent (e-mail claims expire after ``EMAIL_CLAIM_SECONDS``, shorter).

Every ``rightstrack task_worker`` runs this now and then (``reclaim_loop``), so a worker that dies on one
machine is made good by a worker on another; all the changes are single guarded updates, so reclaimers
running side by side take each row once.
"""

from __future__ import annotations

import datetime
import logging
import threading
from functools import partial
from typing import Any

from django.conf import settings
from django.db import close_old_connections, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from rightstrack.core.audit import audit_record
from rightstrack.core.jobs.models import Job, JobState

logger = logging.getLogger(__name__)

RUN_JOB_TASK = "rightstrack.core.jobs.tasks.run_job"
LOST = gettext_noop("Its worker stopped; queued again (run %(attempt)s of %(attempts)s)…")


class WorkerLost(Exception):
    """Recorded on a task row whose worker stopped while running it."""


def _fail_task_rows(ids: list[str], now: datetime.datetime) -> int:
    """Mark django-tasks rows of a lost worker failed (they would read 'running' for ever)."""
    if not ids or getattr(settings, "TASKS_BACKEND", "") != "database":
        return 0
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(pk__in=ids, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
        traceback="The worker running this task stopped (reclaimed after its lease ran out).",
    )


def jobs_reclaim(*, now: datetime.datetime | None = None) -> tuple[int, int]:
    """Queue again, or fail, the running jobs whose worker has not been heard of within the lease.

    Returns (queued again, failed).
    """
    from rightstrack.core.jobs.services import _queue

    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=settings.JOB_LEASE_SECONDS)
    stale = list(
        Job.objects.filter(state=JobState.RUNNING, heartbeat_at__lt=cutoff).values_list(
            "pk", "attempts", "task_id"
        )
    )
    requeued = failed = 0
    for pk, attempts, task_id in stale:
        with transaction.atomic():
            guard = Job.objects.filter(
                pk=pk, state=JobState.RUNNING, attempts=attempts, heartbeat_at__lt=cutoff
            )
            if attempts < settings.JOB_MAX_ATTEMPTS:
                changed = guard.update(
                    state=JobState.QUEUED,
                    task_id="",
                    message=LOST,
                    message_params={"attempt": attempts + 1, "attempts": settings.JOB_MAX_ATTEMPTS},
                )
                if changed:
                    requeued += 1
                    transaction.on_commit(partial(_queue, pk))
            else:
                changed = guard.update(
                    state=JobState.FAILED,
                    finished_at=now,
                    error=_lost_error(pk, attempts),
                )
                failed += changed
            if changed:
                _fail_task_rows([task_id] if task_id else [], now)
                job = Job.objects.get(pk=pk)
                audit_record(obj=job, action="job_requeued" if job.is_live else "job_failed", actor=None)
                logger.warning("Job %s lost its worker (run %s): %s", pk, attempts, job.state)
    return requeued, failed


def _task_row_of(job_id: int) -> str | None:
    """The id of a queued or running ``run_job`` task row for this job, if the database queue holds one."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    row = (
        DBTaskResult.objects.filter(task_path=RUN_JOB_TASK, args_kwargs__kwargs__job_id=job_id)
        .filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING])
        .values_list("pk", flat=True)
        .first()
    )
    return str(row) if row is not None else None


def jobs_requeue_orphans(*, now: datetime.datetime | None = None) -> int:
    """Queue the task of every job left "queued" without one, older than the lease; returns how many.

    A job's row and its task are two commits (``job_enqueue`` queues the task once the row has committed):
    a database lost between the two leaves a job waiting for a worker for ever (decision 0047). Here the
    task is queued in the same transaction that records its id on the job — with the database queue both
    are rows of one database — under a lock that reclaimers side by side skip, so each orphan gets exactly
    one task. A task row that exists (its id alone was not written back) is linked, never doubled.
    """
    if getattr(settings, "TASKS_BACKEND", "") != "database":
        return 0  # without the database queue a task is run or lost with its process: nothing to find
    from rightstrack.core.jobs.tasks import run_job

    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=settings.JOB_LEASE_SECONDS)
    candidates = list(
        Job.objects.filter(state=JobState.QUEUED, task_id="", created_at__lt=cutoff).values_list(
            "pk", flat=True
        )
    )
    queued = 0
    for pk in candidates:
        with transaction.atomic():
            job = (
                Job.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, state=JobState.QUEUED, task_id="")
                .first()
            )
            if job is None:
                continue  # run, cancelled or taken by another reclaimer meanwhile
            task_id = _task_row_of(pk)
            if task_id is None:
                task_id = str(run_job.enqueue(job_id=pk).id)
                queued += 1
                audit_record(obj=job, action="job_requeued", actor=None)
                logger.warning("Job %s had no task (its queueing was lost): queued again", pk)
            Job.objects.filter(pk=pk).update(task_id=task_id[:64])
    return queued


def _lost_error(pk: int, attempts: int) -> str:
    from django.utils.translation import gettext as _
    from django.utils.translation import override

    job = Job.objects.filter(pk=pk).only("language").first()
    with override((job.language if job else "") or None):
        return _(
            "The worker doing this stopped %(attempts)s times before it finished. Start it again; if it "
            "keeps stopping, tell an administrator (job %(id)s)."
        ) % {"attempts": attempts, "id": pk}


def tasks_reclaim(*, now: datetime.datetime | None = None) -> int:
    """Run again, as new tasks, the tasks (other than jobs) still running past TASK_LEASE_SECONDS."""
    if getattr(settings, "TASKS_BACKEND", "") != "database":
        return 0
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=settings.TASK_LEASE_SECONDS)
    rows = list(
        DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
        .exclude(task_path=RUN_JOB_TASK)  # jobs have their own, shorter lease
        .only("id", "task_path", "args_kwargs")
    )
    again = 0
    for row in rows:
        with transaction.atomic():
            if not _fail_task_rows([str(row.pk)], now):
                continue  # another reclaimer took it
            try:
                task = row.task
            except Exception:  # the task's code is gone: nothing to run again
                logger.exception("Task %s (%s) cannot be run again", row.pk, row.task_path)
                continue
            args: dict[str, Any] = row.args_kwargs or {}
            transaction.on_commit(partial(task.enqueue, *args.get("args", []), **args.get("kwargs", {})))
            again += 1
            logger.warning("Task %s (%s) lost its worker: queued again", row.pk, row.task_path)
    return again


def reclaim_once() -> tuple[int, int, int]:
    requeued, failed = jobs_reclaim()
    requeued += jobs_requeue_orphans()
    return requeued, failed, tasks_reclaim()


def reclaim_loop(stop: threading.Event, interval: float) -> None:
    """A worker's side duty: reclaim every ``interval`` seconds until ``stop`` is set (a daemon thread)."""
    while not stop.is_set():
        try:
            reclaim_once()
        except Exception:  # a database blip must not end the loop; the next round tries again
            logger.exception("Reclaiming lost work failed; trying again in %s s", interval)
        finally:
            close_old_connections()
        stop.wait(interval)
