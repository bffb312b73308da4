"""Forms of the report pages: writing (sections, figures), returning, attachments, comparing revisions.

The forms only carry what was typed; the services validate it (figures, section lengths, HTML) so the
page, the autosave, the API and the CLI all refuse the same things with the same messages.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.timezone import localtime
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from rightstrack.core.numbers import format_number, plain_number
from rightstrack.core.views.errors import add_form_errors
from rightstrack.exchange.uploads import kind_label
from rightstrack.reporting.extensions import from_post
from rightstrack.reporting.models import Report, ReportFigure, ReportRevision, ReportSection, TemplateSection
from rightstrack.reporting.services import ATTACHMENT_KINDS, ATTACHMENT_MAX_BYTES

SECTION_PREFIX = "section_"
FIGURE_PREFIX = "figure_"
UNPLACED_FIELD = "unplaced"
COMMENT_PREFIX = "comment_"


MAX_FIGURE_CHARS = 50


def section_field(key: str) -> str:
    return f"{SECTION_PREFIX}{key}"


def figure_field(key: str) -> str:
    return f"{FIGURE_PREFIX}{key}"


class FigureInput(forms.TextInput):
    """Text, not type="number": the browser would send an empty value for "12,5" or "1.250,5" and the figure
    would be cleared without a word; the service reads the text as typed and says what is wrong with it."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            {"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false", **(attrs or {})}
        )


class FigureField(forms.CharField):
    """A figure as the writer types it in their language ("26.019", "0,35") or plainly ("26019", "0.35"),
    cleaned to the plain form the services read (``core.numbers``, decision 0041); text that is not a number
    passes as typed, so the service's message names what is wrong."""

    def to_python(self, value: Any) -> str:
        text = super().to_python(value) or ""
        return plain_number(text, get_language() or "vi") if text else text


def shown_figure(row: ReportFigure) -> str:
    """A stored figure as the writer's language writes it, for the box that edits it ("" when blank)."""
    return format_number(row.value, get_language() or "vi", decimals=row.indicator.decimals, empty="")


class ReportContentForm(forms.Form):
    """A report's sections (HTML, sanitised by the service), figures (as typed) and the version read.

    ``data`` may hold only some sections and figures (the editor posts those the writer changed); the form
    fills the rest from the report so that a page shown again after an error shows every section.
    """

    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        report: Report,
        sections: Sequence[ReportSection],
        figures: Sequence[ReportFigure],
    ) -> None:
        self.report = report
        self.section_rows = list(sections)
        self.figure_rows = list(figures)
        self.show_unplaced = bool(report.unplaced_html.strip())
        current = self.current_values()
        self.posted: set[str] = set()
        # What was typed in the boxes other apps add to the sections (answers to tasks), as posted.
        self.extension_data = from_post(data) if data is not None else {}
        merged: dict[str, Any] | None = None
        if data is not None:
            self.posted = {name for name in current if name in data}
            merged = current | {name: data.get(name, "") for name in self.posted}
            merged["expected_version"] = data.get("expected_version", "")
        super().__init__(merged, initial=current | {"expected_version": report.version})
        for row in self.section_rows:
            self.fields[section_field(row.section.key)] = forms.CharField(
                label=row.section.display_title,
                required=False,
                strip=False,
                widget=forms.Textarea(attrs={"rows": 8}),
            )
        for figure in self.figure_rows:
            indicator = figure.indicator
            self.fields[figure_field(indicator.key)] = FigureField(
                label=indicator.display_label,
                required=False,
                max_length=MAX_FIGURE_CHARS,
                widget=FigureInput(),
            )
        if self.show_unplaced:
            self.fields[UNPLACED_FIELD] = forms.CharField(
                label=_("Text not yet placed in a section"),
                required=False,
                strip=False,
                widget=forms.Textarea(attrs={"rows": 8}),
            )

    def current_values(self) -> dict[str, str]:
        """What the report holds now, by field name."""
        values = {section_field(row.section.key): row.html for row in self.section_rows}
        values |= {figure_field(row.indicator.key): shown_figure(row) for row in self.figure_rows}
        if self.show_unplaced:
            values[UNPLACED_FIELD] = self.report.unplaced_html
        return values

    def service_kwargs(self) -> dict[str, Any]:
        """``services.report_save``'s arguments: only what was posted, so other sections stay as saved."""
        data = self.cleaned_data
        prefix_length = len(SECTION_PREFIX)
        sections = {
            name[prefix_length:]: data[name]
            for name in self.posted
            if name.startswith(SECTION_PREFIX) and name in data
        }
        figures = {
            name[len(FIGURE_PREFIX) :]: data[name]
            for name in self.posted
            if name.startswith(FIGURE_PREFIX) and name in data
        }
        kwargs: dict[str, Any] = {
            "expected_version": data["expected_version"],
            "sections": sections,
            "figures": figures,
        }
        if UNPLACED_FIELD in self.posted:
            kwargs["unplaced_html"] = data.get(UNPLACED_FIELD, "")
        if self.extension_data:
            kwargs["extensions"] = self.extension_data
        return kwargs

    def add_service_errors(self, error: ValidationError) -> None:
        """Errors keyed ``sections.<key>`` / ``figures.<key>`` go to their fields, the rest above the form."""
        add_form_errors(self, error, field_for=self.field_for_error)

    @staticmethod
    def field_for_error(key: str) -> str:
        if key.startswith("sections."):
            return section_field(key.removeprefix("sections."))
        if key.startswith("figures."):
            return figure_field(key.removeprefix("figures."))
        return key

    def sections(self) -> Iterator[tuple[ReportSection, forms.BoundField]]:
        for row in self.section_rows:
            yield row, self[section_field(row.section.key)]

    def figures(self) -> Iterator[tuple[ReportFigure, forms.BoundField]]:
        for row in self.figure_rows:
            yield row, self[figure_field(row.indicator.key)]


class ReturnForm(forms.Form):
    """A reviewer's comments: one on the whole report and one per section, any of them left empty."""

    general = forms.CharField(
        label=_("Comment on the whole report"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What must change before the report can be accepted."),
    )

    def __init__(self, *args: Any, sections: Sequence[TemplateSection], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.template_sections = list(sections)
        for section in self.template_sections:
            self.fields[f"{COMMENT_PREFIX}{section.key}"] = forms.CharField(
                label=section.display_title, required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any((value or "").strip() for value in data.values()):
            raise ValidationError(
                _("Say what needs to change: a returned report needs at least one comment."), code="empty"
            )
        return data

    def comments(self) -> list[tuple[str | None, str]]:
        """(section key or None, text) for every comment written, the general one first."""
        data = self.cleaned_data
        pairs: list[tuple[str | None, str]] = [(None, data.get("general") or "")]
        pairs += [(s.key, data.get(f"{COMMENT_PREFIX}{s.key}") or "") for s in self.template_sections]
        return [(key, text) for key, text in pairs if text.strip()]

    def section_fields(self) -> Iterator[tuple[TemplateSection, forms.BoundField]]:
        for section in self.template_sections:
            yield section, self[f"{COMMENT_PREFIX}{section.key}"]


def attachment_help() -> str:
    kinds = ", ".join(str(kind_label(kind)) for kind in sorted(ATTACHMENT_KINDS))
    return str(
        _("At most %(size)s. Accepted: %(kinds)s.")
        % {"size": filesizeformat(ATTACHMENT_MAX_BYTES), "kinds": kinds}
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File to attach"), allow_empty_file=True)  # upload_checks says why

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = attachment_help()


class RevisionCompareForm(forms.Form):
    """Two revisions to compare (GET); the older one first."""

    a = forms.TypedChoiceField(label=_("From revision"), coerce=int)
    b = forms.TypedChoiceField(label=_("To revision"), coerce=int)

    def __init__(self, *args: Any, revisions: Sequence[ReportRevision], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            (r.number, f"{r.number} · {r.get_reason_display()} · {localtime(r.created_at):%d/%m/%Y %H:%M}")
            for r in revisions
        ]
        self.fields["a"].choices = choices  # type: ignore[attr-defined]
        self.fields["b"].choices = choices  # type: ignore[attr-defined]
