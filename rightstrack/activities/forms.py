"""The list form (one row per activity, twenty at a time), one activity's form, and the import forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rightstrack.activities import selectors
from rightstrack.activities.choices import ActivityKind
from rightstrack.activities.models import MAX_PEOPLE, AudienceGroup
from rightstrack.activities.services import ActivityInput
from rightstrack.bodies.models import Body
from rightstrack.core.forms import DateInput, ScopedForm, ScopedModelChoiceField
from rightstrack.exchange.xlsx_reader import parse_date

ROWS = 20  # blank rows the list form offers
ADD_ROWS = 10  # more rows per "add rows" click (without script)
MAX_ROWS = 500


class BodyField(ScopedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class DayField(forms.DateField):
    """A day as dd/mm/yyyy, yyyy-mm-dd (what a date input sends) or an Excel serial number."""

    default_error_messages = {"invalid": _("Write a date as dd/mm/yyyy (e.g. 15/03/2026).")}

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        try:
            return parse_date(str(value))
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class AudienceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


def _people(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=MAX_PEOPLE,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "form-control form-control-sm"}),
    )


class ActivityRowForm(forms.Form):
    """One activity in the list form; a row left blank is skipped."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    date = DayField(
        label=_("Date"),
        widget=forms.TextInput(
            attrs={"placeholder": "dd/mm/yyyy", "class": "form-control form-control-sm", "size": 10}
        ),
    )
    date_end = DayField(
        label=_("Until"),
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": "dd/mm/yyyy", "class": "form-control form-control-sm", "size": 10}
        ),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", "—"), *ActivityKind.choices],
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    topic = forms.CharField(
        label=_("Topic"),
        max_length=500,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )
    participants = _people(pgettext_lazy("people", "Participants"))
    officials_trained = _people(_("Officials trained"))
    audiences = forms.TypedMultipleChoiceField(
        label=_("Audience groups"),
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"class": "form-select form-select-sm", "size": 2}),
    )
    place_text = forms.CharField(
        label=_("Place"),
        required=False,
        max_length=255,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )

    def __init__(self, *args: Any, audiences: list[AudienceGroup] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["audiences"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(group.pk, group.display_name) for group in audiences or ()]


class BaseActivityFormSet(forms.BaseFormSet):
    def __init__(self, *args: Any, audiences: Any = None, **kwargs: Any) -> None:
        self.audiences = list(audiences if audiences is not None else selectors.audience_groups())
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {"audiences": self.audiences}

    def filled(self) -> list[forms.Form]:
        """The rows that say something: existing activities, and new rows with any field filled."""
        return [f for f in self.forms if f.initial.get("id") or f.has_changed()]


ActivityFormSet = forms.formset_factory(
    ActivityRowForm,
    formset=BaseActivityFormSet,
    extra=0,
    can_delete=True,
    max_num=MAX_ROWS,
    validate_max=True,
    absolute_max=MAX_ROWS,
)


def row_input(form: forms.Form, groups: dict[int, AudienceGroup], activity: Any = None) -> ActivityInput:
    data = form.cleaned_data
    return ActivityInput(
        date=data.get("date"),
        date_end=data.get("date_end"),
        kind=data.get("kind") or "",
        topic=data.get("topic") or "",
        participants=data.get("participants"),
        officials_trained=data.get("officials_trained"),
        audiences=[groups[pk] for pk in data.get("audiences") or () if pk in groups],
        place_text=data.get("place_text") or "",
        activity=activity,
        delete=bool(data.get("DELETE")),
    )


class BodyChoiceForm(ScopedForm):
    """Whose activities the list form records (a GET form at the top of the page)."""

    body = BodyField(
        queryset=Body.objects.order_by("path"),
        label=_("Body"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )


class ActivityForm(forms.Form):
    """One activity's own page."""

    date = DayField(label=_("Date"), widget=DateInput())
    date_end = DayField(label=_("Until"), required=False, widget=DateInput())
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    topic = forms.CharField(label=_("Topic"), max_length=500)
    topic_en = forms.CharField(label=_("English topic"), max_length=500, required=False)
    participants = forms.IntegerField(
        label=pgettext_lazy("people", "Participants"), min_value=0, max_value=MAX_PEOPLE
    )
    officials_trained = forms.IntegerField(
        label=_("Officials trained"), min_value=0, max_value=MAX_PEOPLE, required=False
    )
    audiences = AudienceField(
        label=_("Audience groups"),
        queryset=AudienceGroup.objects.order_by("order", "code"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    place_text = forms.CharField(label=_("Place"), max_length=255, required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_officials_trained(self) -> int:
        return int(self.cleaned_data.get("officials_trained") or 0)


class ImportForm(ScopedForm):
    body = BodyField(queryset=Body.objects.order_by("path"), label=_("Body"))
    file = forms.FileField(
        label=_("Spreadsheet (.xlsx)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"})
    )
    dry_run = forms.BooleanField(
        label=_("Check only: show what would be imported, save nothing"), required=False, initial=True
    )
