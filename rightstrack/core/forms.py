"""Form pieces shared by every app: choice fields scoped to the form's user.

A foreign key offered by a form lists only what the user may see, and an id outside that answers
"not found" exactly like an id that does not exist, so a form never tells one from the other.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rightstrack.core.scope import scoped

NOT_FOUND = _("Not found, or not within your scope.")


DATE_SHOWN = "%d/%m/%Y"
TIME_SHOWN = "%H:%M"


class ListedModelChoiceIterator(forms.models.ModelChoiceIterator):
    """The choices of a model field from one plain query.

    Django's iterator reads them through ``QuerySet.iterator()``, which on PostgreSQL declares a server-side
    cursor: three more round trips (DECLARE, FETCH, CLOSE) for every select a page renders, a tenth of a
    dashboard's time under load. A select's choices are few by construction (long lists are searched, not
    listed), so they are read at once. Installed for every model choice field in ``CoreConfig.ready``
    (docs/decisions/0044-one-query-for-a-selects-choices.md)."""

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class DateInput(forms.DateInput):
    """A date typed as dd/mm/yyyy whatever the browser's language (decision 0041).

    ``<input type="date">`` shows the browser's format (mm/dd/yyyy under an American English browser), so
    this is a text box that shows and reads day first (``formats/*/formats.py``: dd/mm/yyyy, dd-mm-yyyy,
    dd.mm.yyyy and ISO); typing works without script. ``static/rightstrack/date-input.js`` adds a button
    that opens the browser's own calendar and writes the chosen day back as dd/mm/yyyy.
    """

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        attrs = {key: value for key, value in (attrs or {}).items() if key != "type"}
        super().__init__(
            attrs={
                "placeholder": _("dd/mm/yyyy"),
                "inputmode": "numeric",
                "autocomplete": "off",
                "size": 10,
                "data-date-input": "",
                "data-picker-label": _("Choose a date from a calendar"),
                **attrs,
            },
            format=DATE_SHOWN,
        )


class TimeInput(forms.TimeInput):
    """A time of day typed as hh:mm on the 24-hour clock whatever the browser's language (issue 7 item 7).

    ``<input type="time">`` shows "02:30 PM" under an American English browser; an official writes 14:30, or
    14h30, which ``formats/*/formats.py`` read as well. A text box, so typing needs no script.
    """

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        attrs = {key: value for key, value in (attrs or {}).items() if key != "type"}
        super().__init__(
            attrs={"placeholder": _("hh:mm"), "autocomplete": "off", "size": 5, **attrs},
            format=TIME_SHOWN,
        )


class ScopedModelChoiceField(forms.ModelChoiceField):
    """A ``ModelChoiceField`` whose queryset the form narrows to its user's scope."""

    default_error_messages = {"invalid_choice": NOT_FOUND}

    def scope_to(self, user: Any) -> None:
        self.queryset = scoped(user, self.queryset.all())  # type: ignore[union-attr]


class SearchableSelect(forms.Select):
    """A select that ``static/rightstrack/select-search.js`` gives a filter box (case and diacritics do not
    matter); without script it is a plain select. The box's label and its count come translated from here."""

    def __init__(self, attrs: dict[str, Any] | None = None, choices: Any = ()) -> None:
        super().__init__(
            attrs={
                "data-searchable": "",
                "data-search-label": _("Filter the list"),
                "data-search-placeholder": _("Type part of a name to filter"),
                "data-search-count": _("%(count)s matching"),
                **(attrs or {}),
            },
            choices=choices,
        )


class ScopedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """The same for several objects (participants of a cycle, ...)."""

    default_error_messages = {
        "invalid_choice": NOT_FOUND,
        "invalid_pk_value": NOT_FOUND,
    }

    def scope_to(self, user: Any) -> None:
        self.queryset = scoped(user, self.queryset.all())  # type: ignore[union-attr]


class ScopedFormMixin:
    """Takes ``user=`` and scopes every scoped choice field to it; generic views pass the user."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        for field in self.fields.values():
            if isinstance(field, ScopedModelChoiceField | ScopedModelMultipleChoiceField):
                field.scope_to(user)


class ScopedForm(ScopedFormMixin, forms.Form):
    pass


class ScopedModelForm(ScopedFormMixin, forms.ModelForm):
    """A model form: declare foreign keys as scoped fields (``Meta.field_classes``) to have them narrowed."""
