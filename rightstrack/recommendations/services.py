"""Every write on recommendations and their taxonomies: keyword-only, atomic, scope-checked for every body
it sets, audited. A refusal (``ValidationError``) changes nothing. Imports are in ``imports.py``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rightstrack.bodies.models import Body
from rightstrack.core.audit import audit_event, audit_record, audited_delete, snapshot
from rightstrack.core.scope import ensure_can
from rightstrack.core.types import Actor
from rightstrack.recommendations import sdg
from rightstrack.recommendations.models import (
    AffectedPersons,
    Cluster,
    Recommendation,
    SdgGoal,
    SdgIndicator,
    SdgTarget,
    Theme,
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


@transaction.atomic
def sdg_load(*, actor: Actor | None = None, framework: sdg.Framework | None = None) -> SdgLoadResult:
    """Load (or refresh) the SDG goals, targets and indicators from the shipped data file; idempotent."""
    framework = framework or sdg.read_framework()
    created = 0
    goals: dict[int, SdgGoal] = {}
    for goal in framework.goals:
        row, made = SdgGoal.objects.update_or_create(
            number=goal.number,
            defaults={"short": goal.short, "title": goal.title},
            create_defaults={
                "short": goal.short,
                "title": goal.title,
                "short_vi": goal.short_vi,
            },
        )
        goals[goal.number], created = row, created + made
    targets: dict[str, SdgTarget] = {}
    for target in framework.targets:
        trow, made = SdgTarget.objects.update_or_create(
            code=target.code,
            defaults={"goal": goals[target.goal], "title": target.title, "order": target.order},
        )
        targets[target.code], created = trow, created + made
    for indicator in framework.indicators:
        if indicator.target not in targets:
            continue
        _irow, made = SdgIndicator.objects.update_or_create(
            code=indicator.code,
            defaults={
                "target": targets[indicator.target],
                "title": indicator.title,
                "order": indicator.order,
            },
        )
        created += made
    result = SdgLoadResult(len(framework.goals), len(framework.targets), len(framework.indicators), created)
    audit_event(
        model=SdgGoal,
        action="sdg_loaded",
        object_repr="SDG framework",
        after={"goals": result.goals, "targets": result.targets, "indicators": result.indicators},
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
    recommendation.full_clean(validate_constraints=False)
    _check_unique(recommendation)
    recommendation.save()
    _set_tags(recommendation, tags)
    audit_record(obj=recommendation, action="update", before=before, actor=actor)
    return recommendation


@transaction.atomic
def recommendation_delete(*, actor: Actor | None, recommendation: Recommendation) -> None:
    if actor is not None:
        ensure_can(actor, "recommendations.delete_recommendation", recommendation)
    audited_delete(recommendation, actor=actor)
