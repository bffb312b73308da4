"""The public portal at a country's scale: N published recommendations (default 270,000), each page built from
the database, beside the floor (the bare SQL of the same rows).

    .venv/bin/python benchmarks/bench_portal.py --postgres URL [--rows 270000] [--repeat 7] [--reuse]

The rows are ``bench_recommendations``' UHRI-shaped file (its generator, imported, not copied) read by the
import; then, as data set-up and not through the services (which write one row at a time), every
recommendation gets a lead body and one published assessment (its status cycling through the four) and is
published. ``--reuse`` keeps a database an earlier run filled with as many rows.

Each page is asked for as an anonymous visitor with the public cache emptied first (the worst case: a page
nobody asked for within ``PUBLIC_CACHE_SECONDS``): its queries, median and p95 wall time, and the median of
the bare SQL that fetches the same rows (the page of 25, the count, the facets' GROUP BYs; for a
recommendation's page, the row and its parts by primary key). A kept page costs 0 queries (tested).
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("RIGHTSTRACK_VAR_DIR", tempfile.mkdtemp(prefix="rt-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
os.environ["SECURE_SSL"] = "0"
os.environ.setdefault("TASKS_BACKEND", "immediate")

from bench_recommendations import TAGS, generate, pct, timed  # noqa: E402  (after the path is set)

STATUSES = ["not_started", "in_progress", "partially_implemented", "implemented"]
TABLE = "recommendations_recommendation"
PAGES = [
    ("list, first page", "", {}),
    ("list, page 400", "", {"page": "400"}),
    ("search: one word", "", {"q": "torture"}),
    ("search: two words", "", {"q": "protect children"}),
    ("search: Vietnamese, no diacritics", "", {"q": "giao duc"}),
    ("search: a number", "", {"q": "140.12"}),
    ("filter: mechanism", "", {"mechanism": "CRC"}),
    ("filter: status", "", {"status": "implemented"}),
    ("search + status", "", {"q": "women", "status": "in_progress"}),
    ("CSV of a search", "export.csv", {"q": "sanitation registration"}),
]


def build(rows: int, *, reuse: bool) -> None:
    """Fill the database with ``rows`` published recommendations (see the module's text)."""
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from rightstrack.bodies.choices import BodyKind, BodyLevel
    from rightstrack.bodies.models import Body
    from rightstrack.core.context import action_context
    from rightstrack.recommendations import imports
    from rightstrack.recommendations.models import Assessment, Assignment, Recommendation

    if reuse:
        call_command("migrate", verbosity=0)
        if Recommendation.objects.filter(is_published=True).count() == rows:
            print(f"reused: {rows} published recommendations")
            return
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)
    owner = Body.objects.create(
        code="national", name="Ban Chỉ đạo", kind=BodyKind.NATIONAL_COMMITTEE, level=BodyLevel.NATIONAL
    )
    ministry = Body.objects.create(
        code="justice", name="Bộ Tư pháp", kind=BodyKind.MINISTRY, level=BodyLevel.NATIONAL, parent=owner
    )
    source = Path(os.environ["RIGHTSTRACK_VAR_DIR"]) / "uhri.csv"
    started = time.perf_counter()
    generate(rows, source)
    with action_context(source="bench"), source.open("rb") as handle:
        imports.import_apply(actor=None, owner=owner, file=handle, name="uhri.csv")
    ids = list(Recommendation.objects.order_by("pk").values_list("pk", flat=True))
    day = datetime.date(2026, 6, 1)
    for start in range(0, len(ids), 20_000):
        chunk = ids[start : start + 20_000]
        Assignment.objects.bulk_create(
            [Assignment(recommendation_id=pk, body=ministry, role="lead") for pk in chunk]
        )
        Assessment.objects.bulk_create(
            [
                Assessment(
                    recommendation_id=pk,
                    body=ministry,
                    status=STATUSES[pk % 4],
                    assessed_on=day,
                    note="Đã triển khai ở các tỉnh thí điểm.",
                    is_published=True,
                )
                for pk in chunk
            ]
        )
    Recommendation.objects.update(is_published=True, published_at=timezone.now())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"built: {len(ids)} published recommendations in {time.perf_counter() - started:.0f} s")


def bare_list(params: dict[str, str], connection: Any) -> Any:
    """The floor of a list page: the same rows (page of 25 in the portal's order, with the status of the
    latest published assessment), the count and the facets' GROUP BYs, in plain SQL."""
    from rightstrack.core.text import fold

    where, values = ["r.is_published"], []
    for word in fold(params.get("q", "")).split():  # as recommendations.filters reads the words
        if any(c.isdigit() or c == "/" for c in word):
            where.append("r.search_text LIKE %s")
            values.append(f"%{word}%")
            continue
        for piece in fold(word, separators=True).split():
            where.append("r.search_text LIKE %s")
            values.append(f"% {piece}%")
    if params.get("mechanism"):
        where.append("r.mechanism = %s")
        values.append(params["mechanism"])
    status = (
        "(SELECT a.status FROM recommendations_assessment a WHERE a.recommendation_id = r.id "
        "AND a.is_published ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1)"
    )
    if params.get("status"):
        where.append(f"{status} = %s")
        values.append(params["status"])
    sql_where = " AND ".join(where)
    offset = 25 * (int(params.get("page", "1")) - 1)

    def bare() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT r.id, r.number, r.text, {status} FROM {TABLE} r WHERE {sql_where} "
                f"ORDER BY r.mechanism, r.sort_key, r.id LIMIT 25 OFFSET {offset}",
                values,
            )
            cursor.fetchall()
            cursor.execute(f"SELECT count(*) FROM {TABLE} r WHERE {sql_where}", values)
            total = int(cursor.fetchone()[0])
            for column in ("mechanism", "position"):
                cursor.execute(
                    f"SELECT r.{column}, count(*) FROM {TABLE} r WHERE {sql_where} GROUP BY r.{column}",
                    values,
                )
                cursor.fetchall()
            for through, column in TAGS:
                cursor.execute(
                    f"SELECT t.{column}, count(*) AS n FROM {through} t WHERE t.recommendation_id IN "
                    f"(SELECT r.id FROM {TABLE} r WHERE {sql_where}) "
                    f"GROUP BY t.{column} ORDER BY n DESC LIMIT 12",
                    values,
                )
                cursor.fetchall()
            return total

    return bare


def bare_detail(pk: int, connection: Any) -> Any:
    """The floor of a recommendation's page: the row, its tags, bodies, measures and published
    assessments, each by key."""
    queries = [
        f"SELECT * FROM {TABLE} WHERE id = %s AND is_published",
        "SELECT t.* FROM recommendations_theme t JOIN recommendations_recommendation_themes x "
        "ON x.theme_id = t.id WHERE x.recommendation_id = %s",
        "SELECT p.* FROM recommendations_affectedpersons p JOIN "
        "recommendations_recommendation_affected_persons x ON x.affectedpersons_id = p.id "
        "WHERE x.recommendation_id = %s",
        "SELECT g.* FROM recommendations_sdggoal g JOIN recommendations_recommendation_sdg_goals x "
        "ON x.sdggoal_id = g.id WHERE x.recommendation_id = %s",
        "SELECT a.*, b.name FROM recommendations_assignment a JOIN bodies_body b ON b.id = a.body_id "
        "WHERE a.recommendation_id = %s",
        "SELECT * FROM recommendations_measure WHERE recommendation_id = %s",
        "SELECT a.*, b.name FROM recommendations_assessment a JOIN bodies_body b ON b.id = a.body_id "
        "WHERE a.recommendation_id = %s AND a.is_published ORDER BY a.assessed_on DESC, a.id DESC",
    ]

    def bare() -> int:
        with connection.cursor() as cursor:
            for sql in queries:
                cursor.execute(sql, [pk])
                cursor.fetchall()
        return 1

    return bare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=270_000)
    parser.add_argument("--postgres", required=True, help="a PostgreSQL URL of a scratch database")
    parser.add_argument("--repeat", type=int, default=7, help="runs of each page")
    parser.add_argument("--reuse", action="store_true", help="keep the rows an earlier run built")
    parser.add_argument("--only", default="", help="pages whose label holds one of these (a,b)")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.postgres
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1"

    import django

    from rightstrack import bootstrap

    bootstrap.prepare()
    django.setup()
    from django.core.cache import cache
    from django.db import connection, reset_queries
    from django.http import QueryDict
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from rightstrack.recommendations.models import Recommendation

    build(args.rows, reuse=args.reuse)
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    sample = Recommendation.objects.filter(is_published=True).order_by("pk")[args.rows // 2]
    pages: list[tuple[str, str, Any]] = []
    for label, path, params in PAGES:
        query = QueryDict(mutable=True)
        query.update(params)
        url = f"/public/recommendations/{path}" + (f"?{query.urlencode()}" if params else "")
        pages.append((label, url, bare_list(params, connection)))
    pages.append(
        (
            "a recommendation's page",
            f"/public/recommendations/{sample.pk}/",
            bare_detail(sample.pk, connection),
        )
    )
    pages.append(
        (
            "the same, by UHRI id",
            f"/public/recommendations/uhri/{sample.external_id}/",
            bare_detail(sample.pk, connection),
        )
    )
    print(
        f"{args.rows} published recommendations on {connection.vendor}; each page built with the cache "
        f"emptied, {args.repeat} runs; ms median / p95, and the bare SQL's median"
    )
    for label, url, bare in pages:
        if args.only and not any(part in label for part in args.only.split(",")):
            continue
        cache.clear()
        reset_queries()  # the import filled the log to its bound: a capture would count nothing
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        ours, floor = [], []
        for _ in range(args.repeat):
            cache.clear()
            ours.append(timed(lambda url=url: client.get(url))[1] * 1000)
            floor.append(timed(bare)[1] * 1000)
        print(
            f"  {label:34} {len(queries):2} queries  ours {statistics.median(ours):8.1f} / "
            f"{pct(ours, 0.95):8.1f}   bare {statistics.median(floor):8.1f}   "
            f"ratio {statistics.median(ours) / max(statistics.median(floor), 0.001):5.1f}×  {url}"
        )


if __name__ == "__main__":
    main()
