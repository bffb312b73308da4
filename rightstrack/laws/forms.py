"""The register's forms: a document, and a body's implementation status."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.models import Body
from rightstrack.core.collation import vi_order
from rightstrack.core.forms import DateInput, ScopedForm, ScopedModelChoiceField
from rightstrack.laws.choices import ImplementationStatus, LegalKind
from rightstrack.laws.models import LegalDocument


class LegalDocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=LegalKind.choices)
    symbol = forms.CharField(
        label=_("Number and symbol"),
        max_length=64,
        required=False,
        help_text=LegalDocument._meta.get_field("symbol").help_text,
    )
    part = forms.CharField(
        label=_("Part"),
        max_length=255,
        required=False,
        help_text=LegalDocument._meta.get_field("part").help_text,
    )
    title = forms.CharField(label=_("Title"), max_length=500)
    title_en = forms.CharField(label=_("English title"), max_length=500, required=False)
    issuer = forms.CharField(label=_("Issued by"), max_length=255)
    issued_on = forms.DateField(label=_("Issued on"), required=False, widget=DateInput)
    in_force_from = forms.DateField(label=_("In force from"), required=False, widget=DateInput)
    repealed_on = forms.DateField(label=_("Repealed on"), required=False, widget=DateInput)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    url = forms.URLField(
        label=_("Official text (URL)"), required=False, max_length=1000, assume_scheme="https"
    )


class BodyField(ScopedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


STATUS_BODY_KINDS = (BodyKind.PROVINCIAL_COMMITTEE, BodyKind.MINISTRY, BodyKind.NATIONAL_COMMITTEE)


class LegalStatusForm(ScopedForm):
    body = BodyField(
        label=_("Body"),
        queryset=Body.objects.filter(kind__in=STATUS_BODY_KINDS, dissolved_on__isnull=True).order_by(
            vi_order("name")
        ),
    )
    status = forms.ChoiceField(label=_("Status"), choices=ImplementationStatus.choices)
    since = forms.DateField(label=_("Since"), required=False, widget=DateInput)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
