"""Forms list their fields explicitly: path, status-like and ownership fields are never mass-assignable.

Foreign keys are scoped choice fields (``core.forms``): a body outside the user's scope is "not found".
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rightstrack.bodies.choices import BodyLevel, Position
from rightstrack.bodies.models import Body
from rightstrack.bodies.selectors import without_dissolved
from rightstrack.core.forms import (  # DateInput: other apps import it from here too
    DateInput,
    ScopedForm,
    ScopedModelChoiceField,
    ScopedModelForm,
    SearchableSelect,
)
from rightstrack.places.choices import UnitLevel
from rightstrack.places.models import AdministrativeUnit


class BodyForm(ScopedModelForm):
    class Meta:
        model = Body
        fields = [
            "code",
            "name",
            "name_en",
            "kind",
            "level",
            "parent",
            "unit",
            "established_on",
            "establishment_decision",
            "dissolved_on",
            "successor",
        ]
        field_classes = {"parent": ScopedModelChoiceField, "successor": ScopedModelChoiceField}
        widgets = {
            "established_on": DateInput(),
            "dissolved_on": DateInput(),
            "parent": SearchableSelect,
            "successor": SearchableSelect,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Dissolved bodies are not offered (the current one stays), nor commune-level ones, but a commune
        # body may be succeeded by another commune body of its province.
        commune = self.instance.unit if self.instance.level == BodyLevel.COMMUNE else None
        for name in ("parent", "successor"):
            field = cast(forms.ModelChoiceField, self.fields[name])
            field.queryset = without_dissolved(
                field.queryset,
                keep=getattr(self.instance, f"{name}_id", None),
                communes_of=commune.parent if commune is not None and name == "successor" else None,
            )
        # Communes (3,321 once loaded) are offered only to a commune body, those of its own province; their
        # bodies are made by commune_bodies_create (rightstrack bodies create-commune-bodies).
        unit = cast(forms.ModelChoiceField, self.fields["unit"])
        units = ~Q(level=UnitLevel.COMMUNE) | Q(pk=self.instance.unit_id)
        if commune is not None:
            units |= Q(level=UnitLevel.COMMUNE, parent_id=commune.parent_id)
        unit.queryset = AdministrativeUnit.objects.filter(units)
        if self.instance.pk:
            self.fields["code"].disabled = True
        stays_a_root = bool(self.instance.pk) and self.instance.parent_id is None
        if not stays_a_root and not self.user.has_perm("bodies.add_root_body"):
            parent = self.fields["parent"]
            parent.required = True
            parent.error_messages["required"] = _(
                "Only an administrator can make a body with no parent body: choose its parent."
            )


class MembershipForm(ScopedForm):
    """A plain form: the membership service, not the form, builds and validates the row."""

    position = forms.ChoiceField(label=_("Position"), choices=Position.choices)
    person_name = forms.CharField(label=_("Person's full name"), max_length=200, required=False)
    person_title = forms.CharField(label=_("Official title"), max_length=255, required=False)
    member_body = ScopedModelChoiceField(
        label=_("Member agency"),
        queryset=Body.objects.all(),
        required=False,
        widget=SearchableSelect,
    )
    title = forms.CharField(label=_("Title in this body"), max_length=255, required=False)
    start_on = forms.DateField(label=_("From"), widget=DateInput())
    end_on = forms.DateField(label=_("To"), widget=DateInput(), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["member_body"])
        field.queryset = without_dissolved(field.queryset, keep=self.initial.get("member_body"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool((data.get("person_name") or "").strip()) == bool(data.get("member_body")):
            raise forms.ValidationError(_("A seat is held by a person or by an agency: fill in exactly one."))
        start, end = data.get("start_on"), data.get("end_on")
        if start and end and end < start:
            self.add_error("end_on", _("A membership cannot end before it starts."))
        return data


class MembershipEndForm(forms.Form):
    end_on = forms.DateField(label=_("Last day"), widget=DateInput())
