"""The pack's long operation as a background job: bring the content up to date and write the Word or PDF
file. Registered from ``PacksConfig.ready``; the job fetches the pack within the actor's scope again when it
runs, and reads only the reports the actor may see."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.core.jobs.models import Job
from rightstrack.core.jobs.registry import JobKind, JobOutput, Progress, register_job_kind
from rightstrack.core.scope import get_scoped_or_404
from rightstrack.packs import selectors, services

PACK_BUILD = "packs.build"


def _build(job: Job, progress: Progress) -> JobOutput:
    if job.actor is None:
        raise PermissionDenied(_("You do not have permission to do this."))
    pack = get_scoped_or_404(job.actor, selectors.pack_detail(), pk=job.params.get("pack"))
    built = services.pack_build(
        actor=job.actor, pack=pack, file_format=str(job.params.get("format", "docx")), progress=progress
    )
    return JobOutput(
        content=built.content,
        name=built.name,
        content_type=built.content_type,
        data={"pack": pack.pk, "reused": built.reused},
    )


def _present(job: Job) -> Any:
    return job.result_data


def register() -> None:
    register_job_kind(
        JobKind(
            name=PACK_BUILD,
            run=_build,
            label=gettext_lazy("Building a consolidated pack"),
            permission="packs.build_consolidatedpack",
            present=_present,
        )
    )
