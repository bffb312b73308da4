"""The tagging app's long operations as background jobs (declared in ``TaggingConfig.ready``): retraining a
taxonomy's tagger, tagging every untagged text, and suggesting tags for one text (the API's request). Thin
wrappers: the work is the services'; the job runs as its actor, whose permission is checked again when it
runs."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from rightstrack.core.jobs.models import Job
from rightstrack.core.jobs.registry import JobOutput, Progress
from rightstrack.core.scope import get_scoped_or_404
from rightstrack.core.types import Actor
from rightstrack.tagging import services
from rightstrack.tagging.targets import KIND_OF_MODEL, Target


def _actor(job: Job) -> Actor:
    if job.actor is None:
        raise PermissionDenied(_("You do not have permission to do this."))
    return job.actor


def retrain(job: Job, progress: Progress) -> JobOutput:
    version = services.tagger_train(
        actor=_actor(job), taxonomy=str(job.params.get("taxonomy", "")), progress=progress
    )
    return JobOutput(data={"version": version.version, "active": version.active, "figures": version.figures})


def tag_untagged(job: Job, progress: Progress) -> JobOutput:
    made = services.tag_untagged(
        actor=_actor(job), taxonomy=str(job.params.get("taxonomy", "")), progress=progress
    )
    return JobOutput(data={"suggestions": made})


def suggest(job: Job, progress: Progress) -> JobOutput:
    """Suggest tags for the text the job names, fetched again within its actor's scope."""
    actor = _actor(job)
    try:
        obj = target_object(actor, str(job.params.get("kind", "")), job.params.get("id"))
    except Http404:
        raise ValidationError(_("This text is no longer there, or no longer within your scope.")) from None
    progress.start(1, gettext_noop("Suggesting tags…"))
    made = services.suggestions_make(actor=actor, obj=obj, section_key=str(job.params.get("section", "")))
    progress.advance(1, gettext_noop("Tags suggested."))
    return JobOutput(data={"suggestions": [s.pk for s in made]})


def target_object(actor: Actor, kind: str, pk: object) -> Any:
    """The text of ``kind`` with ``pk`` that the actor sees (404 otherwise, as for a page)."""
    model = {v: k for k, v in KIND_OF_MODEL.items()}.get(kind)
    if model is None:
        raise Http404
    return get_scoped_or_404(actor, model._default_manager.all(), pk=pk)


def suggest_url(job: Job) -> str:
    """The page of the text whose tags were suggested (its section on a report's page)."""
    try:
        obj = target_object(_actor(job), str(job.params.get("kind", "")), job.params.get("id"))
    except (Http404, PermissionDenied):
        return reverse("tagging:taxonomy_list")
    return Target(KIND_OF_MODEL[type(obj)], obj, str(job.params.get("section", ""))).url()


def taxonomy_url(job: Job) -> str:
    return reverse("tagging:taxonomy_detail", args=[job.params.get("taxonomy", "")])
