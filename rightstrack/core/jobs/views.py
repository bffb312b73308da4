"""A job's page, the progress fragment it polls, the result download, and the user's own jobs."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.core.jobs.models import Job, JobState
from rightstrack.core.jobs.services import job_cancel
from rightstrack.core.tables import JobTable
from rightstrack.core.views.errors import add_error_messages
from rightstrack.core.views.generic import ObjectActionView, ObjectListView, ObjectView, ScopedObjectMixin

POLL_SECONDS = 1


def redirect_to_job(job: Job) -> HttpResponseRedirect:
    """Where a view that started a job sends the browser: the job's page (progress, then the download), or
    straight on when the job has already finished and leads to a page (tasks run in-process)."""
    job.refresh_from_db()
    if job.state == JobState.SUCCEEDED and not job.has_result_file and job.success_url():
        return HttpResponseRedirect(job.success_url())
    return HttpResponseRedirect(job.get_absolute_url())


def progress_context(job: Job) -> dict[str, Any]:
    return {"job": job, "poll_seconds": POLL_SECONDS, "next_url": job.success_url() if job.is_final else ""}


class JobListView(ObjectListView):
    """The user's own jobs (administrators: everyone's), newest first."""

    queryset = Job.objects.all()
    filterset_fields = ["state"]
    model = Job
    table_class = JobTable
    template_name = "core/job_list.html"


class JobMixin(ScopedObjectMixin):
    """A job is personal: its owner and administrators see it; for anyone else it is not found."""

    queryset = Job.objects.select_related("actor")
    context_object_name = "job"

    @property
    def job(self) -> Job:
        return cast(Job, self.object)


class JobDetailView(JobMixin, ObjectView):
    template_name = "core/job_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | progress_context(self.job)


class JobProgressView(JobMixin, ObjectView):
    """The fragment the page polls; once the job is final it stops polling and offers what comes next.

    A job whose kind leads to a page (an import's preview) sends the browser there with HX-Redirect.
    """

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        job = self.job
        context = progress_context(job)
        response = render(request, "core/_job_progress.html", context)
        if (
            job.is_final
            and context["next_url"]
            and not job.has_result_file
            and request.headers.get("HX-Request")
        ):
            response["HX-Redirect"] = context["next_url"]
        return response


class JobDownloadView(JobMixin, ObjectView):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FileResponse:
        job = self.job
        if not job.has_result_file:
            raise Http404(_("This job has no file to download."))
        return FileResponse(
            job.result.open("rb"),
            as_attachment=True,
            filename=job.result_name or (job.result.name or "").rsplit("/", 1)[-1],
            content_type=job.result_type or "application/octet-stream",
        )


class JobCancelView(JobMixin, ObjectActionView):
    method_check_first = True  # a GET is refused before the (personal) job is looked up
    http_method_names = ["post"]
    service = job_cancel
    success_message = gettext_lazy("The job was cancelled.")

    def service_refused(self, form: BaseForm | None, error: ValidationError) -> HttpResponse:
        add_error_messages(self.request, error, level=messages.INFO)
        return redirect(self.job.get_absolute_url())
