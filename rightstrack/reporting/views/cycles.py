"""Reporting cycles: the list, a cycle's page (with its dashboard), create, edit, open, close."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from rightstrack.core.scope import ensure_can, get_scoped_or_404, scoped
from rightstrack.core.views import PermissionMixin, ScopedDetailView, ScopedListView, ServiceFormView
from rightstrack.reporting import selectors, services
from rightstrack.reporting.choices import CycleStatus, ReportStatus
from rightstrack.reporting.content import localized
from rightstrack.reporting.filters import ReportingCycleFilterSet
from rightstrack.reporting.forms.cycles import CycleCreateForm, CycleEditForm, DashboardFilterForm
from rightstrack.reporting.models import CycleParticipant, Report, ReportingCycle, ReportTemplate
from rightstrack.reporting.views.dashboard import summary_cards

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
