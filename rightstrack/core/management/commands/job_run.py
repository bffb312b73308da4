"""`rightstrack job_run ID`: run a queued or stuck background job here, its progress on stderr."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rightstrack.core.jobs.console import ConsoleProgress
from rightstrack.core.jobs.models import Job, JobState
from rightstrack.core.jobs.services import job_run_foreground


class Command(BaseCommand):
    help = (
        "Run a background job here and now, with a progress bar on stderr: one left queued (no worker) or "
        "stuck 'running' after its worker died. A finished job is left as it is."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("job_id", type=int, help="the job's id (as in /jobs/<id>/)")

    def handle(self, *args: Any, **options: Any) -> None:
        job = Job.objects.filter(pk=options["job_id"]).first()
        if job is None:
            raise CommandError(f"There is no job {options['job_id']}.")
        job = job_run_foreground(job=job, echo=ConsoleProgress(self.stderr._out))
        if job.state == JobState.FAILED:
            raise CommandError(job.error)
        self.stdout.write(f"Job {job.pk}: {job.state}" + (f" ({job.result.name})" if job.result else ""))
