"""The register's long operation as a background job: find the documents cited in the reports."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from rightstrack.core.jobs.models import Job
from rightstrack.core.jobs.registry import JobOutput, Progress
from rightstrack.laws import services


def detect(job: Job, progress: Progress) -> JobOutput:
    if job.actor is None:
        raise PermissionDenied(_("You do not have permission to do this."))
    result = services.mentions_detect(actor=job.actor, progress=progress)
    return JobOutput(data=result.__dict__)


def present(job: Job) -> Any:
    return job.result_data
