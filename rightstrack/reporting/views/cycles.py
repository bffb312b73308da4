"""Reporting cycles: the list, a cycle's page (with its dashboard), create, edit, open, close."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django.contrib import messages
from django.db.models import Count
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.core.collation import vi_order
from rightstrack.core.db_router import ReplicaReadsMixin
from rightstrack.core.scope import scoped
from rightstrack.core.views.generic import ObjectActionView, ObjectEditView, ObjectListView, ObjectView
from rightstrack.reporting import selectors, services
from rightstrack.reporting.choices import CycleStatus, ReportStatus
from rightstrack.reporting.content import localized
from rightstrack.reporting.filters import ReportingCycleFilterSet
from rightstrack.reporting.forms.cycles import CycleCreateForm, CycleEditForm, DashboardFilterForm
from rightstrack.reporting.models import CycleParticipant, Report, ReportingCycle, ReportTemplate
from rightstrack.reporting.services.cycles import CYCLE_FIELDS
from rightstrack.reporting.tables import ReportingCycleTable
from rightstrack.reporting.views.dashboard import summary_cards

HANDED_IN = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


def _url_or_empty(name: str, *args: Any) -> str:
    """A link to a page another part of the reporting UI provides; empty (and hidden) until it exists."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


class CycleListView(ObjectListView):
    permission_required = "reporting.view_reportingcycle"
    queryset = selectors.cycle_list().order_by("-period_end", "name", "pk")
    filterset_class = ReportingCycleFilterSet
    table_class = ReportingCycleTable
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
        ctx["table"] = ReportingCycleTable(cycles)
        if self.actor.role in selectors.FOCAL_POINT_ROLES:
            today = timezone.localdate()
            to_write = list(selectors.reports_to_write(user=self.actor))
            ctx["reports_to_write"] = [(report, report.is_late(today)) for report in to_write]
        ctx["predecessor_reports"] = selectors.predecessor_reports(user=self.actor)
        return ctx


class CycleDetailView(ReplicaReadsMixin, ObjectView):
    """The cycle dashboard: every participant the user may see, with counts and filters (read from the
    replica where there is one: a second's delay is harmless here)."""

    permission_required = "reporting.view_reportingcycle"
    queryset = selectors.cycle_detail()
    template_name = "reporting/cycles/cycle_detail.html"
    context_object_name = "cycle"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.filter_form = DashboardFilterForm(request.GET or None)
        response = super().get(request, *args, **kwargs)
        if self.filter_form.is_bound and not self.filter_form.is_valid():
            response.status_code = 400  # as a list's filter that cannot be used: the form says why
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        cycle: ReportingCycle = self.object
        user = self.actor
        form = self.filter_form
        board = selectors.cycle_dashboard(user=user, cycle=cycle, **form.selector_kwargs())
        status = cycle.status
        ctx.update(
            board=board,
            filter={"form": form},
            cards=summary_cards(board, self.request.GET),
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


class CycleCreateView(ObjectEditView):
    object_permission = "reporting.add_reportingcycle"
    form_class = CycleCreateForm
    service = services.cycle_create
    template_name = "reporting/cycles/cycle_form.html"
    success_message = gettext_lazy("Cycle created. Open it when the participants should start writing.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return super().get_form_kwargs() | {"user": self.actor}

    def get_initial(self) -> dict[str, Any]:
        current = ReportTemplate.objects.filter(is_current=True).order_by("name")
        return {"template": current.first()} if current.count() == 1 else {}

    def get_service_kwargs(self, form: BaseForm) -> dict[str, Any]:
        assert isinstance(form, CycleCreateForm)
        data = form.cleaned_data
        return {name: data[name] for name in CYCLE_FIELDS} | form.service_participants()


class CycleEditView(ObjectEditView):
    """The cycle's fields and its participants, saved by one ``cycle_update`` in one transaction."""

    object_permission = "reporting.change_reportingcycle"
    queryset = selectors.cycle_detail()
    form_class = CycleEditForm
    service = services.cycle_update
    template_name = "reporting/cycles/cycle_form.html"
    context_object_name = "cycle"
    object_kwarg = "cycle"
    success_message = gettext_lazy("Changes saved.")

    @property
    def cycle(self) -> ReportingCycle:
        return cast(ReportingCycle, self.object)

    def refuse(self) -> HttpResponse | None:
        if self.cycle.status != CycleStatus.CLOSED:
            return None
        messages.info(self.request, _("This cycle is closed and can no longer be changed."))
        return redirect(self.cycle.get_absolute_url())

    def get_form_kwargs(self) -> dict[str, Any]:
        return super().get_form_kwargs() | {"user": self.actor, "cycle": self.cycle}

    def get_initial(self) -> dict[str, Any]:
        initial = {name: getattr(self.cycle, name) for name in CYCLE_FIELDS}
        if self.cycle.status == CycleStatus.PLANNED:
            initial["bodies"] = list(self.cycle.participants.values_list("body_id", flat=True))
        return initial

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        participants = self.cycle.participants.select_related("body").order_by(vi_order("body__name"))
        return super().get_context_data(**kwargs) | {"participants": participants}

    def get_service_kwargs(self, form: BaseForm) -> dict[str, Any]:
        assert isinstance(form, CycleEditForm)
        data = form.cleaned_data
        kwargs = {name: data[name] for name in CYCLE_FIELDS} | {"cycle": self.cycle}
        kwargs["participants"] = list(data["bodies"])
        if form.planned:
            # Only what the list offered can have been unticked (not, say, a ministry added elsewhere).
            kwargs["chosen_from"] = form.fields["bodies"].queryset  # type: ignore[attr-defined]
        return kwargs


class CycleActionView(ObjectActionView):
    """A state change confirmed on its own page (GET) and made by POST (one service)."""

    template_name = "reporting/cycles/cycle_confirm.html"
    queryset = selectors.cycle_detail()
    context_object_name = "cycle"
    object_kwarg = "cycle"
    from_status: str
    title: str | Promise
    button: str | Promise

    @property
    def cycle(self) -> ReportingCycle:
        return cast(ReportingCycle, self.object)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {
            "title": self.title,
            "button": self.button,
            "applicable": self.cycle.status == self.from_status,
            "participant_count": self.cycle.participants.count(),
            "pending_count": self.cycle.reports.filter(
                status__in=[ReportStatus.DRAFT, ReportStatus.RETURNED]
            ).count(),
        }


class CycleOpenView(CycleActionView):
    object_permission = "reporting.open_reportingcycle"
    service = services.cycle_open
    from_status = CycleStatus.PLANNED
    title = gettext_lazy("Open the cycle")
    button = gettext_lazy("Open the cycle")

    def get_service_kwargs(self, form: BaseForm | None) -> dict[str, Any]:
        self.reports_before = Report.objects.filter(cycle=self.cycle).count()
        return super().get_service_kwargs(form)

    def get_success_message(self, result: Any) -> str:
        created = Report.objects.filter(cycle=self.cycle).count() - self.reports_before
        return _("The cycle is open: %(count)s draft reports were created.") % {"count": created}


class CycleCloseView(CycleActionView):
    object_permission = "reporting.close_reportingcycle"
    service = services.cycle_close
    from_status = CycleStatus.OPEN
    title = gettext_lazy("Close the cycle")
    button = gettext_lazy("Close the cycle")
    success_message = gettext_lazy(
        "The cycle is closed: its reports can no longer be edited, submitted or returned."
    )
