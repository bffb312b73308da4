"""The recommendations' long operation as a background job: reading an uploaded file of recommendations
(the dry run, whose plan the preview page shows) and importing it (the apply, with progress). Declared in
``RecommendationsConfig.ready``. The job runs as its actor, whose scope is checked again when it runs."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from rightstrack.bodies.models import Body
from rightstrack.core.jobs.models import Job, JobState
from rightstrack.core.jobs.registry import JobOutput, Progress
from rightstrack.core.scope import get_scoped_or_404
from rightstrack.recommendations import imports
from rightstrack.recommendations.choices import RecommendationsJob

IMPORT = RecommendationsJob.IMPORT.value


MAX_CHAIN = 20  # upload → read again with chosen columns (any number of times) → import


def _input(job: Job) -> Job:
    """The job whose uploaded file this one reads: itself, or the dry run it confirms or reads again (and
    that one's, up to the upload)."""
    for _step in range(MAX_CHAIN):
        source = job.params.get("source_job")
        if not source:
            break
        found = Job.objects.filter(pk=source, actor=job.actor, kind=IMPORT, state=JobState.SUCCEEDED).first()
        if found is None:
            break
        if found.input_file:
            return found
        job = found
    raise PermissionDenied(_("The uploaded file is no longer kept; upload it again."))


def import_recommendations(job: Job, progress: Progress) -> JobOutput:
    if job.actor is None:
        raise PermissionDenied(_("You do not have permission to do this."))
    owner = get_scoped_or_404(job.actor, Body.objects.all(), pk=job.params.get("owner"))
    source = _input(job) if job.params.get("source_job") else job
    name = str(source.params.get("file_name", ""))[:200]
    session = str(job.params.get("session") or "") or None
    raw = job.params.get("mapping")
    mapping = raw if isinstance(raw, dict) else None
    mechanism = str(job.params.get("mechanism") or "")
    with source.input_file.open("rb") as upload:
        if job.params.get("dry_run", True):
            progress.start(1, gettext_noop("Reading the file…"))
            plan = imports.import_plan(
                actor=job.actor,
                owner=owner,
                file=upload,
                name=name,
                session=session,
                mapping=mapping,
                mechanism=mechanism,
            )
            progress.advance()
            return JobOutput(data={"dry_run": True, "file_name": name, "plan": plan.as_dict()})
        result = imports.import_apply(
            actor=job.actor,
            owner=owner,
            file=upload,
            name=name,
            session=session,
            progress=progress,
            mapping=mapping,
            mechanism=mechanism,
        )
    return JobOutput(data={"dry_run": False, "file_name": name, "result": result.as_dict()})


def import_result_for_api(job: Job) -> Any:
    return job.result_data or {}


def import_next_url(job: Job) -> str:
    """A dry run leads to its preview; an import to the list of recommendations."""
    if job.state != JobState.SUCCEEDED:
        return ""
    if (job.result_data or {}).get("dry_run"):
        return reverse("recommendations:import_preview", args=[job.pk])
    return reverse("recommendations:recommendation_list")


def write_report(job: Job, progress: Progress) -> JobOutput:
    """A report or the matrix of the recommendations the actor sees, filtered by the list's query string;
    issued by the committee the actor works for (its letterhead)."""
    from rightstrack.core.scope import scope_root
    from rightstrack.recommendations import reports

    if job.actor is None:
        raise PermissionDenied(_("You do not have permission to do this."))
    built = reports.report_for(
        actor=job.actor,
        kind=str(job.params.get("kind")),
        by=str(job.params.get("by") or ""),
        query=str(job.params.get("query") or ""),
        issuer=scope_root(job.actor),
        progress=progress,
    )
    return JobOutput(file=built.file, name=built.name, content_type=built.content_type)
