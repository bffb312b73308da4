"""What a load balancer, Prometheus and a log collector ask of a web process (decision 0035).

- ``/health/live``: the process answers; touches nothing else (no database), so a balancer or a process
  manager restarts only a process that is really stuck.
- ``/health/ready``: may this process take requests? The primary database answers (503 if not); the replica
  (when configured), the task queue and the file storage are reported, and make it "degraded" (still 200):
  a replica that is down sends its reads to the primary (core.db_router), and a queue without workers or a
  full bucket is no reason to take every web process out of the balancer at once. A fixed number of
  queries: one per database and one for the queue.
- ``/metrics``: Prometheus text: django-prometheus' request metrics (latency by route name, not path), this
  process' job durations and failures, and the queue read from the database when scraped. Only for
  METRICS_ALLOWED_IPS reached directly (not through a proxy) or a caller with METRICS_TOKEN; others get 404.

Nothing here names a host, a version, a user or an error's text: the answers are safe to show anyone.
"""

from __future__ import annotations

import datetime
import hmac
import ipaddress
import logging
import os
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, connections
from django.db.models import Count, Min, Q
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound, JsonResponse
from django.utils import timezone
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from rightstrack.core.jobs.models import Job, JobState

logger = logging.getLogger(__name__)

OK, DEGRADED, FAIL = "ok", "degraded", "fail"
REPLICA = "replica"

# Job metrics, observed where the job runs (a task worker, or the web process with in-process tasks).
JOB_DURATION = Histogram(
    "rightstrack_job_duration_seconds",
    "How long a job's run took, by kind and outcome.",
    ["kind", "outcome"],
    buckets=(0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, float("inf")),
)
JOB_FAILURES = Counter("rightstrack_job_failures_total", "Job runs that ended failed, by kind.", ["kind"])


def observe_job(kind: str, outcome: str, seconds: float) -> None:
    JOB_DURATION.labels(kind=kind, outcome=outcome).observe(seconds)
    if outcome == JobState.FAILED:
        JOB_FAILURES.labels(kind=kind).inc()


# Checks --------------------------------------------------------------------------------------------------


def _database_check(alias: str) -> dict[str, Any]:
    started = time.monotonic()
    try:
        with connections[alias].cursor() as cursor:
            if connections[alias].vendor == "postgresql":
                # The replica's delay behind the primary (NULL on a primary).
                cursor.execute(
                    "SELECT CASE WHEN pg_is_in_recovery() "
                    "THEN extract(epoch FROM now() - pg_last_xact_replay_timestamp()) END"
                )
                lag = cursor.fetchone()[0]
            else:
                cursor.execute("SELECT 1")
                lag = None
    except DatabaseError:
        logger.warning("Readiness: database %r does not answer", alias, exc_info=True)
        connections[alias].close()  # the next request starts afresh
        return {"status": FAIL}
    result: dict[str, Any] = {"status": OK, "ms": round(1000 * (time.monotonic() - started), 1)}
    if lag is not None:
        result["replay_lag_seconds"] = round(float(lag), 1)
    return result


def queue_state(now: datetime.datetime | None = None) -> dict[str, Any]:
    """Queued jobs, the oldest one's wait, and running jobs whose worker went quiet: one query."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=settings.JOB_LEASE_SECONDS)
    row = Job.objects.aggregate(
        queued=Count("pk", filter=Q(state=JobState.QUEUED)),
        oldest=Min("created_at", filter=Q(state=JobState.QUEUED)),
        stuck=Count("pk", filter=Q(state=JobState.RUNNING, heartbeat_at__lt=cutoff)),
    )
    oldest = row["oldest"]
    return {
        "queued": row["queued"],
        "oldest_queued_seconds": round((now - oldest).total_seconds(), 1) if oldest else 0.0,
        "stuck_running": row["stuck"],
    }


def _queue_check() -> dict[str, Any]:
    try:
        state = queue_state()
    except DatabaseError:
        return {"status": FAIL}
    late = state["oldest_queued_seconds"] > settings.HEALTH_QUEUE_MAX_AGE_SECONDS
    return {"status": DEGRADED if late or state["stuck_running"] else OK, **state}


class _StorageProbe:
    """Write and delete a small file, at most every HEALTH_STORAGE_CHECK_SECONDS per process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._checked_at = -1e9
        self._status = OK

    def reset(self) -> None:
        with self._lock:
            self._checked_at = -1e9

    def status(self) -> str:
        with self._lock:
            if time.monotonic() - self._checked_at < settings.HEALTH_STORAGE_CHECK_SECONDS:
                return self._status
            try:
                name = default_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
                default_storage.delete(name)
                self._status = OK
            except Exception:  # any backend's error (OSError, botocore's): storage is not writable
                logger.warning("Readiness: the file storage does not take a write", exc_info=True)
                self._status = FAIL
            self._checked_at = time.monotonic()
            return self._status


storage_probe = _StorageProbe()


def readiness() -> tuple[int, dict[str, Any]]:
    checks: dict[str, dict[str, Any]] = {"database": _database_check("default")}
    if REPLICA in settings.DATABASES:
        checks[REPLICA] = _database_check(REPLICA)
    checks["queue"] = _queue_check() if checks["database"]["status"] == OK else {"status": FAIL}
    checks["storage"] = {"status": storage_probe.status()}
    failed = checks["database"]["status"] == FAIL
    degraded = any(check["status"] != OK for check in checks.values())
    status = FAIL if failed else (DEGRADED if degraded else OK)
    return (503 if failed else 200), {"status": status, "checks": checks}


# Views (served by core.middleware.OpsEndpointsMiddleware) --------------------------------------------------


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def live(request: HttpRequest) -> HttpResponse:
    return _no_store(JsonResponse({"status": OK}))


def ready(request: HttpRequest) -> HttpResponse:
    status, body = readiness()
    return _no_store(JsonResponse(body, status=status))


def _from_allowed_address(request: HttpRequest) -> bool:
    # A request relayed by a proxy on this machine comes from 127.0.0.1 too: it is an outsider.
    if "HTTP_X_FORWARDED_FOR" in request.META or "HTTP_X_REAL_IP" in request.META:
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(net, strict=False) for net in settings.METRICS_ALLOWED_IPS)


def _has_token(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    given = request.headers.get("Authorization", "")
    return bool(token) and hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


def metrics_allowed(request: HttpRequest) -> bool:
    return _has_token(request) or _from_allowed_address(request)


class QueueCollector(Collector):
    """The queue as the database has it when scraped: the same figures from every web process."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        rows = (
            Job.objects.filter(state__in=(JobState.QUEUED, JobState.RUNNING))
            .values("kind", "state")
            .annotate(n=Count("pk"), oldest=Min("created_at"))
            .order_by()
        )
        depth = GaugeMetricFamily(
            "rightstrack_jobs", "Jobs queued or running, by kind.", labels=["kind", "state"]
        )
        oldest = GaugeMetricFamily(
            "rightstrack_job_queue_oldest_seconds",
            "How long the oldest queued job has waited, by kind.",
            labels=["kind"],
        )
        now = timezone.now()
        for row in rows:
            depth.add_metric([row["kind"], row["state"]], row["n"])
            if row["state"] == JobState.QUEUED:
                oldest.add_metric([row["kind"]], (now - row["oldest"]).total_seconds())
        yield depth
        yield oldest


def metrics(request: HttpRequest) -> HttpResponse:
    if not metrics_allowed(request):
        return HttpResponseNotFound(b"", content_type="text/plain")
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Several gunicorn workers in one instance: their figures summed from the shared folder.
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    queue = CollectorRegistry(auto_describe=False)
    queue.register(QueueCollector())
    try:
        body = generate_latest(registry) + generate_latest(queue)
    except DatabaseError:
        body = generate_latest(registry)  # the request metrics still go out when the database is away
    return _no_store(HttpResponse(body, content_type=CONTENT_TYPE_LATEST))
