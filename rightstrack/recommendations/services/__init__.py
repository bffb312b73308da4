"""Every write on recommendations and their taxonomies: keyword-only, atomic, scope-checked for every body
it sets, audited. A refusal (``ValidationError``) changes nothing. Imports are in ``imports.py``; what the
public portal shows, in ``publishing.py``; the bodies' assignment, measures and assessments in
``implementation.py``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rightstrack.bodies.models import Body
from rightstrack.core.audit import audit_event, audit_record, audited_delete, snapshot
from rightstrack.core.jobs.models import Job
from rightstrack.core.jobs.services import job_enqueue
from rightstrack.core.scope import ensure_can
from rightstrack.core.types import Actor
from rightstrack.exchange.un_recommendations import check_file
from rightstrack.recommendations import published, sdg
from rightstrack.recommendations.choices import RecommendationsJob
from rightstrack.recommendations.models import (
    AffectedPersons,
    Cluster,
    Recommendation,
    SdgGoal,
    SdgIndicator,
    SdgTarget,
    Theme,
    sort_key_of,
)
from rightstrack.recommendations.services.implementation import (
    EVIDENCE_KINDS as EVIDENCE_KINDS,
)
from rightstrack.recommendations.services.implementation import (
    EVIDENCE_MAX_BYTES as EVIDENCE_MAX_BYTES,
)
from rightstrack.recommendations.services.implementation import (
    MEASURE_FIELDS as MEASURE_FIELDS,
)
from rightstrack.recommendations.services.implementation import (
    ClusterAssigned as ClusterAssigned,
)
from rightstrack.recommendations.services.implementation import (
    assessment_add as assessment_add,
)
from rightstrack.recommendations.services.implementation import (
    assessment_delete as assessment_delete,
)
from rightstrack.recommendations.services.implementation import (
    assessment_update as assessment_update,
)
from rightstrack.recommendations.services.implementation import (
    cluster_assign as cluster_assign,
)
from rightstrack.recommendations.services.implementation import (
    measure_add as measure_add,
)
from rightstrack.recommendations.services.implementation import (
    measure_delete as measure_delete,
)
from rightstrack.recommendations.services.implementation import (
    measure_update as measure_update,
)
from rightstrack.recommendations.services.implementation import (
    recommendation_assign as recommendation_assign,
)

# What the form and the API set directly (the tags are set apart, as lists).
RECOMMENDATION_FIELDS = (
    "owner",
    "mechanism",
    "session",
    "cycle",
    "document_symbol",
    "document_date",
    "number",
    "text",
    "text_vi",
    "recommending_states",
    "position",
    "position_source",
    "response_text",
    "response_text_vi",
    "external_id",
)
TAGS = ("themes", "affected_persons", "sdg_goals", "sdg_targets", "clusters")


# The SDG framework ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SdgLoadResult:
    goals: int
    targets: int
    indicators: int
    created: int
    changed: int = 0


def _sync(
    model: Any, key: str, rows: dict[Any, dict[str, Any]], keep: tuple[str, ...] = ()
) -> tuple[int, int]:
    """Make ``model``'s rows match ``rows`` (key value → field values): create the missing, update the ones
    that differ, touch nothing else. Fields in ``keep`` are set on creation only (a name the users edited).
    Returns (created, changed)."""
    existing = {getattr(row, key): row for row in model.objects.all()}
    new, changed = [], []
    for value, fields in rows.items():
        row = existing.get(value)
        if row is None:
            new.append(model(**{key: value}, **fields))
            continue
        differs = [name for name, v in fields.items() if name not in keep and getattr(row, name) != v]
        for name in differs:
            setattr(row, name, fields[name])
        if differs:
            changed.append(row)
    model.objects.bulk_create(new)
    names = sorted({name for fields in rows.values() for name in fields if name not in keep})
    if changed:
        model.objects.bulk_update(changed, names)
    return len(new), len(changed)


@transaction.atomic
def sdg_load(*, actor: Actor | None = None, framework: sdg.Framework | None = None) -> SdgLoadResult:
    """Load (or refresh) the SDG goals, targets and indicators from the shipped data file; idempotent: a
    second load writes nothing, not even an audit record. A goal's Vietnamese short name, once stored, is the
    users' (it is edited in the product) and is not overwritten."""
    framework = framework or sdg.read_framework()
    created, changed = _sync(
        SdgGoal,
        "number",
        {g.number: {"short": g.short, "title": g.title, "short_vi": g.short_vi} for g in framework.goals},
        keep=("short_vi",),
    )
    goals = {goal.number: goal.pk for goal in SdgGoal.objects.all()}
    made, differ = _sync(
        SdgTarget,
        "code",
        {t.code: {"goal_id": goals[t.goal], "title": t.title, "order": t.order} for t in framework.targets},
    )
    created, changed = created + made, changed + differ
    targets = dict(SdgTarget.objects.values_list("code", "pk"))
    made, differ = _sync(
        SdgIndicator,
        "code",
        {
            i.code: {"target_id": targets[i.target], "title": i.title, "order": i.order}
            for i in framework.indicators
            if i.target in targets
        },
    )
    created, changed = created + made, changed + differ
    result = SdgLoadResult(
        len(framework.goals), len(framework.targets), len(framework.indicators), created, changed
    )
    if created or changed:
        audit_event(
            model=SdgGoal,
            action="sdg_loaded",
            object_repr="SDG framework",
            after={
                "goals": result.goals,
                "targets": result.targets,
                "indicators": result.indicators,
                "created": created,
                "changed": changed,
            },
            actor=actor,
        )
    return result


# Taxonomies -------------------------------------------------------------------------------------------------


def _clean_name(value: str) -> str:
    return " ".join(value.split())


def themes_for(names: Iterable[str], *, codes: dict[str, str] | None = None) -> list[Theme]:
    """The themes named, created when new (imports bring them): one query to read, one per new theme.

    Called inside the importing service's transaction; the service audits the import."""
    wanted = list(dict.fromkeys(_clean_name(n) for n in names if n and n.strip()))
    found = {t.name.casefold(): t for t in Theme.objects.filter(name__in=wanted)}
    out = []
    for name in wanted:
        theme = found.get(name.casefold())
        if theme is None:
            theme = Theme.objects.create(name=name, code=(codes or {}).get(name, "")[:16])
            found[name.casefold()] = theme
        out.append(theme)
    return out


def affected_persons_for(names: Iterable[str]) -> list[AffectedPersons]:
    wanted = list(dict.fromkeys(_clean_name(n) for n in names if n and n.strip()))
    found = {g.name.casefold(): g for g in AffectedPersons.objects.filter(name__in=wanted)}
    out = []
    for name in wanted:
        group = found.get(name.casefold())
        if group is None:
            group = AffectedPersons.objects.create(name=name)
            found[name.casefold()] = group
        out.append(group)
    return out


@transaction.atomic
def taxonomy_rename(
    *, actor: Actor, item: Theme | AffectedPersons | Cluster, name: str, name_vi: str
) -> Theme | AffectedPersons | Cluster:
    """Change a theme's, group's or cluster's names (the Vietnamese one, mostly)."""
    label = type(item)._meta.model_name
    ensure_can(actor, f"recommendations.change_{label}", item)
    before = snapshot(item)
    item.name, item.name_vi = _clean_name(name), _clean_name(name_vi)
    if not item.name:
        raise ValidationError({"name": _("Enter the English name.")})
    clash = type(item).objects.filter(name__iexact=item.name).exclude(pk=item.pk).exists()
    if clash:
        raise ValidationError({"name": _("Another entry already has this name.")})
    item.full_clean()
    item.save()
    audit_record(obj=item, action="update", before=before, actor=actor)
    published.changed()  # the portal shows these names
    return item


@transaction.atomic
def cluster_create(*, actor: Actor, name: str, name_vi: str = "") -> Cluster:
    ensure_can(actor, "recommendations.add_cluster")
    name = _clean_name(name)
    if not name:
        raise ValidationError({"name": _("Enter the English name.")})
    if Cluster.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("Another entry already has this name.")})
    cluster = Cluster.objects.create(name=name, name_vi=_clean_name(name_vi))
    audit_record(obj=cluster, action="create", actor=actor)
    return cluster


# Recommendations ------------------------------------------------------------------------------------------


def _check_owner(actor: Actor | None, owner: Body | None) -> None:
    if owner is None:
        raise ValidationError({"owner": _("Choose the body that keeps this recommendation.")})
    if actor is not None:
        ensure_can(actor, "bodies.view_body", owner)


# Imports: a file is read in the background (the dry run, a plan), then imported on confirmation ------------


def import_start(
    *,
    actor: Actor,
    file: Any,
    owner: Body | None,
    session: str = "",
    dry_run: bool = True,
    max_bytes: int | None = None,
    mapping: dict[str, Any] | None = None,
    mechanism: str = "",
) -> Job:
    """Queue the reading (``dry_run``) or the import of an uploaded file of recommendations, kept by
    ``owner``; with ``mapping`` ({field: column}), a CSV or XLSX is read with those columns (``mechanism``
    for every row when no column holds it).

    A file over ``max_bytes`` or of no kind the import reads is refused here, by its content, before a job is
    made; what the reading finds wrong inside it is the job's to report."""
    _check_owner(actor, owner)
    assert owner is not None
    if max_bytes is not None:
        try:
            check_file(file, max_bytes=max_bytes)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from error
    job = job_enqueue(
        actor=actor,
        kind=RecommendationsJob.IMPORT.value,
        params={
            "owner": owner.pk,
            "session": session or "",
            "dry_run": dry_run,
            "file_name": (getattr(file, "name", "") or "")[:200],
            **_columns(mapping, mechanism),
        },
        idempotency_key="",  # every upload is new work
        input_file=file,
    )
    job.refresh_from_db()  # jobs that run in-process have run by now
    return job


def import_confirm(*, actor: Actor, job: Job) -> Job:
    """Import the file a finished dry run read, as a new job (the plan's problems stop it there)."""
    if job.kind != RecommendationsJob.IMPORT.value or not job.params.get("dry_run"):
        raise ValidationError(_("Only a file that was read first can be imported."))
    return job_enqueue(
        actor=actor,
        kind=RecommendationsJob.IMPORT.value,
        params={
            "owner": job.params.get("owner"),
            "session": job.params.get("session", ""),
            "dry_run": False,
            "source_job": job.pk,
            **_columns(job.params.get("mapping"), str(job.params.get("mechanism") or "")),
        },
    )


def import_choose_columns(*, actor: Actor, job: Job, mapping: dict[str, Any], mechanism: str = "") -> Job:
    """Read the file a finished dry run read again, with the columns the user chose (a new dry run; its
    preview comes next, and its confirmation imports with these columns)."""
    if job.kind != RecommendationsJob.IMPORT.value or not job.params.get("dry_run"):
        raise ValidationError(_("Only a file that was read first can be imported."))
    ensure_can(actor, "recommendations.import_recommendations")
    if not any(mapping.values()):
        raise ValidationError(_("Choose at least the column that holds the text of each recommendation."))
    new = job_enqueue(
        actor=actor,
        kind=RecommendationsJob.IMPORT.value,
        params={
            "owner": job.params.get("owner"),
            "session": job.params.get("session", ""),
            "dry_run": True,
            "source_job": job.pk,
            "file_name": job.params.get("file_name", ""),
            **_columns(mapping, mechanism),
        },
    )
    new.refresh_from_db()  # jobs that run in-process have run by now
    return new


def _columns(mapping: Any, mechanism: str) -> dict[str, Any]:
    """A job's parameters for a chosen column mapping (none: the format is found by content)."""
    if not isinstance(mapping, dict):
        return {}
    kept = {str(k): v for k, v in mapping.items() if v not in (None, "")}
    return {"mapping": kept, "mechanism": (mechanism or "")[:16]}


def _states(value: Any) -> list[str]:
    if isinstance(value, str):
        value = value.replace("\n", ",").split(",")
    return [s for s in (" ".join(str(v).split()) for v in value or []) if s]


def _set_tags(recommendation: Recommendation, tags: dict[str, Sequence[Any] | None]) -> None:
    for name in TAGS:
        values = tags.get(name)
        if values is not None:
            getattr(recommendation, name).set(values)


def _check_unique(recommendation: Recommendation) -> None:
    others = Recommendation.objects.exclude(pk=recommendation.pk)
    if recommendation.external_id and others.filter(external_id=recommendation.external_id).exists():
        raise ValidationError({"external_id": _("Another recommendation already has this external id.")})
    if (
        recommendation.number
        and not recommendation.external_id
        and others.filter(
            mechanism=recommendation.mechanism,
            session=recommendation.session,
            number=recommendation.number,
            external_id="",
        ).exists()
    ):
        raise ValidationError({"number": _("This session already has a recommendation with this number.")})


@transaction.atomic
def recommendation_create(
    *, actor: Actor | None, owner: Body | None, text: str, mechanism: str, **fields: Any
) -> Recommendation:
    """Record one recommendation (by hand; imports use ``imports.import_apply``)."""
    if actor is not None:
        ensure_can(actor, "recommendations.add_recommendation")
    _check_owner(actor, owner)
    tags = {name: fields.pop(name, None) for name in TAGS}
    unknown = set(fields) - set(RECOMMENDATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    fields["recommending_states"] = _states(fields.get("recommending_states"))
    recommendation = Recommendation(owner=owner, text=text.strip(), mechanism=mechanism, **fields)
    if actor is not None and getattr(actor, "is_authenticated", False):
        recommendation.created_by = actor  # type: ignore[assignment]
    if actor is not None:
        ensure_can(actor, "recommendations.add_recommendation", recommendation)
    recommendation.search_text = recommendation.folded()
    recommendation.sort_key = sort_key_of(recommendation.session, recommendation.number)
    recommendation.full_clean(validate_constraints=False)
    _check_unique(recommendation)
    recommendation.save()
    _set_tags(recommendation, tags)
    audit_record(obj=recommendation, action="create", actor=actor)
    return recommendation


@transaction.atomic
def recommendation_update(
    *, actor: Actor | None, recommendation: Recommendation, **fields: Any
) -> Recommendation:
    if actor is not None:
        ensure_can(actor, "recommendations.change_recommendation", recommendation)
    tags = {name: fields.pop(name, None) for name in TAGS}
    unknown = set(fields) - set(RECOMMENDATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if "owner" in fields:
        _check_owner(actor, fields["owner"])
    if "recommending_states" in fields:
        fields["recommending_states"] = _states(fields["recommending_states"])
    before = snapshot(recommendation)
    for name, value in fields.items():
        setattr(recommendation, name, value)
    if actor is not None and "owner" in fields:
        ensure_can(actor, "recommendations.change_recommendation", recommendation)
    recommendation.search_text = recommendation.folded()
    recommendation.sort_key = sort_key_of(recommendation.session, recommendation.number)
    recommendation.full_clean(validate_constraints=False)
    _check_unique(recommendation)
    recommendation.save()
    _set_tags(recommendation, tags)
    audit_record(obj=recommendation, action="update", before=before, actor=actor)
    if recommendation.is_published:
        published.changed()
    return recommendation


@transaction.atomic
def recommendation_delete(*, actor: Actor | None, recommendation: Recommendation) -> None:
    if actor is not None:
        ensure_can(actor, "recommendations.delete_recommendation", recommendation)
    if recommendation.is_published:
        published.changed()
    audited_delete(recommendation, actor=actor)


# The bodies' part (assignment, measures, assessments: ``implementation``), imported above; publishing and the
# reports back, concepts of their own, import this module's names and so come last.
from rightstrack.recommendations.services.publishing import (  # noqa: E402  (a concept of its own)
    assessment_publish as assessment_publish,
)
from rightstrack.recommendations.services.publishing import (  # noqa: E402
    recommendation_publish as recommendation_publish,
)
from rightstrack.recommendations.services.reports import report_start as report_start  # noqa: E402
