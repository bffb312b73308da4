"""A job's page, the progress fragment it polls, the result download, and the user's own jobs."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from rightstrack.core.jobs.models import Job, JobState
from rightstrack.core.jobs.services import job_cancel
from rightstrack.core.scope import get_scoped_or_404, scoped

POLL_SECONDS = 1


def redirect_to_job(job: Job) -> HttpResponseRedirect:
    """Where a view that started a job sends the browser: the job's page (progress, then the download), or
    straight on when the job has already finished and leads to a page (tasks run in-process)."""
    job.refresh_from_db()
    if job.state == JobState.SUCCEEDED and not job.has_result_file and job.success_url():
        return HttpResponseRedirect(job.success_url())
    return HttpResponseRedirect(job.get_absolute_url())


def job_for(request: HttpRequest, pk: int) -> Job:
    return get_scoped_or_404(request.user, Job.objects.select_related("actor"), pk=pk)


def progress_context(job: Job) -> dict[str, Any]:
    return {"job": job, "poll_seconds": POLL_SECONDS, "next_url": job.success_url() if job.is_final else ""}


class JobListView(LoginRequiredMixin, ListView):
    template_name = "core/job_list.html"
    paginate_by = 50

    def get_queryset(self) -> Any:
        return scoped(self.request.user, Job.objects.all())


class JobDetailView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return render(request, "core/job_detail.html", progress_context(job_for(request, pk)))


class JobProgressView(LoginRequiredMixin, View):
    """The fragment the page polls; once the job is final it stops polling and offers what comes next.

    A job whose kind leads to a page (an import's preview) sends the browser there with HX-Redirect.
    """

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        job = job_for(request, pk)
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


class JobDownloadView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        job = job_for(request, pk)
        if not job.has_result_file:
            raise Http404(_("This job has no file to download."))
        return FileResponse(
            job.result.open("rb"),
            as_attachment=True,
            filename=job.result_name or (job.result.name or "").rsplit("/", 1)[-1],
            content_type=job.result_type or "application/octet-stream",
        )


class JobCancelView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        job = job_for(request, pk)
        try:
            job_cancel(actor=request.user, job=job)
        except ValidationError as error:
            messages.info(request, " ".join(error.messages))
        else:
            messages.success(request, _("The job was cancelled."))
        return redirect(job.get_absolute_url())
