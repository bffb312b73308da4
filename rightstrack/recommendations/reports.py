"""The recommendations reported back: a mid-term implementation report and a national report draft as Word
documents in the official layout (Decree 30/2020/NĐ-CP, ``exchange.official``, decision 0022), grouped by
cluster or theme, each recommendation with its position, responsible bodies, measures, latest assessment and
evidence; and the whole matrix as an Excel sheet. The values are this app's; the layouts are ``exchange``'s.

The mid-term report covers the recommendations the State supported (what it committed to); the national
report draft covers them all, noted ones with their position. Both are drafts for the standing office to
edit in Word: the registry's number is left blank.
"""

from __future__ import annotations

import datetime
import io
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import IO, TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from rightstrack.bodies.models import Body
from rightstrack.bodies.selectors import letterhead_values
from rightstrack.core.text import ascii_file_name
from rightstrack.exchange.charts import BarChart, bar_chart_png
from rightstrack.exchange.document import Document, Picture, Section, Table, format_date
from rightstrack.exchange.docx_writer import document_to_docx
from rightstrack.exchange.official import OfficialHeading, official_to_docx
from rightstrack.exchange.xlsx import Column, Sheet, write_sheet
from rightstrack.recommendations.choices import AssignmentRole, ImplementationStatus, Position
from rightstrack.recommendations.models import Assessment, Recommendation
from rightstrack.recommendations.selectors import GROUP_BY_CLUSTER, GROUP_BY_THEME, NOT_ASSESSED

if TYPE_CHECKING:
    from rightstrack.core.jobs.registry import Progress as JobProgress

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIDTERM, NATIONAL, MATRIX = "midterm", "national", "matrix"
KINDS = (MIDTERM, NATIONAL, MATRIX)
# The documents' kinds and summaries are the legal form's words, in Vietnamese (decision 0022).
REPORT_KIND = "BÁO CÁO"
SUMMARIES = {
    MIDTERM: "Báo cáo giữa kỳ về việc thực hiện các khuyến nghị đã chấp thuận",
    NATIONAL: "Dự thảo Báo cáo quốc gia về việc thực hiện các khuyến nghị",
}
FILE_WORDS = {
    MIDTERM: gettext_noop("mid-term report"),
    NATIONAL: gettext_noop("national report draft"),
    MATRIX: gettext_noop("recommendations matrix"),
}
TITLES = {
    MIDTERM: gettext_noop("Mid-term report on the implementation of the recommendations"),
    NATIONAL: gettext_noop("National report on the implementation of the recommendations (draft)"),
}
Progress = Callable[[int], None]


@dataclass(frozen=True)
class ReportFile:
    """A written report: ``file`` is open at its start (a temporary file for the matrix, which is never
    held in memory whole); ``content`` reads it all, for a small file or a test."""

    file: IO[bytes]
    name: str
    content_type: str

    @property
    def content(self) -> bytes:
        self.file.seek(0)
        return self.file.read()


def report_queryset(queryset: QuerySet[Recommendation]) -> QuerySet[Recommendation]:
    """Everything a report says of each recommendation, loaded up front (a constant number of queries)."""
    return queryset.select_related("owner").prefetch_related(
        "themes",
        "clusters",
        "affected_persons",
        "sdg_goals",
        "assignments__body",
        "measures",
        Prefetch(
            "assessments",
            queryset=Assessment.objects.select_related("body")
            .prefetch_related(
                "evidence_sections__report__body",
                "evidence_sections__section",
                "evidence_tasks",
                "evidence_activities",
                "evidence_legal_documents",
                "evidence_documents",
            )
            .order_by("-assessed_on", "-id"),
        ),
    )


def _language() -> str:
    return "en" if (translation.get_language() or "vi").startswith("en") else "vi"


def _text(rec: Recommendation, language: str) -> str:
    return rec.text_vi if language == "vi" and rec.text_vi else rec.text


def _latest(rec: Recommendation) -> Assessment | None:
    return next(iter(rec.assessments.all()), None)


def _bodies(rec: Recommendation) -> tuple[str, list[str]]:
    lead = [a.body.name for a in rec.assignments.all() if a.role == AssignmentRole.LEAD]
    supporting = [a.body.name for a in rec.assignments.all() if a.role != AssignmentRole.LEAD]
    return (lead[0] if lead else ""), supporting


def evidence_lines(assessment: Assessment) -> list[str]:
    """Each piece of evidence of an assessment as a line of text (what it is, and its title)."""
    lines = [
        f"{_('Report')}: {s.report.body.name} — {s.section.display_title}"
        for s in assessment.evidence_sections.all()
    ]
    lines += [f"{_('Task')}: {task}" for task in assessment.evidence_tasks.all()]
    lines += [f"{_('Activity')}: {activity}" for activity in assessment.evidence_activities.all()]
    lines += [f"{_('Laws and policies')}: {law}" for law in assessment.evidence_legal_documents.all()]
    lines += [f"{_('Document')}: {document.title}" for document in assessment.evidence_documents.all()]
    if assessment.evidence_file_name:
        lines.append(f"{_('File')}: {assessment.evidence_file_name}")
    return lines


def _status_label(status: str | None) -> str:
    if status in ImplementationStatus.values:
        return str(ImplementationStatus(status).label)
    return _("Not assessed yet")


def _recommendation_html(rec: Recommendation, language: str) -> str:
    lead, supporting = _bodies(rec)
    parts = [f"<p><em>{escape(_text(rec, language))}</em></p>"]
    facts: list[tuple[str, str]] = []
    if rec.recommending_states:
        facts.append((_("Recommended by"), rec.states_display))
    position = rec.get_position_display() if rec.position else "—"
    if rec.position_source:
        position = f"{position} ({rec.position_source})"
    facts.append((pgettext("UN recommendation", "Position"), position))
    facts.append((_("Lead body"), lead or _("Not assigned yet.")))
    if supporting:
        facts.append((_("Supporting bodies"), "; ".join(supporting)))
    latest = _latest(rec)
    if latest is None:
        facts.append((_("Latest assessment"), _("Not assessed yet")))
    else:
        facts.append(
            (
                _("Latest assessment"),
                f"{latest.get_status_display()}, {format_date(latest.assessed_on, language)}"
                f" ({latest.body.name})",
            )
        )
    parts += [f"<p><strong>{escape(label)}:</strong> {escape(value)}</p>" for label, value in facts]
    if latest is not None and latest.note:
        parts.append(f"<p>{escape(latest.note)}</p>")
    measures = list(rec.measures.all())
    if measures:
        items = "".join(
            f"<li>{escape(m.what)}"
            + (f" ({_('due by')} {format_date(m.due_on, language)})" if m.due_on else "")
            + "</li>"
            for m in measures
        )
        parts.append(f"<p><strong>{escape(_('Measures'))}:</strong></p><ul>{items}</ul>")
    evidence = evidence_lines(latest) if latest is not None else []
    if evidence:
        items = "".join(f"<li>{escape(line)}</li>" for line in evidence)
        parts.append(f"<p><strong>{escape(_('Evidence'))}:</strong></p><ul>{items}</ul>")
    return "".join(parts)


def _heading_of(rec: Recommendation) -> str:
    label = f"{rec.mechanism} {rec.session}".strip()
    return f"{_('Recommendation')} {rec.number or '#' + str(rec.pk)} ({label})"


def _grouped(recs: Sequence[Recommendation], by: str) -> list[tuple[str, list[Recommendation]]]:
    """The recommendations under each of their clusters (or themes), groups by size then name; those in
    none last. A recommendation in two groups is written in both (the report is read group by group)."""
    buckets: dict[str, list[Recommendation]] = {}
    none: list[Recommendation] = []
    for rec in recs:
        terms = list(rec.clusters.all() if by == GROUP_BY_CLUSTER else rec.themes.all())
        if not terms:
            none.append(rec)
        for term in terms:
            buckets.setdefault(term.display_name, []).append(rec)
    ordered = sorted(buckets.items(), key=lambda item: (-len(item[1]), item[0].casefold()))
    if none:
        ordered.append((_("Not in any cluster") if by == GROUP_BY_CLUSTER else _("No theme"), none))
    return ordered


def _status_counts(recs: Iterable[Recommendation]) -> dict[str, int]:
    counts = dict.fromkeys([NOT_ASSESSED, *ImplementationStatus.values], 0)
    for rec in recs:
        latest = _latest(rec)
        counts[latest.status if latest is not None else NOT_ASSESSED] += 1
    return counts


def report_document(
    recs: Sequence[Recommendation], *, kind: str, by: str = GROUP_BY_CLUSTER, progress: Progress | None = None
) -> Document:
    """The report's content: a summary (counts by status, a chart, a table by group), then one part per
    group with each recommendation in it. ``recs`` are loaded with ``report_queryset``."""
    language = _language()
    if kind == MIDTERM:
        recs = [r for r in recs if r.position == Position.SUPPORTED]
    counts = _status_counts(recs)
    statuses = [NOT_ASSESSED, *ImplementationStatus.values]
    labels = [_status_label(None if s == NOT_ASSESSED else s) for s in statuses]
    chart = BarChart(
        title=_("Recommendations by status of implementation"),
        labels=labels,
        values=[counts[s] for s in statuses],
        language=language,
    )
    summary = "".join(
        f"<p>{escape(label)}: {counts[s]}</p>" for label, s in zip(labels, statuses, strict=True)
    )
    scope = _("the recommendations the State supported") if kind == MIDTERM else _("all the recommendations")
    covers = _("This report covers %(scope)s: %(count)s in all.") % {"scope": scope, "count": len(recs)}
    intro = f"<p>{escape(covers)}</p>"
    sections = [
        Section(
            _("General results"),
            1,
            intro + summary,
            pictures=[Picture(bar_chart_png(chart), caption=chart.title)],
        )
    ]
    grouped = _grouped(recs, by)
    table_rows = []
    for done, (name, members) in enumerate(grouped, start=1):
        group_counts = _status_counts(members)
        table_rows.append([name, str(len(members)), *(str(group_counts[s]) for s in statuses)])
        sections.append(Section(name, 1, ""))
        for rec in members:
            sections.append(Section(_heading_of(rec), 2, _recommendation_html(rec, language)))
        if progress is not None:
            progress(done)
    group_word = _("Cluster") if by == GROUP_BY_CLUSTER else _("Theme")
    return Document(
        title=_(TITLES[kind]),
        facts=[
            (_("Date"), format_date(timezone.localdate(), language)),
            (_("Recommendations"), str(len(recs))),
        ],
        sections=sections,
        tables=[
            Table(
                title=_("Recommendations by %(group)s and status") % {"group": group_word.lower()},
                headers=[group_word, _("Total"), *labels],
                rows=table_rows,
                numeric=frozenset(range(1, 2 + len(statuses))),
            )
        ],
        empty_text=_("(nothing written)"),
        language=language,
        subject=_(TITLES[kind]),
        author=str(getattr(settings, "SITE_NAME", "rightstrack")),
    )


def report_heading(issuer: Body, *, kind: str, day: datetime.date) -> OfficialHeading:
    values = letterhead_values(issuer, day=day)
    return OfficialHeading(
        issuing_body=values.issuing_name,
        parent_body=values.parent_name,
        symbol=values.symbol,
        place=values.place,
        date=day,
        kind=REPORT_KIND,
        summary=SUMMARIES[kind],
        recipients=values.recipients,
        signer_authority=values.signer_authority,
        signer_position=values.signer_position,
        signer_name=values.signer_name,
    )


def _file_name(kind: str, extension: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        word = ascii_file_name(_(FILE_WORDS[kind]), default=kind).lower()
    return f"{word}-{timezone.localdate().isoformat()}.{extension}"


MATRIX_CHUNK = 1000  # recommendations read (with their parts) at a time while the matrix is written


def matrix_sheet() -> Sheet:
    """The matrix's sheet: one row per recommendation (``matrix_row``), what it says, where it stands and
    who answers for it."""
    columns = [
        Column(_("Mechanism")),
        Column(_("Session")),
        Column(_("Number")),
        Column(_("Recommendation"), width=60),
        Column(_("Vietnamese translation"), width=60),
        Column(_("Recommended by"), width=30),
        Column(pgettext("UN recommendation", "Position"), width=14),
        Column(_("Themes"), width=30),
        Column(_("Affected persons"), width=30),
        Column(_("SDG goals")),
        Column(_("Clusters"), width=30),
        Column(_("Lead body"), width=30),
        Column(_("Supporting bodies"), width=30),
        Column(_("Measures"), width=50),
        Column(_("Status"), width=20),
        Column(_("Assessed on"), kind="date"),
        Column(_("Latest assessment"), width=50),
        Column(_("Evidence"), width=50),
        Column(_("Published on the portal")),
        Column(_("External id"), width=16),
    ]
    return Sheet(
        title=_("Recommendations"),
        columns=columns,
        rows=(),
        auto_filter=True,
        styled_header=True,
        workbook_title=_(FILE_WORDS[MATRIX]),
    )


def matrix_row(rec: Recommendation, language: str) -> list[Any]:
    lead, supporting = _bodies(rec)
    latest = _latest(rec)
    return [
        rec.mechanism,
        rec.session,
        rec.number,
        rec.text,
        rec.text_vi,
        rec.states_display,
        rec.get_position_display() if rec.position else "",
        "; ".join(t.display_name for t in rec.themes.all()),
        "; ".join(p.display_name for p in rec.affected_persons.all()),
        ", ".join(str(g.number) for g in rec.sdg_goals.all()),
        "; ".join(c.display_name for c in rec.clusters.all()),
        lead,
        "; ".join(supporting),
        "\n".join(
            m.what + (f" ({format_date(m.due_on, language)})" if m.due_on else "") for m in rec.measures.all()
        ),
        _status_label(latest.status if latest else None),
        latest.assessed_on if latest else None,
        latest.note if latest else "",
        "\n".join(evidence_lines(latest)) if latest else "",
        _("yes") if rec.is_published else _("no"),
        rec.external_id,
    ]


def _matrix_rows(recs: Iterable[Recommendation], progress: Progress | None) -> Iterable[list[Any]]:
    language = _language()
    for done, rec in enumerate(recs, start=1):
        yield matrix_row(rec, language)
        if progress is not None and done % MATRIX_CHUNK == 0:
            progress(done)


def report_file(
    queryset: QuerySet[Recommendation],
    *,
    kind: str,
    issuer: Body | None,
    by: str = GROUP_BY_CLUSTER,
    progress: Progress | None = None,
) -> ReportFile:
    """The report (``MIDTERM``, ``NATIONAL``: Word, official layout, under ``issuer``'s letterhead) or the
    matrix (``MATRIX``: Excel) of ``queryset`` — the recommendations the reader sees, filtered."""
    ordered = report_queryset(queryset).order_by("mechanism", "sort_key", "pk")
    if kind == MATRIX:
        # Streamed: a chunk of recommendations at a time, each row written as it comes (flat memory).
        out = tempfile.TemporaryFile()
        write_sheet(matrix_sheet(), _matrix_rows(ordered.iterator(MATRIX_CHUNK), progress), out)
        out.seek(0)
        return ReportFile(out, _file_name(kind, "xlsx"), XLSX)
    recs = list(ordered)
    if by not in (GROUP_BY_CLUSTER, GROUP_BY_THEME):
        by = GROUP_BY_CLUSTER
    document = report_document(recs, kind=kind, by=by, progress=progress)
    day = timezone.localdate()
    if issuer is None:  # no body to issue it (an administrator outside every committee): plain Word
        return ReportFile(io.BytesIO(document_to_docx(document)), _file_name(kind, "docx"), DOCX)
    content = official_to_docx(document, report_heading(issuer, kind=kind, day=day))
    return ReportFile(io.BytesIO(content), _file_name(kind, "docx"), DOCX)


def group_count(queryset: QuerySet[Recommendation], *, by: str) -> int:
    """How many parts a report will have (the job's progress counts them)."""
    field = "clusters" if by == GROUP_BY_CLUSTER else "themes"
    return queryset.order_by().values(field).distinct().count()


def report_for(
    *, actor: Any, kind: str, by: str, query: str, issuer: Body | None, progress: JobProgress | None
) -> ReportFile:
    """The report ``kind`` of the recommendations ``actor`` sees (None: every one, the CLI without --as)
    that the list's ``query`` string selects; the job and the CLI both write it here."""
    from django.http import QueryDict

    from rightstrack.core.scope import scoped
    from rightstrack.recommendations.filters import RecommendationFilterSet
    from rightstrack.recommendations.selectors import recommendation_list

    rows = recommendation_list()
    filterset = RecommendationFilterSet(
        data=QueryDict(query.lstrip("?")), queryset=scoped(actor, rows) if actor is not None else rows
    )
    if not filterset.is_valid():
        raise ValidationError(_("Some filters could not be used. Correct them, then filter again."))
    queryset = filterset.qs
    if not queryset.exists():
        raise ValidationError(_("No recommendation matches these filters."))
    by = by if by in (GROUP_BY_CLUSTER, GROUP_BY_THEME) else GROUP_BY_CLUSTER
    if kind == MATRIX:
        if progress is not None:
            progress.start(-(-queryset.count() // MATRIX_CHUNK) + 1, gettext_noop("Writing the matrix…"))
        step = (lambda done: progress.advance()) if progress is not None else None
        built = report_file(queryset, kind=kind, issuer=None, progress=step)
    else:
        if progress is not None:
            progress.start(group_count(queryset, by=by) + 1, gettext_noop("Writing the report…"))
        step = (lambda done: progress.advance()) if progress is not None else None
        built = report_file(queryset, kind=kind, issuer=issuer, by=by, progress=step)
    if progress is not None:
        progress.advance()
    return built
