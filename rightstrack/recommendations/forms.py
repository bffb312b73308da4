"""The import form (upload) and its confirmation; the forms that assign a recommendation (or a cluster),
plan a measure and record an assessment with its evidence."""

from __future__ import annotations

from typing import Any

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rightstrack.bodies.choices import BodyKind, BodyLevel
from rightstrack.bodies.models import Body
from rightstrack.bodies.selectors import without_dissolved
from rightstrack.core.forms import (
    NOT_FOUND,
    DateInput,
    ScopedForm,
    ScopedModelChoiceField,
    ScopedModelMultipleChoiceField,
    SearchableSelect,
)
from rightstrack.exchange.un_recommendations import TARGETS
from rightstrack.exchange.uploads import kind_label
from rightstrack.recommendations.choices import ImplementationStatus, Mechanism

WEB_IMPORT_MAX_BYTES = 64 * 1024 * 1024  # larger files: `rightstrack recommendations import` on the server


class ImportForm(ScopedForm):
    file = forms.FileField(
        label=_("File of recommendations"),
        allow_empty_file=True,  # refused by the import, with the same words as everywhere else
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,.json,.docx,.md,.txt"}),
    )
    owner = ScopedModelChoiceField(
        queryset=Body.objects.filter(
            kind__in=(BodyKind.NATIONAL_COMMITTEE, BodyKind.PROVINCIAL_COMMITTEE)
        ).order_by("path"),
        label=_("Kept by"),
        help_text=_("The body that keeps these recommendations on record."),
    )
    session = forms.CharField(
        label=_("UPR session"),
        required=False,
        max_length=8,
        help_text=_("Only when a thematic list does not say which session it is for (e.g. 48)."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "A UHRI export (Excel, CSV or JSON) or an OHCHR thematic list of recommendations (Word, or its "
            "text), "
            "at most %(size)s. Nothing is saved before you confirm."
        ) % {"size": filesizeformat(WEB_IMPORT_MAX_BYTES)}
        owners = self.fields["owner"].queryset  # type: ignore[attr-defined]
        self.fields["owner"].initial = owners.first()


class TaxonomyNameForm(forms.Form):
    """A theme's, group's or cluster's names: the English one as the UN writes it, and the Vietnamese one."""

    name = forms.CharField(label=_("Name (English)"), max_length=300)
    name_vi = forms.CharField(label=_("Name (Vietnamese)"), max_length=300, required=False)


# Assignment: ministries and agencies, provincial committees (which pass the work on to their own bodies),
# departments; never the keeper's own office, a People's Committee or police unit, or a commune.
RESPONSIBLE_KINDS = (
    BodyKind.MINISTRY,
    BodyKind.PROVINCIAL_COMMITTEE,
    BodyKind.DEPARTMENT,
    BodyKind.OTHER,
)


def responsible_bodies() -> Any:
    """The bodies a recommendation may be assigned to, existing today, in alphabetical order."""
    return without_dissolved(Body.objects.filter(kind__in=RESPONSIBLE_KINDS).exclude(level=BodyLevel.COMMUNE))


class BodyField(ScopedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class BodiesField(ScopedModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class AssignForm(ScopedForm):
    """The lead body and the supporting bodies (those in the user's scope)."""

    lead = BodyField(label=_("Lead body"), queryset=Body.objects.none(), widget=SearchableSelect())
    supporting = BodiesField(
        label=_("Supporting bodies"),
        queryset=Body.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text=_("They see the recommendation and its measures; the lead body reports on it."),
    )

    def __init__(self, *args: Any, user: Any, current: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        current = list(current)
        for name in ("lead", "supporting"):
            field = self.fields[name]
            assert isinstance(field, BodyField | BodiesField)
            field.queryset = responsible_bodies()
            field.scope_to(user)
        lead = next((a.body_id for a in current if a.role == "lead"), None)
        if lead is not None:
            self.fields["lead"].initial = lead
        self.fields["supporting"].initial = [a.body_id for a in current if a.role != "lead"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lead = data.get("lead")
        if lead is not None:
            data["supporting"] = [b for b in data.get("supporting") or () if b.pk != lead.pk]
        return data


class MeasureForm(forms.Form):
    what = forms.CharField(label=_("Measure"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    responsible = forms.CharField(
        label=_("Who carries it out"),
        max_length=300,
        required=False,
        help_text=_("The unit or department of the body, e.g. the Department of Legal Dissemination."),
    )
    due_on = forms.DateField(label=_("Due by"), required=False, widget=DateInput())
    budget_note = forms.CharField(
        label=_("Budget"),
        max_length=500,
        required=False,
        help_text=_("The source and amount, or how it is funded."),
    )
    indicator = forms.CharField(
        label=_("Indicator"),
        max_length=500,
        required=False,
        help_text=_("How the result will be measured."),
    )

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {name: data.get(name) or ("" if name != "due_on" else None) for name in self.fields}


class SectionsField(ScopedModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.report.body.name} — {obj.report.cycle.display_name} — {obj.section}"


class TasksField(ScopedModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.body.name} — {obj.directive} ({obj.due_on:%d/%m/%Y})"


class ActivitiesField(ScopedModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.date:%d/%m/%Y} — {obj.display_topic} ({obj.body.name})"


class DocumentsField(ScopedModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        body = getattr(obj, "body", None)
        return f"{obj.title} ({body.name})" if body is not None else str(obj.title)


EVIDENCE_FIELDS = ("sections", "tasks", "activities", "legal_documents", "documents")
MANY_HELP = _("Hold Ctrl (⌘ on a Mac) to choose more than one.")


def _evidence_select() -> forms.SelectMultiple:
    return forms.SelectMultiple(attrs={"size": 4})


class AssessmentForm(forms.Form):
    """A status on a day, a note, and the evidence: what the user may cite for this recommendation."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", "—"), *ImplementationStatus.choices],
    )
    assessed_on = forms.DateField(label=_("Assessed on"), widget=DateInput())
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What has been done and what remains."),
    )
    tasks = TasksField(
        label=_("Evidence: tasks"), queryset=Body.objects.none(), required=False, widget=_evidence_select()
    )
    activities = ActivitiesField(
        label=_("Evidence: activities"),
        queryset=Body.objects.none(),
        required=False,
        widget=_evidence_select(),
    )
    sections = SectionsField(
        label=_("Evidence: sections of reports"),
        queryset=Body.objects.none(),
        required=False,
        widget=_evidence_select(),
    )
    legal_documents = ScopedModelMultipleChoiceField(
        label=_("Evidence: laws and policies"),
        queryset=Body.objects.none(),
        required=False,
        widget=_evidence_select(),
    )
    documents = DocumentsField(
        label=_("Evidence: kept documents"),
        queryset=Body.objects.none(),
        required=False,
        widget=_evidence_select(),
    )
    evidence_file = forms.FileField(label=_("Evidence: a file"), required=False, allow_empty_file=True)

    def __init__(self, *args: Any, choices: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assessed_on"].initial = timezone.localdate()
        for name in EVIDENCE_FIELDS:
            field = self.fields[name]
            assert isinstance(field, forms.ModelMultipleChoiceField)
            field.queryset = choices[name]  # scoped by the selector
            field.error_messages["invalid_choice"] = NOT_FOUND
            field.help_text = MANY_HELP
        from rightstrack.recommendations.services import EVIDENCE_KINDS, EVIDENCE_MAX_BYTES

        kinds = ", ".join(str(kind_label(kind)) for kind in sorted(EVIDENCE_KINDS))
        self.fields["evidence_file"].help_text = _("At most %(size)s. Accepted: %(kinds)s.") % {
            "size": filesizeformat(EVIDENCE_MAX_BYTES),
            "kinds": kinds,
        }

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "status": data["status"],
            "assessed_on": data["assessed_on"],
            "note": data.get("note") or "",
            "evidence_file": data.get("evidence_file") or None,
            **{name: list(data.get(name) or ()) for name in EVIDENCE_FIELDS},
        }


class AssessmentEditForm(AssessmentForm):
    """The same fields, starting from what the assessment says and cites; a new file replaces the old one."""

    remove_file = forms.BooleanField(label=_("Remove the file"), required=False)

    def __init__(self, *args: Any, assessment: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not assessment.evidence_file_name:
            del self.fields["remove_file"]
        else:
            self.fields["remove_file"].help_text = _("Now: %(name)s. A new file replaces it.") % {
                "name": assessment.evidence_file_name
            }

    def service_kwargs(self) -> dict[str, Any]:
        return super().service_kwargs() | {"remove_file": bool(self.cleaned_data.get("remove_file"))}


def column_letter(index: int) -> str:
    """A spreadsheet's column letter: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class ColumnMappingForm(forms.Form):
    """Which column of the file holds each field of a recommendation: one select per field, prefilled with
    the columns guessed from the headers (or chosen before); a mechanism for every row when no column has
    it."""

    mechanism = forms.ChoiceField(
        label=_("Mechanism of every row"),
        required=False,
        help_text=_("When no column holds the mechanism."),
    )

    def __init__(self, *args: Any, headers: list[str], columns: dict[str, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        options = [("", _("— not in the file —"))] + [
            (str(i), f"{column_letter(i)} · {header or '—'}") for i, header in enumerate(headers)
        ]
        self.targets = list(TARGETS)
        for target, (_key, label) in TARGETS.items():
            self.fields[f"col_{target}"] = forms.ChoiceField(
                label=label, choices=options, required=False, initial=str(columns.get(target, ""))
            )
        mechanisms = [("", _("— from a column —")), *Mechanism.choices]
        self.fields["mechanism"].choices = mechanisms  # type: ignore[attr-defined]
        self.order_fields([f"col_{t}" for t in TARGETS] + ["mechanism"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        seen: dict[str, str] = {}
        for target in self.targets:
            value = data.get(f"col_{target}") or ""
            if not value:
                continue
            if value in seen:
                self.add_error(
                    f"col_{target}",
                    _("This column is already chosen for %(field)s.") % {"field": TARGETS[seen[value]][1]},
                )
            seen.setdefault(value, target)
        if not data.get("col_text"):
            self.add_error("col_text", _("Choose the column that holds the text of each recommendation."))
        if not data.get("col_mechanism") and not data.get("mechanism"):
            self.add_error(
                "mechanism", _("Choose the column that holds the mechanism, or the mechanism of every row.")
            )
        return data

    def initial_columns(self) -> dict[str, int]:
        """The columns the form starts with (guessed, or chosen before)."""
        return {
            t: int(self.fields[f"col_{t}"].initial) for t in self.targets if self.fields[f"col_{t}"].initial
        }

    def mapping(self) -> dict[str, int]:
        return {
            target: int(self.cleaned_data[f"col_{target}"])
            for target in self.targets
            if self.cleaned_data.get(f"col_{target}")
        }


REPORT_KINDS = [
    ("midterm", _("Mid-term report (Word)")),
    ("national", _("National report draft (Word)")),
    ("matrix", _("Matrix of all recommendations (Excel)")),
]
GROUPINGS = [("cluster", _("By cluster")), ("theme", _("By theme"))]


class ReportForm(forms.Form):
    """Which report of the listed recommendations (the list's filters travel in ``query``)."""

    kind = forms.ChoiceField(label=_("Report"), choices=REPORT_KINDS)
    by = forms.ChoiceField(label=_("Grouped"), choices=GROUPINGS, initial="cluster")
    query = forms.CharField(required=False, widget=forms.HiddenInput, max_length=2000)
