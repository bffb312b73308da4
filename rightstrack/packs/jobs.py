"""The pack's long operation as a background job: bring the content up to date and write the Word or PDF
file. Declared in ``PacksConfig.ready`` (``Contribution(jobs=...)``); the job fetches the pack within the
actor's scope again when it runs, and reads only the reports the actor may see."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from rightstrack.core.jobs.models import Job
from rightstrack.core.jobs.registry import JobOutput, Progress
from rightstrack.core.scope import get_scoped_or_404
from rightstrack.packs import selectors, services
from rightstrack.packs.choices import PackJob

PACK_BUILD = PackJob.BUILD.value


def build(job: Job, progress: Progress) -> JobOutput:
    if job.actor is None:
        raise PermissionDenied(_("You do not have permission to do this."))
    pack = get_scoped_or_404(job.actor, selectors.pack_detail(), pk=job.params.get("pack"))
    day = str(job.params.get("date") or "")
    built = services.pack_build(
        actor=job.actor,
        pack=pack,
        file_format=str(job.params.get("format", "docx")),
        progress=progress,
        number=str(job.params.get("number") or ""),
        place=str(job.params.get("place") or ""),
        day=datetime.date.fromisoformat(day) if day else None,
    )
    return JobOutput(
        content=built.content,
        name=built.name,
        content_type=built.content_type,
        data={"pack": pack.pk, "reused": built.reused},
    )


def present(job: Job) -> Any:
    """The API's ``result`` of a finished build: the pack and whether its content was reused."""
    return job.result_data
