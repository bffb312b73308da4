"""Reports back and the public portal at a country's scale: N recommendations (default 300, one UPR cycle),
each assigned, with a measure and an assessment, in clusters and themes, half of them published.

    .venv/bin/python benchmarks/bench_recommendation_reports.py [--rows 300] [--postgres URL]

Measures, on one database (a scratch SQLite file, or PostgreSQL with ``--postgres``):

- the mid-term report and the national report draft (Word, official layout, by cluster) and the matrix
  (Excel): wall and CPU seconds, file size — to decide whether they must be background jobs;
- the portal's list (25 a page, facets) and a recommendation's page: queries and time when built, then
  queries and time when answered from the public cache (a kept page).

    .venv/bin/python benchmarks/bench_recommendation_reports.py --matrix-of URL [--rows N]

only writes the matrix of the first N recommendations of a PostgreSQL database ``benchmarks/bench_portal.py``
filled (270,000 UHRI-shaped rows, each with a lead body and an assessment): wall and CPU seconds, the
process's peak RSS above what it had before (Linux VmHWM, reset through /proc/self/clear_refs), file size.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("RIGHTSTRACK_VAR_DIR", tempfile.mkdtemp(prefix="rt-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
os.environ["SECURE_SSL"] = "0"
os.environ.setdefault("TASKS_BACKEND", "immediate")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=300)
    parser.add_argument("--postgres", help="postgres://… (a database this may fill); default: scratch SQLite")
    parser.add_argument("--matrix-of", help="postgres://… a database bench_portal.py filled: the matrix only")
    args = parser.parse_args()
    if args.matrix_of:
        matrix_only(args.matrix_of, args.rows)
        return
    scratch = Path(os.environ["RIGHTSTRACK_VAR_DIR"]) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = args.postgres or f"sqlite:///{scratch}"
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1"

    import django

    from rightstrack import bootstrap

    bootstrap.prepare()
    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from rightstrack.bodies.choices import BodyKind, BodyLevel
    from rightstrack.bodies.models import Body
    from rightstrack.recommendations import reports
    from rightstrack.recommendations.models import Cluster, Recommendation
    from rightstrack.recommendations.services import (
        assessment_add,
        measure_add,
        recommendation_assign,
        recommendation_create,
        recommendation_publish,
        themes_for,
    )

    call_command("migrate", verbosity=0)
    national = Body.objects.create(
        code="bench-national", name="Ban Chỉ đạo về quyền con người của Chính phủ",
        kind=BodyKind.NATIONAL_COMMITTEE, level=BodyLevel.NATIONAL,
    )  # fmt: skip
    ministry = Body.objects.create(
        code="bench-justice",
        name="Bộ Tư pháp",
        kind=BodyKind.MINISTRY,
        level=BodyLevel.NATIONAL,
        parent=national,
    )
    themes = themes_for([f"Theme {n}" for n in range(20)])
    clusters = [Cluster.objects.get_or_create(name=f"Cluster {n}")[0] for n in range(15)]
    start = time.perf_counter()
    statuses = ["not_started", "in_progress", "partially_implemented", "implemented"]
    for n in range(args.rows):
        rec = recommendation_create(
            actor=None, owner=national, mechanism="UPR", session="46", number=f"140.{n + 1}",
            text=f"Continue to strengthen the protection of the rights of persons in situation {n} " * 3,
            text_vi=f"Tiếp tục tăng cường bảo vệ quyền của người trong hoàn cảnh {n} " * 3,
            recommending_states=["Chile", "Peru"], position="supported" if n % 6 else "noted",
            themes=[themes[n % 20], themes[(n * 7) % 20]], clusters=[clusters[n % 15]],
        )  # fmt: skip
        recommendation_assign(actor=None, recommendation=rec, lead=ministry)
        measure_add(actor=None, recommendation=rec, what="Tập huấn cán bộ về quyền con người", due_on=None)
        assessment_add(
            actor=None, recommendation=rec, status=statuses[n % 4], assessed_on=datetime.date(2026, 6, 1),
            note="Đã triển khai ở các tỉnh thí điểm; tiếp tục mở rộng trong năm tới.",
        )  # fmt: skip
        if n % 2:
            recommendation_publish(actor=None, recommendation=rec)
    print(f"data: {args.rows} recommendations in {time.perf_counter() - start:.1f} s ({connection.vendor})")

    queryset = Recommendation.objects.all()
    for kind in reports.KINDS:
        wall, cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as queries:
            built = reports.report_file(queryset, kind=kind, issuer=national, by="cluster")
        print(
            f"{kind:9} {time.perf_counter() - wall:6.2f} s wall {time.process_time() - cpu:6.2f} s CPU "
            f"{len(queries):3} queries {len(built.content) / 1024:7.1f} KB  {built.name}"
        )

    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    published = Recommendation.objects.filter(is_published=True).order_by("pk").first()
    assert published is not None
    pages = {
        "portal list": "/public/recommendations/",
        "portal list, searched": "/public/recommendations/?q=tang+cuong&status=in_progress",
        "portal page": f"/public/recommendations/{published.pk}/",
        "portal JSON": "/public/recommendations/export.json",
    }
    cache.clear()
    for name, url in pages.items():
        for label in ("built", "kept"):
            wall = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            print(
                f"{name:22} {label:5} {len(queries):3} queries {1000 * (time.perf_counter() - wall):8.1f} ms "
                f"{len(response.content) / 1024:7.1f} KB"
            )


def matrix_only(url: str, rows: int) -> None:
    """The matrix (Excel) of the first ``rows`` recommendations of a filled database: time, peak memory."""
    os.environ["DATABASE_URL"] = url
    import django

    from rightstrack import bootstrap

    bootstrap.prepare()
    django.setup()
    from bench_recommendations import _status, peak_reset, timed
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rightstrack.recommendations import reports
    from rightstrack.recommendations.models import Recommendation

    last = Recommendation.objects.order_by("pk").values_list("pk", flat=True)[rows - 1]
    queryset = Recommendation.objects.filter(pk__lte=last)
    before = peak_reset()
    with CaptureQueriesContext(connection) as queries:
        built, wall, cpu = timed(lambda: reports.report_file(queryset, kind="matrix", issuer=None))
    peak_mb = (_status("VmHWM:") - before) / 1024
    size = len(built.content) / 1024 / 1024
    print(
        f"matrix of {rows} recommendations ({connection.vendor}): {wall:.1f} s wall, {cpu:.1f} s CPU, "
        f"{len(queries)} queries, peak RSS +{peak_mb:.0f} MB, {size:.1f} MB file"
    )


if __name__ == "__main__":
    main()
