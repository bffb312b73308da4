"""What each request of the load scenario costs on its own: CPU of the Django process, wall time and
queries, in one process (Django's test client through the whole middleware stack, DEBUG off), best of N.

Run after ``prepare.py`` against the same database (the plan's sessions sign the requests in):

    DATABASE_URL=postgres://… SECURE_SSL=0 DEBUG=0 .venv/bin/python benchmarks/load/request_cost.py \\
        --plan /tmp/plan.json [--repeat 20] [--only autosave]

The floor of a request is the middleware alone: ``/health/live`` answers before the session is read.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")

import django  # noqa: E402

from rightstrack import bootstrap  # noqa: E402

bootstrap.prepare()
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plan", default="plan.json")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--only", default="")
    parser.add_argument(
        "--profile", type=int, default=0, metavar="N", help="after timing, cProfile it: the top N functions"
    )
    args = parser.parse_args()
    plan: dict[str, Any] = json.loads(Path(args.plan).read_text(encoding="utf-8"))

    def signed_in(username: str) -> Client:
        client = Client(HTTP_HOST="127.0.0.1")
        client.cookies["sessionid"] = plan["sessions"][username]
        return client

    focal = plan["focal"][0]
    writer, office = signed_in(focal["username"]), signed_in(plan["secretariat"][0])
    writer.get("/")  # the CSRF cookie
    version = {"v": writer.get(focal["api"]).json()["version"]}

    def autosave() -> Any:
        token = writer.cookies["csrftoken"].value
        body = {"version": version["v"], "sections": {}, "figures": {}, "unplaced": f"<p>{time.time()}</p>"}
        response = writer.post(
            focal["autosave"], data=json.dumps(body), content_type="application/json", HTTP_X_CSRFTOKEN=token
        )
        if response.status_code == 200:
            version["v"] = response.json()["version"]
        return response

    cases: dict[str, Callable[[], Any]] = {
        "floor: /health/live": lambda: writer.get("/health/live"),
        "home (focal point)": lambda: writer.get("/"),
        "cycle dashboard (focal point)": lambda: writer.get(plan["cycle"]),
        "cycle dashboard (standing office)": lambda: office.get(plan["cycle"]),
        "report editor": lambda: writer.get(focal["edit"]),
        "api report": lambda: writer.get(focal["api"]),
        "autosave": autosave,
        "report .docx": lambda: writer.get(focal["docx"]),
        "report page (focal point)": lambda: writer.get(focal["detail"]),
        "report page (standing office)": lambda: office.get(plan["reports"][3]["detail"]),
        "dashboard .xlsx": lambda: office.get(plan["dashboard_xlsx"]),
        "api reports": lambda: office.get(plan["report_list_api"]),
        "home (standing office)": lambda: office.get("/"),
    }
    print(f"{'request':36s} {'CPU ms':>8s} {'wall ms':>8s} {'queries':>8s}")
    for name, request in cases.items():
        if args.only and args.only not in name:
            continue
        status = request().status_code  # warm: templates, caches, the connection
        assert status in (200, 409), f"{name}: {status}"
        with CaptureQueriesContext(connection) as queries:
            request()
        count = len(queries)  # now: the next request's start empties the log this reads
        cpu = wall = float("inf")
        for _ in range(args.repeat):
            c0, w0 = time.process_time(), time.perf_counter()
            request()
            cpu, wall = min(cpu, time.process_time() - c0), min(wall, time.perf_counter() - w0)
        print(f"{name:36s} {cpu * 1000:8.1f} {wall * 1000:8.1f} {count:8d}", flush=True)
        if args.profile:
            profile(request, args.repeat, args.profile)


def profile(request: Callable[[], Any], repeat: int, top: int) -> None:
    """The request ``repeat`` times under cProfile: the functions by own time, then by cumulative time."""
    import cProfile
    import pstats

    profiler = cProfile.Profile(time.process_time)  # CPU: the machine may be shared
    profiler.enable()
    for _ in range(repeat):
        request()
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top * 2)


if __name__ == "__main__":
    main()
