"""Recommendation pages, declared on the generic views: the list (search, filters, facet counts), one
recommendation, publishing, the import (upload → dry run → confirm → progress), the taxonomy; assignment,
measures and assessments are in ``implementation.py``. Each write one service call."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy

from rightstrack.core.jobs.models import Job, JobState
from rightstrack.core.jobs.views import redirect_to_job
from rightstrack.core.views.generic import (
    BaseView,
    ObjectActionView,
    ObjectEditView,
    ObjectListView,
    ObjectView,
)
from rightstrack.recommendations import imports, selectors, services
from rightstrack.recommendations.choices import RecommendationsJob
from rightstrack.recommendations.filters import RecommendationFilterSet
from rightstrack.recommendations.forms import (
    WEB_IMPORT_MAX_BYTES,
    ColumnMappingForm,
    ImportForm,
    TaxonomyNameForm,
    column_letter,
)
from rightstrack.recommendations.models import (
    AffectedPersons,
    Assessment,
    Recommendation,
    Theme,
)
from rightstrack.recommendations.tables import RecommendationTable
from rightstrack.recommendations.views.implementation import (
    AssessmentCreateView as AssessmentCreateView,
)
from rightstrack.recommendations.views.implementation import (
    AssessmentDeleteView as AssessmentDeleteView,
)
from rightstrack.recommendations.views.implementation import (
    AssessmentEditView as AssessmentEditView,
)
from rightstrack.recommendations.views.implementation import (
    AssessmentFileView as AssessmentFileView,
)
from rightstrack.recommendations.views.implementation import (
    ClusterAssignView as ClusterAssignView,
)
from rightstrack.recommendations.views.implementation import (
    MeasureCreateView as MeasureCreateView,
)
from rightstrack.recommendations.views.implementation import (
    MeasureDeleteView as MeasureDeleteView,
)
from rightstrack.recommendations.views.implementation import (
    MeasureEditView as MeasureEditView,
)
from rightstrack.recommendations.views.implementation import (
    RecommendationAssignView as RecommendationAssignView,
)

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
                {"facet": facet, "values": [facet_link(query, v) for v in facet.values]}
                for facet in selectors.facets(filtered)
            ],
            total=ctx["paginator"].count if ctx.get("paginator") else len(ctx["object_list"]),
        )
        return ctx


def facet_link(query: Any, value: selectors.FacetValue) -> dict[str, Any]:
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

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        recommendation = self.object
        can_update = self.actor.has_perm("recommendations.update_implementation", recommendation)
        return super().get_context_data(**kwargs) | {
            "can_assign": self.actor.has_perm("recommendations.assign_recommendation", recommendation),
            "can_update": can_update,
            "changes": {
                a.pk
                for a in (recommendation.assessments.all() if can_update else ())
                if self.actor.has_perm("recommendations.change_assessment", a)
            },
            "readable": selectors.evidence_readable(recommendation, user=self.actor),
            "can_publish": self.actor.has_perm(services.publishing.PUBLISH, recommendation),
        }


class RecommendationPublishView(ObjectActionView):
    """Publish the recommendation on the portal, with its assessments so far (or withdraw it: as_view
    with ``published=False``)."""

    object_permission = services.publishing.PUBLISH
    queryset = Recommendation.objects.all()
    service = services.recommendation_publish
    published = True

    def get_service_kwargs(self, form: BaseForm | None) -> dict[str, Any]:
        return super().get_service_kwargs(form) | {"published": self.published}

    def get_success_message(self, result: Any) -> str:
        if self.published:
            return str(gettext_lazy("Published on the public portal, with its assessments."))
        return str(gettext_lazy("Withdrawn from the public portal."))


class AssessmentPublishView(ObjectActionView):
    """Publish one assessment beside its published recommendation, or withdraw it."""

    object_permission = services.publishing.PUBLISH
    queryset = Assessment.objects.select_related("recommendation")
    service = services.assessment_publish
    published = True

    def get_permission_object(self) -> Any:
        return self.object.recommendation

    def get_service_kwargs(self, form: BaseForm | None) -> dict[str, Any]:
        return super().get_service_kwargs(form) | {"published": self.published}

    def get_success_message(self, result: Any) -> str:
        if self.published:
            return str(gettext_lazy("The assessment is shown on the public portal."))
        return str(gettext_lazy("The assessment is no longer shown on the public portal."))

    def get_success_url(self) -> str:
        return str(self.object.recommendation.get_absolute_url())


class ImportView(ObjectEditView):
    """Step 1: upload a file; it is read in the background (the dry run) and its plan shown next."""

    permission_required = "recommendations.import_recommendations"
    form_class = ImportForm
    service = services.import_start
    template_name = "recommendations/import.html"

    def get_service_kwargs(self, form: BaseForm) -> dict[str, Any]:
        return super().get_service_kwargs(form) | {"max_bytes": WEB_IMPORT_MAX_BYTES}

    def form_valid(self, form: BaseForm) -> HttpResponse:
        response = super().form_valid(form)
        job = getattr(self, "result", None)
        if job is not None and job.state == JobState.FAILED:  # jobs ran in-process and refused the file
            form.add_error("file", job.error)
            return self.form_invalid(form)
        return response

    def form_invalid(self, form: BaseForm) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400  # the file or a field was refused: the form says why
        return response

    def get_success_url(self) -> str:
        return str(redirect_to_job(self.result)["Location"])


class ImportPreviewView(ObjectActionView):
    """Step 2: the dry run's plan (what each row would do, every problem); confirm to import. A CSV or
    XLSX also shows its first rows and which column holds each field, to choose them and read it again."""

    permission_required = "recommendations.import_recommendations"
    queryset = Job.objects.filter(kind=IMPORT, state=JobState.SUCCEEDED, params__dry_run=True)
    template_name = "recommendations/import_preview.html"
    context_object_name = "job"
    object_kwarg = "job"
    service = services.import_confirm

    def table(self) -> dict[str, Any] | None:
        table = ((self.object.result_data or {}).get("plan") or {}).get("table")
        return table if isinstance(table, dict) and table.get("headers") else None

    def columns_form(self, data: Any = None) -> ColumnMappingForm | None:
        table = self.table()
        if table is None:
            return None
        return ColumnMappingForm(
            data,
            headers=list(table["headers"]),
            columns=dict(table.get("columns") or {}),
            initial={"mechanism": table.get("mechanism", "")},
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        data = self.object.result_data or {}
        plan = data.get("plan", {})
        problems = plan.get("problems") or []
        return super().get_context_data(**kwargs) | {
            "plan": plan,
            "file_name": data.get("file_name", ""),
            "format_label": imports.format_label(plan.get("format", "")),
            "table": _named(self.table()),
            "columns_form": kwargs.get("columns_form") or self.columns_form(),
            "columns_open": bool(kwargs.get("columns_form"))
            or any(p.get("code") in COLUMN_PROBLEMS for p in problems)
            or str(plan.get("format", "")).startswith("mapped_"),
        }

    def get_success_url(self) -> str:
        return str(redirect_to_job(self.result)["Location"])


def _named(table: dict[str, Any] | None) -> dict[str, Any] | None:
    """The table with each header's spreadsheet letter, as the selects name the columns."""
    if table is None:
        return None
    named = [{"letter": column_letter(i), "name": h} for i, h in enumerate(table["headers"])]
    return table | {"named": named}


COLUMN_PROBLEMS = {"missing_column", "unmapped_field", "unknown_field", "no_header"}


class ImportColumnsView(ImportPreviewView):
    """Step 2b: read the file again with the columns the user chose (a new dry run, then its preview)."""

    service = services.import_choose_columns  # type: ignore[assignment]
    form_class = ColumnMappingForm

    def get_form(self, data: Any = None, files: Any = None) -> BaseForm | None:
        return self.columns_form(data)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        form = kwargs.pop("form", None)
        if form is not None and form.is_bound:
            kwargs["columns_form"] = form
        return super().get_context_data(**kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.table() is None:
            raise Http404
        response = super().post(request, *args, **kwargs)
        if response.status_code == 200:
            response.status_code = 400  # the choice was refused: the form says why
        return response

    def get_service_kwargs(self, form: BaseForm | None) -> dict[str, Any]:
        assert isinstance(form, ColumnMappingForm)
        return {
            "job": self.object,
            "mapping": form.mapping(),
            "mechanism": form.cleaned_data.get("mechanism", ""),
        }


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
