"""gunicorn, started as `rightstrack serve` starts it, names no server software in its answers."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_gunicorn_sends_no_server_header(tmp_path: Path) -> None:
    port = free_port()
    env = os.environ | {
        "RIGHTSTRACK_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SECURE_SSL": "0",
        "DEBUG": "0",
        "SECRET_KEY": "s" * 60,
    }
    command = [sys.executable, "-m", "gunicorn", "rightstrack.wsgi:application", "--config"]
    command += ["python:rightstrack.gunicorn_conf", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 180  # a busy CI machine starts slowly
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                connection.request("GET", "/login/")
                response = connection.getresponse()
                break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.3)
        headers = {name.lower() for name, _ in response.getheaders()}
        assert response.status == 200  # served: the answer is a real one, not an error
        assert "server" not in headers
        assert "date" in headers  # gunicorn's other headers are still there
        assert {"content-security-policy", "permissions-policy", "x-frame-options"} <= headers
    finally:
        server.terminate()
        server.wait(timeout=20)
