"""kill -9 of the task worker in the middle of a job and in the middle of its e-mails (real processes).

A worker (``rightstrack task_worker``, the database queue, the test database) runs a job that reports
progress, then writes notification rows in one transaction and dwells there; its e-mails go through an outbox
that takes a while per message (``tests/lost_worker``). The worker is killed with SIGKILL three times: while
the job steps, while the job's rows are written but not committed, and while its e-mails go out. Each time a
new worker is started; it takes the lost work back once the lease has run out (``core.jobs.reclaim``).

Afterwards: the job finished on its third run (no fourth: a lost worker's run is fenced off), exactly one set
of rows exists (the killed transaction left none), and every e-mail was sent exactly once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from email import message_from_bytes
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from rightstrack.core.jobs.models import Job, JobState
from rightstrack.core.jobs.services import job_enqueue
from rightstrack.core.models import AuditEntry
from rightstrack.notifications.models import Notification
from tests.lost_worker.work import KIND, register

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the worker is another process and must share the test database: SQLite's test database "
        "lives in this process's memory. CI runs this test on PostgreSQL.",
    ),
]
STEPS = 6
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def database_url() -> str:
    s = connection.settings_dict
    user, password = s.get("USER") or "", s.get("PASSWORD") or ""
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    return f"postgres://{credentials}{s.get('HOST') or '127.0.0.1'}:{s.get('PORT') or 5432}/{s['NAME']}"


@pytest.fixture
def start_worker(tmp_path: Path) -> Iterator[Callable[[], subprocess.Popen[bytes]]]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.lost_worker_settings",
        "DATABASE_URL": database_url(),
        "TASKS_BACKEND": "database",
        "SECRET_KEY": "lost-worker-" + "x" * 50,
        "RIGHTSTRACK_VAR_DIR": str(tmp_path / "var"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "OUTBOX_DIR": str(tmp_path / "outbox"),
        "OUTBOX_DELAY": "0.5",
        "JOB_LEASE_SECONDS": "4",  # above the job's 2 s in one transaction: a live run is not taken back
        "EMAIL_CLAIM_SECONDS": "4",
        "TASK_LEASE_SECONDS": "6",
    }
    (tmp_path / "var").mkdir()
    workers: list[subprocess.Popen[bytes]] = []

    def start() -> subprocess.Popen[bytes]:
        log = (tmp_path / f"worker-{len(workers)}.log").open("wb")
        worker = subprocess.Popen(
            [sys.executable, "-m", "rightstrack.cli", "task_worker", "--interval", "0.2"],
            env=env,
            cwd=Path(__file__).resolve().parent.parent,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        if worker.poll() is None:
            worker.kill()
        worker.wait(timeout=30)


def kill_9(worker: subprocess.Popen[bytes]) -> None:
    os.kill(worker.pid, signal.SIGKILL)
    assert worker.wait(timeout=30) == -signal.SIGKILL


def wait_for(what: str, condition: Callable[[], Any], worker: Any, timeout: float = 180) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        assert worker.poll() is None, f"the worker stopped (exit {worker.returncode}) before {what}"
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def job_now(pk: int) -> Job:
    return Job.objects.get(pk=pk)


def test_a_killed_worker_loses_no_job_and_sends_no_e_mail_twice(
    world: Any, settings: Any, start_worker: Callable[[], subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    settings.TASKS = DATABASE_QUEUE
    register()
    recipients = [user for user in world.users.values() if user is not None and user.email][:4]
    assert len(recipients) == 4
    job = job_enqueue(
        actor=world.users["admin"], kind=KIND, params={"steps": STEPS, "users": [u.pk for u in recipients]}
    )
    title = f"Job {job.pk} done"

    # 1. Killed while the job steps: it stays 'running' with nothing written.
    worker = start_worker()
    wait_for("the job to be under way", lambda: job_now(job.pk).done >= 2, worker)
    kill_9(worker)
    assert job_now(job.pk).state == JobState.RUNNING and job_now(job.pk).attempts == 1

    # 2. Another worker takes it back after the lease; killed while the rows are written, uncommitted.
    worker = start_worker()
    wait_for(
        "the second run to write its rows",
        lambda: job_now(job.pk).attempts == 2 and job_now(job.pk).done == STEPS,
        worker,
    )
    time.sleep(0.7)  # inside the job's transaction (it dwells 2 s there)
    kill_9(worker)
    assert job_now(job.pk).state == JobState.RUNNING
    assert not Notification.objects.filter(title=title).exists()  # no partial rows

    # 3. A third run finishes the job; its e-mails start going out, and the worker is killed among them.
    worker = start_worker()
    finished = wait_for("the job to finish", lambda: job_now(job.pk).is_final and job_now(job.pk), worker)
    assert finished.state == JobState.SUCCEEDED, finished.error
    assert finished.attempts == 3 and finished.result_data == {"notified": 4}
    notifications = Notification.objects.filter(title=title)
    assert notifications.count() == 4
    wait_for("a first e-mail", lambda: notifications.filter(emailed_at__isnull=False).exists(), worker)
    kill_9(worker)
    assert notifications.filter(emailed_at__isnull=True).exists()

    # 4. A fourth worker sends the rest, after the e-mail task's lease.
    worker = start_worker()
    wait_for("every e-mail", lambda: not notifications.filter(emailed_at__isnull=True).exists(), worker)

    sent = [message_from_bytes(path.read_bytes()) for path in sorted((tmp_path / "outbox").iterdir())]
    assert sorted(message["Message-ID"] for message in sent) == sorted(
        f"<notification-{n.pk}@{'127.0.0.1'}>" for n in notifications
    )  # each once
    assert Job.objects.get(pk=job.pk).attempts == 3
    assert AuditEntry.objects.filter(action="job_requeued", object_id=str(job.pk)).count() == 2
