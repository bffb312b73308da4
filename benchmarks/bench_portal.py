"""The public portal at a country's scale: N published recommendations (default 270,000), each page built from
the database, beside the floor (the bare SQL of the same rows).

    .venv/bin/python benchmarks/bench_portal.py --postgres URL [--rows 270000] [--repeat 7] [--reuse]

The rows are ``bench_recommendations``' UHRI-shaped file (its generator, imported, not copied) read by the
import; then, as data set-up and not through the services (which write one row at a time), every
recommendation gets a lead body and one published assessment (its status cycling through the four) and is
published. ``--reuse`` keeps a database an earlier run filled with as many rows.

Each page is asked for as an anonymous visitor twice a run: with the cache emptied first ("cold": the worst
case, nothing kept) and with only the pages started over ("expired": the total and facet counts kept for
the published data's version, as after ``PUBLIC_CACHE_SECONDS`` or after a publish once the job counted):
its queries (cold), median and p95 wall time, and the median of the bare SQL that fetches the same rows
(the page of 25, the count, the facets' GROUP BYs; the page's rows alone; for a recommendation's page, the
row and its parts by primary key). A kept page costs 0 queries (tested). ``--exports``: the CSV and JSON
of 1,000 and 10,000 rows, streamed and made whole, with the process's peak memory.
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


def bare_list(params: dict[str, str], connection: Any, *, counts: bool = True) -> Any:
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
            if not counts:
                return 0
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
    parser.add_argument(
        "--searches", action="store_true", help="the eight searches of bench_recommendations, then stop"
    )
    parser.add_argument("--only", default="", help="pages whose label holds one of these (a,b)")
    parser.add_argument(
        "--exports", action="store_true", help="the CSV/JSON of 1,000 and 10,000 rows, streamed and whole"
    )
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

    from rightstrack.core import public_cache
    from rightstrack.recommendations.models import Recommendation

    build(args.rows, reuse=args.reuse)
    if args.searches:
        searches(args.repeat, connection)
        return
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    sample = Recommendation.objects.filter(is_published=True).order_by("pk")[args.rows // 2]
    if args.exports:
        exports_memory(connection)
        return
    pages: list[tuple[str, str, Any, Any]] = []
    for label, path, params in PAGES:
        if params.get("page"):  # a page in the middle of the list, whatever its length
            params = {**params, "page": str(max(1, args.rows // 50))}
            label = f"list, page {params['page']}"
        query = QueryDict(mutable=True)
        query.update(params)
        url = f"/public/recommendations/{path}" + (f"?{query.urlencode()}" if params else "")
        listed = not path
        pages.append(
            (
                label,
                url,
                bare_list(params, connection),
                bare_list(params, connection, counts=False) if listed else None,
            )
        )
    for label, url in (
        ("a recommendation's page", f"/public/recommendations/{sample.pk}/"),
        ("the same, by UHRI id", f"/public/recommendations/uhri/{sample.external_id}/"),
    ):
        pages.append((label, url, bare_detail(sample.pk, connection), None))
    print(
        f"{args.rows} published recommendations on {connection.vendor}, load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}; {args.repeat} runs each, ms median / p95.\n"
        "  cold: the cache emptied (nothing kept: the first reader after a change, had no job counted);\n"
        "  expired: the page's cache started over, the counts kept for this version (the reader after\n"
        "  PUBLIC_CACHE_SECONDS, or after a publish once the job has counted); bare: the same rows, count\n"
        "  and facets in plain SQL; bare rows: the page's rows only (the floor of a page with counts kept);\n"
        "  CPU: this process's (the page built and rendered), not PostgreSQL's"
    )
    print("  queries: cold / expired")
    for label, url, bare, bare_rows in pages:
        if args.only and not any(part in label for part in args.only.split(",")):
            continue
        cache.clear()
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        count = len(captured)  # now: the next request empties the log (reset_queries on request_started)
        assert response.status_code == 200, (url, response.status_code)
        public_cache.invalidate()
        with CaptureQueriesContext(connection) as captured:
            fetch(client, url)
        kept_count = len(captured)
        cold, expired, floor, rows_floor, cpu, kept_cpu = [], [], [], [], [], []
        for _ in range(args.repeat):
            cache.clear()
            _, wall, spent = timed(lambda url=url: fetch(client, url))
            cold.append(wall * 1000)
            cpu.append(spent * 1000)
            public_cache.invalidate()  # the pages start over; the counts of this version stay
            _, wall, spent = timed(lambda url=url: fetch(client, url))
            expired.append(wall * 1000)
            kept_cpu.append(spent * 1000)
            floor.append(timed(bare)[1] * 1000)
            if bare_rows is not None:
                rows_floor.append(timed(bare_rows)[1] * 1000)
        print(
            f"  {label:34} {count:2}/{kept_count:2} queries  cold {statistics.median(cold):8.1f} / "
            f"{pct(cold, 0.95):8.1f}"
            f" (CPU {statistics.median(cpu):6.1f})  expired {statistics.median(expired):7.1f} / "
            f"{pct(expired, 0.95):7.1f} (CPU {statistics.median(kept_cpu):6.1f})"
            f"   bare {statistics.median(floor):8.1f}"
            + (f"  bare rows {statistics.median(rows_floor):6.1f}" if rows_floor else "")
            + f"   {url}"
        )


def fetch(client: Any, url: str) -> int:
    response = client.get(url)
    return len(b"".join(response.streaming_content)) if response.streaming else len(response.content)


def _status(name: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(name):
            return int(line.split()[1])
    return 0


def exports_memory(connection: Any) -> None:
    """The portal's CSV and JSON of the first 1,000 and 10,000 published recommendations, streamed as the
    portal sends them and made whole in memory as before: wall, CPU, queries, peak RSS above the start
    (Linux VmHWM, reset through /proc/self/clear_refs), size."""
    from django.test.utils import CaptureQueriesContext

    from rightstrack.portal import exports
    from rightstrack.recommendations import selectors

    ids = list(selectors.public_list().order_by("pk").values_list("pk", flat=True)[:10_000])
    for rows in (1_000, 10_000):
        if rows > len(ids):
            break
        listed = selectors.public_list().filter(pk__lte=ids[rows - 1])
        for file_format in ("csv", "json"):
            for how in ("streamed", "whole"):

                def run(file_format: str = file_format, how: str = how, listed: Any = listed) -> int:
                    if how == "whole":
                        return len(exports.public_file(listed, file_format=file_format).content)
                    return sum(len(piece) for piece in exports.public_stream(listed, file_format=file_format))

                Path("/proc/self/clear_refs").write_text("5")
                before = _status("VmRSS:")
                with CaptureQueriesContext(connection) as captured:
                    size, wall, cpu = timed(run)
                peak = (_status("VmHWM:") - before) / 1024
                print(
                    f"  {file_format} of {rows:6} {how:8}: {wall:6.2f} s wall, {cpu:6.2f} s CPU, "
                    f"{len(captured)} queries, peak RSS +{peak:5.1f} MB, {size / 1024 / 1024:5.1f} MB"
                )


def searches(repeat: int, connection: Any) -> None:
    """The signed-in list's eight searches of ``bench_recommendations`` (its own page and bare SQL, imported)
    on this database's rows: median / p95 and the ratio."""
    from bench_recommendations import QUERIES, make_bare, make_page
    from django.http import QueryDict

    from rightstrack.recommendations import selectors
    from rightstrack.recommendations.filters import RecommendationFilterSet

    for label, params in QUERIES:
        query = QueryDict(mutable=True)
        query.update(params)
        page, bare = make_page(query, RecommendationFilterSet, selectors), make_bare(params, connection)
        page()
        ours = [timed(page)[1] * 1000 for _ in range(repeat)]
        floor = [timed(bare)[1] * 1000 for _ in range(repeat)]
        print(
            f"  {label:27} ours {statistics.median(ours):8.1f} / {pct(ours, 0.95):8.1f}   bare "
            f"{statistics.median(floor):8.1f} / {pct(floor, 0.95):8.1f}   "
            f"ratio {statistics.median(ours) / max(statistics.median(floor), 0.001):.1f}×"
        )


if __name__ == "__main__":
    main()
