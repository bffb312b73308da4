"""gunicorn settings that `rightstrack serve` loads (``-c python:rightstrack.gunicorn_conf``).

gunicorn writes ``Server: gunicorn`` on every response and has no setting to leave it out; telling every
client which server runs the site helps only an attacker, so the header is dropped here. Behind nginx, set
``server_tokens off;`` there too (docs/deployment.md).
"""

from __future__ import annotations

from gunicorn.http import wsgi

_default_headers = wsgi.Response.default_headers


def _without_server_banner(self: wsgi.Response) -> list[str]:
    return [line for line in _default_headers(self) if not line.lower().startswith("server:")]


wsgi.Response.default_headers = _without_server_banner  # type: ignore[method-assign]


def child_exit(server: object, worker: object) -> None:
    """With PROMETHEUS_MULTIPROC_DIR (several workers in one instance), a worker that exits takes its live
    gauges with it; its counters and histograms stay summed into /metrics (core.ops)."""
    import os

    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)  # type: ignore[attr-defined]
