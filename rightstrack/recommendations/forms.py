"""The import form (upload) and its confirmation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.models import Body
from rightstrack.core.forms import ScopedForm, ScopedModelChoiceField

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
