"""What the public portal shows: a recommendation, and each of its assessments, published or withdrawn by the
standing office (decision "public portal"). Nothing is public until someone decides it is; withdrawing a
recommendation hides its assessments with it (they stay marked, and come back when it is published again).

Each call locks the row, writes the audit record, and moves the published data on (``published.changed``:
the portal's pages and counts start over)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rightstrack.core.audit import audit_record
from rightstrack.core.scope import ensure_can
from rightstrack.core.types import Actor
from rightstrack.recommendations import published as portal_data
from rightstrack.recommendations.models import Assessment, Recommendation

PUBLISH = "recommendations.publish_recommendation"


def _published_ids(recommendation: Recommendation) -> list[int]:
    return sorted(recommendation.assessments.filter(is_published=True).values_list("pk", flat=True))


@transaction.atomic
def recommendation_publish(
    *, actor: Actor | None, recommendation: Recommendation, published: bool = True, assessments: bool = True
) -> Recommendation:
    """Show the recommendation on the portal (``published``) or withdraw it. Publishing with
    ``assessments`` publishes every assessment it has so far too (each can be withdrawn on its own)."""
    if actor is not None:
        ensure_can(actor, PUBLISH, recommendation)
    locked = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    before = {
        "is_published": locked.is_published,
        "published_at": locked.published_at.isoformat() if locked.published_at else None,
        "published_assessments": _published_ids(locked),
    }
    if published and assessments:
        locked.assessments.filter(is_published=False).update(is_published=True)
    if published and not locked.is_published:
        locked.published_at = timezone.now()
    elif not published:
        locked.published_at = None
    locked.is_published = published
    locked.save(update_fields=["is_published", "published_at", "updated_at"])
    after = {
        "is_published": locked.is_published,
        "published_at": locked.published_at.isoformat() if locked.published_at else None,
        "published_assessments": _published_ids(locked),
    }
    if after != before:
        audit_record(
            obj=locked,
            action="published" if published else "unpublished",
            before=before,
            after=after,
            actor=actor,
        )
        portal_data.changed()
    recommendation.is_published, recommendation.published_at = locked.is_published, locked.published_at
    return recommendation


@transaction.atomic
def assessment_publish(*, actor: Actor | None, assessment: Assessment, published: bool = True) -> Assessment:
    """Show one assessment (its status, date, body and note) with its published recommendation, or withdraw
    it. The recommendation itself must be published first: an assessment alone is shown nowhere."""
    if actor is not None:
        ensure_can(actor, PUBLISH, assessment.recommendation)
    locked = Assessment.objects.select_for_update().select_related("recommendation").get(pk=assessment.pk)
    if published and not locked.recommendation.is_published:
        raise ValidationError(_("Publish the recommendation first; its assessments are shown with it."))
    if locked.is_published != published:
        locked.is_published = published
        locked.save(update_fields=["is_published"])
        audit_record(
            obj=locked,
            action="published" if published else "unpublished",
            before={"is_published": not published},
            after={"is_published": published},
            actor=actor,
        )
        portal_data.changed()
    assessment.is_published = locked.is_published
    return assessment
