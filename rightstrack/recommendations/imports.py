"""Importing the UN's files of recommendations: a dry run that says, row by row, what would be created,
updated or skipped and why; then an atomic apply (a job, with progress) that upserts on UHRI's id, else on
mechanism + session + number, so that importing a file twice changes nothing the second time.

The file is read by ``exchange.un_recommendations`` (the formats live there); this module compares its rows
with what is recorded and writes them. A file with any error is applied not at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from rightstrack.bodies.models import Body
from rightstrack.core.audit import audit_event
from rightstrack.core.jobs.registry import Progress
from rightstrack.core.scope import ensure_can
from rightstrack.core.types import Actor
from rightstrack.exchange import un_recommendations as un
from rightstrack.recommendations import import_copy
from rightstrack.recommendations.import_copy import COMPARED, THROUGH, values_of
from rightstrack.recommendations.models import (
    AffectedPersons,
    Recommendation,
    SdgGoal,
    SdgTarget,
    Theme,
    search_text_of,
    sort_key_of,
)
from rightstrack.recommendations.services import affected_persons_for, themes_for

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


# Applying -------------------------------------------------------------------------------------------------


class _Tags:
    """Theme, group, goal and target rows by name, created once per import (imports bring new themes)."""

    def __init__(self, rows: list[un.Row]) -> None:
        codes: dict[str, str] = {}
        for row in rows:
            codes.update(row.theme_codes)
        themes = themes_for([t for r in rows for t in r.themes], codes=codes)
        self.themes = {t.name.casefold(): t for t in themes}
        groups = affected_persons_for([p for r in rows for p in r.affected_persons])
        self.persons = {g.name.casefold(): g for g in groups}
        self.goals = {g.number: g for g in SdgGoal.objects.all()}
        self.targets = {t.code: t for t in SdgTarget.objects.all()}
        self._ids: tuple[dict[Any, int], ...] | None = None

    def ids(self, row: un.Row) -> dict[str, list[int]]:
        """The row's tags as ids (what the link tables hold), each once."""
        if self._ids is None:
            self._ids = (
                {name: tag.pk for name, tag in self.themes.items()},
                {name: tag.pk for name, tag in self.persons.items()},
                {number: tag.pk for number, tag in self.goals.items()},
                {code: tag.pk for code, tag in self.targets.items()},
            )
        themes, persons, goals, targets = self._ids
        return {
            "themes": _known(themes, (t.casefold() for t in row.themes)),
            "affected_persons": _known(persons, (p.casefold() for p in row.affected_persons)),
            "sdg_goals": _known(goals, row.sdg_goals),
            "sdg_targets": _known(targets, row.sdg_targets),
        }

    def of(self, row: un.Row) -> dict[str, list[Any]]:
        return {
            "themes": [self.themes[t.casefold()] for t in row.themes if t.casefold() in self.themes],
            "affected_persons": [
                self.persons[p.casefold()] for p in row.affected_persons if p.casefold() in self.persons
            ],
            "sdg_goals": [self.goals[g] for g in row.sdg_goals if g in self.goals],
            "sdg_targets": [self.targets[t] for t in row.sdg_targets if t in self.targets],
        }


def _known(ids: Mapping[Any, int], keys: Iterable[Any]) -> list[int]:
    return list(dict.fromkeys(ids[key] for key in keys if key in ids))


def _new(row: un.Row, owner: Body, actor: Actor | None) -> Recommendation:
    rec = Recommendation(
        owner_id=owner.pk, mechanism=row.mechanism, external_id=row.external_id, **values_of(row)
    )
    if actor is not None and getattr(actor, "is_authenticated", False):
        rec.created_by_id = actor.pk
    rec.sort_key = sort_key_of(rec.session, rec.number)
    rec.search_text = search_text_of(
        number=rec.number,
        text=rec.text,
        text_vi=rec.text_vi,
        states=rec.recommending_states,
        symbol=rec.document_symbol,
    )
    return rec


def _add_tags(pairs: list[tuple[Recommendation, dict[str, list[Any]]]]) -> None:
    """The tag links of many recommendations in one insert per kind of tag (existing links kept)."""
    for name, (column, through) in THROUGH.items():
        links = [
            through(recommendation_id=rec.pk, **{column: tag.pk}) for rec, tags in pairs for tag in tags[name]
        ]
        through._default_manager.bulk_create(links, batch_size=BATCH, ignore_conflicts=True)


def _insert(recs: list[Recommendation]) -> list[Recommendation]:
    """Save new recommendations with ``bulk_create`` (SQLite; PostgreSQL copies them in: ``_copy_new``)."""
    if not recs:
        return recs
    made = Recommendation.objects.bulk_create(recs, batch_size=BATCH)
    if any(rec.pk is None for rec in made):  # a backend that returns no ids: read them back
        _reload_ids(made)
    return made


@transaction.atomic
def import_apply(
    *,
    actor: Actor | None,
    owner: Body,
    file: IO[bytes],
    name: str = "",
    session: str | None = None,
    mapping: Mapping[str, Any] | None = None,
    mechanism: str = "",
    progress: Progress | None = None,
) -> ImportResult:
    """Read the file again, and apply it whole or not at all: a file with any error changes nothing."""
    if actor is not None:
        ensure_can(actor, "bodies.view_body", owner)
        ensure_can(actor, "recommendations.import_recommendations")
    plan = import_plan(
        actor=actor, owner=owner, file=file, name=name, session=session, mapping=mapping, mechanism=mechanism
    )
    if plan.errors:
        raise ValidationError(
            [
                _("Nothing was imported: %(count)s problem(s) in the file. The first: %(first)s")
                % {"count": len(plan.errors), "first": describe(plan.errors[0])}
            ],
            code="invalid_file",
        )
    assert plan.parsed is not None
    rows = plan.parsed.rows
    if progress is not None:
        progress.start(len(rows), gettext_noop("Importing %(count)s recommendations…"), count=len(rows))
    tags = _Tags(rows)
    by_row = {p.row: p for p in plan.rows}
    existing = {
        r.pk: r
        for chunk in _chunks([p.existing_id for p in plan.rows if p.action == UPDATE and p.existing_id])
        for r in Recommendation.objects.filter(pk__in=chunk)
    }
    created = updated = skipped = 0
    step = COPY_BATCH if connection.vendor == "postgresql" else BATCH
    for start in range(0, len(rows), step):
        batch = rows[start : start + step]
        changed_pairs: list[tuple[Recommendation, dict[str, list[Any]]]] = []
        fresh = []
        for row in batch:
            planned = by_row[row.row]
            if planned.action == CREATE:
                fresh.append(row)
            elif planned.action == UPDATE and planned.existing_id in existing:
                rec = existing[planned.existing_id]
                for field_name, value in values_of(row).items():
                    if value not in ("", None, []):
                        setattr(rec, field_name, value)
                rec.search_text = rec.folded()
                rec.sort_key = sort_key_of(rec.session, rec.number)
                rec.save()
                changed_pairs.append((rec, tags.of(row)))
                updated += 1
            else:
                skipped += 1
        if connection.vendor == "postgresql":
            created += import_copy.copy_new(fresh, owner, actor, tags)
        else:
            made = _insert([_new(row, owner, actor) for row in fresh])
            _add_tags([(rec, tags.of(row)) for rec, row in zip(made, fresh, strict=True)])
            created += len(made)
        _add_tags(changed_pairs)
        if progress is not None:
            progress.advance(
                len(batch),
                gettext_noop("%(done)s of %(total)s rows"),
                done=start + len(batch),
                total=len(rows),
            )
    import_copy.after_import(created=created, updated=updated)
    result = ImportResult(created, updated, skipped, plan.format)
    audit_event(
        model=Recommendation,
        action="recommendations_imported",
        object_repr=(name or plan.format)[:255],
        after={"owner": owner.pk, **result.as_dict(), "file": name[:200], "session": plan.session},
        actor=actor,
    )
    return result


def _reload_ids(recommendations: list[Recommendation]) -> None:
    for rec in recommendations:
        if rec.pk is None:
            lookup = (
                {"external_id": rec.external_id}
                if rec.external_id
                else {
                    "mechanism": rec.mechanism,
                    "session": rec.session,
                    "number": rec.number,
                    "external_id": "",
                }
            )
            rec.pk = Recommendation.objects.filter(**lookup).values_list("pk", flat=True).first()


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
