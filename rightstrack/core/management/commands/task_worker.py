"""`rightstrack task_worker`: django-tasks' database worker that also takes back dead workers' work."""

from __future__ import annotations

import threading
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from prometheus_client import start_http_server

from rightstrack.core.jobs.reclaim import reclaim_loop


class Command(DbWorkerCommand):
    help = (
        "Run background tasks from the database (as `db_worker`, same options) and, every quarter of "
        "JOB_LEASE_SECONDS (at most a minute), queue again or fail the jobs and tasks whose worker stopped; "
        "with --metrics-port, serve its job metrics for Prometheus."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--metrics-port",
            type=int,
            default=0,
            help="Serve this worker's job metrics (durations, failures) for Prometheus on this port.",
        )
        parser.add_argument(
            "--metrics-address",
            default="127.0.0.1",
            help="The address the metrics port listens on (default 127.0.0.1: this machine only).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["metrics_port"]:
            start_http_server(options["metrics_port"], addr=options["metrics_address"])
        stop = threading.Event()
        interval = min(60.0, max(0.5, settings.JOB_LEASE_SECONDS / 4))
        reclaimer = threading.Thread(
            target=reclaim_loop, args=(stop, interval), name="rightstrack-reclaim", daemon=True
        )
        reclaimer.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
