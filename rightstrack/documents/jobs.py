"""The bulk ingestion as a background job: a ZIP of documents, read one file at a time with progress.
Declared in ``DocumentsConfig.ready``; the job checks the body within the actor's scope again when it runs."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from rightstrack.bodies.models import Body
from rightstrack.core.jobs.models import Job
from rightstrack.core.jobs.registry import JobOutput, Progress
from rightstrack.core.scope import get_scoped_or_404
from rightstrack.documents import services
from rightstrack.documents.choices import DocumentJob, DocumentKind

INGEST = DocumentJob.INGEST.value


def ingest(job: Job, progress: Progress) -> JobOutput:
    if job.actor is None:
        raise PermissionDenied(_("You do not have permission to do this."))
    body = get_scoped_or_404(job.actor, Body.objects.all(), pk=job.params.get("body"))
    kind = str(job.params.get("kind") or DocumentKind.ARTICLE)
    if not job.input_file:
        raise ValidationError(_("The archive to read is missing: upload it again."))
    with job.input_file.open("rb") as handle:
        entries = services.archive_entries(handle)
        summary = services.document_ingest_many(
            actor=job.actor, body=body, entries=entries, kind=kind, progress=progress
        )
    return JobOutput(data=summary.as_data())


def success_url(job: Job) -> str:
    return reverse("documents:ingest_result", args=[job.pk])


def present(job: Job) -> Any:
    """The API's ``result`` of a finished ingestion: counts and each file's outcome."""
    return job.result_data
