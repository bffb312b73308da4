"""The cycle dashboard: its summary cards and its list as a spreadsheet."""

from __future__ import annotations

import datetime
import io
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views import View
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Font

from rightstrack.core.scope import get_scoped_or_404
from rightstrack.core.views import PermissionMixin
from rightstrack.reporting import selectors
from rightstrack.reporting.choices import ReportStatus
from rightstrack.reporting.forms.cycles import DashboardFilterForm
from rightstrack.reporting.selectors import CycleDashboard

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def summary_cards(board: CycleDashboard, params: QueryDict) -> list[dict[str, Any]]:
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
