"""The demo's two reporting cycles, written through the reporting services step by step.

Demo-only backdating: the services stamp every step with now() and take no time argument, so once the 2024
cycle is written its dates are moved to 2024–2025 with queryset updates (cycle opened and closed; reports
submitted, returned and accepted; revisions, comments, notifications). That is what makes three reports late
and the history read true. Audit records keep the real time of the writes: the audit log is append-only.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.utils import timezone

from rightstrack.accounts.models import User
from rightstrack.notifications.choices import NotificationKind
from rightstrack.notifications.models import Notification
from rightstrack.places.models import Region
from rightstrack.reporting.choices import RevisionReason
from rightstrack.reporting.demo.texts import Period, amended_section, compose_report, text_bank
from rightstrack.reporting.models import (
    Report,
    ReportingCycle,
    ReportRevision,
    ReportSection,
    ReportTemplate,
    ReviewComment,
)
from rightstrack.reporting.selectors import provincial_committees_on
from rightstrack.reporting.services import (
    cycle_close,
    cycle_create,
    cycle_open,
    report_accept,
    report_event_notify,
    report_return,
    report_save,
    report_submit,
)

PAST_NAME = "Báo cáo công tác nhân quyền năm 2024"
PAST_NAME_EN = "Human rights work report 2024"
PAST_START, PAST_END = datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)
PAST_DEADLINE = datetime.date(2025, 1, 15)
PAST_AS_OF = datetime.date(2025, 1, 1)  # the participants: provinces of these regions on that day
PAST_REGIONS = ("central", "south")
PAST_OPENED_ON = datetime.date(2024, 11, 25)
PAST_CLOSED_ON = datetime.date(2025, 3, 31)

# What became of each province's 2024 report, by province code; the others were accepted on time.
RETURNED = ("45", "64", "83", "93")  # returned with comments and not resubmitted before the cycle closed
RETURNED_THEN_ACCEPTED = ("56", "87")  # returned, revised, resubmitted, accepted
LATE = ("40", "72", "96")  # first submitted after the deadline, then accepted
PARTIAL_DRAFT = ("58",)  # never submitted; some sections written
EMPTY_DRAFT = ("67",)  # never submitted; nothing written

# The open cycle: drafts some provinces have started, and reports already submitted (code → username).
OPEN_STARTED = ("22", "40", "52", "86", "91")
OPEN_SUBMITTED = {"48": "danang", "66": ""}
OPEN_DEADLINE_IN_DAYS = 5

SECTION_COUNT = {"results": (1, 1), "proposals": (2, 4)}  # paragraphs (or list items) per section: min, max
DRAFT_SECTIONS = ("situation", "results", "results-legal", "results-education")
DRAFT_FIGURES = ("awareness-sessions", "awareness-participants", "staff-trained")
COMMENTED_SECTIONS = ("results-education", "results-social", "limitations", "proposals", "directives")

_NOTIFIED = {
    RevisionReason.SUBMIT: NotificationKind.REPORT_SUBMITTED,
    RevisionReason.RETURN: NotificationKind.REPORT_RETURNED,
    RevisionReason.ACCEPT: NotificationKind.REPORT_ACCEPTED,
}


# Time -----------------------------------------------------------------------------------------------------


def _at(day: datetime.date, rng: random.Random) -> datetime.datetime:
    """A moment in office hours on ``day``, in the site's time zone."""
    moment = datetime.time(rng.randint(8, 16), rng.choice((0, 10, 15, 20, 30, 40, 45, 50)))
    return datetime.datetime.combine(day, moment, tzinfo=timezone.get_default_timezone())


def _after(day: datetime.date, rng: random.Random, low: int, high: int) -> datetime.date:
    return day + datetime.timedelta(days=rng.randint(low, high))


# The past cycle -------------------------------------------------------------------------------------------


@dataclass
class _Written:
    """The moments a report's steps happened, in the order the services wrote its revisions."""

    report: Report
    revision_times: list[datetime.datetime] = field(default_factory=list)
    stamps: dict[str, datetime.datetime] = field(default_factory=dict)


def _write_past_report(report: Report, *, reviewer: User | None, opened: datetime.date) -> _Written:
    code = report.body.unit.code if report.body.unit else ""
    rng = random.Random(f"demo-report-2024-{code}")
    written = _Written(report)
    if code in EMPTY_DRAFT:
        return written
    period = Period(PAST_START, PAST_END)
    partial = code in PARTIAL_DRAFT
    content = compose_report(
        report.body,
        period=period,
        rng=rng,
        only=DRAFT_SECTIONS if partial else None,
    )
    figures = {k: v for k, v in content.figures.items() if not partial or k in DRAFT_FIGURES}
    saved_on = _after(opened, rng, 14, 38)
    report = report_save(
        actor=None, report=report, expected_version=report.version, sections=content.sections, figures=figures
    )
    written.revision_times.append(_at(saved_on, rng))
    written.stamps.update(last_activity_at=written.revision_times[-1], section_at=written.revision_times[-1])
    if partial:
        return written

    if code in LATE:
        submitted_on = _after(PAST_DEADLINE, rng, 2, 26)
    else:
        submitted_on = PAST_DEADLINE - datetime.timedelta(days=rng.randint(0, 9))
    submitted = _at(submitted_on, rng)
    report = report_submit(actor=None, report=report)
    written.revision_times.append(submitted)
    written.stamps.update(first_submitted_at=submitted, submitted_at=submitted)

    if code in RETURNED or code in RETURNED_THEN_ACCEPTED:
        keys = rng.sample(COMMENTED_SECTIONS, 2)
        comments = text_bank(content.lang)["comments"]
        returned = _at(_after(submitted_on, rng, 3, 7), rng)
        report = report_return(
            actor=reviewer,
            report=report,
            comments=[*((key, comments[key]) for key in keys), (None, comments[""])],
        )
        written.revision_times.append(returned)
        written.stamps.update(returned_at=returned, comment_at=returned)
        if code in RETURNED:
            written.stamps["last_activity_at"] = returned
            return written
        fixed_on = _after(returned.date(), rng, 4, 8)
        report = report_save(
            actor=None,
            report=report,
            expected_version=report.version,
            sections={key: amended_section(content, key) for key in keys},
            figures={},
        )
        fixed = _at(fixed_on, rng)
        written.revision_times.append(fixed)
        written.stamps["section_at"] = fixed
        resubmitted = fixed + datetime.timedelta(hours=1)
        report = report_submit(actor=None, report=report)
        written.revision_times.append(resubmitted)
        written.stamps["submitted_at"] = resubmitted
        submitted_on = fixed_on

    accepted = _at(_after(submitted_on, rng, 2, 10), rng)
    report_accept(actor=reviewer, report=report)
    written.revision_times.append(accepted)
    written.stamps.update(accepted_at=accepted, last_activity_at=accepted)
    return written


def _backdate(written: _Written, opened: datetime.datetime) -> None:
    """Move a 2024 report's dates to when its steps happened (see the module docstring)."""
    report, stamps = written.report, dict(written.stamps)
    comment_at = stamps.pop("comment_at", None)
    section_at = stamps.pop("section_at", None)
    stamps.setdefault("last_activity_at", opened)
    Report.objects.filter(pk=report.pk).update(created_at=opened, **stamps)
    if section_at is not None:
        ReportSection.objects.filter(report=report, updated_at__isnull=False).update(updated_at=section_at)
    if comment_at is not None:
        ReviewComment.objects.filter(report=report).update(created_at=comment_at)
    for number, moment in enumerate(written.revision_times, start=1):
        ReportRevision.objects.filter(report=report, number=number).update(
            created_at=moment, updated_at=moment
        )


def _notify_now(report: Report, *, read: bool) -> None:
    """Deliver the report's messages at once (what the queued task would do; it then finds them sent), and
    for a past cycle date them to their step and mark them read."""
    for number, reason, moment in ReportRevision.objects.filter(
        report=report, reason__in=list(_NOTIFIED)
    ).values_list("number", "reason", "created_at"):
        kind = _NOTIFIED[RevisionReason(reason)]
        report_event_notify(report_id=report.pk, kind=kind, revision_number=number)
        if read:
            Notification.objects.filter(dedupe_key=f"report:{report.pk}:{kind}:{number}").update(
                created_at=moment, read_at=moment + datetime.timedelta(hours=2)
            )


def past_cycle(template: ReportTemplate, office: User | None, reviewer: User | None) -> int:
    # Two macro-regions, and cycle_create takes one region: the participants go in as the list of both
    # regions' provincial committees on PAST_AS_OF (the same selector the region option uses).
    regions = list(Region.objects.filter(code__in=PAST_REGIONS))
    participants = [
        body for region in regions for body in provincial_committees_on(PAST_AS_OF, region=region)
    ]
    cycle = cycle_create(
        actor=office,
        name=PAST_NAME,
        name_en=PAST_NAME_EN,
        period_start=PAST_START,
        period_end=PAST_END,
        deadline=PAST_DEADLINE,
        template=template,
        participants=participants,
    )
    cycle = cycle_open(actor=office, cycle=cycle)
    opened = _at(PAST_OPENED_ON, random.Random("demo-cycle-2024"))
    reports = (
        Report.objects.filter(cycle=cycle).select_related("body", "body__unit").order_by("body__unit__code")
    )
    writings = [_write_past_report(report, reviewer=reviewer, opened=PAST_OPENED_ON) for report in reports]
    cycle_close(actor=office, cycle=cycle)
    closed = _at(PAST_CLOSED_ON, random.Random("demo-cycle-2024-close"))
    ReportingCycle.objects.filter(pk=cycle.pk).update(created_at=opened, opened_at=opened, closed_at=closed)
    for written in writings:
        _backdate(written, opened)
        _notify_now(written.report, read=True)
    return sum(1 for w in writings if w.revision_times)


# The open cycle -------------------------------------------------------------------------------------------


def open_cycle_plan(today: datetime.date) -> tuple[str, str, Period]:
    """The cycle a standing office would have open on ``today``: last year's annual report in January and
    February, the first half of the year from March to August, this year's annual report from September."""
    if today.month <= 2:
        year, half = today.year - 1, False
    else:
        year, half = today.year, 3 <= today.month <= 8
    if half:
        period = Period(datetime.date(year, 1, 1), datetime.date(year, 6, 30))
        return (
            f"Báo cáo công tác nhân quyền 6 tháng đầu năm {year}",
            f"Human rights work report, first half of {year}",
            period,
        )
    period = Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    return f"Báo cáo công tác nhân quyền năm {year}", f"Human rights work report {year}", period


def open_cycle(
    template: ReportTemplate,
    office: User | None,
    name: str,
    name_en: str,
    period: Period,
    today: datetime.date,
) -> int:
    cycle = cycle_create(
        actor=office,
        name=name,
        name_en=name_en,
        period_start=period.start,
        period_end=period.end,
        deadline=today + datetime.timedelta(days=OPEN_DEADLINE_IN_DAYS),
        template=template,
        all_provincial=True,
        region_on=today,
    )
    cycle = cycle_open(actor=office, cycle=cycle)
    written = 0
    reports = Report.objects.filter(cycle=cycle).select_related("body", "body__unit")
    for report in reports:
        code = report.body.unit.code if report.body.unit else ""
        if code not in OPEN_STARTED and code not in OPEN_SUBMITTED:
            continue  # Ho Chi Minh City's among them: the 'hcm' demo user writes it
        rng = random.Random(f"demo-report-{period.start.year}-{period.months}-{code}")
        started = code in OPEN_STARTED
        content = compose_report(
            report.body,
            period=period,
            rng=rng,
            only=DRAFT_SECTIONS if started else None,
        )
        figures = {k: v for k, v in content.figures.items() if not started or k in DRAFT_FIGURES}
        username = OPEN_SUBMITTED.get(code, "")
        author = User.objects.filter(username=username).first() if username else None
        report = report_save(
            actor=author,
            report=report,
            expected_version=report.version,
            sections=content.sections,
            figures=figures,
        )
        if not started:
            report = report_submit(actor=author, report=report)
            _notify_now(report, read=False)
        written += 1
    return written
