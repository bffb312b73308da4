"""`rightstrack task_worker`: django-tasks' database worker that also takes back dead workers' work."""

from __future__ import annotations

import threading
from typing import Any

from django.conf import settings
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from rightstrack.core.jobs.reclaim import reclaim_loop


class Command(DbWorkerCommand):
    help = (
        "Run background tasks from the database (as `db_worker`, same options) and, every quarter of "
        "JOB_LEASE_SECONDS (at most a minute), queue again or fail the jobs and tasks whose worker stopped."
    )

    def handle(self, *args: Any, **options: Any) -> None:
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
