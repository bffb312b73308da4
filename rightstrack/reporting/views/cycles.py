"""Cycles, templates and the cycle dashboard."""

from __future__ import annotations

import datetime
import io
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import redirect
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views import View
from django.views.generic import TemplateView
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Font

from rightstrack.core.scope import ensure_can, get_scoped_or_404, scoped
from rightstrack.core.views import PermissionMixin, ScopedDetailView, ScopedListView, ServiceFormView
from rightstrack.reporting import selectors, services
from rightstrack.reporting.choices import CycleStatus, ReportStatus
from rightstrack.reporting.content import localized
from rightstrack.reporting.filters import ReportingCycleFilterSet, ReportTemplateFilterSet
from rightstrack.reporting.forms_cycles import (
    CycleCreateForm,
    CycleEditForm,
    DashboardFilterForm,
    IndicatorFormSetClass,
    SectionFormSetClass,
    TemplateNameForm,
    indicator_initial,
    section_initial,
)
from rightstrack.reporting.models import CycleParticipant, Report, ReportingCycle, ReportTemplate
from rightstrack.reporting.selectors import CycleDashboard
from rightstrack.reporting.specs import specs_of

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HANDED_IN = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
CYCLE_FIELDS = (
    "name",
    "name_en",
    "period_start",
    "period_end",
    "deadline",
    "template",
    "reminder_days_before",
)


def _url_or_empty(name: str, *args: Any) -> str:
    """A link to a page another part of the reporting UI provides; empty (and hidden) until it exists."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _add_errors(form: BaseForm, exc: ValidationError) -> None:
    """A service's ValidationError on the form: keyed errors on their fields, the rest above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# Cycles ---------------------------------------------------------------------------------------------


class CycleListView(ScopedListView):
    permission_required = "reporting.view_reportingcycle"
    base_queryset = selectors.cycle_list().order_by("-period_end", "name", "pk")
    filterset_class = ReportingCycleFilterSet
    template_name = "reporting/cycles/cycle_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        cycles = list(ctx["object_list"])
        ids = [cycle.pk for cycle in cycles]
        # Counts over what the user may see: a focal point counts their own body's report only.
        totals = dict(
            scoped(self.actor, CycleParticipant.objects.filter(cycle_id__in=ids))
            .values_list("cycle_id")
            .annotate(n=Count("id"))
            .order_by()
        )
        handed_in = dict(
            scoped(self.actor, Report.objects.filter(cycle_id__in=ids, status__in=HANDED_IN))
            .values_list("cycle_id")
            .annotate(n=Count("id"))
            .order_by()
        )
        for cycle in cycles:
            cycle.visible_total = totals.get(cycle.pk, 0)  # type: ignore[attr-defined]
            cycle.visible_handed_in = handed_in.get(cycle.pk, 0)  # type: ignore[attr-defined]
        ctx["cycles"] = cycles
        if self.actor.role in selectors.FOCAL_POINT_ROLES:
            today = timezone.localdate()
            to_write = list(selectors.reports_to_write(user=self.actor))
            ctx["reports_to_write"] = [(report, report.is_late(today)) for report in to_write]
        return ctx


class CycleDetailView(ScopedDetailView):
    """The cycle dashboard: every participant the user may see, with counts and filters."""

    permission_required = "reporting.view_reportingcycle"
    base_queryset = selectors.cycle_detail()
    template_name = "reporting/cycles/cycle_detail.html"
    context_object_name = "cycle"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        cycle: ReportingCycle = self.object
        user = self.actor
        form = DashboardFilterForm(self.request.GET or None)
        board = selectors.cycle_dashboard(user=user, cycle=cycle, **form.selector_kwargs())
        status = cycle.status
        ctx.update(
            board=board,
            filter={"form": form},
            cards=_summary_cards(board, self.request.GET),
            query=self.request.GET.urlencode(),
            can_edit=status != CycleStatus.CLOSED and user.has_perm("reporting.change_reportingcycle", cycle),
            can_open=status == CycleStatus.PLANNED and user.has_perm("reporting.open_reportingcycle", cycle),
            can_close=status == CycleStatus.OPEN and user.has_perm("reporting.close_reportingcycle", cycle),
            zip_url=""
            if status == CycleStatus.PLANNED
            else _url_or_empty("reporting:cycle_export_zip", cycle.pk),
            figures_url=(
                ""
                if status == CycleStatus.PLANNED
                else _url_or_empty("reporting:cycle_export_figures", cycle.pk)
            ),
            participants_rule=_participants_rule(cycle),
        )
        return ctx


def _summary_cards(board: CycleDashboard, params: QueryDict) -> list[dict[str, Any]]:
    """One card per figure; each links to the dashboard filtered on it (keeping the region)."""

    region = str(params.get("region") or "")

    def link(**changes: str) -> str:
        query = {"region": region, **changes} if region else changes
        return "?" + urlencode(query)

    status, late = params.get("status") or "", params.get("late") or ""
    cards = [
        {
            "label": _("Participants"),
            "value": board.total,
            "url": link(),
            "key": "total",
            "active": not status and not late,
        }
    ]
    cards += [
        {
            "label": label,
            "value": board.counts.get(value, 0),
            "url": link(status=value),
            "key": value,
            "active": status == value and not late,
        }
        for value, label in ReportStatus.choices
    ]
    cards.append(
        {
            "label": _("Late"),
            "value": board.late,
            "url": link(late="yes"),
            "key": "late",
            "active": late == "yes" and not status,
        }
    )
    return cards


def _participants_rule(cycle: ReportingCycle) -> str:
    """How the participants were chosen, in words (kept on the cycle for the record)."""
    if cycle.region is not None:
        return _("The provincial committees of %(region)s as of %(date)s") % {
            "region": localized(cycle.region.name, cycle.region.name_en),
            "date": _date(cycle.region_on),
        }
    if cycle.region_on is not None:
        return _("All provincial committees as of %(date)s") % {"date": _date(cycle.region_on)}
    return _("A list of bodies")


def _date(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


class CycleCreateView(ServiceFormView):
    permission_required = "reporting.add_reportingcycle"
    form_class = CycleCreateForm
    template_name = "reporting/cycles/cycle_form.html"
    success_message = gettext_lazy("Cycle created. Open it when the participants should start writing.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return super().get_form_kwargs() | {"user": self.actor}

    def get_initial(self) -> dict[str, Any]:
        current = ReportTemplate.objects.filter(is_current=True).order_by("name")
        return {"template": current.first()} if current.count() == 1 else {}

    def perform(self, form: BaseForm) -> ReportingCycle:
        assert isinstance(form, CycleCreateForm)
        data = form.cleaned_data
        return services.cycle_create(
            actor=self.actor,
            **{name: data[name] for name in CYCLE_FIELDS},
            **form.service_participants(),
        )


class CycleEditView(ServiceFormView):
    form_class = CycleEditForm
    template_name = "reporting/cycles/cycle_form.html"
    success_message = gettext_lazy("Changes saved.")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            self.cycle = get_scoped_or_404(request.user, selectors.cycle_detail(), pk=kwargs["pk"])
            ensure_can(request.user, "reporting.change_reportingcycle", self.cycle)
            if self.cycle.status == CycleStatus.CLOSED:
                messages.info(request, _("This cycle is closed and can no longer be changed."))
                return redirect(self.cycle.get_absolute_url())
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return super().get_form_kwargs() | {"user": self.actor, "cycle": self.cycle}

    def get_initial(self) -> dict[str, Any]:
        initial = {name: getattr(self.cycle, name) for name in CYCLE_FIELDS}
        if self.cycle.status == CycleStatus.PLANNED:
            initial["bodies"] = list(self.cycle.participants.values_list("body_id", flat=True))
        return initial

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        participants = self.cycle.participants.select_related("body").order_by("body__name")
        return super().get_context_data(**kwargs) | {"cycle": self.cycle, "participants": participants}

    def perform(self, form: BaseForm) -> ReportingCycle:
        assert isinstance(form, CycleEditForm)
        data = form.cleaned_data
        with transaction.atomic():
            cycle = services.cycle_update(
                actor=self.actor, cycle=self.cycle, **{name: data[name] for name in CYCLE_FIELDS}
            )
            present = set(cycle.participants.values_list("body_id", flat=True))
            chosen = list(data["bodies"])
            added = [body for body in chosen if body.pk not in present]
            if added:
                services.cycle_add_participants(actor=self.actor, cycle=cycle, bodies=added)
            if form.planned:
                # Only what the list offered can have been unticked (not, say, a ministry added elsewhere).
                offered = form.fields["bodies"].queryset  # type: ignore[attr-defined]
                chosen_ids = {body.pk for body in chosen}
                for body in offered.filter(pk__in=present).exclude(pk__in=chosen_ids):
                    services.cycle_remove_participant(actor=self.actor, cycle=cycle, body=body)
        return cycle


class CycleActionView(PermissionMixin, TemplateView):
    """A state change confirmed on its own page (GET) and made by POST."""

    template_name = "reporting/cycles/cycle_confirm.html"
    permission: str
    from_status: str
    title: str | Promise
    button: str | Promise

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            self.cycle = get_scoped_or_404(request.user, selectors.cycle_detail(), pk=kwargs["pk"])
            ensure_can(request.user, self.permission, self.cycle)
        return super().dispatch(request, *args, **kwargs)

    def act(self) -> str:
        raise NotImplementedError

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {
            "cycle": self.cycle,
            "title": self.title,
            "button": self.button,
            "applicable": self.cycle.status == self.from_status,
            "participant_count": self.cycle.participants.count(),
            "pending_count": self.cycle.reports.filter(
                status__in=[ReportStatus.DRAFT, ReportStatus.RETURNED]
            ).count(),
        }

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            message = self.act()
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        else:
            messages.success(request, message)
        return HttpResponseRedirect(self.cycle.get_absolute_url())


class CycleOpenView(CycleActionView):
    permission = "reporting.open_reportingcycle"
    from_status = CycleStatus.PLANNED
    title = gettext_lazy("Open the cycle")
    button = gettext_lazy("Open the cycle")

    def act(self) -> str:
        before = Report.objects.filter(cycle=self.cycle).count()
        services.cycle_open(actor=self.actor, cycle=self.cycle)
        created = Report.objects.filter(cycle=self.cycle).count() - before
        return _("The cycle is open: %(count)s draft reports were created.") % {"count": created}


class CycleCloseView(CycleActionView):
    permission = "reporting.close_reportingcycle"
    from_status = CycleStatus.OPEN
    title = gettext_lazy("Close the cycle")
    button = gettext_lazy("Close the cycle")

    def act(self) -> str:
        services.cycle_close(actor=self.actor, cycle=self.cycle)
        return _("The cycle is closed: its reports can no longer be edited, submitted or returned.")


class CycleDashboardXlsxView(PermissionMixin, View):
    """The dashboard list, with the page's filters, as a spreadsheet."""

    permission_required = "reporting.view_reportingcycle"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        cycle = get_scoped_or_404(request.user, selectors.cycle_detail(), pk=pk)
        form = DashboardFilterForm(request.GET or None)
        board = selectors.cycle_dashboard(user=self.actor, cycle=cycle, **form.selector_kwargs())
        response = HttpResponse(dashboard_workbook(board), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="cycle-{cycle.pk}-dashboard.xlsx"'
        return response


def _text(cell: Cell) -> None:
    """Names are text, never formulas, whatever they start with."""
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"


def _local_date(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localtime(moment).date() if moment else None


def _local_naive(moment: datetime.datetime | None) -> datetime.datetime | None:
    """Spreadsheets have no time zones: the local wall-clock time."""
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def dashboard_workbook(board: CycleDashboard) -> bytes:
    """One row per participant: body, province, status, submitted on, late, last activity."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Dashboard")[:31]
    workbook.properties.title = board.cycle.display_name
    headers = [
        _("Body"),
        pgettext("spreadsheet column: the name of the province", "Province"),
        _("Status"),
        _("Submitted on"),
        _("Late"),
        _("Last activity"),
    ]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    no_report = _("No report yet")
    yes, no = _("Yes"), _("No")
    for row in board.rows:
        sheet.append(
            [
                row.body.name,
                row.body.unit.name if row.body.unit else "",
                str(ReportStatus(row.status).label) if row.status else no_report,
                _local_date(row.submitted_at),
                yes if row.is_late else no,
                _local_naive(row.last_activity_at),
            ]
        )
    for line in sheet.iter_rows(min_row=2):
        _text(line[0])
        _text(line[1])
        line[3].number_format = "DD/MM/YYYY"
        line[5].number_format = "DD/MM/YYYY HH:MM"
    for letter, width in zip("ABCDEF", (48, 24, 22, 14, 10, 18), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Templates ------------------------------------------------------------------------------------------


class TemplateListView(ScopedListView):
    permission_required = "reporting.view_reporttemplate"
    base_queryset = selectors.template_list()
    filterset_class = ReportTemplateFilterSet
    template_name = "reporting/cycles/template_list.html"


class TemplateDetailView(ScopedDetailView):
    permission_required = "reporting.view_reporttemplate"
    base_queryset = selectors.template_detail()
    template_name = "reporting/cycles/template_detail.html"
    context_object_name = "template"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        template: ReportTemplate = self.object
        versions = list(
            scoped(self.actor, ReportTemplate.objects.filter(family=template.family))
            .select_related("created_by")
            .annotate(
                report_count=Count("reports", distinct=True),
                cycle_count=Count("cycles", distinct=True),
            )
            .order_by("-version")
        )
        ctx.update(
            versions=versions,
            current=next((v for v in versions if v.is_current), None),
            this_version=next((v for v in versions if v.pk == template.pk), None),
            can_revise=self.actor.has_perm("reporting.change_reporttemplate", template),
        )
        return ctx


class TemplateReviseView(PermissionMixin, TemplateView):
    """Edit a template's outline; saving writes version N+1 and leaves every earlier version as it is."""

    template_name = "reporting/cycles/template_revise.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            self.template = get_scoped_or_404(request.user, selectors.template_detail(), pk=kwargs["pk"])
            ensure_can(request.user, "reporting.change_reporttemplate", self.template)
            self.old_sections, self.old_indicators = specs_of(self.template)
        return super().dispatch(request, *args, **kwargs)

    def _parent_choices(self) -> list[tuple[str, str]]:
        return [(s.key, s.title) for s in self.old_sections if s.parent is None]

    def _forms(self, data: QueryDict | None = None) -> tuple[TemplateNameForm, Any, Any]:
        name_form = TemplateNameForm(
            data, initial={"name": self.template.name, "name_en": self.template.name_en}
        )
        sections = SectionFormSetClass(
            data,
            prefix="sections",
            initial=section_initial(self.old_sections),
            parent_choices=self._parent_choices(),
        )
        indicators = IndicatorFormSetClass(
            data, prefix="indicators", initial=indicator_initial(self.old_indicators)
        )
        return name_form, sections, indicators

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        if "name_form" not in ctx:
            ctx["name_form"], ctx["sections"], ctx["indicators"] = self._forms()
        usage = ReportTemplate.objects.filter(pk=self.template.pk).aggregate(
            reports=Count("reports", distinct=True), cycles=Count("cycles", distinct=True)
        )
        latest = ReportTemplate.objects.filter(family=self.template.family).order_by("-version").first()
        ctx.update(
            template=self.template,
            report_count=usage["reports"],
            cycle_count=usage["cycles"],
            next_version=(latest.version if latest else self.template.version) + 1,
            latest=latest,
        )
        return ctx

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        name_form, sections, indicators = self._forms(request.POST)
        context = {"name_form": name_form, "sections": sections, "indicators": indicators}
        if not all([name_form.is_valid(), sections.is_valid(), indicators.is_valid()]):
            return self.render_to_response(self.get_context_data(**context))
        new_sections, new_indicators = sections.specs(), indicators.specs()
        name, name_en = name_form.cleaned_data["name"], name_form.cleaned_data["name_en"]
        unchanged = (
            name == self.template.name
            and name_en == self.template.name_en
            and new_sections == self.old_sections
            and new_indicators == self.old_indicators
        )
        if unchanged:
            name_form.add_error(None, _("Nothing was changed, so no new version was written."))
            return self.render_to_response(self.get_context_data(**context))
        try:
            revised = services.template_revise(
                actor=self.actor,
                template=self.template,
                name=name,
                name_en=name_en,
                sections=new_sections,
                indicators=new_indicators,
            )
        except ValidationError as exc:
            _add_errors(name_form, exc)
            return self.render_to_response(self.get_context_data(**context))
        messages.success(
            request,
            _("Version %(version)s is now the current version. Reports already written keep their version.")
            % {"version": revised.version},
        )
        return redirect("reporting:template_detail", revised.pk)


urlpatterns: list[URLPattern] = [
    path("cycles/", CycleListView.as_view(), name="cycle_list"),
    path("cycles/new/", CycleCreateView.as_view(), name="cycle_create"),
    path("cycles/<int:pk>/", CycleDetailView.as_view(), name="cycle_detail"),
    path("cycles/<int:pk>/edit/", CycleEditView.as_view(), name="cycle_edit"),
    path("cycles/<int:pk>/open/", CycleOpenView.as_view(), name="cycle_open"),
    path("cycles/<int:pk>/close/", CycleCloseView.as_view(), name="cycle_close"),
    path("cycles/<int:pk>/dashboard.xlsx", CycleDashboardXlsxView.as_view(), name="cycle_dashboard_xlsx"),
    path("templates/", TemplateListView.as_view(), name="template_list"),
    path("templates/<int:pk>/", TemplateDetailView.as_view(), name="template_detail"),
    path("templates/<int:pk>/revise/", TemplateReviseView.as_view(), name="template_revise"),
]
