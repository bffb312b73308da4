"""`rightstrack backup [-o FILE]`: the database and the uploaded files in one archive, with a manifest."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rightstrack.core.backup import BackupError, create_backup
from rightstrack.core.jobs.console import ConsoleProgress


class Command(BaseCommand):
    help = (
        "Back the site up into one archive: the database (pg_dump on PostgreSQL, SQLite's online backup), "
        "the files under MEDIA_ROOT, and a manifest of row counts and checksums. Safe while the site runs. "
        "Progress goes to stderr; the archive's path to stdout."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "-o",
            "--output",
            help="the archive to write (default: rightstrack-backup-<UTC time>.tar.gz here)",
        )
        parser.add_argument(
            "--no-media",
            action="store_true",
            help="leave the files out (they live in a bucket backed up apart)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        archive = Path(options["output"] or f"rightstrack-backup-{stamp}.tar.gz")
        err: Any = self.stderr._out  # the raw stream: progress lines, no styling

        def say(message: str) -> None:
            err.write(f"backup: {message}\n")
            err.flush()

        try:
            manifest = create_backup(
                archive, include_media=not options["no_media"], say=say, progress=ConsoleProgress(err)
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        tables = manifest["tables"]
        say(
            f"done: {len(tables)} tables, {sum(tables.values())} rows, "
            f"{len(manifest['media']['files'])} files, {archive.stat().st_size} bytes"
        )
        self.stdout.write(str(archive))
