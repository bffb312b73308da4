"""Background jobs: queued after commit, run once, progress visible, results only for their owner."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy, gettext_noop
from rest_framework.test import APIClient

from rightstrack.core.jobs.console import ConsoleProgress
from rightstrack.core.jobs.models import Job, JobState
from rightstrack.core.jobs.registry import JobKind, JobOutput, Progress
from rightstrack.core.jobs.services import job_cancel, job_enqueue, job_run_foreground
from rightstrack.core.jobs.services import job_run as _job_run
from rightstrack.core.models import AuditEntry
from rightstrack.core.registry import Contribution, contribute

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
RUNS: list[int] = []


def _count(job: Job, progress: Progress) -> JobOutput:
    """A test kind: counts to params["n"], failing as params["fail"] says, and returns a text file."""
    n = int(job.params.get("n", 3))
    progress.start(n, gettext_noop("Counting…"))
    RUNS.append(job.pk)
    for i in range(n):
        if job.params.get("fail") == "invalid" and i == 1:
            raise ValidationError("The second item is not valid; fix it and try again.")
        if job.params.get("fail") == "bug" and i == 1:
            raise RuntimeError("secret internal detail")
        if job.params.get("cancel_at") == i:
            Job.objects.filter(pk=job.pk).update(state=JobState.CANCELLED)
        progress.advance(message=gettext_noop("Item %(i)s done"), i=i + 1)
    return JobOutput(content=b"1\n2\n3\n", name="count.txt", content_type="text/plain")


contribute(
    Contribution(
        app_label="tests_jobs",
        order=99,
        jobs=[
            JobKind(
                name="tests.count", run=_count, label=gettext_lazy("Counting"), permission="core.view_job"
            )
        ],
    )
)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> Iterator[None]:
    """Files in a temporary folder, tasks run at once, messages asserted in English."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = IMMEDIATE
    RUNS.clear()
    with translation.override("en"):
        yield


@pytest.fixture
def users(db: Any) -> dict[str, Any]:
    model = get_user_model()
    return {
        "owner": model.objects.create_user(username="owner", password="pw"),
        "other": model.objects.create_user(username="other", password="pw"),
        "admin": model.objects.create_superuser(username="root", password="pw"),
    }


def _client(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def job_run(*, job_id: int) -> Job:
    job = _job_run(job_id=job_id)
    assert job is not None
    return job


def _enqueue(owner: Any, capture: Any, **params: Any) -> Job:
    with capture(execute=True):
        job = job_enqueue(actor=owner, kind="tests.count", params=params)
    job.refresh_from_db()
    return job


def test_a_job_runs_after_commit_and_keeps_its_result(users, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = job_enqueue(actor=users["owner"], kind="tests.count", params={"n": 3})
        assert RUNS == [] and job.state == JobState.QUEUED  # nothing runs before the transaction commits
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert RUNS == [job.pk]
    assert (job.state, job.done, job.total, job.percent) == (JobState.SUCCEEDED, 3, 3, 100)
    assert job.started_at is not None and job.finished_at is not None and job.finished_at >= job.started_at
    assert job.result.read() == b"1\n2\n3\n" and job.result_name == "count.txt"
    assert job.task_id
    assert AuditEntry.objects.for_object(job).filter(action="job_queued").count() == 1


def test_the_same_live_work_is_queued_once(users, settings) -> None:
    settings.TASKS = DUMMY  # queued, never run: the first job stays live
    first = job_enqueue(actor=users["owner"], kind="tests.count", params={"n": 3})
    assert job_enqueue(actor=users["owner"], kind="tests.count", params={"n": 3}) == first
    assert job_enqueue(actor=users["owner"], kind="tests.count", params={"n": 4}) != first
    assert job_enqueue(actor=users["other"], kind="tests.count", params={"n": 3}) != first
    assert job_enqueue(actor=users["owner"], kind="tests.count", params={"n": 3}, idempotency_key="") != first
    job_run(job_id=first.pk)
    again = job_enqueue(actor=users["owner"], kind="tests.count", params={"n": 3})
    assert again != first and again.state == JobState.QUEUED


def test_running_again_is_safe(users, settings) -> None:
    settings.TASKS = DUMMY
    job = job_enqueue(actor=users["owner"], kind="tests.count", params={"n": 2})
    job_run(job_id=job.pk)
    job_run(job_id=job.pk)  # a retried task: the finished job is not run again
    assert RUNS == [job.pk]
    crashed = job_enqueue(actor=users["owner"], kind="tests.count", params={"n": 5})
    Job.objects.filter(pk=crashed.pk).update(state=JobState.RUNNING, done=2, total=5)  # its worker died
    assert job_run(job_id=crashed.pk).state == JobState.SUCCEEDED
    crashed.refresh_from_db()
    assert (crashed.done, crashed.total, crashed.attempts) == (5, 5, 1)


def test_a_refused_job_says_why(users, django_capture_on_commit_callbacks) -> None:
    job = _enqueue(users["owner"], django_capture_on_commit_callbacks, n=3, fail="invalid")
    assert job.state == JobState.FAILED
    assert job.error == "The second item is not valid; fix it and try again."
    assert not job.result and job.finished_at is not None


def test_a_crash_is_logged_and_shown_without_its_traceback(
    users, django_capture_on_commit_callbacks, caplog
) -> None:
    with caplog.at_level(logging.ERROR, logger="rightstrack.core.jobs.services"):
        job = _enqueue(users["owner"], django_capture_on_commit_callbacks, n=3, fail="bug")
    assert job.state == JobState.FAILED
    assert "secret internal detail" not in job.error and f"job {job.pk}" in job.error
    assert "secret internal detail" in caplog.text
    page = _client(users["owner"]).get(reverse("core:job_progress", args=[job.pk]))
    assert job.error.encode() in page.content and b"Traceback" not in page.content


def test_a_cancelled_job_stops_and_keeps_no_file(users, settings) -> None:
    settings.TASKS = DUMMY
    job = job_enqueue(actor=users["owner"], kind="tests.count", params={"n": 5, "cancel_at": 2})
    job = job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.state == JobState.CANCELLED and job.done < 5 and not job.result
    queued = job_enqueue(actor=users["owner"], kind="tests.count", params={"n": 1})
    assert job_cancel(actor=users["owner"], job=queued).state == JobState.CANCELLED
    assert job_run(job_id=queued.pk).state == JobState.CANCELLED and RUNS == [job.pk]
    with pytest.raises(ValidationError):
        job_cancel(actor=users["owner"], job=queued)


def test_only_the_owner_and_administrators_see_a_job(users, django_capture_on_commit_callbacks) -> None:
    job = _enqueue(users["owner"], django_capture_on_commit_callbacks, n=3)
    names = ["core:job_detail", "core:job_progress", "core:job_download"]
    for name in names:
        assert _client(users["owner"]).get(reverse(name, args=[job.pk])).status_code == 200
        assert _client(users["admin"]).get(reverse(name, args=[job.pk])).status_code == 200
        assert _client(users["other"]).get(reverse(name, args=[job.pk])).status_code == 404
        assert Client().get(reverse(name, args=[job.pk])).status_code == 302  # to the login page
    assert _client(users["other"]).post(reverse("core:job_cancel", args=[job.pk])).status_code == 404
    listing = _client(users["other"]).get(reverse("core:job_list"))
    assert listing.status_code == 200 and f"/jobs/{job.pk}/".encode() not in listing.content
    assert f"/jobs/{job.pk}/".encode() in _client(users["owner"]).get(reverse("core:job_list")).content


def test_the_fragment_polls_until_the_job_is_final(users, settings) -> None:
    settings.TASKS = DUMMY
    job = job_enqueue(actor=users["owner"], kind="tests.count", params={"n": 4})
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, done=1, total=4, message="Item %(i)s done", message_params={"i": 1}
    )
    client = _client(users["owner"])
    url = reverse("core:job_progress", args=[job.pk])
    running = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert f'hx-get="{url}"' in running and 'hx-trigger="every 1s"' in running
    assert 'aria-valuenow="25"' in running and "Item 1 done" in running and "1/4" in running
    job_run(job_id=job.pk)
    done = client.get(url, HTTP_HX_REQUEST="true")
    text = done.content.decode()
    assert "hx-get" not in text and 'aria-valuenow="100"' in text
    assert reverse("core:job_download", args=[job.pk]) in text and "HX-Redirect" not in done
    download = client.get(reverse("core:job_download", args=[job.pk]))
    assert download.getvalue() == b"1\n2\n3\n"
    assert 'filename="count.txt"' in download["Content-Disposition"]


def test_progress_messages_are_shown_in_the_readers_language(users, settings) -> None:
    settings.TASKS = DUMMY
    job = job_enqueue(actor=users["owner"], kind="tests.count", params={"n": 1})
    url = reverse("core:job_detail", args=[job.pk])
    page = _client(users["owner"]).get(url, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Đang chờ đến lượt xử lý…" in page and "Waiting for a worker…" not in page
    assert "Waiting for a worker…" in _client(users["owner"]).get(url).content.decode()


def test_the_api_lists_details_and_serves_the_result(users, django_capture_on_commit_callbacks) -> None:
    job = _enqueue(users["owner"], django_capture_on_commit_callbacks, n=3)
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.force_authenticate(users["owner"])
    listing = api.get("/api/jobs/").json()
    assert [row["id"] for row in listing["results"]] == [job.pk]
    detail = api.get(f"/api/jobs/{job.pk}/").json()
    assert detail["state"] == "succeeded" and detail["percent"] == 100 and detail["title"] == "Counting"
    assert detail["result_url"].endswith(f"/api/jobs/{job.pk}/result/")
    result = api.get(f"/api/jobs/{job.pk}/result/")
    assert result.status_code == 200 and result.getvalue() == b"1\n2\n3\n"
    other = APIClient()
    other.force_authenticate(users["other"])
    assert other.get(f"/api/jobs/{job.pk}/").status_code == 404
    assert other.get(f"/api/jobs/{job.pk}/result/").status_code == 404
    assert other.get("/api/jobs/").json()["results"] == []
    assert APIClient().get("/api/jobs/").status_code in (401, 403)


def test_a_command_shows_a_progress_bar_on_stderr(users, settings) -> None:
    settings.TASKS = DUMMY
    job = job_enqueue(actor=None, kind="tests.count", params={"n": 3})
    stream = io.StringIO()
    job_run_foreground(job=job, echo=ConsoleProgress(stream, interval=0))
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("[" + "." * 30 + "] 0/3 Counting…")
    assert lines[-1].startswith("[" + "#" * 30 + "] 3/3 Item 3 done")
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED
    assert not Job.objects.filter(pk=job.pk).filter(actor__isnull=False).exists()


def test_a_stuck_job_can_be_run_from_the_command_line(users, settings) -> None:
    settings.TASKS = DUMMY
    job = job_enqueue(actor=users["owner"], kind="tests.count", params={"n": 2})
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING)  # its worker died
    out, errors = io.StringIO(), io.StringIO()
    call_command("job_run", str(job.pk), stdout=out, stderr=errors)
    assert f"Job {job.pk}: succeeded" in out.getvalue()
    assert "2/2" in errors.getvalue().splitlines()[-1]
    call_command("job_run", str(job.pk), stdout=out, stderr=errors)  # finished: left as it is
    assert RUNS == [job.pk]
    with pytest.raises(CommandError):
        call_command("job_run", "999999")


def test_cancel_is_offered_while_live_and_leaves_with_the_polled_fragment(users, settings) -> None:
    settings.TASKS = DUMMY
    job = job_enqueue(actor=users["owner"], kind="tests.count", params={"n": 2})
    cancel = reverse("core:job_cancel", args=[job.pk]).encode()
    client = _client(users["owner"])
    assert cancel in client.get(reverse("core:job_detail", args=[job.pk])).content
    assert cancel in client.get(reverse("core:job_progress", args=[job.pk])).content
    job_run(job_id=job.pk)
    for name in ("core:job_detail", "core:job_progress"):
        page = client.get(reverse(name, args=[job.pk])).content
        assert cancel not in page and b"data-job-download" in page


# A job whose row committed but whose task did not (the database lost between the two commits, decision
# 0047): the reclaimer gives it its task once it is older than the lease, exactly once.
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _orphan(owner: Any, *, n: int, age_seconds: int) -> Job:
    """A job as a lost queueing leaves it: queued, no task id, no task row."""
    import datetime

    from django.utils import timezone

    job = Job.objects.create(actor=owner, kind="tests.count", params={"n": n}, idempotency_key=f"orphan-{n}")
    created = timezone.now() - datetime.timedelta(seconds=age_seconds)
    Job.objects.filter(pk=job.pk).update(created_at=created)
    return job


def test_a_job_left_without_its_task_is_queued_once_after_the_lease(users, settings) -> None:
    from django_tasks_db.models import DBTaskResult

    from rightstrack.core.jobs.reclaim import jobs_requeue_orphans, reclaim_once

    settings.TASKS, settings.TASKS_BACKEND, settings.JOB_LEASE_SECONDS = DATABASE_QUEUE, "database", 60
    old = _orphan(users["owner"], n=2, age_seconds=120)
    young = _orphan(users["owner"], n=3, age_seconds=5)  # its queueing may still be under way

    assert jobs_requeue_orphans() == 1
    old.refresh_from_db()
    rows = DBTaskResult.objects.filter(args_kwargs__kwargs__job_id=old.pk)
    assert [str(pk) for pk in rows.values_list("pk", flat=True)] == [old.task_id]
    assert Job.objects.get(pk=young.pk).task_id == ""
    assert AuditEntry.objects.filter(action="job_requeued", object_id=str(old.pk)).count() == 1

    assert reclaim_once()[0] == 0  # asked again: no second task
    assert rows.count() == 1
    assert job_run(job_id=old.pk).state == JobState.SUCCEEDED and RUNS == [old.pk]


def test_a_task_whose_id_was_not_written_back_is_linked_not_doubled(users, settings) -> None:
    from django_tasks_db.models import DBTaskResult

    from rightstrack.core.jobs.reclaim import jobs_requeue_orphans
    from rightstrack.core.jobs.tasks import run_job

    settings.TASKS, settings.TASKS_BACKEND, settings.JOB_LEASE_SECONDS = DATABASE_QUEUE, "database", 60
    job = _orphan(users["owner"], n=2, age_seconds=120)
    task = run_job.enqueue(job_id=job.pk)  # the task committed; writing its id on the job did not

    assert jobs_requeue_orphans() == 0
    job.refresh_from_db()
    assert job.task_id == str(task.id)
    assert DBTaskResult.objects.filter(args_kwargs__kwargs__job_id=job.pk).count() == 1


def test_without_the_database_queue_there_is_no_orphan_to_find(users, settings) -> None:
    from rightstrack.core.jobs.reclaim import jobs_requeue_orphans

    settings.TASKS_BACKEND, settings.JOB_LEASE_SECONDS = "immediate", 60
    job = _orphan(users["owner"], n=2, age_seconds=120)
    assert jobs_requeue_orphans() == 0
    assert Job.objects.get(pk=job.pk).state == JobState.QUEUED and RUNS == []
