"""The tagging app's long operations as background jobs (declared in ``TaggingConfig.ready``): retraining a
taxonomy's tagger and tagging every untagged text. Thin wrappers: the work is the services'; the job runs
as its actor, whose permission is checked again when it runs."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _

from rightstrack.core.jobs.models import Job
from rightstrack.core.jobs.registry import JobOutput, Progress
from rightstrack.core.types import Actor
from rightstrack.tagging import services


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


def taxonomy_url(job: Job) -> str:
    return reverse("tagging:taxonomy_detail", args=[job.params.get("taxonomy", "")])
