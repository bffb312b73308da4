"""A job and an outbox slow enough for a test to kill the worker running them at a chosen moment.

The job (``tests.lost_worker.notify_all``) reports progress over ``steps`` steps, then, in ONE transaction,
notifies every user in ``users`` (rows, and e-mails queued after commit) and dwells there before committing,
so a kill can land before the rows or in the middle of writing them. ``SlowOutbox`` takes ``OUTBOX_DELAY``
seconds per message (the SMTP conversation) and then writes it as a file, so a kill can land in the middle
of a batch of e-mails. Loaded by the worker processes through ``tests.lost_worker_settings`` and by the test.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils.translation import gettext_lazy, gettext_noop

from rightstrack.core.jobs.models import Job
from rightstrack.core.jobs.registry import JobKind, JobOutput, Progress
from rightstrack.core.registry import Contribution, contribute

KIND = "tests.lost_worker.notify_all"
STEP_SECONDS = float(os.environ.get("LOST_WORKER_STEP_SECONDS", "0.3"))
DWELL_SECONDS = float(os.environ.get("LOST_WORKER_DWELL_SECONDS", "2"))


def _notify_all(job: Job, progress: Progress) -> JobOutput:
    from rightstrack.accounts.models import User
    from rightstrack.notifications.services import notify

    steps = int(job.params["steps"])
    progress.start(steps + 1, gettext_noop("Item %(i)s done"), i=0)
    for i in range(steps):
        time.sleep(STEP_SECONDS)
        progress.advance(message=gettext_noop("Item %(i)s done"), i=i + 1)
    with transaction.atomic():
        users = list(User.objects.filter(pk__in=job.params["users"]).order_by("pk"))
        created = notify(users=users, kind="report_returned", title_factory=lambda: f"Job {job.pk} done")
        time.sleep(DWELL_SECONDS)  # rows written, not committed: a kill here must leave none
    progress.advance()
    return JobOutput(data={"notified": len(created)})


def register() -> None:
    """The kind, contributed as an app's would be (a second call replaces the first)."""
    contribute(
        Contribution(
            app_label="tests_lost_worker",
            order=99,
            jobs=[
                JobKind(
                    name=KIND, run=_notify_all, label=gettext_lazy("Counting"), permission="core.view_job"
                )
            ],
        )
    )


class SlowOutbox(BaseEmailBackend):
    """Each message takes OUTBOX_DELAY seconds, then lands as a file in OUTBOX_DIR."""

    def send_messages(self, email_messages: Any) -> int:
        outbox = Path(os.environ["OUTBOX_DIR"])
        outbox.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            time.sleep(float(os.environ.get("OUTBOX_DELAY", "0.5")))
            name = f"{time.monotonic_ns()}-{os.getpid()}.eml"
            (outbox / name).write_bytes(message.message().as_bytes())
        return len(email_messages)
