"""Run the web app: migrations applied, static files collected, then gunicorn and a task worker."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

SERVE_CONN_MAX_AGE = 60


class Command(BaseCommand):
    help = (
        "Migrate and serve rightstrack on ADDR:PORT (default 127.0.0.1:8000), with a background-task worker."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--dev", action="store_true", help="Django's auto-reloading development server.")
        parser.add_argument("--workers", type=int, default=2, help="Web worker processes.")
        parser.add_argument(
            "--no-task-worker",
            action="store_true",
            help="Tasks run elsewhere (`db_worker`).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        # Web and task processes keep their PostgreSQL connection between requests unless told otherwise:
        # a new connection per request costs PostgreSQL more CPU than the request's queries (benchmarks.md).
        os.environ.setdefault("DATABASE_CONN_MAX_AGE", str(SERVE_CONN_MAX_AGE))
        worker = None
        if getattr(settings, "TASKS_BACKEND", "") == "database" and not options["no_task_worker"]:
            # One worker beside the web processes; larger sites run `db_worker` on machines of their own.
            worker = subprocess.Popen(
                [sys.executable, "-m", "rightstrack.cli", "task_worker", "--interval", "2"]
            )
        try:
            if options["dev"] or settings.DEBUG:
                call_command("runserver", options["addrport"])
                return
            call_command("collectstatic", interactive=False, verbosity=0)
            self.stdout.write(f"rightstrack is serving on http://{options['addrport']}/ (Ctrl+C stops it)")
            cmd = [
                sys.executable,
                "-m",
                "gunicorn",
                "rightstrack.wsgi:application",
                "--config",
                "python:rightstrack.gunicorn_conf",  # no Server banner
                "--bind",
                options["addrport"],
                "--workers",
                str(options["workers"]),
                "--access-logfile",
                "-",
            ]
            subprocess.run(cmd, check=False)
        except KeyboardInterrupt:
            pass
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)
