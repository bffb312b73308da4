"""Old jobs go with their files after the retention; live and recent ones stay; the workers keep it."""

from __future__ import annotations

import datetime
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from rightstrack.core.jobs import services
from rightstrack.core.jobs.models import Job, JobState
from rightstrack.core.models import AuditEntry

NOW = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC)

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _job(
    actor: Any,
    state: str,
    *,
    finished_days_ago: float | None,
    created: datetime.datetime = NOW,
    now: datetime.datetime = NOW,
) -> Job:
    job = Job.objects.create(actor=actor, kind="tests.count", state=state)
    finished = None if finished_days_ago is None else now - datetime.timedelta(days=finished_days_ago)
    Job.objects.filter(pk=job.pk).update(created_at=created, finished_at=finished)
    job.refresh_from_db()
    job.result.save("out.txt", ContentFile(b"result"), save=False)
    job.input_file.save("in.docx", ContentFile(b"input"), save=False)
    Job.objects.filter(pk=job.pk).update(result=job.result.name, input_file=job.input_file.name)
    return job


def _files(media: Path) -> set[str]:
    return {str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()}


def test_finished_jobs_past_the_retention_go_with_their_files(media: Path) -> None:
    owner = get_user_model().objects.create_user(username="owner", password="pw")
    old_done = _job(owner, JobState.SUCCEEDED, finished_days_ago=8)
    old_failed = _job(owner, JobState.FAILED, finished_days_ago=30)
    recent = _job(owner, JobState.SUCCEEDED, finished_days_ago=6)
    live = _job(owner, JobState.RUNNING, finished_days_ago=None, created=NOW - datetime.timedelta(days=60))

    result = services.jobs_purge(days=7, now=NOW)

    assert result.jobs == 2
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, live.pk}
    left = _files(media)
    assert {recent.result.name, recent.input_file.name, live.result.name, live.input_file.name} == left
    assert not (media / f"jobs/2026/06/{old_done.pk}").exists()  # no empty folder left behind
    assert not (media / f"jobs/2026/06/{old_failed.pk}").exists()
    after = AuditEntry.objects.get(action="jobs_purged").after or {}
    assert after["jobs"] == 2 and after["days"] == 7
    assert services.jobs_purge(days=7, now=NOW).jobs == 0  # again: nothing more, no new record
    assert AuditEntry.objects.filter(action="jobs_purged").count() == 1


def test_folders_of_jobs_that_went_with_their_user_are_removed_once_their_month_is_over(media: Path) -> None:
    leaving = get_user_model().objects.create_user(username="leaving", password="pw")
    april = datetime.datetime(2026, 4, 10, tzinfo=datetime.UTC)
    gone = _job(leaving, JobState.RUNNING, finished_days_ago=None, created=april)
    this_month = _job(leaving, JobState.RUNNING, finished_days_ago=None)
    leaving.delete()  # the cascade removes the rows, not the files
    assert not Job.objects.exists() and len(_files(media)) == 4

    result = services.jobs_purge(days=7, now=NOW)

    assert result == services.PurgeResult(jobs=0, folders=1)
    assert not (media / "jobs/2026/04").exists()
    assert _files(media) == {this_month.result.name, this_month.input_file.name}  # June is not over yet
    assert gone.pk != this_month.pk


def test_a_worker_purges_after_a_job_at_most_once_an_hour(
    media: Path, settings: Any, monkeypatch: Any
) -> None:
    owner = get_user_model().objects.create_user(username="owner", password="pw")
    settings.JOB_RETENTION_DAYS = 7
    monkeypatch.setattr(services, "_next_purge_at", 0.0)
    old = _job(owner, JobState.SUCCEEDED, finished_days_ago=8, now=timezone.now())
    from rightstrack.core.jobs.tasks import run_job

    run_job.call(job_id=old.pk)  # the finished job is not run again; the purge that follows removes it
    assert not Job.objects.filter(pk=old.pk).exists()
    again = _job(owner, JobState.SUCCEEDED, finished_days_ago=8, now=timezone.now())
    run_job.call(job_id=again.pk)
    assert Job.objects.filter(pk=again.pk).exists()  # within the hour: left for the next purge

    settings.JOB_RETENTION_DAYS = 0  # kept for ever: the workers never purge
    monkeypatch.setattr(services, "_next_purge_at", 0.0)
    assert services.jobs_purge_due() is None and Job.objects.filter(pk=again.pk).exists()


def test_the_command_purges_with_the_setting_or_the_days_given(media: Path, settings: Any) -> None:
    owner = get_user_model().objects.create_user(username="owner", password="pw")
    _job(owner, JobState.SUCCEEDED, finished_days_ago=3, now=timezone.now())
    settings.JOB_RETENTION_DAYS = 0
    out = StringIO()
    call_command("jobs_purge", stdout=out)
    assert "kept for ever" in out.getvalue() and Job.objects.count() == 1
    settings.JOB_RETENTION_DAYS = 7
    call_command("jobs_purge", stdout=out)
    assert Job.objects.count() == 1  # three days old: within the week
    call_command("jobs_purge", "--days", "2", stdout=out)
    assert Job.objects.count() == 0 and "Removed 1 job(s)" in out.getvalue()
    assert AuditEntry.objects.get(action="jobs_purged").source == "cli"
