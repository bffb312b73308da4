"""A replica that does not answer (a PostgreSQL alias on a closed port): pages read from the primary
instead, and readiness says "degraded" (still 200), on either database engine."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connections
from django.test import Client
from django.urls import reverse

from rightstrack.core.db_router import PIN_COOKIE, REPLICA, replica_health
from rightstrack.core.jobs.models import Job
from rightstrack.core.ops import storage_probe

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # nothing listens there once the socket is closed


@pytest.fixture(scope="module", autouse=True)
def unreachable_replica() -> Iterator[None]:
    default = connections["default"].settings_dict
    settings.DATABASES[REPLICA] = {
        **default,
        "ENGINE": "django.db.backends.postgresql",
        "HOST": "127.0.0.1",
        "PORT": str(_closed_port()),
        "NAME": "rightstrack",
        "USER": "rightstrack",
        "PASSWORD": "",
        "OPTIONS": {"connect_timeout": 2},
        "TEST": {**default.get("TEST", {}), "MIRROR": "default"},
    }
    try:
        yield
    finally:
        connections[REPLICA].close()
        del settings.DATABASES[REPLICA]
        del connections[REPLICA]
        replica_health.reset()


@pytest.fixture(autouse=True)
def _fresh(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    storage_probe.reset()
    replica_health.reset()


def test_readiness_is_degraded_not_down(client: Client) -> None:
    response = client.get("/health/ready")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["replica"] == {"status": "fail"}
    assert body["checks"]["database"]["status"] == "ok"


def test_list_pages_fall_back_to_the_primary(client: Client) -> None:
    user = get_user_model().objects.create_user(username="lists", password="pw")
    Job.objects.create(actor=user, kind="replica.unreachable")
    client.force_login(user)
    for _ in range(2):  # the second time the replica is not even tried (DATABASE_REPLICA_RETRY_SECONDS)
        response = client.get(reverse("core:job_list"))
        assert response.status_code == 200
        assert [job.kind for job in response.context["object_list"]] == ["replica.unreachable"]
        assert PIN_COOKIE not in response.cookies  # a GET that wrote nothing pins nothing
