"""A report's revisions: one revision's content, and what changed between two."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from rightstrack.core.views.generic import ObjectView
from rightstrack.exchange.html import html_to_text
from rightstrack.reporting import selectors
from rightstrack.reporting.forms.reports import RevisionCompareForm
from rightstrack.reporting.models import ReportRevision
from rightstrack.reporting.views.reports import ReportMixin, clean_html, section_views


class RevisionDetailView(ReportMixin, ObjectView):
    """The report's whole content as one revision recorded it."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        number = self.kwargs["number"]
        revision = get_object_or_404(
            ReportRevision.objects.select_related("created_by"), report=self.report, number=number
        )
        snapshot = revision.snapshot or {}
        figures = snapshot.get("figures", {})
        rows = sorted(self.report.figures.all(), key=lambda row: row.indicator.order)
        previous = (
            ReportRevision.objects.filter(report=self.report, number__lt=number)
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
        )
        unplaced = snapshot.get("unplaced") or ""
        return render(
            request,
            "reporting/reports/revision_detail.html",
            {
                "report": self.report,
                "revision": revision,
                "previous": previous,
                "sections": section_views(self.report, snapshot.get("sections", {})),
                "figures": [(row.indicator, figures.get(row.indicator.key)) for row in rows],
                "unplaced": clean_html(unplaced) if html_to_text(unplaced) else "",
            },
        )


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "add", "remove", "same", "hunk" (a gap between changes) or "figure"
    text: str


class RevisionDiffView(ReportMixin, ObjectView):
    """What changed between two revisions, section by section (``selectors.revision_diff``)."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        revisions = list(selectors.report_revisions(self.report, content=True))
        if len(revisions) < 2:
            messages.info(
                request, _("This report has only one revision so far: there is nothing to compare.")
            )
            return redirect(self.detail_url("#revisions"))
        params = request.GET.copy()
        default_a, default_b, chosen = selectors.default_comparison(revisions)
        if "a" in params or "b" in params:
            chosen = ""  # the reader chose
        params.setdefault("b", str(default_b.number))
        params.setdefault("a", str(default_a.number))
        form = RevisionCompareForm(params, revisions=revisions)
        if not form.is_valid():
            raise Http404(_("No such revision."))
        by_number = {revision.number: revision for revision in revisions}
        older, newer = sorted((form.cleaned_data["a"], form.cleaned_data["b"]))
        a, b = by_number[older], by_number[newer]
        a.report = b.report = self.report
        diffs = []
        for diff in selectors.revision_diff(a, b):
            lines = [self.line(text) for text in diff.diff.splitlines()]
            if lines and lines[0].kind == "hunk":
                lines = lines[1:]  # a gap is shown between changes, not before the first
            diffs.append((diff.title, lines))
        return render(
            request,
            "reporting/reports/revision_diff.html",
            {"report": self.report, "form": form, "a": a, "b": b, "diffs": diffs, "chosen": chosen},
        )

    @staticmethod
    def line(text: str) -> DiffLine:
        if text.startswith("@@"):
            return DiffLine("hunk", "…")
        if text.startswith("+"):
            return DiffLine("add", text[1:])
        if text.startswith("-"):
            return DiffLine("remove", text[1:])
        if text.startswith(" "):
            return DiffLine("same", text[1:])
        return DiffLine("figure", text)  # figures are listed as "label: old → new"
