"""Reads from a real PostgreSQL streaming replica, writes and fresh reads from the primary (core.db_router).

The test makes a second cluster: ``pg_basebackup`` of the test database's own cluster, started on a free
port as a hot standby that streams from it. Pausing the replica's replay makes it visibly stale, which shows
which database served each read: a list page that does not show a row committed on the primary was read
from the replica; one that shows it was read from the primary.

Skipped on SQLite (there is no replica to have), and when the second cluster cannot be made here (the
reason says why: no PostgreSQL server binaries, or the primary refuses replication connections from this
machine: .ci/run allows them before the PostgreSQL run). ``DATABASE_REPLICA_URL``, when set for the run,
names a replica to use instead of making one.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rightstrack.core.db_router import PIN_COOKIE, REPLICA, replica_health, replica_reads
from rightstrack.core.jobs.models import Job

pytestmark = [
    pytest.mark.django_db(transaction=True, databases=["default", REPLICA]),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="a streaming replica is a PostgreSQL cluster: this run is on SQLite; CI runs it on PostgreSQL",
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres(command: list[str]) -> list[str]:
    """PostgreSQL's server refuses to run as root: run its tools as the postgres user then."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class _Cluster:
    def __init__(self, bindir: Path, folder: Path, port: int) -> None:
        self.bindir, self.folder, self.port = bindir, folder, port
        self.data = folder / "data"

    def run(self, *args: str, env: dict[str, str] | None = None, timeout: float = 60) -> None:
        result = subprocess.run(
            _as_postgres([str(self.bindir / args[0]), *args[1:]]),
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode:
            raise RuntimeError(f"{args[0]} failed: {(result.stderr or result.stdout).strip()[-500:]}")

    def stop(self) -> None:
        try:
            self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        except (RuntimeError, subprocess.TimeoutExpired):
            pass
        shutil.rmtree(self.folder, ignore_errors=True)


def _make_replica(primary: dict[str, Any]) -> _Cluster:
    """A hot standby of the primary's whole cluster on a free port; raises RuntimeError saying why not."""
    version = connection.cursor().connection.info.server_version // 10000
    bindir = Path(f"/usr/lib/postgresql/{version}/bin")
    if not (bindir / "pg_basebackup").exists():
        found = shutil.which("pg_basebackup")
        if not found:
            raise RuntimeError(
                f"no PostgreSQL {version} server binaries (pg_basebackup, pg_ctl) on this machine"
            )
        bindir = Path(found).parent
    folder = Path(tempfile.mkdtemp(prefix="rightstrack-replica-"))
    if os.geteuid() == 0:
        postgres = pwd.getpwnam("postgres")
        os.chown(folder, postgres.pw_uid, postgres.pw_gid)
    cluster = _Cluster(bindir, folder, _free_port())
    try:
        cluster.run(
            "pg_basebackup",
            "--host", str(primary.get("HOST") or "127.0.0.1"),
            "--port", str(primary.get("PORT") or 5432),
            "--username", str(primary.get("USER") or "postgres"),
            "--pgdata", str(cluster.data),
            "--write-recovery-conf", "--wal-method=stream", "--checkpoint=fast", "--no-sync",
            env={"PGPASSWORD": str(primary.get("PASSWORD") or ""), "PGCONNECT_TIMEOUT": "10"},
            timeout=120,
        )  # fmt: skip
        # Debian keeps a cluster's configuration outside its data folder: the copy gets its own.
        (cluster.data / "postgresql.conf").write_text(
            f"port = {cluster.port}\n"
            "listen_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{folder}'\n"
            "hot_standby = on\nshared_buffers = 16MB\nfsync = off\n"
            "max_standby_streaming_delay = -1\n"
        )
        (cluster.data / "pg_hba.conf").write_text("local all all trust\nhost all all 127.0.0.1/32 trust\n")
        (cluster.data / "pg_ident.conf").write_text("")
        if os.geteuid() == 0:
            for path in (cluster.data / name for name in ("postgresql.conf", "pg_hba.conf", "pg_ident.conf")):
                os.chown(path, postgres.pw_uid, postgres.pw_gid)
        cluster.run("pg_ctl", "-D", str(cluster.data), "-l", str(folder / "log"), "-w", "-t", "60", "start")
    except (RuntimeError, subprocess.TimeoutExpired, OSError) as error:
        log = folder / "log"
        said = log.read_text(errors="replace").strip()[-400:] if log.exists() else ""
        cluster.stop()
        raise RuntimeError(f"{error} {said}".strip()) from error
    return cluster


@pytest.fixture(scope="module", autouse=True)
def replica(django_db_setup: Any, django_db_blocker: Any) -> Iterator[str]:
    """The "replica" alias: the run's DATABASE_REPLICA_URL, or a streaming replica made here."""
    if connection.vendor != "postgresql":
        yield REPLICA
        return
    cluster = None
    if REPLICA not in settings.DATABASES:
        with django_db_blocker.unblock():
            primary = connections["default"].settings_dict
            try:
                cluster = _make_replica(primary)
            except (RuntimeError, subprocess.TimeoutExpired, OSError) as error:
                pytest.skip(f"cannot make a second PostgreSQL cluster as a streaming replica here: {error}")
        settings.DATABASES[REPLICA] = {
            **primary,
            "HOST": "127.0.0.1",
            "PORT": str(cluster.port),
            "TEST": {**primary.get("TEST", {}), "MIRROR": "default"},
        }
    try:
        yield REPLICA
    finally:
        connections[REPLICA].close()
        if cluster is not None:
            del settings.DATABASES[REPLICA]
            del connections[REPLICA]
            cluster.stop()


def _replica_sql(sql: str) -> Any:
    with connections[REPLICA].cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def _caught_up() -> None:
    """Wait until the replica has replayed everything the primary has committed so far."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        target = cursor.fetchone()[0]
    deadline = time.monotonic() + 30
    while not _replica_sql(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn"):
        assert time.monotonic() < deadline, "the replica did not catch up within 30 s"
        time.sleep(0.05)


@pytest.fixture
def paused() -> Iterator[None]:
    """The replica stops replaying: what the primary commits from now on is not on it."""
    replica_health.reset()
    _caught_up()
    _replica_sql("SELECT pg_wal_replay_pause()::text")
    try:
        yield
    finally:
        _replica_sql("SELECT pg_wal_replay_resume()::text")
        _caught_up()


def _listed(response: Any) -> set[str]:
    assert response.status_code == 200, response.content[:500]
    return {job.kind for job in response.context["object_list"]}


def test_it_is_a_streaming_replica() -> None:
    assert _replica_sql("SELECT pg_is_in_recovery()") is True
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_replication")
        assert cursor.fetchone()[0] >= 1


def test_a_list_page_reads_from_the_replica_and_a_write_keeps_the_browser_on_the_primary(
    client: Client,
) -> None:
    user = get_user_model().objects.create_user(username="lists", password="pw")
    Job.objects.create(actor=user, kind="replica.before")
    _caught_up()
    replica_health.reset()
    _replica_sql("SELECT pg_wal_replay_pause()::text")
    try:
        Job.objects.create(actor=user, kind="replica.after")  # committed on the primary only

        # Signing in writes the session (on the primary), so the next pages read the primary: the new job
        # shows, and the session just written is found although the replica does not have it.
        assert client.post(reverse("login"), {"username": "lists", "password": "pw"}).status_code == 302
        assert PIN_COOKIE in client.cookies
        with CaptureQueriesContext(connections[REPLICA]) as on_replica:
            assert _listed(client.get(reverse("core:job_list"))) == {"replica.before", "replica.after"}
        assert len(on_replica) == 0

        # Once the pin has expired, the list comes from the replica: stale by the paused replay. Sign-in is
        # still read from the primary (the session row is not on the replica, yet the user stays signed in).
        del client.cookies[PIN_COOKIE]
        with CaptureQueriesContext(connections[REPLICA]) as on_replica:
            assert _listed(client.get(reverse("core:job_list"))) == {"replica.before"}
        assert len(on_replica) >= 1
        assert not any("django_session" in query["sql"] for query in on_replica.captured_queries)

        # A page that is not a list (a job's own page) reads the primary.
        after = Job.objects.get(kind="replica.after")
        assert client.get(reverse("core:job_detail", args=[after.pk])).status_code == 200
    finally:
        _replica_sql("SELECT pg_wal_replay_resume()::text")
    _caught_up()
    assert _listed(client.get(reverse("core:job_list"))) == {"replica.before", "replica.after"}


def test_reads_after_a_write_or_inside_a_transaction_go_to_the_primary(paused: None) -> None:
    user = get_user_model().objects.create_user(username="writer", password="pw")
    with replica_reads():
        assert not Job.objects.filter(actor=user).exists()  # the replica has no such user yet: it is behind
        Job.objects.create(actor=user, kind="replica.mine")
        assert list(Job.objects.filter(actor=user).values_list("kind", flat=True)) == ["replica.mine"]
    with replica_reads():
        assert Job.objects.filter(kind="replica.mine").count() == 0  # a new request: the replica again
        with transaction.atomic():
            assert Job.objects.filter(kind="replica.mine").count() == 1
    assert Job.objects.filter(kind="replica.mine").count() == 1  # outside replica_reads: the primary


def test_the_cycle_dashboard_reads_from_the_replica(client: Client) -> None:
    import datetime

    from rightstrack.reporting.services import cycle_create
    from rightstrack.reporting.services.templates import template_create_default

    admin = get_user_model().objects.create_superuser(username="boss", password="pw")
    cycle = cycle_create(
        actor=None,
        name="Báo cáo 2026",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
        deadline=datetime.date(2026, 7, 15),
        template=template_create_default(actor=None),
    )
    _caught_up()
    replica_health.reset()
    client.force_login(admin)  # no request: nothing pins the browser to the primary
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        response = client.get(reverse("reporting:cycle_detail", args=[cycle.pk]))
    assert response.status_code == 200
    assert response.context["board"].total == 0
    assert any("reporting_" in query["sql"] for query in on_replica.captured_queries)
    # The cycle itself (the URL's object) and the signed-in user were read from the primary.
    assert not any("accounts_user" in q["sql"].split("FROM")[1][:40] for q in on_replica.captured_queries)


def _codes(response: Any) -> set[str]:
    assert response.status_code == 200, response.content[:500]
    return {row["code"] for row in response.json()["results"] if row["code"].startswith("replica-")}


def test_api_lists_read_from_the_replica_and_a_write_keeps_the_client_on_the_primary(client: Client) -> None:
    from rightstrack.accounts.services import token_issue
    from rightstrack.bodies.choices import BodyKind, BodyLevel
    from rightstrack.bodies.services import body_create

    admin = get_user_model().objects.create_superuser(username="api-boss", password="pw")
    before = body_create(actor=None, code="replica-before", name="Trước", kind=BodyKind.MINISTRY,
                         level=BodyLevel.NATIONAL)  # fmt: skip
    _caught_up()
    replica_health.reset()
    _replica_sql("SELECT pg_wal_replay_pause()::text")
    try:
        # Committed on the primary only: a new body, and the API token the client signs in with.
        after = body_create(actor=None, code="replica-after", name="Sau", kind=BodyKind.MINISTRY,
                            level=BodyLevel.NATIONAL)  # fmt: skip
        token = token_issue(actor=admin, user=admin)
        api = Client(HTTP_AUTHORIZATION=f"Token {token.key}")

        # The list comes from the replica (stale: no "replica-after"); the token was checked on the primary
        # (the replica does not have it, yet the client is let in).
        with CaptureQueriesContext(connections[REPLICA]) as on_replica:
            assert _codes(api.get("/api/bodies/", {"page_size": 100})) == {"replica-before"}
        assert any("bodies_body" in query["sql"] for query in on_replica.captured_queries)
        assert not any("authtoken" in query["sql"] for query in on_replica.captured_queries)

        # A body's own record (retrieve) and every other action read the primary.
        with CaptureQueriesContext(connections[REPLICA]) as on_replica:
            assert api.get(f"/api/bodies/{after.pk}/").json()["code"] == "replica-after"
        assert len(on_replica) == 0

        # A write through the API pins the client (the cookie) to the primary: it sees what it just did.
        made = api.post(
            "/api/bodies/",
            {
                "code": "replica-mine",
                "name": "Của tôi",
                "kind": BodyKind.MINISTRY,
                "level": BodyLevel.NATIONAL,
            },
            content_type="application/json",
        )
        assert made.status_code == 201, made.content[:500]
        assert PIN_COOKIE in api.cookies
        with CaptureQueriesContext(connections[REPLICA]) as on_replica:
            listed = _codes(api.get("/api/bodies/", {"page_size": 100}))
        assert listed == {"replica-before", "replica-after", "replica-mine"}
        assert len(on_replica) == 0

        # Once the pin has expired, the replica again (still paused: stale).
        del api.cookies[PIN_COOKIE]
        assert _codes(api.get("/api/bodies/", {"page_size": 100})) == {"replica-before"}

        # The same for a browser's session (the API's session sign-in).
        client.force_login(admin)
        assert _codes(client.get("/api/bodies/", {"page_size": 100})) == {"replica-before"}
    finally:
        _replica_sql("SELECT pg_wal_replay_resume()::text")
    _caught_up()
    assert _codes(api.get("/api/bodies/", {"page_size": 100})) == {
        "replica-before",
        "replica-after",
        "replica-mine",
    }
    assert before.pk != after.pk
