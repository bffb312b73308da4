"""Activity pages, declared on the generic views: each write one service call."""

from __future__ import annotations

import datetime
import re
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.activities import figures, imports, selectors, services
from rightstrack.activities.choices import ActivitiesJob
from rightstrack.activities.filters import ActivityFilterSet
from rightstrack.activities.forms import (
    ADD_ROWS,
    MAX_ROWS,
    ROWS,
    ActivityForm,
    ActivityFormSet,
    BaseActivityFormSet,
    BodyChoiceForm,
    ImportForm,
    row_input,
)
from rightstrack.activities.models import Activity
from rightstrack.activities.tables import ActivityTable
from rightstrack.bodies.models import Body
from rightstrack.bodies.rules import acting_for
from rightstrack.core.jobs.models import Job
from rightstrack.core.jobs.views import redirect_to_job
from rightstrack.core.scope import get_scoped_or_404, scoped
from rightstrack.core.views.errors import add_error_messages
from rightstrack.core.views.generic import (
    ObjectActionView,
    ObjectDeleteView,
    ObjectEditView,
    ObjectListView,
    ObjectView,
)
from rightstrack.reporting.models import Report

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ActivityListView(ObjectListView):
    permission_required = "activities.view_activity"
    queryset = selectors.activity_list().order_by("-date", "-pk")
    filterset_class = ActivityFilterSet
    table_class = ActivityTable
    template_name = "activities/activity_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        ctx["totals"] = selectors.totals(self.object_list)
        ctx["can_add"] = self.actor.has_perm("activities.add_activity")
        return ctx


_MONTH_SHOWN = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")  # "03/2026", as people write it
_MONTH_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")  # "2026-03": links made before, a browser's month


def _month(text: str | None) -> tuple[datetime.date, datetime.date] | None:
    """ "03/2026" (or "3/2026", "2026-03") → the first and last day of March 2026; None for anything else."""
    shown, iso = _MONTH_SHOWN.match(text or ""), _MONTH_ISO.match(text or "")
    if shown:
        month, year = int(shown[1]), int(shown[2])
    elif iso:
        year, month = int(iso[1]), int(iso[2])
    else:
        return None
    try:
        first = datetime.date(year, month, 1)
    except ValueError:
        return None
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return first, following - datetime.timedelta(days=1)


class ActivityEntryView(ObjectActionView):
    """The list form: twenty rows for new activities (more on request), a body's activities of a month to
    change or delete; all rows saved by one call to ``activities_save_batch``, or none."""

    permission_required = "activities.add_activity"
    template_name = "activities/activity_entry.html"

    def body_from(self, data: QueryDict) -> Body | None:
        if data.get("body"):
            return get_scoped_or_404(self.actor, Body.objects.all(), pk=data.get("body"))
        body = acting_for(getattr(self.actor, "body", None))
        return (
            body
            if body is not None and scoped(self.actor, Body.objects.filter(pk=body.pk)).exists()
            else None
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        body = self.body_from(request.GET)
        month = _month(request.GET.get("month"))
        initial: list[dict[str, Any]] = []
        if body is not None and month is not None:
            existing = selectors.activity_list().filter(body=body, date__gte=month[0], date__lte=month[1])
            initial = [_initial(activity) for activity in existing.order_by("date", "pk")[:MAX_ROWS]]
        formset = ActivityFormSet(initial=initial, prefix="rows")
        formset.extra = ROWS if not initial else max(ROWS - len(initial), 3)
        shown = f"{month[0]:%m/%Y}" if month is not None else request.GET.get("month") or ""
        return self.show(body, formset, month=shown)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        body = self.body_from(request.POST)
        if body is None:
            messages.error(request, _("Choose the body whose activities these are."))
            return HttpResponseRedirect(reverse("activities:activity_entry"))
        data = request.POST.copy()
        if "add_rows" in data:  # without script: the same rows, and ten more
            total = int(data.get("rows-TOTAL_FORMS") or 0)
            data["rows-TOTAL_FORMS"] = str(min(total + ADD_ROWS, MAX_ROWS))
            formset = ActivityFormSet(data, prefix="rows")
            return self.show(body, formset, month=data.get("month", ""), unbound_errors=False)
        formset = cast(BaseActivityFormSet, ActivityFormSet(data, prefix="rows"))
        if not formset.is_valid():
            return self.show(body, formset, month=data.get("month", ""), status=400)
        filled = formset.filled()
        ids: list[int] = [f.cleaned_data["id"] for f in filled if f.cleaned_data.get("id")]
        existing = {
            a.pk: a for a in scoped(self.actor, Activity.objects.select_related("body").filter(pk__in=ids))
        }
        groups = {group.pk: group for group in formset.audiences}
        rows = []
        for form in filled:
            pk = form.cleaned_data.get("id")
            if pk and pk not in existing:
                form.add_error(None, _("Not found, or not within your scope."))
            rows.append(row_input(form, groups, existing.get(pk) if pk else None))
        if any(f.errors for f in filled):
            return self.show(body, formset, month=data.get("month", ""), status=400)
        if not rows:
            messages.info(request, _("Nothing to save: every row is empty."))
            return self.show(body, formset, month=data.get("month", ""))
        try:
            result = self.call_service(body=body, rows=rows)
        except services.BatchInvalid as error:
            for index, fields in error.rows.items():
                for name, texts in fields.items():
                    for text in texts:
                        filled[index].add_error(None if name not in filled[index].fields else name, text)
            return self.show(body, formset, month=data.get("month", ""), status=400)
        except ValidationError as error:
            add_error_messages(request, error)
            return self.show(body, formset, month=data.get("month", ""), status=400)
        messages.success(
            request,
            _("Saved: %(created)s new, %(updated)s changed, %(deleted)s deleted.")
            % {"created": len(result.created), "updated": len(result.updated), "deleted": result.deleted},
        )
        return HttpResponseRedirect(reverse("activities:activity_list") + f"?body={body.pk}")

    service = services.activities_save_batch

    def show(
        self,
        body: Body | None,
        formset: Any,
        *,
        month: str = "",
        status: int = 200,
        unbound_errors: bool = True,
    ) -> HttpResponse:
        rows = [(index + 1, form) for index, form in enumerate(formset.forms)]
        context = self.get_context_data(
            body=body,
            body_form=BodyChoiceForm(initial={"body": body.pk if body else None}, user=self.actor),
            formset=formset,
            rows=rows,
            month=month,
            errors_count=sum(1 for form in formset.forms if form.errors) if unbound_errors else 0,
        )
        return render(self.request, cast(str, self.template_name), context, status=status)


def _initial(activity: Activity) -> dict[str, Any]:
    return {
        "id": activity.pk,
        "date": activity.date.strftime("%d/%m/%Y"),
        "date_end": activity.date_end.strftime("%d/%m/%Y") if activity.date_end else "",
        "kind": activity.kind,
        "topic": activity.topic,
        "participants": activity.participants,
        "officials_trained": activity.officials_trained,
        "audiences": [group.pk for group in activity.audiences.all()],
        "place_text": activity.place_text,
    }


class ActivityEditView(ObjectEditView):
    object_permission = "activities.change_activity"
    queryset = selectors.activity_list()
    form_class = ActivityForm
    service = services.activity_update
    template_name = "activities/activity_form.html"
    context_object_name = "activity"
    success_message = gettext_lazy("Changes saved.")

    def get_initial(self) -> dict[str, Any]:
        initial = super().get_initial()
        initial["audiences"] = [group.pk for group in self.object.audiences.all()]
        return initial

    def get_success_url(self) -> str:
        return reverse("activities:activity_list") + f"?body={self.object.body_id}"


class ActivityDeleteView(ObjectDeleteView):
    object_permission = "activities.delete_activity"
    queryset = Activity.objects.select_related("body")
    template_name = "activities/activity_delete.html"
    context_object_name = "activity"
    service = services.activity_delete
    success_url = reverse_lazy("activities:activity_list")  # type: ignore[assignment]
    success_message = gettext_lazy("Activity deleted.")

    def get_failure_url(self) -> str:
        return str(self.object.get_absolute_url())


class ImportTemplateView(ObjectView):
    """The spreadsheet to fill in (headers in Vietnamese and English)."""

    object_permission = "activities.view_activity"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = HttpResponse(imports.template_xlsx(), content_type=XLSX_TYPE)
        response["Content-Disposition"] = 'attachment; filename="activities-template.xlsx"'
        return response


class ImportView(ObjectActionView):
    """Upload a spreadsheet: checked (and, unless "check only", imported) by a job with progress."""

    permission_required = "activities.add_activity"
    template_name = "activities/activity_import.html"
    form_class = ImportForm
    service = imports.activities_import_start

    def get_form(self, data: Any = None, files: Any = None) -> BaseForm | None:
        initial: dict[str, Any] = {"dry_run": True}
        body = acting_for(getattr(self.actor, "body", None))
        if body is not None:
            initial["body"] = body.pk
        return ImportForm(data, files, user=self.actor, initial=initial)

    def get_service_kwargs(self, form: BaseForm | None) -> dict[str, Any]:
        assert form is not None
        data = form.cleaned_data
        return {"body": data["body"], "file": data["file"], "dry_run": bool(data.get("dry_run"))}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.get_form(request.POST, request.FILES)
        assert form is not None
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            job = self.call_service(**self.get_service_kwargs(form))
        except ValidationError as error:
            form.add_error("file", error.messages)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        return redirect_to_job(job)


class ImportJobMixin:
    """A job of the activities import the URL names, the user's own (404 otherwise)."""

    queryset: QuerySet[Any] | None = Job.objects.filter(kind=ActivitiesJob.IMPORT_XLSX.value)
    context_object_name: str | None = "job"


class ImportResultView(ImportJobMixin, ObjectView):
    object_permission = "core.view_job"
    template_name = "activities/activity_import_result.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        ctx["result"] = self.object.result_data or {}
        return ctx


class ImportConfirmView(ImportJobMixin, ObjectActionView):
    object_permission = "core.view_job"
    http_method_names = ["post"]
    service = imports.activities_import_confirm

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            job = self.call_service(job=self.object)
        except ValidationError as error:
            add_error_messages(request, error)
            return HttpResponseRedirect(reverse("activities:import_result", args=[self.object.pk]))
        return redirect_to_job(job)


# A report's figures from activities -----------------------------------------------------------------


class ReportFiguresMixin:
    queryset: QuerySet[Any] | None = Report.objects.select_related("cycle", "body", "template")
    context_object_name: str | None = "report"
    object_kwarg: str | None = "report"


class ReportFiguresView(ReportFiguresMixin, ObjectView):
    """The sums of the body's activities for the report's period, beside the report's figures."""

    object_permission = "reporting.view_report"
    template_name = "activities/report_figures.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        report: Report = self.object
        activities: QuerySet[Activity] = figures.report_activities(report)
        ctx.update(
            suggestions=figures.suggestions(report),
            activity_count=activities.count(),
            can_accept=report.is_editable and self.actor.has_perm("reporting.change_report", report),
            list_url=reverse("activities:activity_list")
            + f"?body={report.body_id}&date_from={report.cycle.period_start:%Y-%m-%d}"
            + f"&date_to={report.cycle.period_end:%Y-%m-%d}",
        )
        return ctx


class AcceptFigureView(ReportFiguresMixin, ObjectActionView):
    object_permission = "reporting.change_report"
    http_method_names = ["post"]
    service = figures.activity_figure_accept

    def get_service_kwargs(self, form: BaseForm | None) -> dict[str, Any]:
        try:
            version = int(self.request.POST.get("version") or "")
        except ValueError:
            version = -1
        return {"report": self.object, "key": self.request.POST.get("key", ""), "expected_version": version}

    def get_success_message(self, result: Any) -> str:
        return _("Figure filled in from the activities.")

    def get_success_url(self) -> str:
        return reverse("activities:report_figures", args=[self.object.pk])
