"""Health, readiness, metrics and JSON logs, through real requests (core.ops, decision 0035)."""

from __future__ import annotations

import datetime
import json
import logging
import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from rightstrack.core.jobs.models import Job, JobState
from rightstrack.core.jobs.registry import JobKind, JobOutput, Progress
from rightstrack.core.jobs.services import job_enqueue
from rightstrack.core.logs import JsonLogFormatter
from rightstrack.core.middleware import RequestIdLogFilter
from rightstrack.core.ops import storage_probe
from rightstrack.core.registry import Contribution, contribute

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
KIND = "tests.ops_steps"
TOKEN = "t" * 40


def _steps(job: Job, progress: Progress) -> JobOutput | None:
    """A test kind that does two steps, or fails at the first when asked."""
    progress.start(2, gettext_noop("Counting…"))
    if job.params.get("fail"):
        raise RuntimeError("a bug")
    progress.advance(2)
    return None


contribute(
    Contribution(
        app_label="tests_ops",
        order=99,
        jobs=[JobKind(name=KIND, run=_steps, label=gettext_lazy("Counting"), permission="core.view_job")],
    )
)


@pytest.fixture(autouse=True)
def _fresh_probe(settings: Any, tmp_path: Any) -> Iterator[None]:
    settings.MEDIA_ROOT = tmp_path / "media"
    storage_probe.reset()
    yield
    storage_probe.reset()


def test_liveness_answers_without_the_database_a_host_or_https(client: Client, settings: Any) -> None:
    settings.SECURE_SSL_REDIRECT = True
    with CaptureQueriesContext(connections["default"]) as queries:
        response = client.get("/health/live", HTTP_HOST="10.0.0.11:8001")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert len(queries) == 0
    assert response["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers and not response.cookies


def test_readiness_reports_each_check_in_a_fixed_number_of_queries(client: Client, settings: Any) -> None:
    settings.SECURE_SSL_REDIRECT = True
    with CaptureQueriesContext(connections["default"]) as few:
        response = client.get("/health/ready", HTTP_HOST="10.0.0.11:8001")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["queue"] == {
        "status": "ok",
        "queued": 0,
        "oldest_queued_seconds": 0.0,
        "stuck_running": 0,
    }
    assert body["checks"]["storage"] == {"status": "ok"}
    assert "replica" not in body["checks"]

    owner = get_user_model().objects.create_user(username="owner", password="pw")
    Job.objects.bulk_create(Job(actor=owner, kind=KIND, params={"n": i}) for i in range(25))
    with CaptureQueriesContext(connections["default"]) as many:
        body = client.get("/health/ready").json()
    assert body["checks"]["queue"]["queued"] == 25
    assert len(many) == len(few) == 2  # the database, then the queue: no more with more jobs


def test_readiness_says_nothing_about_the_installation(client: Client) -> None:
    text = client.get("/health/ready").content.decode()
    database = connections["default"].settings_dict
    for secret in (str(database["NAME"]), str(database.get("USER") or "§"), "django", "Traceback"):
        assert secret not in text


def test_a_late_queue_and_a_silent_worker_make_readiness_degraded_not_down(
    client: Client, settings: Any
) -> None:
    settings.HEALTH_QUEUE_MAX_AGE_SECONDS = 600
    owner = get_user_model().objects.create_user(username="owner", password="pw")
    long_ago = timezone.now() - datetime.timedelta(hours=2)
    waiting = Job.objects.create(actor=owner, kind=KIND)
    Job.objects.filter(pk=waiting.pk).update(created_at=long_ago)
    Job.objects.create(
        actor=owner,
        kind=KIND,
        params={"other": 1},
        state=JobState.RUNNING,
        heartbeat_at=timezone.now() - datetime.timedelta(seconds=settings.JOB_LEASE_SECONDS + 5),
    )
    response = client.get("/health/ready")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    queue = body["checks"]["queue"]
    assert queue["status"] == "degraded"
    assert queue["queued"] == 1 and queue["stuck_running"] == 1
    assert queue["oldest_queued_seconds"] >= 7200


def test_storage_that_refuses_writes_degrades_readiness(client: Client, settings: Any, tmp_path: Any) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocker
    body = client.get("/health/ready").json()
    assert body["checks"]["storage"] == {"status": "fail"}
    assert body["status"] == "degraded"


def test_health_endpoints_take_only_get(client: Client) -> None:
    response = client.post("/health/ready")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


# Metrics ---------------------------------------------------------------------------------------------------


def _sample(text: str, name: str, **labels: str) -> float | None:
    for line in text.splitlines():
        match = re.fullmatch(rf"{re.escape(name)}\{{(.*)\}} (\S+)", line)
        if match and all(f'{k}="{v}"' in match.group(1).split(",") for k, v in labels.items()):
            return float(match.group(2))
    return None


def test_metrics_give_latency_by_route_name_and_the_queue_by_kind(client: Client) -> None:
    client.get("/login/")
    client.get("/login/?next=/somewhere/else/")
    owner = get_user_model().objects.create_user(username="owner", password="pw")
    Job.objects.create(actor=owner, kind=KIND)
    Job.objects.create(actor=owner, kind=KIND, params={"b": 1})

    response = client.get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    latency = "rightstrack_django_http_requests_latency_seconds_by_view_method_count"
    assert (_sample(text, latency, view="login", method="GET") or 0) >= 2
    assert "/login/" not in text and "somewhere" not in text  # routes by name, never by path
    assert _sample(text, "rightstrack_jobs", kind=KIND, state="queued") == 2
    assert (_sample(text, "rightstrack_job_queue_oldest_seconds", kind=KIND) or -1) >= 0


def test_metrics_count_job_durations_and_failures(
    client: Client, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TASKS = IMMEDIATE
    owner = get_user_model().objects.create_superuser(username="root", password="pw")
    before = client.get("/metrics").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        job_enqueue(actor=owner, kind=KIND, params={"ok": 1})
        job_enqueue(actor=owner, kind=KIND, params={"fail": 1})
    assert [job.state for job in Job.objects.order_by("pk")] == [JobState.SUCCEEDED, JobState.FAILED]
    after = client.get("/metrics").content.decode()

    def delta(name: str, **labels: str) -> float:
        return (_sample(after, name, **labels) or 0) - (_sample(before, name, **labels) or 0)

    assert delta("rightstrack_job_duration_seconds_count", kind=KIND, outcome="succeeded") == 1
    assert delta("rightstrack_job_duration_seconds_count", kind=KIND, outcome="failed") == 1
    assert delta("rightstrack_job_failures_total", kind=KIND) == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"REMOTE_ADDR": "203.0.113.7"},  # from outside
        {"HTTP_X_FORWARDED_FOR": "203.0.113.7"},  # through the proxy on this machine
        {"REMOTE_ADDR": "203.0.113.7", "HTTP_AUTHORIZATION": "Bearer " + "x" * 40},  # a wrong token
        {"REMOTE_ADDR": "203.0.113.7", "HTTP_AUTHORIZATION": TOKEN},  # the token without "Bearer"
    ],
)
def test_metrics_are_not_found_by_others(client: Client, settings: Any, headers: dict[str, str]) -> None:
    settings.METRICS_TOKEN = TOKEN
    response = client.get("/metrics", **headers)  # type: ignore[arg-type]
    assert response.status_code == 404
    assert b"rightstrack" not in response.content


def test_metrics_answer_a_listed_network_and_the_token(client: Client, settings: Any) -> None:
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/24"]
    assert client.get("/metrics", REMOTE_ADDR="10.0.0.9").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 404
    settings.METRICS_TOKEN = TOKEN
    response = client.get("/metrics", REMOTE_ADDR="203.0.113.7", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.7", HTTP_AUTHORIZATION="Bearer ").status_code == 404


# Logs ------------------------------------------------------------------------------------------------------


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []
        self.setFormatter(JsonLogFormatter())
        self.addFilter(RequestIdLogFilter())

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def json_lines() -> Iterator[list[str]]:
    handler = _Lines()
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        yield handler.lines
    finally:
        logger.removeHandler(handler)


def test_log_lines_are_json_with_the_balancers_request_id(client: Client, json_lines: list[str]) -> None:
    request_id = uuid.uuid4().hex
    response = client.get("/no-such-page/", HTTP_X_REQUEST_ID=request_id)
    assert response.status_code == 404
    assert response["X-Request-ID"] == request_id
    entries = [json.loads(line) for line in json_lines]
    assert len(entries) == 1  # logged once, by the request id middleware, not again by Django
    entry = entries[0]
    assert entry["request_id"] == request_id
    assert entry["level"] == "WARNING" and entry["logger"] == "django.request"
    assert entry["message"] == "Not Found: /no-such-page/"
    assert datetime.datetime.fromisoformat(entry["time"]).utcoffset() == datetime.timedelta(0)


def test_a_request_without_an_id_gets_one_in_the_header_and_the_log(
    client: Client, json_lines: list[str]
) -> None:
    response = client.get("/no-such-page/", HTTP_X_REQUEST_ID="evil\nline")
    made = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", made)
    assert json.loads(json_lines[0])["request_id"] == made
