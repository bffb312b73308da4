"""The import form (upload) and its confirmation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.models import Body
from rightstrack.core.forms import ScopedForm, ScopedModelChoiceField
from rightstrack.exchange.un_recommendations import TARGETS
from rightstrack.recommendations.choices import Mechanism

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
