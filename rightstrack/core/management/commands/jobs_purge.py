"""`rightstrack jobs purge [--days N]`: remove finished background jobs and their files."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from rightstrack.core.context import action_context
from rightstrack.core.jobs.services import jobs_purge


class Command(BaseCommand):
    help = (
        "Remove background jobs that finished more than JOB_RETENTION_DAYS days ago (or --days), with their "
        "result and input files, and job folders no job owns any more. Live jobs are never touched. The task "
        "workers do this hourly by themselves; run it from cron where no worker runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="keep jobs that finished in the last N days (default: JOB_RETENTION_DAYS)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"] if options["days"] is not None else settings.JOB_RETENTION_DAYS
        if options["days"] is None and days <= 0:
            self.stdout.write("JOB_RETENTION_DAYS is 0: jobs are kept for ever. Pass --days N to purge.")
            return
        if days < 0:
            self.stderr.write("--days must be 0 or more.")
            raise SystemExit(2)
        with action_context(source="cli"):
            result = jobs_purge(days=days)
        self.stdout.write(
            f"Removed {result.jobs} job(s) finished more than {days} day(s) ago and "
            f"{result.folders} folder(s) of jobs no longer recorded."
        )
