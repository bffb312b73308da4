"""Reporting's long operations as background jobs: the cycle's Word files as a ZIP, a report as PDF,
reading an uploaded Word document for the import preview, and importing one (the API's apply=true).
Declared in ``ReportingConfig.ready`` (``Contribution(jobs=...)``), which names the functions below.

Each job runs as its actor, with the actor's scope checked again when it runs (an object moved out of scope
or deleted meanwhile fails the job with "not found"), and labels in the language the actor used.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from rightstrack.core.collation import vi_order
from rightstrack.core.jobs.models import Job
from rightstrack.core.jobs.registry import JobOutput, Progress
from rightstrack.core.scope import get_scoped_or_404
from rightstrack.exchange import import_plan
from rightstrack.exchange.import_plan import ImportPlan
from rightstrack.exchange.uploads import CONTENT_TYPES, PDF
from rightstrack.reporting import selectors
from rightstrack.reporting.choices import ReportingJob
from rightstrack.reporting.models import Report, ReportingCycle
from rightstrack.reporting.services import exports, imports
from rightstrack.reporting.services import official as official_format
from rightstrack.reporting.services.exports import ExportReport

CYCLE_ZIP = ReportingJob.CYCLE_ZIP.value
REPORT_PDF = ReportingJob.REPORT_PDF.value
IMPORT_DOCX = ReportingJob.IMPORT_DOCX.value
APPLY_DOCX = ReportingJob.APPLY_DOCX.value
WRITTEN = gettext_noop("Written: %(body)s")
MAX_PENDING_IMPORT_CHARS = 2_000_000  # the plan waits in the session between upload and confirmation


def _actor(job: Job) -> Any:
    """Reporting's jobs act for a user (the web, the API); without one they may see nothing."""
    if job.actor is None:
        raise PermissionDenied(_("You do not have permission to do this."))
    return job.actor


def cycle_zip_name(cycle: ReportingCycle) -> str:
    """The period and what the archive holds ("bao-cao-nhan-quyen-2024.zip"), never an internal id."""
    return f"{exports.cycle_file_stem(cycle)}.zip"


def cycle_reports(user: Any, cycle: ReportingCycle) -> list[Report]:
    """The cycle's reports the user may see, loaded for export, in the order of the ZIP."""
    return list(
        selectors.report_detail()
        .filter(pk__in=selectors.report_list(user=user, cycle=cycle).values("pk"))
        .order_by(vi_order("body__name"), "pk")
    )


def cycle_zip(job: Job, progress: Progress) -> JobOutput:
    cycle = get_scoped_or_404(
        job.actor, ReportingCycle.objects.select_related("template"), pk=job.params.get("cycle")
    )
    reports = cycle_reports(job.actor, cycle)
    if not reports:
        raise ValidationError(_("There are no reports in this cycle that you can see."))
    progress.start(len(reports), gettext_noop("Writing %(count)s Word documents…"), count=len(reports))
    official = bool(job.params.get("official"))
    today = timezone.localdate()

    def documents() -> Iterator[ExportReport]:
        for number, report in enumerate(reports):
            if number:  # the previous document has been written into the archive
                progress.advance(message=WRITTEN, body=reports[number - 1].body.name)
            # Each report under its own body's letterhead (remembered, or suggested by the data).
            heading = official_format.report_official_heading(report, day=today) if official else None
            yield exports.export_report(report, official=heading)

    content = exports.cycle_to_zip(documents())
    progress.advance(message=WRITTEN, body=reports[-1].body.name)
    return JobOutput(content=content, name=cycle_zip_name(cycle), content_type="application/zip")


def report_pdf(job: Job, progress: Progress) -> JobOutput:
    report = get_scoped_or_404(job.actor, selectors.report_detail(), pk=job.params.get("report"))
    if not _actor(job).has_perm("reporting.view_report", report):
        raise PermissionDenied(_("You do not have permission to do this."))
    progress.start(1, gettext_noop("Laying out the PDF…"))
    heading = None
    if job.params.get("official"):
        heading = official_format.OfficialChoices.from_json(
            job.params["official"], body=report.body
        ).heading()
    content = exports.report_to_pdf(exports.export_report(report, official=heading))
    progress.advance()
    return JobOutput(
        content=content, name=exports.export_file_name(report, "pdf"), content_type=CONTENT_TYPES[PDF]
    )


def plan_to_json(plan: ImportPlan) -> dict[str, Any]:
    return {
        "parts": [asdict(part) for part in plan.parts],
        "matches": [asdict(match) for match in plan.matches],
        "section_keys": list(plan.section_keys),
    }


def plan_from_json(data: dict[str, Any]) -> import_plan.ImportPlan:
    return import_plan.ImportPlan(
        parts=tuple(import_plan.ImportPart(**part) for part in data["parts"]),
        matches=tuple(import_plan.HeadingMatch(**match) for match in data["matches"]),
        section_keys=tuple(data["section_keys"]),
    )


def _report_to_change(job: Job) -> Report:
    report = get_scoped_or_404(
        job.actor, Report.objects.select_related("cycle", "body", "template"), pk=job.params.get("report")
    )
    if not _actor(job).has_perm("reporting.change_report", report):
        raise PermissionDenied(_("You do not have permission to do this."))
    return report


def import_docx(job: Job, progress: Progress) -> JobOutput:
    """Check and read the uploaded document and match its headings; the preview shows the result."""
    report = _report_to_change(job)
    progress.start(1, gettext_noop("Reading the Word document…"))
    with job.input_file.open("rb") as upload:
        plan = imports.import_plan(report, upload, moves=job.params.get("moves") or None)
    pending = {
        "version": job.params.get("version", report.version),
        "file_name": str(job.params.get("file_name", ""))[:200],
        "plan": plan_to_json(plan),
    }
    if len(json.dumps(pending)) > MAX_PENDING_IMPORT_CHARS:
        raise ValidationError(
            _(
                "This document holds too much text to preview here. Split it into smaller "
                "documents, or copy its text into the sections."
            )
        )
    progress.advance()
    job.input_file.delete(save=False)  # read: the plan holds what the preview needs
    return JobOutput(data=pending)


def apply_docx(job: Job, progress: Progress) -> JobOutput:
    """Read the uploaded document, apply the moves and save the result as one import revision (the API's
    apply=true). A report saved by someone else since the version read fails the job, saving nothing."""
    report = _report_to_change(job)
    progress.start(2, gettext_noop("Reading the Word document…"))
    with job.input_file.open("rb") as upload:
        plan = imports.import_plan(report, upload, moves=job.params.get("moves") or None)
    progress.advance(message=gettext_noop("Saving the report…"))
    saved = imports.import_apply(
        actor=job.actor, report=report, plan=plan, expected_version=int(job.params["expected_version"])
    )
    progress.advance()
    job.input_file.delete(save=False)
    return JobOutput(data={"report": saved.pk, "version": saved.version, "plan": plan_to_json(plan)})


def import_plan_for_api(job: Job) -> dict[str, Any]:
    """The API's view of a read Word document: the plan as the import endpoint describes it."""
    from rightstrack.reporting.api.file_serializers import ImportPlanSerializer

    data = job.result_data or {}
    return {
        "applied": False,
        "version": data.get("version"),
        "plan": ImportPlanSerializer(plan_from_json(data["plan"])).data,
    }


def applied_report_for_api(job: Job) -> dict[str, Any]:
    """The API's view of an applied import: the report and its new version, and the plan that was saved."""
    data = import_plan_for_api(job)
    return {**data, "applied": True, "report": (job.result_data or {}).get("report")}


def import_preview_url(job: Job) -> str:
    if job.state != "succeeded":
        return ""
    url = reverse("reporting:report_import_preview", args=[job.params.get("report")])
    return f"{url}?job={job.pk}"


def applied_report_url(job: Job) -> str:
    if job.state != "succeeded":
        return ""
    return reverse("reporting:report_edit", args=[job.params.get("report")])
