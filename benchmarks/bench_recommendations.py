"""Import N recommendations in the UHRI export format, then search them: throughput, memory, latency.

    .venv/bin/python benchmarks/bench_recommendations.py [--rows 270000] [--postgres URL]

Generates N rows as UHRI exports them (CSV, every column, multi-valued "- " cells, Excel serial dates,
SDG targets "16.3 - …", a few hundred themes and groups), then, in one run and on one database:

- the import (``recommendations.imports.import_apply``: read, plan, upsert, tags), its rows/s, CPU time and
  the process's peak RSS above what it had before (Linux VmHWM, reset through /proc/self/clear_refs);
- the same file a second time (every row "unchanged");
- on PostgreSQL, the floor: ``COPY`` of the same CSV into a bare table of text columns, rows/s; and the
  schema's floor: the rows the import made and their tag links copied into tables with our indexes (the
  trigram one too) and foreign keys (``shaped_floor``): what PostgreSQL alone spends to hold them;
- a fixed mix of searches (folded words, with and without filters): the list's queries (page of 50, count,
  facet counts) against the bare SQL of the same searches (``LIKE`` on the folded column, count), median and
  p95 of each.

``--no-search`` stops after the floors; ``--profile FILE`` writes the first import's cProfile statistics.
Without ``--postgres`` it runs on a scratch SQLite file (no COPY floor). The machine may be shared: the
figures say so in ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("RIGHTSTRACK_VAR_DIR", tempfile.mkdtemp(prefix="rt-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
os.environ["SECURE_SSL"] = "0"
os.environ.setdefault("TASKS_BACKEND", "immediate")

HEADERS = [
    "Text",
    "Countries Concerned",
    "Regions Concerned",
    "Reccomending Body",
    "Type",
    "Document Symbol",
    "Document Publication Date",
    "Themes",
    "Affected Persons",
    "Sdgs",
    "OHCHR Annotation Id",
    "UPR Session",
    "UPR Reccomending States",
    "UPR Position",
]
BODIES = ["UPR"] * 6 + [
    "Committee on the Rights of the Child",
    "Human Rights Committee",
    "Committee on the Elimination of Discrimination against Women",
    "Committee against Torture",
]
WORDS = (
    "strengthen ensure adopt continue guarantee protect promote access education health justice women "
    "children persons disabilities minorities migrants torture detention poverty housing water sanitation "
    "legislation policy plan training officials independent investigation registration violence equality"
).split()
VI_WORDS = "tăng cường bảo đảm giáo dục quyền trẻ em phụ nữ người khuyết tật tiếp cận công lý đăng ký".split()
QUERIES = [
    ("one word", {"q": "torture"}),
    ("two words", {"q": "protect children"}),
    ("Vietnamese, no diacritics", {"q": "giao duc"}),
    ("a number", {"q": "140.12"}),
    ("word + mechanism", {"q": "women", "mechanism": "UPR"}),
    ("word + position", {"q": "access", "position": "noted"}),
    ("filters only", {"mechanism": "CRC", "position": ""}),
    ("a rare word", {"q": "sanitation registration"}),
]


def generate(rows: int, path: Path, seed: int = 12) -> None:
    rng = random.Random(seed)
    themes = [f"Theme {n} - {rng.choice(WORDS)} & {rng.choice(WORDS)}" for n in range(180)]
    groups = [f"Group {n} {rng.choice(WORDS)}" for n in range(40)]
    states = [f"State {n}" for n in range(190)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for n in range(rows):
            body = rng.choice(BODIES)
            upr = body == "UPR"
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(14, 40)))
            if n % 10 == 0:
                words += " " + " ".join(rng.choice(VI_WORDS) for _ in range(6))
            number = f"{100 + n % 60}.{n % 300 + 1} " if upr else ""
            goal = rng.randint(1, 17)
            writer.writerow(
                [
                    f"{number}{words.capitalize()}",
                    f"- Country {n % 193}",
                    "- Asia-Pacific",
                    body,
                    "Recommendation" if upr else "Concluding Observations",
                    f"A/HRC/{n % 60}/{n % 20}",
                    40000 + n % 5000,
                    "\n".join(f"- {t}" for t in rng.sample(themes, rng.randint(1, 4))),
                    "\n".join(f"- {g}" for g in rng.sample(groups, rng.randint(1, 3))),
                    f"- {goal}.{rng.randint(1, 5)} - Target text\n- {goal} - GOAL",
                    f"uhri-{n:08d}",
                    str(1 + n % 48) if upr else "",
                    "\n".join(f"- {s}" for s in rng.sample(states, rng.randint(1, 3))) if upr else "",
                    rng.choice(["Supported", "Supported", "Noted"]) if upr else "",
                ]
            )


def peak_reset() -> int:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass
    return _status("VmRSS:")


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1])
    return 0


def backend_cpu(connection: Any) -> float:
    """CPU seconds the PostgreSQL backend serving ``connection`` has used (its /proc stat: same machine),
    so that a figure can be given without the other users' load: on a shared machine the wall time is
    theirs too."""
    if connection.vendor != "postgresql":
        return 0.0
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(function: Any) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def make_page(query: Any, filterset: Any, selectors: Any) -> Any:
    def page() -> int:
        qs = filterset(query, queryset=selectors.recommendation_list()).qs
        rows = list(qs[:50])
        total = qs.count()
        selectors.facets(qs)
        return total + len(rows)

    return page


# a recommendation's tag links: (link table's suffix, its tag column, the tag table)
LINKS = (
    ("themes", "theme_id", "recommendations_theme"),
    ("affected_persons", "affectedpersons_id", "recommendations_affectedpersons"),
    ("sdg_goals", "sdggoal_id", "recommendations_sdggoal"),
    ("sdg_targets", "sdgtarget_id", "recommendations_sdgtarget"),
)

TAGS = (
    ("recommendations_recommendation_themes", "theme_id"),
    ("recommendations_recommendation_affected_persons", "affectedpersons_id"),
    ("recommendations_recommendation_sdg_goals", "sdggoal_id"),
)


def make_bare(params: dict[str, str], connection: Any) -> Any:
    from rightstrack.core.text import fold

    where, values = [], []
    for word in fold(params.get("q", "")).split():  # as recommendations.filters.search reads the words
        if any(c.isdigit() or c == "/" for c in word):  # a number or a symbol: anywhere
            where.append("search_text LIKE %s")
            values.append(f"%{word}%")
            continue
        for piece in fold(word, separators=True).split():  # else the start of a word
            where.append("search_text LIKE %s")
            values.append(f"% {piece}%")
    for name in ("mechanism", "position"):
        if params.get(name):
            where.append(f"{name} = %s")
            values.append(params[name])
    sql_where = " AND ".join(where) or "1=1"
    table = "recommendations_recommendation"

    def bare() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, number, text FROM {table} WHERE {sql_where} "
                "ORDER BY mechanism, session, number, id LIMIT 50",
                values,
            )
            cursor.fetchall()
            cursor.execute(f"SELECT count(*) FROM {table} WHERE {sql_where}", values)
            total = int(cursor.fetchone()[0])
            for column in ("mechanism", "position"):
                cursor.execute(
                    f"SELECT {column}, count(*) FROM {table} WHERE {sql_where} GROUP BY {column}", values
                )
                cursor.fetchall()
            for through, column in TAGS:
                cursor.execute(
                    f"SELECT t.{column}, count(*) AS n FROM {through} t WHERE t.recommendation_id IN "
                    f"(SELECT id FROM {table} WHERE {sql_where}) "
                    f"GROUP BY t.{column} ORDER BY n DESC LIMIT 12",
                    values,
                )
                cursor.fetchall()
            return total

    return bare


def shaped_floor(connection: Any) -> tuple[float, float, float]:
    """What PostgreSQL alone spends to hold these rows as the app indexes them: the recommendations the import
    made, and their links to themes, groups, goals and targets, read out (not timed) and copied with ``COPY``
    into fresh tables made ``LIKE`` ours (every index, the trigram one included) with the same deferred
    foreign keys, in one transaction. The import cannot go below this without dropping an index."""
    table = "recommendations_recommendation"
    tables = {"bench_shaped": (table, "owner_id", "bodies_body")} | {
        f"bench_shaped_{name}": (f"{table}_{name}", column, tags) for name, column, tags in LINKS
    }
    raw = connection.connection
    dumps: dict[str, bytes] = {}
    with raw.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS " + ", ".join(tables) + " CASCADE")
        for shaped, (name, column, target) in tables.items():
            cur.execute(f"CREATE TABLE {shaped} (LIKE {name} INCLUDING ALL)")
            keys = [f"FOREIGN KEY ({column}) REFERENCES {target}(id)"]
            if shaped != "bench_shaped":
                keys.append("FOREIGN KEY (recommendation_id) REFERENCES bench_shaped(id)")
            cur.execute(
                f"ALTER TABLE {shaped} "
                + ", ".join(f"ADD {key} DEFERRABLE INITIALLY DEFERRED" for key in keys)
            )
            with cur.copy(f"COPY {name} TO STDOUT") as source:
                dumps[shaped] = b"".join(bytes(chunk) for chunk in source)
    raw.commit()

    def copy() -> None:
        with raw.cursor() as cur:
            for shaped, data in dumps.items():
                with cur.copy(f"COPY {shaped} FROM STDIN") as target:
                    for start in range(0, len(data), 1024 * 1024):
                        target.write(data[start : start + 1024 * 1024])
        raw.commit()

    server = backend_cpu(connection)
    _, wall, cpu = timed(copy)
    server = backend_cpu(connection) - server
    with raw.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS " + ", ".join(tables) + " CASCADE")
    raw.commit()
    return wall, cpu, server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=270_000)
    parser.add_argument("--postgres", help="a PostgreSQL URL of a scratch database (it is emptied)")
    parser.add_argument("--repeat", type=int, default=15, help="runs of each search")
    parser.add_argument("--no-search", action="store_true", help="the import and COPY only")
    parser.add_argument("--profile", help="write the first import's cProfile statistics to this file")
    args = parser.parse_args()
    if args.postgres:
        os.environ["DATABASE_URL"] = args.postgres
    else:
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{os.environ['RIGHTSTRACK_VAR_DIR']}/bench.sqlite3")

    import django

    from rightstrack import bootstrap

    bootstrap.prepare()
    django.setup()

    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rightstrack.bodies.choices import BodyKind, BodyLevel
    from rightstrack.bodies.models import Body
    from rightstrack.core.context import action_context
    from rightstrack.recommendations import imports, selectors
    from rightstrack.recommendations.filters import RecommendationFilterSet
    from rightstrack.recommendations.models import Recommendation

    if args.postgres:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)
    owner = Body.objects.create(
        code="national", name="Ban Chỉ đạo", kind=BodyKind.NATIONAL_COMMITTEE, level=BodyLevel.NATIONAL
    )
    folder = Path(os.environ["RIGHTSTRACK_VAR_DIR"])
    source = folder / "uhri.csv"
    _, gen_wall, _ = timed(lambda: generate(args.rows, source))
    size_mb = source.stat().st_size / 1024 / 1024
    print(
        f"database: {connection.vendor}; rows: {args.rows}; file: {size_mb:.1f} MB "
        f"(generated in {gen_wall:.1f} s)"
    )

    print(
        f"load average at the start: {' '.join(f'{v:.1f}' for v in os.getloadavg())} ({os.cpu_count()} CPUs)"
    )
    before = peak_reset()
    server = backend_cpu(connection)
    profiler = cProfile.Profile() if args.profile else None
    with action_context(source="bench"), source.open("rb") as handle:
        if profiler is not None:
            profiler.enable()
        result, wall, cpu = timed(
            lambda: imports.import_apply(actor=None, owner=owner, file=handle, name="uhri.csv")
        )
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(args.profile)
    server = backend_cpu(connection) - server
    peak_mb = (_status("VmHWM:") - before) / 1024
    print(
        f"import: {result.created} created in {wall:.1f} s wall, {cpu:.1f} s CPU here + {server:.1f} s CPU "
        f"in PostgreSQL = {args.rows / wall:,.0f} rows/s by the clock, "
        f"{args.rows / max(cpu + server, 0.001):,.0f} rows per CPU second; peak RSS +{peak_mb:.0f} MB"
    )
    server2 = backend_cpu(connection)
    with action_context(source="bench"), source.open("rb") as handle:
        again, wall2, cpu2 = timed(
            lambda: imports.import_apply(actor=None, owner=owner, file=handle, name="uhri.csv")
        )
    server2 = backend_cpu(connection) - server2
    print(
        f"again: {again.skipped} unchanged, {again.updated} updated, {again.created} created, "
        f"in {wall2:.1f} s ({cpu2:.1f} s CPU here + {server2:.1f} s in PostgreSQL) = "
        f"{args.rows / wall2:,.0f} rows/s"
    )
    assert Recommendation.objects.count() == args.rows

    if connection.vendor == "postgresql":
        columns = ", ".join(f"c{n} text" for n in range(len(HEADERS)))
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS bench_copy; CREATE TABLE bench_copy ({columns})")
        raw = connection.connection

        def copy() -> None:
            with raw.cursor() as cur, source.open("rb") as handle:
                with cur.copy("COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)") as target:
                    while chunk := handle.read(1024 * 1024):
                        target.write(chunk)
            raw.commit()

        copy_server = backend_cpu(connection)
        _, copy_wall, copy_cpu = timed(copy)
        copy_server = backend_cpu(connection) - copy_server
        print(
            f"COPY floor: {args.rows} rows in {copy_wall:.2f} s = {args.rows / copy_wall:,.0f} rows/s "
            f"({copy_cpu:.2f} s CPU here + {copy_server:.2f} s in PostgreSQL); the import is "
            f"{wall / copy_wall:.1f}× COPY's time by the clock, "
            f"{(cpu + server) / max(copy_cpu + copy_server, 0.001):.1f}× its CPU"
        )
        shaped_wall, shaped_cpu, shaped_server = shaped_floor(connection)
        print(
            f"COPY into our schema (the imported rows, search text made, and their tag links, copied into "
            f"tables with the same indexes and foreign keys, committed): {shaped_wall:.2f} s "
            f"({shaped_cpu:.2f} s CPU here + {shaped_server:.2f} s in PostgreSQL); the import is "
            f"{wall / shaped_wall:.1f}× its time by the clock, "
            f"{(cpu + server) / max(shaped_cpu + shaped_server, 0.001):.1f}× its CPU"
        )

    if args.no_search:
        print(f"load average at the end: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
        return
    from django.http import QueryDict

    print(
        f"search mix ({args.repeat} runs each), ms median / p95: the list's queries "
        "(page of 50, count, 5 facets)"
    )
    print("against the bare SQL of the same work (LIKE on the folded column, count, 5 GROUP BYs)")
    for label, params in QUERIES:
        query = QueryDict(mutable=True)
        query.update(params)
        page = make_page(query, RecommendationFilterSet, selectors)
        bare = make_bare(params, connection)
        with CaptureQueriesContext(connection) as queries:
            page()
        ours, floor = [], []
        for _ in range(args.repeat):
            ours.append(timed(page)[1] * 1000)
            floor.append(timed(bare)[1] * 1000)
        print(
            f"  {label:27} {len(queries):2} queries  ours {statistics.median(ours):7.1f} / "
            f"{pct(ours, 0.95):7.1f}   bare {statistics.median(floor):7.1f} / {pct(floor, 0.95):7.1f}"
            f"   ratio {statistics.median(ours) / max(statistics.median(floor), 0.001):.1f}×"
        )
    print(f"rows: {Recommendation.objects.count()}")
    print(f"load average at the end: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
