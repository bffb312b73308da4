"""The dry run: a file's rows compared with what is recorded, row by row create, update or skip and why."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils.translation import gettext as _

from rightstrack.bodies.models import Body
from rightstrack.core.scope import ensure_can
from rightstrack.core.types import Actor
from rightstrack.exchange import un_recommendations as un
from rightstrack.recommendations.import_copy import COMPARED, THROUGH, values_of
from rightstrack.recommendations.models import (
    AffectedPersons,
    Recommendation,
    SdgGoal,
    SdgTarget,
    Theme,
)

CREATE, UPDATE, SKIP = "create", "update", "skip"
BATCH = 500
COPY_BATCH = 5000  # rows a batch on PostgreSQL, where new rows are copied in
LOOKUP_CHUNK = 500  # ids per IN (...) (SQLite allows 999 parameters by default in old builds)
PREVIEW_ROWS = 200  # rows of the plan shown on the page and kept in the job's result

TAG_FIELDS = ("themes", "affected_persons", "sdg_goals", "sdg_targets")


@dataclass
class PlannedRow:
    row: int
    action: str
    number: str
    text: str
    reason: str
    changed: list[str] = field(default_factory=list)
    existing_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "action": self.action,
            "number": self.number,
            "text": self.text[:200],
            "reason": self.reason,
            "changed": self.changed,
        }


@dataclass
class ImportPlan:
    """The dry run's answer: what each row would do, and every problem found."""

    format: str
    encoding: str
    session: str
    rows: list[PlannedRow]
    problems: list[un.Problem]
    parsed: un.ParsedFile | None = None
    table: un.TablePreview | None = None

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(row.action for row in self.rows)
        return {CREATE: counted[CREATE], UPDATE: counted[UPDATE], SKIP: counted[SKIP]}

    @property
    def errors(self) -> list[un.Problem]:
        return [p for p in self.problems if p.level == un.ERROR]

    @property
    def can_apply(self) -> bool:
        return not self.errors and bool(self.rows)

    def as_dict(self, *, limit: int | None = PREVIEW_ROWS) -> dict[str, Any]:
        rows = self.rows if limit is None else self.rows[:limit]
        return {
            "format": self.format,
            "encoding": self.encoding,
            "session": self.session,
            "counts": self.counts,
            "can_apply": self.can_apply,
            "rows": [r.as_dict() for r in rows],
            "rows_total": len(self.rows),
            "problems": [p.as_dict() for p in self.problems[:1000]],
            "problems_total": len(self.problems),
            "table": self.table.as_dict() if self.table is not None else None,
        }


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    skipped: int
    format: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "format": self.format,
        }


def format_label(fmt: str) -> str:
    return {
        un.UHRI_XLSX: _("UHRI export (Excel)"),
        un.UHRI_CSV: _("UHRI export (CSV)"),
        un.UHRI_JSON: _("UHRI export (JSON)"),
        un.THEMATIC_DOCX: _("OHCHR thematic list (Word)"),
        un.THEMATIC_MARKDOWN: _("OHCHR thematic list (text)"),
        un.MAPPED_XLSX: _("Excel workbook, with the columns chosen"),
        un.MAPPED_CSV: _("CSV file, with the columns chosen"),
        un.MAPPED_JSON: _("JSON file, with the columns chosen"),
    }.get(fmt, fmt)


# Comparing with what is recorded --------------------------------------------------------------------------


def _chunks(values: list[Any], size: int = LOOKUP_CHUNK) -> Iterable[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _existing(rows: list[un.Row], owner: Body) -> dict[tuple[str, ...], Recommendation]:
    """The recorded recommendations the rows name, by the rows' keys: a few queries, not one per row."""
    found: dict[tuple[str, ...], Recommendation] = {}
    # Each query names the partial unique index's own condition (external_id <> '', number <> ''): with more
    # than 100 values in IN (...) PostgreSQL cannot prove it from the values and would scan the whole table
    # once a chunk, which made a re-import quadratic in the rows recorded.
    recorded = Recommendation.objects.order_by().only("pk", "mechanism", "external_id", *COMPARED)
    ids = [r.external_id for r in rows if r.external_id]
    for chunk in _chunks(ids):
        for rec in recorded.filter(external_id__in=chunk).exclude(external_id=""):
            found[("id", rec.external_id)] = rec
    numbers: dict[tuple[str, str], list[str]] = {}
    for r in rows:
        if not r.external_id and r.number:
            numbers.setdefault((r.mechanism, r.session), []).append(r.number)
    for (mechanism, session), given in numbers.items():
        for chunk in _chunks(given):
            for rec in recorded.filter(
                mechanism=mechanism, session=session, number__in=chunk, external_id=""
            ).exclude(number=""):
                found[("number", mechanism, session, rec.number)] = rec
    return found


def _recorded_tags(recs: Iterable[Recommendation]) -> dict[int, dict[str, set[str]]]:
    """Each recommendation's tags as the file names them (casefolded names, goal numbers, target codes),
    read as (recommendation, tag) id pairs: no tag objects made, whatever the number of rows."""
    labels: dict[str, dict[int, str]] = {
        "themes": {pk: name.casefold() for pk, name in Theme.objects.values_list("pk", "name")},
        "affected_persons": {
            pk: name.casefold() for pk, name in AffectedPersons.objects.values_list("pk", "name")
        },
        "sdg_goals": {pk: str(number) for pk, number in SdgGoal.objects.values_list("pk", "number")},
        "sdg_targets": dict(SdgTarget.objects.values_list("pk", "code")),
    }
    recorded = {rec.pk: {name: set[str]() for name in labels} for rec in recs}
    for name, (column, through) in THROUGH.items():
        for chunk in _chunks(list(recorded)):
            pairs = through._default_manager.filter(recommendation_id__in=chunk).values_list(
                "recommendation_id", column
            )
            for rec_id, tag_id in pairs:
                recorded[rec_id][name].add(labels[name][tag_id])
    return recorded


def _tag_names(row: un.Row) -> dict[str, set[str]]:
    return {
        "themes": {t.casefold() for t in row.themes},
        "affected_persons": {p.casefold() for p in row.affected_persons},
        "sdg_goals": {str(g) for g in row.sdg_goals},
        "sdg_targets": set(row.sdg_targets),
    }


def _changes(row: un.Row, rec: Recommendation, recorded: dict[str, set[str]]) -> list[str]:
    values = values_of(row)
    # A field the file leaves empty never erases what was recorded (a position given by hand, say).
    changed = [
        name for name, value in values.items() if value not in ("", None, []) and getattr(rec, name) != value
    ]
    changed += [name for name, names in _tag_names(row).items() if not names <= recorded[name]]
    return changed


def _field_label(name: str) -> str:
    return str(getattr(Recommendation._meta.get_field(name), "verbose_name", name))


def _known_targets(parsed: un.ParsedFile) -> None:
    """An SDG target the framework does not have ("13.5") is left out, with a warning: it could never be
    recorded, and would otherwise read as a change on every import."""
    known = set(SdgTarget.objects.values_list("code", flat=True))
    for row in parsed.rows:
        unknown = [code for code in row.sdg_targets if code not in known]
        for code in unknown:
            parsed.problems.append(
                un.Problem(
                    _("“%(code)s” is not an SDG target; it was left out.") % {"code": code},
                    row=row.row,
                    column="Sdgs",
                    level=un.WARNING,
                    code="unknown_sdg_target",
                )
            )
        if unknown:
            row.sdg_targets = [code for code in row.sdg_targets if code in known]


def plan_rows(parsed: un.ParsedFile, *, owner: Body) -> ImportPlan:
    _known_targets(parsed)
    existing = _existing(parsed.rows, owner)
    recorded = _recorded_tags(existing.values())
    planned = []
    for row in parsed.rows:
        rec = existing.get(row.key)
        if rec is None:
            planned.append(PlannedRow(row.row, CREATE, row.number, row.text, _("new recommendation")))
            continue
        changed = _changes(row, rec, recorded[rec.pk])
        if changed:
            reason = _("changed: %(fields)s") % {"fields": ", ".join(_field_label(n) for n in changed)}
            planned.append(PlannedRow(row.row, UPDATE, row.number, row.text, reason, changed, rec.pk))
        else:
            planned.append(
                PlannedRow(row.row, SKIP, row.number, row.text, _("already recorded, unchanged"), [], rec.pk)
            )
    return ImportPlan(
        parsed.format, parsed.encoding, parsed.session, planned, list(parsed.problems), parsed, parsed.table
    )


def _check_session(parsed: un.ParsedFile, session: str | None) -> None:
    """A thematic list names its session in its heading; when it does not, the importer must."""
    if session:
        parsed.session = session
        for row in parsed.rows:
            if row.mechanism == "UPR" and not row.external_id:
                row.session = session
                row.cycle = un.cycle_of_session(session)
    if parsed.format in (un.THEMATIC_DOCX, un.THEMATIC_MARKDOWN) and not parsed.session:
        parsed.problems.append(
            un.Problem(
                _("The document does not say which UPR session it is for; give the session (e.g. 48)."),
                column=_("session"),
                code="no_session",
            )
        )


def import_plan(
    *,
    actor: Actor | None,
    owner: Body,
    file: IO[bytes],
    name: str = "",
    session: str | None = None,
    mapping: Mapping[str, Any] | None = None,
    mechanism: str = "",
) -> ImportPlan:
    """The dry run: read the file and say what importing it would do. Writes nothing.

    ``mapping`` ({field: column header or position}) reads a CSV or XLSX with the columns the user chose;
    ``mechanism`` is then every row's when no column holds it."""
    if actor is not None:
        ensure_can(actor, "bodies.view_body", owner)
        ensure_can(actor, "recommendations.import_recommendations")
    parsed = un.read_file(file, name=name, mapping=mapping, mechanism=mechanism)
    _check_session(parsed, session)
    if not parsed.rows and not parsed.errors:
        parsed.problems.append(un.Problem(_("The file holds no recommendation."), code="no_rows"))
    return plan_rows(parsed, owner=owner)


def describe(problem: un.Problem) -> str:
    """A problem as one sentence with where it is: "Row 12, column Sdgs: …"."""
    if problem.row and problem.column:
        where = _("Row %(row)s, column “%(column)s”") % {"row": problem.row, "column": problem.column}
    elif problem.row:
        where = _("Row %(row)s") % {"row": problem.row}
    elif problem.column:
        where = _("Column “%(column)s”") % {"column": problem.column}
    else:
        return problem.message
    return f"{where}: {problem.message}"
