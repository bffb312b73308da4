"""Time the reporting pages, API and exports and count their queries at two data sizes.

Builds, in a scratch database, a national committee, its standing office and N provincial committees (Viet
Nam's 63 pre-2025 provinces at the large size) with C yearly cycles of full reports: every section two to four
paragraphs long (the demo's text bank), every figure, a save/submit/accept or return history of revisions with
full snapshots, review comments on the returned ones. Then it requests each page as a reviewer of the national
committee (sees every report) and as a provincial focal point (sees their committee's), and times the
selectors and exports behind them.

Data generator: the template, committees and cycles go through the services; the reports, sections, figures,
revisions and comments are bulk-created with the statuses and stamps the workflow would have given them —
through the services (one locked, audited transaction per step) the large size would take minutes.

Pages, API routes and exports built after this script are picked up by URL name or module attribute; what
does not exist yet is printed as "n/a".
"""

from __future__ import annotations

import argparse
import datetime
import logging
import random
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from scratch import committees as country  # benchmarks/ is on sys.path
from scratch import prepare

prepare()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Sum  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from rightstrack.accounts.models import User  # noqa: E402
from rightstrack.accounts.services import user_create  # noqa: E402
from rightstrack.core.context import action_context  # noqa: E402
from rightstrack.reporting import selectors  # noqa: E402
from rightstrack.reporting.choices import CycleStatus, ReportStatus, RevisionReason  # noqa: E402
from rightstrack.reporting.demo import Period, compose_report  # noqa: E402
from rightstrack.reporting.models import (  # noqa: E402
    Report,
    ReportFigure,
    ReportingCycle,
    ReportRevision,
    ReportSection,
    ReviewComment,
)
from rightstrack.reporting.services import cycle_create, template_create_default  # noqa: E402

FIRST_YEAR = 2015
BATCH = 500
VERSIONS: dict[str, int] = {ReportStatus.DRAFT: 2, ReportStatus.SUBMITTED: 3}  # the others: 4
Timed = tuple[int, float, str]  # queries, median ms, status or note


def _tz_at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_default_timezone())


def _status_for(province: int, cycle: int, *, is_open: bool) -> str:
    """A spread like a real cycle's: most accepted, some returned or awaiting review, a few never sent."""
    if is_open:
        return (ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.RETURNED)[province % 3]
    slot = (province + cycle) % 10
    if slot == 0:
        return ReportStatus.DRAFT
    if slot == 1:
        return ReportStatus.RETURNED
    if slot == 2:
        return ReportStatus.SUBMITTED
    return ReportStatus.ACCEPTED


def build(provinces: int, cycles: int) -> dict[str, Any]:
    """The committees and users through the services, then ``cycles`` cycles of full reports in bulk."""
    with action_context(source="system"), transaction.atomic():
        made = country(provinces, office=True)
        national, committees = made.national, made.committees
        reviewer = user_create(
            actor=None, username="reviewer", body=national, role="reviewer", password="x", validate=False
        )
        focal = user_create(
            actor=None,
            username="focal",
            body=committees[0],
            role="provincial_focal_point",
            password="x",
            validate=False,
        )
        template = template_create_default(actor=None)
        sections = {s.key: s for s in template.sections.all()}
        indicators = {i.key: i for i in template.indicators.all()}
        cycle_rows = []
        for c in range(cycles):
            year = FIRST_YEAR + c
            cycle_rows.append(
                cycle_create(
                    actor=None,
                    name=f"Báo cáo công tác nhân quyền năm {year}",
                    name_en=f"Report {year}",
                    period_start=datetime.date(year, 1, 1),
                    period_end=datetime.date(year, 12, 31),
                    deadline=datetime.date(year + 1, 1, 15),
                    template=template,
                    participants=committees,
                )
            )
        last = len(cycle_rows) - 1
        for c, cycle in enumerate(cycle_rows):
            opened = _tz_at(datetime.date(FIRST_YEAR + c, 11, 20), 9)
            ReportingCycle.objects.filter(pk=cycle.pk).update(
                status=CycleStatus.OPEN if c == last else CycleStatus.CLOSED,
                opened_at=opened,
                closed_at=None if c == last else opened + datetime.timedelta(days=120),
            )

        reports: list[Report] = []
        contents: list[dict[str, Any]] = []
        for c, cycle in enumerate(cycle_rows):
            period = Period(cycle.period_start, cycle.period_end)
            for p, body in enumerate(committees):
                status = _status_for(p, c, is_open=c == last)
                content = compose_report(
                    body, period=period, rng=random.Random(f"{c}-{p}"), paragraphs=(2, 4)
                )
                submitted = _tz_at(cycle.deadline - datetime.timedelta(days=(p * 7 + c) % 12 - 3), 10)
                sent = status != ReportStatus.DRAFT
                reports.append(
                    Report(
                        cycle=cycle,
                        body=body,
                        template=template,
                        status=status,
                        version=VERSIONS.get(status, 4),
                        first_submitted_at=submitted if sent else None,
                        submitted_at=submitted if sent else None,
                        submitted_by=focal if sent and p == 0 else None,
                        returned_at=submitted + datetime.timedelta(days=4)
                        if status == ReportStatus.RETURNED
                        else None,
                        returned_by=reviewer if status == ReportStatus.RETURNED else None,
                        accepted_at=submitted + datetime.timedelta(days=6)
                        if status == ReportStatus.ACCEPTED
                        else None,
                        accepted_by=reviewer if status == ReportStatus.ACCEPTED else None,
                        last_activity_at=submitted,
                    )
                )
                contents.append({"content": content, "submitted": submitted, "status": status})
        Report.objects.bulk_create(reports, batch_size=BATCH)

        section_rows, figure_rows, revision_rows, comment_rows = [], [], [], []
        for report, item in zip(reports, contents, strict=True):
            content, submitted, status = item["content"], item["submitted"], item["status"]
            for key, section in sections.items():
                section_rows.append(
                    ReportSection(
                        report=report,
                        section=section,
                        html=content.sections.get(key, ""),
                        updated_at=submitted - datetime.timedelta(days=2),
                    )
                )
            for key, indicator in indicators.items():
                figure_rows.append(
                    ReportFigure(report=report, indicator=indicator, value=Decimal(content.figures[key]))
                )
            snapshot = {
                "sections": content.sections,
                "figures": {k: str(v) for k, v in content.figures.items()},
                "unplaced": "",
            }
            steps: list[tuple[str, str, User | None]] = [(RevisionReason.SAVE, ReportStatus.DRAFT, None)]
            if status != ReportStatus.DRAFT:
                steps.append(
                    (
                        RevisionReason.SUBMIT,
                        ReportStatus.SUBMITTED,
                        focal if report.body_id == focal.body_id else None,
                    )
                )
            if status == ReportStatus.RETURNED:
                steps.append((RevisionReason.RETURN, ReportStatus.RETURNED, reviewer))
            if status == ReportStatus.ACCEPTED:
                steps.append((RevisionReason.ACCEPT, ReportStatus.ACCEPTED, reviewer))
            for number, (reason, at_status, by) in enumerate(steps, start=1):
                moment = submitted + datetime.timedelta(days=number - 2)
                revision_rows.append(
                    ReportRevision(
                        report=report,
                        number=number,
                        report_version=number + 1,
                        status=at_status,
                        reason=reason,
                        created_by=by,
                        created_at=moment,
                        updated_at=moment,
                        snapshot=snapshot,
                    )
                )
            if status == ReportStatus.RETURNED:
                for on_section in (None, "results-education", "limitations"):
                    comment_rows.append(
                        ReviewComment(
                            report=report,
                            section=sections[on_section] if on_section else None,
                            author=reviewer,
                            text="Đề nghị bổ sung số liệu cụ thể và làm rõ nguyên nhân.",
                            revision_number=3,
                        )
                    )
        ReportSection.objects.bulk_create(section_rows, batch_size=BATCH)
        ReportFigure.objects.bulk_create(figure_rows, batch_size=BATCH)
        ReportRevision.objects.bulk_create(revision_rows, batch_size=BATCH)
        ReviewComment.objects.bulk_create(comment_rows, batch_size=BATCH)

    closed = cycle_rows[-2] if len(cycle_rows) > 1 else cycle_rows[-1]
    return {
        "reviewer": reviewer,
        "focal": focal,
        "closed": closed,
        "open": cycle_rows[-1],
        "report": Report.objects.get(cycle=closed, body=committees[0]),  # accepted, with history
        "draft": Report.objects.get(cycle=cycle_rows[-1], body=committees[0]),  # the focal point's open draft
    }


# Measuring ------------------------------------------------------------------------------------------------


def _url(name: str, *args: Any) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def measure_page(client: Client, url: str | None, repeat: int) -> Timed:
    if url is None:
        return 0, 0.0, "n/a"
    client.get(url)  # warm
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    queries = len(ctx.captured_queries)  # read now: the next request resets the query log
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
    return queries, statistics.median(times), str(response.status_code)


def measure_call(fn: Callable[[], Any] | None, repeat: int) -> Timed:
    if fn is None:
        return 0, 0.0, "n/a"
    try:
        fn()  # warm
    except Exception as error:  # noqa: BLE001 - a benchmark reports what fails and goes on
        return 0, 0.0, f"error {type(error).__name__}"
    with CaptureQueriesContext(connection) as ctx:
        fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return len(ctx.captured_queries), statistics.median(times), "ok"


def _with_query(url: str | None, query: str) -> str | None:
    return f"{url}?{query}" if url is not None else None


def _cycle_reports(cycle: ReportingCycle, user: User) -> list[Report]:
    """The cycle's reports within scope, loaded as the export views load them."""
    return list(
        selectors.report_detail()
        .filter(pk__in=selectors.report_list(user=user, cycle=cycle).values("pk"))
        .order_by("body__name", "pk")
    )


def _read_report(pk: int) -> None:
    report = selectors.report_detail().get(pk=pk)
    list(report.sections.all()), list(report.figures.all()), list(report.comments.all())
    selectors.report_content(report)
    list(selectors.report_revisions(report))


def _consolidated_in_python(cycle: ReportingCycle, user: User) -> dict[str, Decimal]:
    """What the figures workbook does: load the reports with their figures, add up the summable ones."""
    from rightstrack.reporting.services import exports

    reports = _cycle_reports(cycle, user)
    summable = {i.key for i in exports.export_indicators(cycle.template) if i.sums_across_bodies}
    totals: dict[str, Decimal] = {}
    for row in exports.figures_rows(reports):
        for key, value in row.values.items():
            if key in summable and value is not None:
                totals[key] = totals.get(key, Decimal(0)) + Decimal(value)
    return totals


def _consolidated_in_sql(cycle: ReportingCycle) -> list[Any]:
    """The same totals as one aggregate query (no selector does this yet)."""
    return list(
        ReportFigure.objects.filter(report__cycle=cycle, indicator__sums_across_bodies=True)
        .values("indicator__key")
        .annotate(total=Sum("value"))
        .order_by("indicator__key")
    )


def _exports(cycle: ReportingCycle, user: User) -> dict[str, Callable[[], Any] | None]:
    from rightstrack.reporting.services import exports

    return {
        "export ZIP of DOCX": lambda: exports.cycle_to_zip(
            exports.export_report(report) for report in _cycle_reports(cycle, user)
        ),
        "export figures XLSX": lambda: exports.cycle_figures_xlsx(cycle, _cycle_reports(cycle, user)),
    }


def run(provinces: int, cycles: int, repeat: int) -> dict[str, Timed]:
    call_command("flush", interactive=False, verbosity=0)
    t0 = time.perf_counter()
    world = build(provinces, cycles)
    build_s = time.perf_counter() - t0
    closed, open_cycle = world["closed"], world["open"]
    report, draft = world["report"], world["draft"]
    heavy = max(3, repeat // 3)
    both, reviewer_only, focal_only = ("reviewer", "focal"), ("reviewer",), ("focal",)
    pages: list[tuple[str, str | None, tuple[str, ...], int]] = [
        ("cycle list", _url("reporting:cycle_list"), both, repeat),
        ("cycle dashboard (closed cycle)", _url("reporting:cycle_detail", closed.pk), both, repeat),
        ("cycle dashboard (open cycle)", _url("reporting:cycle_detail", open_cycle.pk), both, repeat),
        ("cycle dashboard XLSX", _url("reporting:cycle_dashboard_xlsx", closed.pk), reviewer_only, repeat),
        ("report detail (accepted)", _url("reporting:report_detail", report.pk), both, repeat),
        ("report edit (open draft)", _url("reporting:report_edit", draft.pk), focal_only, repeat),
        ("report revision 1", _url("reporting:report_revision", report.pk, 1), both, repeat),
        ("report export DOCX", _url("reporting:report_export_docx", report.pk), both, repeat),
        ("API reports", _url("report-list"), both, repeat),
        (
            "API reports ?cycle=",
            _with_query(_url("report-list"), f"cycle={closed.pk}"),
            reviewer_only,
            repeat,
        ),
        ("API report detail", _url("report-detail", report.pk), both, repeat),
        ("API report revisions", _url("report-revisions", report.pk), both, repeat),
        ("API cycle dashboard", _url("cycle-dashboard", closed.pk), both, repeat),
        ("API cycle export XLSX", _with_query(_url("cycle-export", closed.pk), "format=xlsx"), both, heavy),
        (
            "API cycle export ZIP",
            _with_query(_url("cycle-export", closed.pk), "format=zip"),
            reviewer_only,
            heavy,
        ),
        (
            "cycle export figures XLSX",
            _url("reporting:cycle_export_figures", closed.pk),
            reviewer_only,
            heavy,
        ),
        ("cycle export ZIP of DOCX", _url("reporting:cycle_export_zip", closed.pk), reviewer_only, heavy),
    ]
    results: dict[str, Timed] = {}
    for persona in ("reviewer", "focal"):
        client = Client(raise_request_exception=False)  # a page that fails shows as status 500
        client.force_login(world[persona])
        for label, url, personas, times in pages:
            if persona in personas:
                results[f"{persona:8} {label}"] = measure_page(client, url, times)

    reviewer = world["reviewer"]
    calls: dict[str, tuple[Callable[[], Any] | None, int]] = {
        "selector cycle_dashboard (closed)": (
            lambda: selectors.cycle_dashboard(user=reviewer, cycle=closed),
            repeat,
        ),
        "selector report_detail + content + revisions": (lambda: _read_report(report.pk), repeat),
        "selector cycle_list": (lambda: list(selectors.cycle_list()), repeat),
        "consolidated figures, loaded + summed": (lambda: _consolidated_in_python(closed, reviewer), repeat),
        "consolidated figures, one SQL aggregate": (lambda: _consolidated_in_sql(closed), repeat),
        **{f"{label}, one cycle": (fn, heavy) for label, fn in _exports(closed, reviewer).items()},
    }
    for label, (fn, times) in calls.items():
        results[f"{'direct':8} {label}"] = measure_call(fn, times)

    print(
        f"\n{provinces} provincial committees × {cycles} cycles: {Report.objects.count()} reports, "
        f"{ReportSection.objects.count()} sections, {ReportRevision.objects.count()} revisions, "
        f"{ReviewComment.objects.count()} comments (built in {build_s:.1f} s)"
    )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--provinces", type=int, default=63)
    parser.add_argument("--cycles", type=int, default=10)
    args = parser.parse_args()
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # a failing page shows as its status
    call_command("migrate", interactive=False, verbosity=0)
    small = run(provinces=5, cycles=2, repeat=args.repeat)
    large = run(provinces=args.provinces, cycles=args.cycles, repeat=args.repeat)
    heavy = max(3, args.repeat // 3)
    print(f"\ndatabase: {connection.vendor}; median of {args.repeat} runs (exports: of {heavy})")
    print(f"{'page or call':52} {'queries small':>13} {'queries large':>13} {'ms large':>9}")
    for label, (q_small, _, status) in small.items():
        q_large, ms, status_large = large[label]
        if status_large == "n/a":
            print(f"{label:52} {'n/a — not built yet':>37}")
            continue
        flag = "" if q_small == q_large else "  <-- grows with data"
        note = (
            ""
            if status in ("200", "ok") and status_large in ("200", "ok")
            else f"  status {status}/{status_large}"
        )
        print(f"{label:52} {q_small:>13} {q_large:>13} {ms:>9.1f}{flag}{note}")


if __name__ == "__main__":
    main()
