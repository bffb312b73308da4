"""Recommendation pages, declared on the generic views: the list (search, filters, facet counts), one
recommendation, and the import (upload → dry run → confirm → progress), each write one service call."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy

from rightstrack.core.jobs.models import Job, JobState
from rightstrack.core.jobs.services import job_enqueue
from rightstrack.core.jobs.views import redirect_to_job
from rightstrack.core.scope import get_scoped_or_404
from rightstrack.core.views.generic import BaseView, ObjectEditView, ObjectListView, ObjectView
from rightstrack.exchange.un_recommendations import check_file
from rightstrack.recommendations import selectors, services
from rightstrack.recommendations.choices import RecommendationsJob
from rightstrack.recommendations.filters import RecommendationFilterSet
from rightstrack.recommendations.forms import WEB_IMPORT_MAX_BYTES, ImportForm, TaxonomyNameForm
from rightstrack.recommendations.models import AffectedPersons, Recommendation, Theme
from rightstrack.recommendations.tables import RecommendationTable

IMPORT = RecommendationsJob.IMPORT.value


class RecommendationListView(ObjectListView):
    permission_required = "recommendations.view_recommendation"
    queryset = selectors.recommendation_list()
    filterset_class = RecommendationFilterSet
    table_class = RecommendationTable
    template_name = "recommendations/recommendation_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        filtered: QuerySet[Recommendation] = self.filterset.qs
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx.update(
            facets=[
                {"facet": facet, "values": [_facet_link(query, v) for v in facet.values]}
                for facet in selectors.facets(filtered)
            ],
            total=ctx["paginator"].count if ctx.get("paginator") else len(ctx["object_list"]),
        )
        return ctx


def _facet_link(query: Any, value: selectors.FacetValue) -> dict[str, Any]:
    """A facet value with the link that adds it to the filters (or, chosen already, takes it away)."""
    chosen = query.get(value.param, "") == value.value
    link = query.copy()
    if chosen:
        link.pop(value.param, None)
    else:
        link[value.param] = value.value
    return {"value": value, "chosen": chosen, "query": link.urlencode()}


class RecommendationDetailView(ObjectView):
    object_permission = "recommendations.view_recommendation"
    queryset = selectors.recommendation_detail()
    template_name = "recommendations/recommendation_detail.html"
    context_object_name = "recommendation"


class ImportView(BaseView):
    """Step 1: upload a file; it is read in the background (the dry run) and its plan shown next."""

    permission_required = "recommendations.import_recommendations"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.show(ImportForm(user=self.actor))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = ImportForm(request.POST, request.FILES, user=self.actor)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                check_file(upload, max_bytes=WEB_IMPORT_MAX_BYTES)
            except ValidationError as error:
                form.add_error("file", error.messages)
                return self.show(form, status=400)
            job = job_enqueue(
                actor=self.actor,
                kind=IMPORT,
                params={
                    "owner": form.cleaned_data["owner"].pk,
                    "session": form.cleaned_data["session"],
                    "dry_run": True,
                    "file_name": (upload.name or "")[:200],
                },
                idempotency_key="",  # every upload is new work
                input_file=upload,
            )
            job.refresh_from_db()
            if job.state != JobState.FAILED:
                return redirect_to_job(job)
            form.add_error("file", job.error)  # tasks ran in-process and refused the file
        return self.show(form, status=400)

    def show(self, form: ImportForm, status: int = 200) -> HttpResponse:
        return render(self.request, "recommendations/import.html", {"form": form}, status=status)


class ImportPreviewView(BaseView):
    """Step 2: the dry run's plan (what each row would do, every problem); confirm to import."""

    permission_required = "recommendations.import_recommendations"

    def job(self) -> Job:
        jobs = Job.objects.filter(kind=IMPORT, state=JobState.SUCCEEDED, params__dry_run=True)
        return get_scoped_or_404(self.request.user, jobs, pk=self.kwargs["pk"])

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        job = self.job()
        data = job.result_data or {}
        return render(
            request,
            "recommendations/import_preview.html",
            {"job": job, "plan": data.get("plan", {}), "file_name": data.get("file_name", "")},
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        source = self.job()
        applied = job_enqueue(
            actor=self.actor,
            kind=IMPORT,
            params={
                "owner": source.params.get("owner"),
                "session": source.params.get("session", ""),
                "dry_run": False,
                "source_job": source.pk,
            },
        )
        return redirect_to_job(applied)


class TaxonomyView(BaseView):
    """The themes and groups of affected persons imports brought, with their Vietnamese names."""

    permission_required = "recommendations.view_theme"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        context = selectors.taxonomy() | {"can_edit": self.actor.has_perm("recommendations.change_theme")}
        return render(request, "recommendations/taxonomy.html", context)


class TaxonomyEditView(ObjectEditView):
    """Name a theme or group in Vietnamese (or correct its English name)."""

    form_class = TaxonomyNameForm
    service = services.taxonomy_rename
    template_name = "recommendations/taxonomy_form.html"
    context_object_name = "item"
    object_kwarg = "item"
    success_message = gettext_lazy("Changes saved.")

    def get_success_url(self) -> str:
        return reverse("recommendations:taxonomy")


class ThemeEditView(TaxonomyEditView):
    object_permission = "recommendations.change_theme"
    queryset = Theme.objects.all()


class AffectedPersonsEditView(TaxonomyEditView):
    object_permission = "recommendations.change_affectedpersons"
    queryset = AffectedPersons.objects.all()
