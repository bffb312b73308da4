"""Recommendations in the hands of the bodies: assigned (one, or a cluster) to a lead body and supporting
bodies, the lead's measures, and its assessments over time with the evidence they cite (decision 0053)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rightstrack.bodies.models import Body
from rightstrack.core.audit import audit_record, audited_delete, snapshot
from rightstrack.core.scope import ensure_can
from rightstrack.core.types import Actor
from rightstrack.followup.services._common import EVIDENCE_KINDS, EVIDENCE_MAX_BYTES
from rightstrack.recommendations import published
from rightstrack.recommendations.choices import AssignmentRole, ImplementationStatus
from rightstrack.recommendations.models import (
    Assessment,
    Assignment,
    Cluster,
    Measure,
    Recommendation,
)


def _portal_changed(recommendation: Recommendation) -> None:
    """The portal shows a published recommendation's bodies and measures: start its cache over after the
    commit (nothing to do for one that is not published)."""
    if recommendation.is_published:
        published.changed()


@transaction.atomic
def recommendation_assign(
    *, actor: Actor | None, recommendation: Recommendation, lead: Body | None, supporting: Sequence[Body] = ()
) -> list[Assignment]:
    """Make ``lead`` responsible for the recommendation, with ``supporting`` bodies; replaces the present
    assignment. Every body must be within the actor's scope."""
    if actor is not None:
        ensure_can(actor, "recommendations.assign_recommendation", recommendation)
    if lead is None:
        raise ValidationError({"lead": _("Choose the lead body.")})
    others = list(dict.fromkeys(b for b in supporting if b.pk != lead.pk))
    if actor is not None:
        for body in [lead, *others]:
            ensure_can(actor, "bodies.view_body", body)
    before = sorted((a.body_id, a.role) for a in recommendation.assignments.all())
    recommendation.assignments.all().delete()
    rows = [Assignment(recommendation=recommendation, body=lead, role=AssignmentRole.LEAD)]
    rows += [
        Assignment(recommendation=recommendation, body=b, role=AssignmentRole.SUPPORTING) for b in others
    ]
    for row in rows:
        row.save()
    audit_record(
        obj=recommendation,
        action="assigned",
        before={"assignments": before},
        after={"assignments": sorted((a.body_id, a.role) for a in rows)},
        actor=actor,
    )
    _portal_changed(recommendation)
    return rows


@dataclass(frozen=True)
class ClusterAssigned:
    assigned: list[Recommendation]
    not_kept: int  # recommendations of the cluster the actor sees but does not keep (left as they are)


@transaction.atomic
def cluster_assign(
    *, actor: Actor | None, cluster: Cluster, lead: Body | None, supporting: Sequence[Body] = ()
) -> ClusterAssigned:
    """Assign every recommendation of ``cluster`` that the actor keeps to ``lead`` and ``supporting``, each
    as ``recommendation_assign`` does (its present assignment replaced, one audit record each); the others
    are left as they are and counted. All or nothing."""
    from rightstrack.core.scope import scoped

    if actor is not None:
        ensure_can(actor, "recommendations.assign_recommendation")
    if lead is None:
        raise ValidationError({"lead": _("Choose the lead body.")})
    members = Recommendation.objects.filter(clusters=cluster).select_related("owner").order_by("pk")
    if actor is not None:
        members = scoped(actor, members)
    rows = list(members)
    mine = [r for r in rows if actor is None or actor.has_perm("recommendations.assign_recommendation", r)]
    if not mine:
        raise ValidationError(_("This cluster has no recommendation you keep."))
    for recommendation in mine:
        recommendation_assign(actor=actor, recommendation=recommendation, lead=lead, supporting=supporting)
    return ClusterAssigned(assigned=mine, not_kept=len(rows) - len(mine))


def _lead_of(recommendation: Recommendation) -> Body:
    lead = next((a.body for a in recommendation.assignments.select_related("body") if a.role == "lead"), None)
    if lead is None:
        raise ValidationError(_("Assign the recommendation to a lead body first."))
    return lead


MEASURE_FIELDS = ("what", "responsible", "due_on", "budget_note", "indicator")


@transaction.atomic
def measure_add(
    *,
    actor: Actor | None,
    recommendation: Recommendation,
    what: str,
    responsible: str = "",
    due_on: Any = None,
    budget_note: str = "",
    indicator: str = "",
) -> Measure:
    """A measure the lead body plans (its focal point, or the standing office)."""
    if actor is not None:
        ensure_can(actor, "recommendations.update_implementation", recommendation)
    lead = _lead_of(recommendation)
    if not what.strip():
        raise ValidationError({"what": _("Say what the measure is.")})
    measure = Measure(
        recommendation=recommendation,
        body=lead,
        what=what.strip(),
        responsible=responsible.strip(),
        due_on=due_on,
        budget_note=budget_note.strip(),
        indicator=indicator.strip(),
        created_by=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
    )
    measure.full_clean()
    measure.save()
    audit_record(obj=measure, action="create", actor=actor)
    _portal_changed(recommendation)
    return measure


@transaction.atomic
def measure_update(*, actor: Actor | None, measure: Measure, **fields: Any) -> Measure:
    """Change what a measure says (what, who, by when, budget, indicator); the body stays the one that
    planned it."""
    if actor is not None:
        ensure_can(actor, "recommendations.change_measure", measure)
    unknown = set(fields) - set(MEASURE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    before = snapshot(measure)
    for name, value in fields.items():
        setattr(measure, name, value.strip() if isinstance(value, str) else value)
    if not measure.what:
        raise ValidationError({"what": _("Say what the measure is.")})
    measure.full_clean()
    measure.save()
    audit_record(obj=measure, action="update", before=before, actor=actor)
    _portal_changed(measure.recommendation)
    return measure


@transaction.atomic
def measure_delete(*, actor: Actor | None, measure: Measure) -> None:
    if actor is not None:
        ensure_can(actor, "recommendations.delete_measure", measure)
    _portal_changed(measure.recommendation)
    audited_delete(measure, actor=actor)


def _responsible_paths(recommendation: Recommendation) -> list[str]:
    return [a.body.path for a in recommendation.assignments.select_related("body")]


def _check_evidence(
    actor: Actor | None,
    recommendation: Recommendation,
    *,
    sections: Sequence[Any],
    tasks: Sequence[Any],
    activities: Sequence[Any],
    legal_documents: Sequence[Any],
    documents: Sequence[Any],
) -> None:
    """Every piece must be one the actor may read (404 otherwise, as a missing one); a task or an activity
    must be of a body responsible for the recommendation, or of a body under one (400, naming it)."""
    if actor is not None:
        from django.http import Http404

        from rightstrack.core.scope import can_see

        if not all(can_see(actor, section) for section in sections):
            raise Http404(_("Not found, or not within your scope."))
        for permission, items in (
            ("followup.view_task", tasks),
            ("activities.view_activity", activities),
            ("laws.view_legaldocument", legal_documents),
            ("documents.view_document", documents),
        ):
            for item in items:
                ensure_can(actor, permission, item)
    paths = _responsible_paths(recommendation)
    for field, items in (("tasks", tasks), ("activities", activities)):
        for item in items:
            if not any(item.body.path.startswith(path) for path in paths):
                raise ValidationError(
                    {
                        field: _(
                            "%(body)s is not responsible for this recommendation: cite the work of the "
                            "bodies it is assigned to."
                        )
                        % {"body": item.body.name}
                    }
                )


@transaction.atomic
def assessment_add(
    *,
    actor: Actor | None,
    recommendation: Recommendation,
    status: str,
    assessed_on: Any,
    note: str = "",
    sections: Sequence[Any] = (),
    tasks: Sequence[Any] = (),
    activities: Sequence[Any] = (),
    legal_documents: Sequence[Any] = (),
    documents: Sequence[Any] = (),
    evidence_file: Any = None,
) -> Assessment:
    """How far it has got, on a day, with evidence: sections of reports, tasks and activities of the
    responsible bodies, laws and policies of the register, kept documents (each one the actor may read),
    and a file checked by its content."""
    if actor is not None:
        ensure_can(actor, "recommendations.update_implementation", recommendation)
    lead = _lead_of(recommendation)
    if status not in ImplementationStatus.values:
        raise ValidationError({"status": _("Choose how far the recommendation has been implemented.")})
    if assessed_on is None:
        raise ValidationError({"assessed_on": _("Enter the date of the assessment.")})
    sections, tasks, activities = list(sections), list(tasks), list(activities)
    legal_documents, documents = list(legal_documents), list(documents)
    _check_evidence(
        actor,
        recommendation,
        sections=sections,
        tasks=tasks,
        activities=activities,
        legal_documents=legal_documents,
        documents=documents,
    )
    assessment = Assessment(
        recommendation=recommendation,
        body=lead,
        status=status,
        assessed_on=assessed_on,
        note=note.strip(),
        created_by=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
    )
    if evidence_file is not None:
        _attach_file(assessment, evidence_file)
    assessment.full_clean()
    assessment.save()
    assessment.evidence_sections.set(sections)
    assessment.evidence_tasks.set(tasks)
    assessment.evidence_activities.set(activities)
    assessment.evidence_legal_documents.set(legal_documents)
    assessment.evidence_documents.set(documents)
    audit_record(
        obj=assessment,
        action="create",
        actor=actor,
        after={
            "evidence": {
                "sections": [s.pk for s in sections],
                "tasks": [t.pk for t in tasks],
                "activities": [a.pk for a in activities],
                "legal_documents": [d.pk for d in legal_documents],
                "documents": [d.pk for d in documents],
                "file": assessment.evidence_file_name,
            }
        },
    )
    return assessment


# The evidence an assessment cites: the service's argument, its many-to-many field, what reading one needs.
EVIDENCE_LINKS = (
    ("sections", "evidence_sections", None),
    ("tasks", "evidence_tasks", "followup.view_task"),
    ("activities", "evidence_activities", "activities.view_activity"),
    ("legal_documents", "evidence_legal_documents", "laws.view_legaldocument"),
    ("documents", "evidence_documents", "documents.view_document"),
)
ASSESSMENT_FIELDS = ("status", "assessed_on", "note")


def _assessment_state(assessment: Assessment) -> dict[str, Any]:
    """What the audit keeps of an assessment: its fields, the ids it cites, its file's name."""
    state = snapshot(assessment)
    state["evidence"] = {
        name: sorted(getattr(assessment, field).values_list("pk", flat=True))
        for name, field, _p in EVIDENCE_LINKS
    }
    return state


def _readable(actor: Actor | None, permission: str | None, item: Any) -> bool:
    if actor is None:
        return True
    from rightstrack.core.scope import can_see

    return can_see(actor, item) if permission is None else bool(actor.has_perm(permission, item))


@transaction.atomic
def assessment_update(
    *,
    actor: Actor | None,
    assessment: Assessment,
    evidence_file: Any = None,
    remove_file: bool = False,
    **changes: Any,
) -> Assessment:
    """Change an assessment's status, date, note and evidence (a part not given stays as it is).

    A list of evidence replaces what the actor may read of that kind; what the actor cannot read stays cited
    (someone else's citation is not theirs to take off). A newly cited item is checked as ``assessment_add``
    checks it. A new file (or ``remove_file``) replaces the old one, which leaves the storage after the
    commit. The body stays the one that recorded it. A published assessment changed by someone who may not
    publish is withdrawn from the portal until the keeper publishes it again (decision 0051: the keeper
    decides what is public)."""
    from rightstrack.recommendations.services.publishing import PUBLISH

    if actor is not None:
        ensure_can(actor, "recommendations.change_assessment", assessment)
    unknown = set(changes) - set(ASSESSMENT_FIELDS) - {name for name, _f, _p in EVIDENCE_LINKS}
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    locked = Assessment.objects.select_for_update().select_related("recommendation").get(pk=assessment.pk)
    before = _assessment_state(locked)
    if "status" in changes:
        if changes["status"] not in ImplementationStatus.values:
            raise ValidationError({"status": _("Choose how far the recommendation has been implemented.")})
        locked.status = changes["status"]
    if "assessed_on" in changes:
        if changes["assessed_on"] is None:
            raise ValidationError({"assessed_on": _("Enter the date of the assessment.")})
        locked.assessed_on = changes["assessed_on"]
    if "note" in changes:
        locked.note = (changes["note"] or "").strip()
    # The evidence: what stays (unreadable to the actor), what is added (checked like a new citation).
    new_links: dict[str, list[Any]] = {}
    added: dict[str, list[Any]] = {name: [] for name, _f, _p in EVIDENCE_LINKS}
    for name, field, permission in EVIDENCE_LINKS:
        if changes.get(name) is None:
            continue
        given = list(dict.fromkeys(changes[name]))
        current = list(getattr(locked, field).all())
        kept = [item for item in current if item not in given and not _readable(actor, permission, item)]
        new_links[field] = given + kept
        added[name] = [item for item in given if item not in current]
    _check_evidence(actor, locked.recommendation, **added)
    locked.full_clean(exclude=["evidence_file"])
    storage = locked.evidence_file.storage
    old_file = locked.evidence_file.name or ""
    if evidence_file is not None:
        _attach_file(locked, evidence_file)
    elif remove_file:
        locked.evidence_file.name = ""
        locked.evidence_file_name = ""
    for field, items in new_links.items():
        getattr(locked, field).set(items)
    changed = _assessment_state(locked) != before
    if (
        changed
        and locked.is_published
        and actor is not None
        and not actor.has_perm(PUBLISH, locked.recommendation)
    ):
        locked.is_published = False
    locked.save()
    if not changed:
        return locked
    audit_record(obj=locked, action="update", before=before, after=_assessment_state(locked), actor=actor)
    if before["is_published"] and locked.recommendation.is_published:
        published.changed()
    new_file = locked.evidence_file.name or ""
    if old_file and old_file != new_file:
        transaction.on_commit(lambda: storage.delete(old_file))
    return locked


@transaction.atomic
def assessment_delete(*, actor: Actor | None, assessment: Assessment) -> None:
    """Delete an assessment (the audit log keeps what it said and cited); its file leaves the storage after
    the commit, and the portal forgets it at once if it was shown there."""
    if actor is not None:
        ensure_can(actor, "recommendations.delete_assessment", assessment)
    locked = Assessment.objects.select_for_update().select_related("recommendation").get(pk=assessment.pk)
    storage, name = locked.evidence_file.storage, locked.evidence_file.name or ""
    if locked.is_published and locked.recommendation.is_published:
        published.changed()
    audited_delete(locked, actor=actor)
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def _attach_file(assessment: Any, evidence_file: Any) -> None:
    """Check an evidence file by content (follow-up's kinds and limit); put it on ``assessment``, unsaved."""
    from rightstrack.exchange.stored_uploads import accept_upload, store_on

    checked = accept_upload(
        evidence_file,
        allowed=set(EVIDENCE_KINDS),
        max_bytes=EVIDENCE_MAX_BYTES,
        name=getattr(evidence_file, "name", "") or "evidence",  # a name without one: "evidence.<kind>"
        refuse_misnamed=True,
    )
    assessment.evidence_file_name = checked.name
    store_on(assessment, "evidence_file", evidence_file, name=checked.name)
