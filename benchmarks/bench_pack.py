"""Build a consolidated pack for 63 reports of about ten pages each: wall time, peak memory, query count.

    .venv/bin/python benchmarks/bench_pack.py [--provinces 63] [--copies 3] [--no-pdf]

In a scratch SQLite database: a national committee, N provincial committees, the default template and one
cycle whose N reports are all submitted, each section written ``--copies`` times over from the demo's text
bank (about ten A4 pages a report at the default). Then, in this order:

- the floor: reading the same reports' section texts and figures straight from the database;
- the pack's content (``pack_refresh``: read, split, group, add up) and its Word file (``pack_build``, the
  official layout), then the PDF, each with wall and CPU time and the load average (the machine is shared),
  the queries and the process's peak RSS;
- the query count for a pack of a third of the reports, which must equal the full pack's.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import random
import resource
import time
from decimal import Decimal
from typing import Any

from scratch import committees as country  # benchmarks/ is on sys.path
from scratch import prepare

# The PDF is laid out by worker processes that are spawned: each imports this module again (as
# "__mp_main__"), and needs none of what follows, so only the script itself prepares Django and the app.
if __name__ == "__main__":
    prepare()

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext, override_settings
    from pypdf import PdfReader

    from rightstrack.core.context import action_context
    from rightstrack.exchange.html import html_to_text
    from rightstrack.packs.choices import Selection
    from rightstrack.packs.services import pack_build, pack_create, pack_refresh
    from rightstrack.reporting.choices import ReportStatus
    from rightstrack.reporting.demo import Period, compose_report
    from rightstrack.reporting.models import Report, ReportFigure, ReportSection
    from rightstrack.reporting.services import cycle_create, template_create_default

CHARS_PER_PAGE = 3000  # an A4 page of 13-point Times New Roman, Vietnamese prose


def build(provinces: int, copies: int) -> Any:
    with action_context(source="system"), transaction.atomic():
        bodies = country(provinces).committees
        template = template_create_default(actor=None)
        sections = {s.key: s for s in template.sections.all()}
        indicators = {i.key: i for i in template.indicators.all()}
        cycle = cycle_create(
            actor=None,
            name="Báo cáo công tác nhân quyền năm 2024",
            period_start=datetime.date(2024, 1, 1),
            period_end=datetime.date(2024, 12, 31),
            deadline=datetime.date(2025, 1, 15),
            template=template,
            participants=bodies,
        )
        period = Period(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
        submitted = datetime.datetime(2025, 1, 10, 9, tzinfo=datetime.UTC)
        reports = [
            Report(
                cycle=cycle,
                body=body,
                template=template,
                status=ReportStatus.SUBMITTED,
                version=3,
                first_submitted_at=submitted,
                submitted_at=submitted,
            )
            for body in bodies
        ]
        Report.objects.bulk_create(reports)
        section_rows, figure_rows, chars = [], [], 0
        for number, (report, body) in enumerate(zip(reports, bodies, strict=True)):
            parts = [
                compose_report(body, period=period, rng=random.Random(number * 10 + copy), paragraphs=(4, 8))
                for copy in range(copies)
            ]
            for key, section in sections.items():
                html = "\n".join(part.sections.get(key, "") for part in parts)
                chars += len(html_to_text(html))
                section_rows.append(ReportSection(report=report, section=section, html=html))
            for key, indicator in indicators.items():
                figure_rows.append(
                    ReportFigure(report=report, indicator=indicator, value=Decimal(parts[0].figures[key]))
                )
        ReportSection.objects.bulk_create(section_rows, batch_size=500)
        ReportFigure.objects.bulk_create(figure_rows, batch_size=500)
    return cycle, bodies, chars / len(reports)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_cpu() -> float:
    """The CPU time of the finished child processes (the PDF's workers, once their pool is shut down)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(label: str, work: Any) -> tuple[Any, float, int, float]:
    """Wall and CPU time (the process's and its workers'), the process's peak resident memory after the
    step, and the queries."""
    with CaptureQueriesContext(connection) as queries:
        started, cpu, workers_cpu = time.perf_counter(), time.process_time(), children_cpu()
        result = work()
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu + children_cpu() - workers_cpu
    peak = peak_rss_mb()
    load = os.getloadavg()[0]
    row = f"| {label} | {seconds:.2f} s | {cpu_seconds:.2f} s | {peak:.0f} MB | {len(queries)} | {load:.1f} |"
    print(row)
    return result, seconds, len(queries), peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--provinces", type=int, default=63)
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF (minutes on a loaded machine)")
    parser.add_argument(
        "--pdf-workers",
        default="",
        help="comma-separated numbers of PDF worker processes to measure in turn, e.g. 1,2,1,2 (default: "
        "the setting PDF_WORKERS, at most the CPUs)",
    )
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    cycle, committees, chars = build(args.provinces, args.copies)
    print(
        f"{len(committees)} reports, {chars:,.0f} characters of text each "
        f"(~{chars / CHARS_PER_PAGE:.1f} pages), "
        f"generated in {time.perf_counter() - started:.1f} s; load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} CPUs"
    )
    print()
    print(f"peak RSS before: {peak_rss_mb():.0f} MB")
    print("| step | wall time | CPU time | peak RSS of the process after it | queries | load average after |")
    print("|---|---|---|---|---|---|")

    def floor() -> int:
        texts = list(ReportSection.objects.filter(report__cycle=cycle).values_list("report_id", "html"))
        figures = list(ReportFigure.objects.filter(report__cycle=cycle).values_list("report_id", "value"))
        return sum(len(html_to_text(html)) for _r, html in texts) + len(figures)

    measure("floor: the texts and figures straight from the database (+ plain text)", floor)
    with action_context(source="cli"):
        pack = pack_create(actor=None, cycle=cycle)
        (built, _reused), seconds, queries_full, _peak = measure(
            "pack content: read, split, group, add up", lambda: pack_refresh(actor=None, pack=pack)
        )
        content = built.content
        docx, docx_seconds, _q, _p = measure(
            "Word file, official layout, from the stored content (cache hit)",
            lambda: pack_build(actor=None, pack=built, file_format="docx"),
        )
        for workers in [] if args.no_pdf else [int(n) for n in args.pdf_workers.split(",") if n] or [0]:
            with override_settings(**({"PDF_WORKERS": workers} if workers else {})):
                pdf, _s, _q, _p = measure(
                    f"PDF, official layout, from the stored content (cache hit), "
                    f"{workers or 'default'} worker(s)",
                    lambda: pack_build(actor=None, pack=built, file_format="pdf"),
                )
            pages = len(PdfReader(io.BytesIO(pdf.content)).pages)
            print(f"PDF: {pages} pages, {len(pdf.content) / 2**20:.1f} MB")
        third = pack_create(
            actor=None,
            cycle=cycle,
            selection=Selection.LIST,
            bodies=committees[: max(1, len(committees) // 3)],
        )
        _r, _s, queries_third, _p = measure(
            f"pack content for {len(committees) // 3} reports (query count check)",
            lambda: pack_refresh(actor=None, pack=third),
        )
    print()
    shared = {t["key"]: sum(1 for g in t["groups"] if g["count"] >= 2) for t in content["themes"]}
    statements = {t["key"]: t["statements"] for t in content["themes"]}
    print(f"statements grouped: {statements}; groups shared by 2+ provinces: {shared}")
    print(
        f"whole pack (content + Word): {seconds + docx_seconds:.1f} s; "
        f"Word file {len(docx.content) / 2**20:.1f} MB"
    )
    print(
        f"queries: {queries_full} for {len(committees)} reports, {queries_third} for {len(committees) // 3}"
    )
    print(f"peak RSS of the process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    assert queries_full == queries_third, "the query count grows with the number of reports"


if __name__ == "__main__":
    main()
