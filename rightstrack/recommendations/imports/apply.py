"""Applying a planned import: atomic, in batches (copied in on PostgreSQL), one audit event, progress."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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
from rightstrack.recommendations.import_copy import THROUGH, values_of
from rightstrack.recommendations.imports.plan import (
    BATCH,
    COPY_BATCH,
    CREATE,
    UPDATE,
    ImportResult,
    _chunks,
    describe,
    import_plan,
)
from rightstrack.recommendations.models import (
    Recommendation,
    SdgGoal,
    SdgTarget,
    search_text_of,
    sort_key_of,
)
from rightstrack.recommendations.services import affected_persons_for, themes_for


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
