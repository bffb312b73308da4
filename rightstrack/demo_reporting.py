"""The reporting part of the demo: a closed 2024 cycle with written reports from the 38 provinces of the
central and southern regions, and an open cycle for the 34 current provinces.

Every write goes through the reporting services, so each step leaves its revision, audit record and
notification. The texts are ours (rightstrack/demo_data/reporting_texts_*.json): paragraphs chosen per
province from a bank, with generated but plausible figures; they describe what institutions did, nothing
about people.

Demo-only backdating: the services stamp every step with now() and take no time argument, so once the 2024
cycle is written its dates are moved to 2024–2025 with queryset updates (cycle opened and closed; reports
submitted, returned and accepted; revisions, comments, notifications). That is what makes three reports late
and the history read true. Audit records keep the real time of the writes: the audit log is append-only.

Idempotent: each cycle is looked up by name and left alone when it exists.
"""

from __future__ import annotations

import datetime
import functools
import json
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from rightstrack.accounts.models import User
from rightstrack.bodies.models import Body
from rightstrack.notifications.choices import NotificationKind
from rightstrack.notifications.models import Notification
from rightstrack.places.models import Region
from rightstrack.reporting.choices import ReportStatus, RevisionReason
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
    template_create_default,
)

DATA_DIR = Path(__file__).resolve().parent / "demo_data"
REFORM_DAY = datetime.date(2025, 7, 1)

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


@dataclass
class ReportingDemoSummary:
    cycles_created: list[str] = field(default_factory=list)
    reports_written: int = 0


@functools.cache
def _data(name: str) -> dict[str, Any]:
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def _texts(lang: str) -> dict[str, Any]:
    return _data(f"reporting_texts_{lang}.json")


def _profile(code: str, *, current: bool) -> dict[str, Any]:
    profiles = _data("reporting_provinces.json")["current" if current else "legacy"]
    default = {"profile": "north", "size": 1.0, "flags": []}
    return dict(profiles.get(code, default))


def _lang(code: str) -> str:
    return "en" if code in _data("reporting_provinces.json")["english"] else "vi"


# Wording ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """How a report names its period: 'năm 2024' / '2024', or the first half of a year."""

    start: datetime.date
    end: datetime.date

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def era(self) -> str:
        return "after" if self.end >= REFORM_DAY else "before"

    def words(self, lang: str) -> dict[str, str]:
        year = self.start.year
        if self.months >= 12:
            if lang == "vi":
                return {"period": f"năm {year}", "Period": f"Năm {year}", "in_period": f"trong năm {year}"}
            return {"period": str(year), "Period": f"In {year}", "in_period": f"in {year}"}
        if lang == "vi":
            half = f"6 tháng đầu năm {year}"
            return {"period": half, "Period": f"Sáu tháng đầu năm {year}", "in_period": f"trong {half}"}
        half = f"the first half of {year}"
        return {"period": half, "Period": f"In {half}", "in_period": f"in {half}"}


def _voice(body: Body, lang: str) -> dict[str, str]:
    """The province's names as the report's sentences use them."""
    unit = body.unit
    name = unit.name if unit else body.name
    city = unit is not None and "thành phố" in (unit.kind or "").lower()
    if lang == "vi":
        kind = "thành phố" if city else "tỉnh"
        place = "Thành phố Hồ Chí Minh" if unit is not None and unit.code == "79" else f"{kind} {name}"
        committee = f"Ban Chỉ đạo nhân quyền {kind}"
        return {
            "place": place,
            "Place": place[0].upper() + place[1:],
            "committee": committee,
            "Committee": committee,
            "unit_word": kind,
        }
    name_en = (unit.name_en or name) if unit else (body.name_en or name)
    if name_en.endswith("City"):
        place = name_en
    else:
        place = f"{name_en} {'City' if city else 'Province'}"
    committee = f"the {'City' if city else 'Provincial'} Human Rights Steering Committee"
    return {
        "place": place,
        "Place": place,
        "committee": committee,
        "Committee": committee[0].upper() + committee[1:],
        "unit_word": "city" if city else "province",
    }


def _number(value: int | Decimal, lang: str) -> str:
    """12345 → '12.345' in Vietnamese, '12,345' in English; decimals with a comma in Vietnamese."""
    text = f"{value:,}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "vi" else text


# Figures --------------------------------------------------------------------------------------------------

_POVERTY = {
    "highlands": (4.5, 9.5),
    "north_central": (2.5, 6.0),
    "coast": (1.2, 3.8),
    "mekong": (1.0, 4.0),
    "southeast": (0.2, 1.2),
    "north": (1.0, 6.0),
}


def _values(rng: random.Random, profile: dict[str, Any], months: int) -> dict[str, int | Decimal]:
    """Plausible figures for one province and period, scaled by its size and the period's length."""
    scale = float(profile["size"]) * months / 12

    def count(low: float, high: float, step: int = 1) -> int:
        return max(step, round(rng.uniform(low, high) * scale / step) * step)

    def decimal(low: float, high: float, places: int = 1) -> Decimal:
        return Decimal(str(round(rng.uniform(low, high), places)))

    low, high = (0.1, 0.9) if "city" in profile["flags"] else _POVERTY[profile["profile"]]
    poverty = decimal(low, high, 2)
    sessions = count(180, 650)
    issued, reviewed = rng.randint(12, 45), rng.randint(40, 180)
    staff = count(300, 1400)
    return {
        "growth": decimal(5.2, 9.6),
        "sessions": sessions,
        "participants": sessions * rng.randint(45, 110),
        "staff": staff,
        "issued_docs": issued,
        "reviewed_docs": reviewed,
        "documents": issued + reviewed,
        "households": count(1500, 9000) * (2 if profile["profile"] == "highlands" else 1),
        "poverty_rate": poverty,
        "poverty_prev": (poverty * Decimal(str(round(rng.uniform(1.12, 1.45), 2)))).quantize(Decimal("0.01")),
        "houses": count(150, 1200),
        "leaflets": count(8000, 60000, 100),
        "clubs": count(40, 300),
        "legal_aid": count(150, 1500),
        "access_pct": decimal(80, 98.5),
        "insurance_pct": decimal(88, 96.5),
        "ontime_pct": decimal(96, 99.8),
        "elderly": count(10000, 70000, 10),
        "disabled": count(4000, 20000, 10),
        "gifts": count(20000, 150000, 100),
        "jobs": count(10000, 50000, 10),
        "meetings": max(1, round(rng.randint(2, 6) * months / 12)),
        "inspections": max(1, round(rng.randint(3, 12) * months / 12)),
        "petitions": count(1500, 12000),
        "resolved_pct": decimal(88, 98),
        "delegations": rng.randint(15, 60) if "city" in profile["flags"] else rng.randint(3, 25),
        "ngos": rng.randint(5, 40),
        "ngo_value": decimal(1.5, 18),
        "proposals_sent": rng.randint(2, 9),
        "sessions_commune": round(sessions * rng.uniform(0.55, 0.8)),
        "participants_minority": count(2000, 15000, 10),
        "training_pct": rng.randint(55, 80),
        "courses": rng.randint(2, 8),
        "staff_commune": count(120, 600),
    }


def _indicator_values(values: dict[str, int | Decimal]) -> dict[str, int | Decimal]:
    """The template's indicators (default_template.DEFAULT_INDICATORS), from the same figures as the text."""
    return {
        "awareness-sessions": values["sessions"],
        "awareness-participants": values["participants"],
        "staff-trained": values["staff"],
        "legal-documents": values["documents"],
        "households-supported": values["households"],
        "poverty-rate": values["poverty_rate"],
    }


# Texts ----------------------------------------------------------------------------------------------------


def _pick(
    entries: list[dict[str, Any]], tags: set[str], era: str, count: int, rng: random.Random
) -> list[str]:
    """The 'always' paragraphs, then up to two that fit the province's profile, then common ones, up to
    ``count``; kept in the bank's order so the section reads in sequence."""
    eligible = [e for e in entries if e.get("era", era) == era and e.get("for", "common") in tags]
    chosen = [e for e in eligible if e.get("always")]
    specific = [e for e in eligible if not e.get("always") and e.get("for", "common") != "common"]
    common = [e for e in eligible if not e.get("always") and e.get("for", "common") == "common"]
    rng.shuffle(specific)
    rng.shuffle(common)
    count = max(count, len(chosen) + (1 if specific else 0))  # what sets a province apart always shows
    for entry in [*specific[:2], *common]:
        if len(chosen) >= count:
            break
        chosen.append(entry)
    return [str(e["t"]) for e in sorted(chosen, key=eligible.index)]


@dataclass
class Content:
    lang: str
    sections: dict[str, str]
    figures: dict[str, int | Decimal]
    words: dict[str, str]  # every placeholder, formatted for the report's language


def compose_report(
    body: Body,
    *,
    period: Period,
    rng: random.Random,
    profile: dict[str, Any] | None = None,
    only: Sequence[str] | None = None,
    paragraphs: tuple[int, int] | None = None,
) -> Content:
    """A report's sections (HTML by section key) and figures for ``body``, in its province's language.

    ``only`` limits the sections written (a draft in progress); ``paragraphs`` overrides how many paragraphs
    each section gets (the benchmarks ask for longer reports).
    """
    code = body.unit.code if body.unit else ""
    profile = profile or _profile(code, current=body.dissolved_on is None)
    lang = _lang(code)
    bank = _texts(lang)
    values = _values(rng, profile, period.months)
    words = {
        **{key: _number(value, lang) for key, value in values.items()},
        **_voice(body, lang),
        **period.words(lang),
    }
    tags = {"common", profile["profile"], *profile["flags"]}
    sections: dict[str, str] = {}
    for key, entries in bank["sections"].items():
        if only is not None and key not in only:
            continue
        low, high = paragraphs or SECTION_COUNT.get(key, (1, 3))
        picked = [
            text.format_map(words) for text in _pick(entries, tags, period.era, rng.randint(low, high), rng)
        ]
        intro = bank["list_intro"].get(key)
        if intro:
            items = "".join(f"<li>{text}</li>" for text in picked)
            sections[key] = f"<p>{intro.format_map(words)}</p>\n<ol>{items}</ol>"
        else:
            sections[key] = "\n".join(f"<p>{text}</p>" for text in picked)
    return Content(lang=lang, sections=sections, figures=_indicator_values(values), words=words)


def _amended(content: Content, section_key: str) -> str:
    """The section as the province rewrote it after a return: the reviewer's point answered."""
    addition = _texts(content.lang)["amendments"][section_key].format_map(content.words)
    html = content.sections[section_key]
    if html.endswith("</ol>"):
        return html[: -len("</ol>")] + f"<li>{addition}</li></ol>"
    return f"{html}\n<p>{addition}</p>"


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
        comments = _texts(content.lang)["comments"]
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
            sections={key: _amended(content, key) for key in keys},
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


def _past_cycle(template: ReportTemplate, office: User | None, reviewer: User | None) -> int:
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


def _open_cycle(
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


# Entry points ---------------------------------------------------------------------------------------------


@transaction.atomic
def load_reporting_demo(*, today: datetime.date | None = None) -> ReportingDemoSummary:
    """Create the default template, the 2024 cycle and the open cycle, each unless it exists."""
    today = today or timezone.localdate()
    summary = ReportingDemoSummary()
    users = {u.username: u for u in User.objects.filter(username__in=["vanphong", "thamdinh"])}
    office, reviewer = users.get("vanphong"), users.get("thamdinh")
    template = template_create_default(actor=None)
    if not ReportingCycle.objects.filter(name=PAST_NAME).exists():
        summary.reports_written += _past_cycle(template, office, reviewer)
        summary.cycles_created.append(PAST_NAME)
    name, name_en, period = open_cycle_plan(today)
    if not ReportingCycle.objects.filter(name=name).exists():
        summary.reports_written += _open_cycle(template, office, name, name_en, period, today)
        summary.cycles_created.append(name)
    return summary


def reporting_demo_summary(*, today: datetime.date | None = None) -> str:
    """One line on the demo's reporting cycles as they are in the database (for `rightstrack demo`)."""
    today = today or timezone.localdate()
    names = [PAST_NAME, open_cycle_plan(today)[0]]
    parts = []
    for cycle in ReportingCycle.objects.filter(name__in=names).order_by("period_end"):
        reports = list(Report.objects.filter(cycle=cycle).select_related("cycle"))
        counted = Counter(report.status for report in reports)
        statuses = ", ".join(
            f"{counted[status]} {status}" for status in reversed(ReportStatus.values) if counted[status]
        )
        late = sum(1 for report in reports if report.is_late(today))
        parts.append(
            f"“{cycle.name}” ({cycle.status}, due {cycle.deadline:%d/%m/%Y}): {len(reports)} reports — "
            f"{statuses}{f'; {late} late' if late else ''}"
        )
    return "Reporting: " + ("; ".join(parts) if parts else "no demo cycles") + "."
