"""The export in the official format (Decree 30/2020/NĐ-CP): what the document says at its head and foot."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rightstrack.bodies.forms import DateInput
from rightstrack.bodies.models import Membership
from rightstrack.core.forms import ScopedModelChoiceField
from rightstrack.reporting.services.official import OfficialChoices


class SignerChoiceField(ScopedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        seat: Membership = obj
        return f"{seat.person} — {seat.title or seat.get_position_display()}"


class OfficialExportForm(forms.Form):
    """Prefilled with the body's remembered letterhead; the number is left to the registry."""

    parent_name = forms.CharField(
        label=_("Parent body"),
        max_length=255,
        required=False,
        help_text=_("Printed above the issuing body, e.g. the provincial People's Committee."),
    )
    issuing_name = forms.CharField(label=_("Issuing body"), max_length=255)
    number = forms.CharField(
        label=_("Number"),
        max_length=16,
        required=False,
        help_text=_("Leave it blank to write the number in by hand when the document is registered."),
    )
    symbol = forms.CharField(
        label=_("Symbol"), max_length=64, required=False, help_text=_("After the number, e.g. BC-BCĐ.")
    )
    place = forms.CharField(label=_("Place"), max_length=100)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    summary = forms.CharField(
        label=_("Summary"),
        max_length=500,
        help_text=_("The line under “BÁO CÁO” that says what the report is about."),
    )
    recipients = forms.CharField(
        label=_("Recipients"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One a line. The registry's copy (“Lưu: VT.”) is added at the end."),
    )
    signer = SignerChoiceField(
        label=_("Signer"),
        queryset=Membership.objects.none(),
        required=False,
        help_text=_("A person with a seat in the body; the lines below left blank are filled from the seat."),
    )
    signer_authority = forms.CharField(
        label=_("Signing for"),
        max_length=255,
        required=False,
        help_text=_("e.g. TM. BAN CHỈ ĐẠO, KT. TRƯỞNG BAN"),
    )
    signer_position = forms.CharField(label=_("Signer's position"), max_length=255, required=False)
    signer_name = forms.CharField(label=_("Signer's name"), max_length=200, required=False)

    def __init__(
        self, data: Any = None, *, user: Any, signers: Any, initial_choices: OfficialChoices
    ) -> None:
        initial = {name: getattr(initial_choices, name) for name in OfficialChoices.__dataclass_fields__}
        super().__init__(data, initial=initial)
        field = self.fields["signer"]
        assert isinstance(field, SignerChoiceField)
        field.queryset = signers
        field.scope_to(user)

    def choices(self) -> OfficialChoices:
        data = self.cleaned_data
        return OfficialChoices(
            **{name: data[name] for name in OfficialChoices.__dataclass_fields__ if name in data}
        )
