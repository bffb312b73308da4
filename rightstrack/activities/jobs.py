"""Activities' long operation: a spreadsheet import (or its dry run) as a background job with progress.
Declared in ``ActivitiesConfig.ready``; runs as its actor, the body fetched in their scope again."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _

from rightstrack.activities.imports import activities_import_xlsx
from rightstrack.bodies.models import Body
from rightstrack.core.jobs.models import Job
from rightstrack.core.jobs.registry import JobOutput, Progress
from rightstrack.core.scope import get_scoped_or_404


def import_xlsx(job: Job, progress: Progress) -> JobOutput:
    """Read and check the uploaded spreadsheet; save its rows unless it is a dry run. The file stays with
    the job so that a dry run can be confirmed without uploading it again."""
    if job.actor is None:
        raise PermissionDenied(_("You do not have permission to do this."))
    body = get_scoped_or_404(job.actor, Body.objects.all(), pk=job.params.get("body"))
    with job.input_file.open("rb") as upload:
        report = activities_import_xlsx(
            actor=job.actor,
            body=body,
            file=upload,
            dry_run=bool(job.params.get("dry_run")),
            progress=progress,
        )
    data = report.as_json() | {"body": body.pk, "body_name": body.name}
    return JobOutput(data=data)


def import_result_url(job: Job) -> str:
    if job.state != "succeeded":
        return ""
    return reverse("activities:import_result", args=[job.pk])


def import_for_api(job: Job) -> dict[str, Any]:
    return dict(job.result_data or {})
