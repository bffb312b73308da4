"""Enqueue and run jobs. Every write to a job row is a short statement of its own: progress is seen by the
page polling it while the work goes on, and a failure never rolls back what was already recorded."""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from rightstrack.core.audit import audit_event, audit_record
from rightstrack.core.context import action_context
from rightstrack.core.jobs.models import FINAL_STATES, LIVE_STATES, Job, JobState
from rightstrack.core.jobs.registry import JobOutput, job_kind
from rightstrack.core.ops import observe_job

logger = logging.getLogger(__name__)

PROGRESS_INTERVAL_SECONDS = 0.25  # at most four progress writes a second; the last step is always written


class JobCancelled(Exception):
    """Raised inside a running job when its row says it was cancelled: the work stops at the next step."""


def params_key(params: dict[str, Any]) -> str:
    """A stable key for 'the same work': the parameters, canonically serialised and hashed."""
    return hashlib.sha256(json.dumps(params, sort_keys=True, default=str).encode()).hexdigest()


@transaction.atomic
def job_enqueue(
    *,
    actor: Any,
    kind: str,
    params: dict[str, Any],
    idempotency_key: str | None = None,
    input_file: File | None = None,
    language: str | None = None,
) -> Job:
    """Record a job and queue it to run after commit; the same live work asked twice returns the first job.

    ``idempotency_key`` defaults to a hash of ``params``; pass "" to start a new job every time (an upload
    is new work even when its parameters repeat). The actor needs the kind's permission; checks on the
    objects the job touches are the caller's (and the job's, again, when it runs).
    """
    spec = job_kind(kind)
    if actor is not None and not actor.has_perm(spec.permission):
        raise PermissionDenied(_("You do not have permission to do this."))
    key = params_key(params) if idempotency_key is None else idempotency_key
    if key:
        existing = _live_job(actor, kind, key)
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            job = Job.objects.create(
                actor=actor,
                kind=kind,
                params=params,
                idempotency_key=key[:200],
                language=language or translation.get_language() or "",
                message=gettext_noop("Waiting for a worker…"),
            )
    except IntegrityError:
        existing = _live_job(actor, kind, key)
        if existing is None:
            raise
        return existing
    if input_file is not None:
        job.input_file.save(input_file.name or "upload", input_file, save=False)
        Job.objects.filter(pk=job.pk).update(input_file=job.input_file.name)
    audit_record(obj=job, action="job_queued", actor=actor)
    transaction.on_commit(lambda: _queue(job.pk))
    return job


def _live_job(actor: Any, kind: str, key: str) -> Job | None:
    return Job.objects.filter(actor=actor, kind=kind, idempotency_key=key, state__in=LIVE_STATES).first()


def _queue(job_id: int) -> None:
    from rightstrack.core.jobs.tasks import run_job

    result = run_job.enqueue(job_id=job_id)
    Job.objects.filter(pk=job_id, task_id="").update(task_id=str(result.id)[:64])


class DatabaseProgress:
    """Progress written to the job row (throttled), checking on each write that the job was not cancelled."""

    def __init__(self, job: Job, echo: Any = None) -> None:
        self.job = job
        self.echo = echo  # another Progress (the CLI's bar) told the same things
        self._written = 0.0

    def start(self, total: int, message: str = "", **params: Any) -> None:
        self.job.total, self.job.done = max(0, total), 0
        self._set_message(message, params)
        self._write(force=True)
        if self.echo is not None:
            self.echo.start(total, message, **params)

    def advance(self, step: int = 1, message: str = "", **params: Any) -> None:
        self.job.done = min(self.job.done + step, self.job.total or self.job.done + step)
        self._set_message(message, params)
        self._write(force=self.job.done >= self.job.total)
        if self.echo is not None:
            self.echo.advance(step, message, **params)

    def _set_message(self, message: str, params: dict[str, Any]) -> None:
        if message:
            self.job.message, self.job.message_params = message[:255], params

    def _write(self, *, force: bool) -> None:
        now = time.monotonic()
        if not force and now - self._written < PROGRESS_INTERVAL_SECONDS:
            return
        self._written = now
        # attempts fences this run: once the job was reclaimed and claimed again, this runner stops here.
        updated = Job.objects.filter(
            pk=self.job.pk, state=JobState.RUNNING, attempts=self.job.attempts
        ).update(
            heartbeat_at=timezone.now(),
            done=self.job.done,
            total=self.job.total,
            message=self.job.message,
            message_params=self.job.message_params,
        )
        if not updated:
            raise JobCancelled()


def _claim(job_id: int) -> Job | None:
    """Mark the job running; None when there is nothing to do (finished, cancelled, or no such job).

    A job found 'running' is one whose worker died (or a retried task): it runs again from the start.
    """
    now = timezone.now()
    updated = Job.objects.filter(pk=job_id, state__in=LIVE_STATES).update(
        state=JobState.RUNNING, started_at=now, heartbeat_at=now, attempts=F("attempts") + 1, done=0, error=""
    )
    if not updated:
        return None
    return Job.objects.select_related("actor").get(pk=job_id)


def _finish(job: Job, **fields: Any) -> bool:
    fields["finished_at"] = timezone.now()
    updated = Job.objects.filter(pk=job.pk, state=JobState.RUNNING, attempts=job.attempts).update(**fields)
    for name, value in fields.items():
        setattr(job, name, value)
    return bool(updated)


def job_run(*, job_id: int, echo: Any = None) -> Job | None:
    """Run a queued job once; safe to call again (a finished job is left as it is).

    Must not run inside a transaction: each progress write and the outcome commit on their own.
    """
    job = _claim(job_id)
    if job is None:
        return Job.objects.filter(pk=job_id).first()
    started = time.monotonic()
    try:
        return _run_claimed(job, echo)
    finally:
        outcome = JobState.CANCELLED if job.state == JobState.RUNNING else job.state
        observe_job(job.kind, str(outcome), time.monotonic() - started)


def _run_claimed(job: Job, echo: Any) -> Job:
    spec = job_kind(job.kind)
    progress = DatabaseProgress(job, echo=echo)
    with translation.override(job.language or None), action_context(source="task", actor=job.actor):
        try:
            output = spec.runner()(job, progress)
        except JobCancelled:
            return job
        except ValidationError as error:
            _finish(job, state=JobState.FAILED, error=" ".join(error.messages)[:2000])
            return job
        except Http404 as error:  # an object gone, or out of the actor's scope by now
            _finish(job, state=JobState.FAILED, error=str(error) or _("Not found, or not within your scope."))
            return job
        except PermissionDenied as error:
            _finish(
                job, state=JobState.FAILED, error=str(error) or _("You do not have permission to do this.")
            )
            return job
        except Exception:
            logger.exception("Job %s (%s) failed", job.pk, job.kind)
            _finish(
                job,
                state=JobState.FAILED,
                error=_(
                    "Something went wrong while doing this. Try again; if it fails again, tell an "
                    "administrator (job %(id)s)."
                )
                % {"id": job.pk},
            )
            return job
        _store(job, output)
    return job


def _store(job: Job, output: JobOutput | None) -> None:
    fields: dict[str, Any] = {"state": JobState.SUCCEEDED, "done": max(job.done, job.total)}
    if output is not None:
        if output.content is not None or output.file is not None:
            if output.file is not None:
                output.file.seek(0)
                with output.file:
                    job.result.save(output.name or "result", File(output.file), save=False)
            else:
                assert output.content is not None
                job.result.save(output.name or "result", ContentFile(output.content), save=False)
            fields.update(
                result=job.result.name, result_name=output.name[:255], result_type=output.content_type[:100]
            )
        if output.data is not None:
            fields["result_data"] = output.data
    if not _finish(job, **fields) and job.result:
        job.result.delete(save=False)  # cancelled while finishing: keep no file nobody will fetch


@transaction.atomic
def job_cancel(*, actor: Any, job: Job) -> Job:
    """Stop a queued or running job (a running one stops at its next progress step)."""
    if job.is_final:
        raise ValidationError(_("This job has already finished."))
    Job.objects.filter(pk=job.pk, state__in=LIVE_STATES).update(
        state=JobState.CANCELLED, finished_at=timezone.now()
    )
    job.refresh_from_db()
    audit_record(obj=job, action="job_cancelled", actor=actor)
    return job


def job_run_foreground(*, job: Job, echo: Any) -> Job:
    """Run a job in this process (a CLI command), telling ``echo`` (e.g. a ConsoleProgress) as it goes."""
    result = job_run(job_id=job.pk, echo=echo)
    assert result is not None
    return result


# Retention -----------------------------------------------------------------------------------------------

PURGE_BATCH = 500
PURGE_EVERY_SECONDS = 3600  # a worker purges at most this often (``jobs_purge_due``)
_next_purge_at = 0.0


@dataclass(frozen=True)
class PurgeResult:
    jobs: int  # finished jobs removed, with their files
    folders: int  # job folders no job row owned any more (the job went with its user), removed


def jobs_purge(*, days: int | None = None, now: datetime.datetime | None = None) -> PurgeResult:
    """Remove the jobs that finished more than ``days`` (default ``JOB_RETENTION_DAYS``) ago, their result
    and input files, and the job folders of months before that which no job row owns any more.

    Safe to run at any time and from any number of processes: live jobs are never touched, and a folder is
    removed only when its month is past and no row names it. One audit record says how many went.
    """
    days = settings.JOB_RETENTION_DAYS if days is None else days
    if days < 0:
        raise ValueError("days must be 0 or more")
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    removed = 0
    while True:
        batch = list(
            Job.objects.filter(state__in=FINAL_STATES, finished_at__lt=cutoff)
            .order_by("pk")
            .only("pk", "result", "input_file", "created_at")[:PURGE_BATCH]
        )
        if not batch:
            break
        for job in batch:
            for field_file in (job.result, job.input_file):
                if field_file:
                    field_file.delete(save=False)
        removed += Job.objects.filter(pk__in=[job.pk for job in batch]).delete()[0]
        for job in batch:
            _remove_empty_folders(f"{_job_folder(job)}/input")
    folders = _purge_orphan_folders(before=cutoff - datetime.timedelta(days=1))
    if removed or folders:
        audit_event(
            model=Job,
            action="jobs_purged",
            object_repr="Finished background jobs",
            after={"jobs": removed, "folders": folders, "finished_before": cutoff.isoformat(), "days": days},
        )
    return PurgeResult(jobs=removed, folders=folders)


def jobs_purge_due() -> PurgeResult | None:
    """What a task worker calls after each job: a purge at most once an hour per process, unless the
    retention is 0 (kept for ever). Never fails the job it follows."""
    global _next_purge_at
    if settings.JOB_RETENTION_DAYS <= 0 or time.monotonic() < _next_purge_at:
        return None
    _next_purge_at = time.monotonic() + PURGE_EVERY_SECONDS
    try:
        return jobs_purge()
    except Exception:
        logger.exception("Purging old background jobs failed")
        return None


def _job_folder(job: Job) -> str:
    return f"jobs/{job.created_at:%Y/%m}/{job.pk}"


def _purge_orphan_folders(*, before: datetime.datetime) -> int:
    """Job folders (``jobs/YYYY/MM/<id>/``) of months ended before ``before`` whose job row is gone."""
    removed = 0
    try:
        years = sorted(name for name in default_storage.listdir("jobs")[0] if name.isdigit())
    except (FileNotFoundError, NotImplementedError):
        return 0
    for year in years:
        for month in sorted(m for m in default_storage.listdir(f"jobs/{year}")[0] if m.isdigit()):
            month_end = datetime.datetime(int(year), int(month), 28, tzinfo=datetime.UTC)
            if month_end + datetime.timedelta(days=4) >= before:  # the month may not be over: leave it
                continue
            names = [n for n in default_storage.listdir(f"jobs/{year}/{month}")[0] if n.isdigit()]
            kept = set(Job.objects.filter(pk__in=[int(n) for n in names]).values_list("pk", flat=True))
            for name in names:
                if int(name) not in kept:
                    _remove_tree(f"jobs/{year}/{month}/{name}")
                    removed += 1
            _remove_empty_folders(f"jobs/{year}/{month}")
    return removed


def _remove_tree(path: str) -> None:
    folders, files = default_storage.listdir(path)
    for name in files:
        default_storage.delete(f"{path}/{name}")
    for name in folders:
        _remove_tree(f"{path}/{name}")
    _remove_empty_folders(path)


def _remove_empty_folders(path: str) -> None:
    """File-system storage keeps empty folders; object storage has none to remove."""
    try:
        local = Path(default_storage.path(path))
    except NotImplementedError:
        return
    while local.is_dir() and not any(local.iterdir()) and local.name != "jobs":
        local.rmdir()
        local = local.parent
