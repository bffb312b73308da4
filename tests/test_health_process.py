"""A real web process (gunicorn, as deployed) whose database is unreachable: alive, not ready.

The balancer's view of it over real HTTP: /health/live 200 (restarting it would not help), /health/ready 503
(send it no traffic), /metrics still answers this machine, and the JSON log line of the failure carries the
request id the balancer sent.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module", params=["postgresql", "sqlite"])
def web_without_database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    """gunicorn on a free port; its DATABASE_URL names a closed PostgreSQL port, or an SQLite file that
    cannot be opened."""
    tmp = tmp_path_factory.mktemp("health")
    database_url = (
        f"postgres://rightstrack@127.0.0.1:{_free_port()}/rightstrack"
        if request.param == "postgresql"
        else f"sqlite:///{tmp}/no-such-folder/rightstrack.sqlite3"
    )
    port = _free_port()
    log = (tmp / "web.log").open("wb")
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DATABASE_CONNECT_TIMEOUT": "2",
        "SECRET_KEY": "health-" + "x" * 50,
        "RIGHTSTRACK_VAR_DIR": str(tmp / "var"),
        "ALLOWED_HOSTS": "rightstrack.example",
        "SECURE_SSL": "1",  # as in production: probes must not be sent to HTTPS
        "LOG_FORMAT": "json",
        "TASKS_BACKEND": "immediate",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    web = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "rightstrack.wsgi:application",
            "--config",
            "python:rightstrack.gunicorn_conf",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert web.poll() is None, (tmp / "web.log").read_text()
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    try:
        yield base, tmp / "web.log"
    finally:
        web.terminate()
        web.wait(timeout=30)
        log.close()


def test_alive_but_not_ready_when_the_database_is_unreachable(web_without_database: tuple[str, Path]) -> None:
    base, log = web_without_database
    status, headers, body = _get(f"{base}/health/live")
    assert status == 200, body
    assert json.loads(body) == {"status": "ok"}

    request_id = uuid.uuid4().hex
    status, headers, body = _get(f"{base}/health/ready", {"X-Request-ID": request_id})
    assert status == 503, body
    answer = json.loads(body)
    assert answer["status"] == "fail"
    assert answer["checks"]["database"] == {"status": "fail"}
    assert answer["checks"]["queue"] == {"status": "fail"}
    assert "127.0.0.1" not in body.decode() and "rightstrack.sqlite3" not in body.decode()
    assert headers["Cache-Control"] == "no-store"
    assert headers["X-Request-ID"] == request_id

    # The log says why, as a JSON line carrying the balancer's request id (and the traceback).
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    why = [line for line in lines if line["request_id"] == request_id]
    assert why and why[0]["level"] == "WARNING" and "database 'default'" in why[0]["message"]
    assert "exception" in why[0]


def test_metrics_still_answer_this_machine(web_without_database: tuple[str, Path]) -> None:
    base, _ = web_without_database
    _get(f"{base}/health/live")
    status, headers, body = _get(f"{base}/metrics")
    assert status == 200
    assert headers["Content-Type"].startswith("text/plain")
    assert b"rightstrack_django_http_requests_before_middlewares_total" in body
    # Through a proxy on this machine the same request is an outsider's.
    assert _get(f"{base}/metrics", {"X-Forwarded-For": "203.0.113.7"})[0] == 404
