"""The cycle dashboard: its summary cards and its list as a spreadsheet."""

from __future__ import annotations

from typing import Any, cast
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.utils.translation import gettext as _

from rightstrack.core.views.generic import ObjectView
from rightstrack.exchange.uploads import CONTENT_TYPES, XLSX
from rightstrack.reporting import selectors
from rightstrack.reporting.choices import ReportStatus
from rightstrack.reporting.forms.cycles import DashboardFilterForm
from rightstrack.reporting.models import ReportingCycle
from rightstrack.reporting.selectors import CycleDashboard
from rightstrack.reporting.services import exports


def summary_cards(board: CycleDashboard, params: QueryDict) -> list[dict[str, Any]]:
    """One card per figure; each links to the dashboard filtered on it (keeping the other filters: the
    region, the tag)."""

    kept = {name: value for name, value in params.items() if value and name not in ("status", "late")}

    def link(**changes: str) -> str:
        return "?" + urlencode({**kept, **changes})

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


class CycleDashboardXlsxView(ObjectView):
    """The dashboard list, with the page's filters, as a spreadsheet."""

    permission_required = "reporting.view_reportingcycle"
    queryset = selectors.cycle_detail()

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        cycle = cast(ReportingCycle, self.object)
        form = DashboardFilterForm(request.GET or None)
        if form.is_bound and not form.is_valid():
            return HttpResponseBadRequest(
                _("Some filters could not be used. Correct them, then filter again."),
                content_type="text/plain; charset=utf-8",
            )
        board = selectors.cycle_dashboard(user=self.actor, cycle=cycle, **form.selector_kwargs())
        response = HttpResponse(exports.dashboard_to_xlsx(board), content_type=CONTENT_TYPES[XLSX])
        response["Content-Disposition"] = f'attachment; filename="cycle-{cycle.pk}-dashboard.xlsx"'
        return response
