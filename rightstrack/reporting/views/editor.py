"""The writing page, its autosave, and the merge of a save with someone else's newer save."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from rightstrack.core.numbers import format_number, plain_number
from rightstrack.core.views.errors import add_error_messages, error_text, problem
from rightstrack.core.views.generic import ObjectActionView, ObjectEditView
from rightstrack.exchange.html import sanitize_html
from rightstrack.reporting import extensions, selectors, services
from rightstrack.reporting.exceptions import ReportNotEditable, StaleReport
from rightstrack.reporting.forms.reports import (
    UNPLACED_FIELD,
    AttachmentForm,
    ReportContentForm,
    figure_field,
    section_field,
)
from rightstrack.reporting.models import Report, ReportRevision
from rightstrack.reporting.services.conflicts import Merge, find_conflicts
from rightstrack.reporting.views.reports import ReportMixin, clean_html, report_actions, section_views

AUTOSAVE_INTERVAL_MS = 20_000


@dataclass
class Conflict:
    """A section or figure someone else changed since the writer read it, with the newer value."""

    theirs: str
    theirs_html: SafeString | None = None


def shown_number(value: Any) -> Any:
    """A figure the server holds (plain "1250.5") as the writer's language writes it ("1.250,5"); a blank
    one (None or "") stays as it is."""
    if value is None or value == "":
        return value
    try:
        return format_number(value, get_language() or "vi", empty="")
    except (ArithmeticError, ValueError):
        return str(value)


def typed_numbers(figures: Mapping[str, Any]) -> dict[str, Any]:
    """Figures as typed in the writer's language, in the plain form the services read."""
    language = get_language() or "vi"
    return {
        key: plain_number(value, language) if isinstance(value, str) else value
        for key, value in figures.items()
    }


def page_conflicts(merge: Merge) -> tuple[dict[str, Conflict], dict[str, str]]:
    """The merge (``services.conflicts``) by form field: the clashes to show, the newer values to take."""
    conflicts: dict[str, Conflict] = {}
    refreshed: dict[str, str] = {}
    for key, theirs in merge.section_conflicts.items():
        conflicts[section_field(key)] = Conflict(theirs=theirs, theirs_html=clean_html(theirs))
    for key, theirs in merge.figure_conflicts.items():
        conflicts[figure_field(key)] = Conflict(theirs=shown_number(theirs))
    if merge.unplaced_conflict is not None:
        conflicts[UNPLACED_FIELD] = Conflict(merge.unplaced_conflict, clean_html(merge.unplaced_conflict))
    refreshed |= {section_field(key): value for key, value in merge.refreshed_sections.items()}
    refreshed |= {figure_field(key): shown_number(value) for key, value in merge.refreshed_figures.items()}
    if merge.refreshed_unplaced is not None:
        refreshed[UNPLACED_FIELD] = merge.refreshed_unplaced
    return conflicts, refreshed


def shown_version(report: Report) -> int:
    """The version number people see: that of the report's latest revision, as the revision list numbers
    them (``Report.version`` is the lock a save names, and also counts workflow steps)."""
    return selectors.report_revisions(report).values_list("number", flat=True).first() or 1


class ReportEditView(ReportMixin, ObjectEditView):
    """The writing page: sections in rich-text editors, figures, attachments; saves on a version.

    "Save" calls ``report_save``, "Submit" ``report_save_and_submit``: one service, one transaction.
    """

    object_permission = "reporting.change_report"
    template_name = "reporting/reports/report_edit.html"

    def content_form(self, data: Any = None) -> ReportContentForm:
        return ReportContentForm(
            data,
            report=self.report,
            sections=sorted(self.report.sections.all(), key=lambda row: row.section.order),
            figures=sorted(self.report.figures.all(), key=lambda row: row.indicator.order),
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.refused() or self.show(self.content_form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refused = self.refused()
        if refused:
            return refused
        form = self.content_form(request.POST)
        if not form.is_valid():
            return self.show(form)
        submit = request.POST.get("action") == "submit"
        service = services.report_save_and_submit if submit else services.report_save
        kwargs = form.service_kwargs()
        if submit:  # gaps the check before submitting finds need the writer's yes (the box by the button)
            kwargs["confirm_incomplete"] = request.POST.get("confirm", "") in {"1", "on", "true"}
        try:
            saved = service(actor=self.actor, report=self.report, **kwargs)
        except StaleReport as error:
            return self.show_conflict(form, error, kwargs["expected_version"])
        except ReportNotEditable as error:
            add_error_messages(request, error, level=messages.WARNING)
            return redirect(self.detail_url())
        except ValidationError as error:
            form.add_service_errors(error)
            return self.show(form)
        if submit:
            messages.success(request, _("Report submitted to the standing office."))
            return redirect(self.detail_url())
        version = shown_version(saved)
        messages.success(request, _("Report saved (version %(version)s).") % {"version": version})
        return redirect(self.edit_url())

    def show_conflict(self, form: ReportContentForm, error: StaleReport, expected: int) -> HttpResponse:
        """Show the writer's text as typed beside the newer text; the page now bases on the new version."""
        data = form.data
        posted = form.posted
        merge = find_conflicts(
            stale=error,
            expected_version=expected,
            sections={
                row.section.key: str(data.get(section_field(row.section.key), ""))
                for row in form.section_rows
                if section_field(row.section.key) in posted
            },
            figures=typed_numbers(
                {
                    row.indicator.key: data.get(figure_field(row.indicator.key), "")
                    for row in form.figure_rows
                    if figure_field(row.indicator.key) in posted
                }
            ),
            unplaced=str(data.get(UNPLACED_FIELD, "")) if UNPLACED_FIELD in posted else None,
            with_unplaced=UNPLACED_FIELD in form.fields,
        )
        conflicts, refreshed = page_conflicts(merge)
        data = dict(form.data) | refreshed
        data["expected_version"] = str(error.report.version)
        rebased = self.content_form(data)
        rebased.posted = set(form.posted) - set(refreshed)
        rebased.extension_data = form.extension_data  # the answers typed were not saved: shown again as typed
        self.report.version = error.report.version
        latest = selectors.report_revisions(self.report).first()
        return self.show(
            rebased,
            conflicts=conflicts,
            stale_message=error_text(error),
            latest=latest,
            status=409,
        )

    def show(
        self,
        form: ReportContentForm,
        *,
        conflicts: dict[str, Conflict] | None = None,
        stale_message: str = "",
        latest: ReportRevision | None = None,
        status: int = 200,
    ) -> HttpResponse:
        conflicts = conflicts or {}
        report = self.report
        current = form.current_values()
        bound = form.is_bound

        def dirty(name: str) -> bool:
            if not bound or name not in form.posted:
                return False
            return sanitize_html(str(form.data.get(name, ""))) != sanitize_html(current.get(name, ""))

        views = section_views(report)
        added = extensions.blocks(
            report, user=self.actor, section_keys=[view.key for view in views], typed=form.extension_data
        )
        sections = []
        for view, (_row, bound_field) in zip(views, form.sections(), strict=True):
            name = bound_field.name
            sections.append(
                {
                    "view": view,
                    "field": bound_field,
                    "conflict": conflicts.get(name),
                    "dirty": dirty(name),
                    "extensions": added.get(view.key, []),
                }
            )
        figures = [
            {"row": row, "field": bound_field, "conflict": conflicts.get(bound_field.name)}
            for row, bound_field in form.figures()
        ]
        context = {
            "report": report,
            "form": form,
            "sections": sections,
            "figures": figures,
            "unplaced_field": form[UNPLACED_FIELD] if UNPLACED_FIELD in form.fields else None,
            "trailing_extensions": added.get("", []),
            "typed_extensions": form.extension_data,
            "unplaced_conflict": conflicts.get(UNPLACED_FIELD),
            "conflict_count": len(conflicts),
            "stale_message": stale_message,
            "latest": latest,
            "attachment_form": AttachmentForm(),
            "attachments": list(report.attachments.all()),
            "general_comments": [c for c in report.comments.all() if c.section_id is None],
            "editor_config": self.editor_config(form),
            **report_actions(self.actor, report),
        }
        return render(self.request, self.template_name, context, status=status)

    def editor_config(self, form: ReportContentForm) -> dict[str, Any]:
        return {
            "reportId": self.report.pk,
            "userId": self.actor.pk,
            "version": int(form["expected_version"].value() or self.report.version),
            "autosaveUrl": reverse("reporting:report_autosave", args=[self.report.pk]),
            "intervalMs": AUTOSAVE_INTERVAL_MS,
            "strings": editor_strings(),
        }


def editor_strings() -> dict[str, str]:
    """Every text the editor script shows, in the page's language (the script fills in ``%(name)s``)."""
    return {
        "saving": _("Saving…"),
        "saved": _("All changes saved at %(time)s."),
        "unsaved": _("Changes not saved yet."),
        "offline": _(
            "Not saved: the server could not be reached. Your text is kept in this browser and will be "
            "saved when the connection returns."
        ),
        "invalid": _("Not saved: correct the fields marked below."),
        "figuresNotSaved": _("The text is saved; the figures marked below are not: correct them."),
        "conflict": _(
            "Someone else saved this report while you were writing. Nothing you typed is lost: compare the "
            "sections marked “Changed by someone else” and choose which text to keep."
        ),
        "conflictBadge": _("Changed by someone else"),
        "resolveFirst": _(
            "Choose which text to keep in each section marked “Changed by someone else” before saving."
        ),
        "refreshed": _("This section was updated with a colleague's newer text."),
        "useTheirs": _("Use the newer text"),
        "keepMine": _("Keep my text"),
        "copyMine": _("Copy my text"),
        "copied": _("Your text was copied to the clipboard."),
        "keptMine": _("Your text will replace the newer text when you save."),
        "restorePrompt": _("This browser kept text you had not saved (%(time)s). Restore it?"),
        "restore": _("Restore my unsaved text"),
        "discard": _("Discard it"),
        "restored": _("Your unsaved text was restored. Check it, then save."),
        "confirmSubmit": _(
            "Submit this report to the standing office? You will not be able to change it unless it is "
            "returned to you."
        ),
        "placeholder": _("Write here…"),
        "toolbar": _("Formatting"),
        "textStyle": _("Text style"),
        "normal": _("Normal text"),
        "heading2": _("Heading"),
        "heading3": _("Subheading"),
        "heading4": _("Minor heading"),
        "bold": _("Bold"),
        "italic": _("Italic"),
        "underline": _("Underline"),
        "ordered": _("Numbered list"),
        "bullet": _("Bulleted list"),
        "link": _("Link"),
        "clean": _("Remove formatting"),
        "tab": _("Insert a tab character (Ctrl+])"),
        "linkVisit": _("Open link:"),
        "linkEnter": _("Link address:"),
        "linkPlaceholder": _("https://… (web address)"),
        "linkEdit": _("Edit"),
        "linkSave": _("Save"),
        "linkRemove": _("Remove"),
        "readOnly": _("This report can no longer be edited."),
        "mergedCells": _(
            "This section holds a table with merged cells. The editor shows every cell on its own: if you "
            "change this section, the table is saved without the merging."
        ),
    }


class ReportAutosaveView(ReportMixin, ObjectActionView):
    """POST {version, sections, figures[, unplaced]} as JSON: 200 with the new version, 409 with the newer
    text when the version is stale (``code: stale``) or the report is no longer editable (``read_only``),
    400 with the errors by field when something is invalid (nothing is saved then).

    A stale answer carries ``merge`` (``services.conflicts.find_conflicts``): the sections and figures that
    clash (show them beside the writer's text) and those only someone else changed (take them as they are).
    """

    object_permission = "reporting.change_report"
    http_method_names = ["post"]

    def get_queryset(self) -> QuerySet[Report]:
        return Report.objects.select_related("cycle", "body", "template")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        try:
            payload = json.loads(request.body or b"{}")
            version = payload["version"]
            sections = payload.get("sections") or {}
            figures = payload.get("figures") or {}
            unplaced = payload.get("unplaced")
            added = extensions.clean_payload(payload.get("extensions"))
            if not (
                isinstance(version, int)
                and isinstance(sections, dict)
                and isinstance(figures, dict)
                and all(isinstance(v, str) for v in sections.values())
                and all(v is None or isinstance(v, str | int | float) for v in figures.values())
                and (unplaced is None or isinstance(unplaced, str))
            ):
                raise ValueError
            figures = typed_numbers(figures)
        except (ValueError, KeyError, TypeError, ValidationError):
            return JsonResponse(
                {"code": "bad_request", "message": _("The request was not understood.")}, status=400
            )
        try:
            saved = services.report_save(
                actor=self.actor,
                report=self.report,
                expected_version=version,
                sections=sections,
                figures={key: (str(value) if value is not None else None) for key, value in figures.items()},
                unplaced_html=unplaced,
                autosave=True,
                extensions=added,
            )
        except StaleReport as error:
            merge = find_conflicts(
                stale=error,
                expected_version=version,
                sections=sections,
                figures=figures,
                unplaced=unplaced,
                with_unplaced=True,
            )
            merge.section_conflicts = {
                key: sanitize_html(html) for key, html in merge.section_conflicts.items()
            }
            merge.refreshed_sections = {
                key: sanitize_html(html) for key, html in merge.refreshed_sections.items()
            }
            merge.figure_conflicts = {key: shown_number(v) for key, v in merge.figure_conflicts.items()}
            merge.refreshed_figures = {key: shown_number(v) for key, v in merge.refreshed_figures.items()}
            return JsonResponse(
                {
                    "code": "stale",
                    "message": error_text(error),
                    "version": error.report.version,
                    # The page shows these as HTML: cleaned again, like everything the pages show.
                    "sections": {key: sanitize_html(html) for key, html in error.sections.items()},
                    "figures": {key: shown_number(value) for key, value in error.figures.items()},
                    "unplaced": sanitize_html(error.report.unplaced_html),
                    "merge": merge.as_dict(),
                },
                status=409,
            )
        except ReportNotEditable as error:
            return JsonResponse({"code": "read_only", "message": error_text(error)}, status=409)
        except ValidationError as error:
            return JsonResponse(
                problem(error, code="invalid", message=_("Not saved: correct the fields marked below.")),
                status=400,
            )
        now = timezone.localtime()
        return JsonResponse(
            {
                "version": saved.version,
                "saved_at": now.isoformat(),
                "message": _("All changes saved at %(time)s.") % {"time": date_format(now, "H:i")},
            }
        )
