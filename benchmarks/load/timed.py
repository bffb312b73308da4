"""The load scenario of ``locustfile.py``, each request also written to REQUESTS_LOG as a CSV line (time,
name, milliseconds, failure): benchmarks/loopback.py splits them into before, during and after a fault."""

from __future__ import annotations

import csv
import os
import threading
import time
from typing import Any

from locust import events

from benchmarks.load.locustfile import Administrator, Agency, FocalPoint, Reviewer, Secretariat

__all__ = ["Administrator", "Agency", "FocalPoint", "Reviewer", "Secretariat"]

_lock = threading.Lock()
_handle = open(os.environ["REQUESTS_LOG"], "a", newline="", encoding="utf-8")  # noqa: SIM115
_writer = csv.writer(_handle)


@events.request.add_listener
def _record(name: str, response_time: float, exception: Any = None, **kwargs: Any) -> None:
    with _lock:
        _writer.writerow(
            [f"{time.time():.3f}", name, f"{response_time:.1f}", repr(exception) if exception else ""]
        )
        _handle.flush()
