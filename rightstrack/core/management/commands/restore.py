"""`rightstrack restore FILE [--force]`: put a backup back and prove it (row counts, file checksums)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rightstrack.core.backup import BackupError, restore_backup
from rightstrack.core.jobs.console import ConsoleProgress


class Command(BaseCommand):
    help = (
        "Restore an archive made by `rightstrack backup`: the database and the files under MEDIA_ROOT, then "
        "check every table's row count and every file's checksum against the archive's manifest. Stop the "
        "web processes and task workers first. Refuses a database that holds data (or files that would be "
        "overwritten) unless --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="a rightstrack-backup-….tar.gz")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the data already there (all of it: tables are dropped)",
        )
        parser.add_argument("--no-media", action="store_true", help="restore the database only")

    def handle(self, *args: Any, **options: Any) -> None:
        archive = Path(options["archive"])
        if not archive.is_file():
            raise CommandError(f"{archive} is not a file.")
        err: Any = self.stderr._out  # the raw stream: progress lines, no styling

        def say(message: str) -> None:
            err.write(f"restore: {message}\n")
            err.flush()

        try:
            report = restore_backup(
                archive,
                force=options["force"],
                include_media=not options["no_media"],
                say=say,
                progress=ConsoleProgress(err),
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if report.extra_files:
            say(f"{len(report.extra_files)} files under MEDIA_ROOT are not in the archive; left as they are")
        say(
            f"verified: {report.tables} tables, {report.rows} rows, {report.files} files "
            f"({report.files_unchanged} already in place), as made on {report.manifest['created_at']}"
        )
        if report.manifest["engine"] == "postgresql":
            say(
                "grants were not restored: run `rightstrack grant_app_role ROLE` "
                "for a separate application role"
            )
        self.stdout.write(f"restored {archive}")
