from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from rightstrack.core.forms import DateInput
from rightstrack.core.models import AuditEntry
from rightstrack.core.registry import RegistryError, list_filters, resolve

MIN_YEAR, MAX_YEAR = 1, 9999  # what a date can hold: a year outside them would fail in the lookup, as a 500
MAX_ID = 2**63 - 1  # the largest id a database column holds; a larger one would fail in the database

SOURCES = [
    ("web", _("Web")),
    ("api", _("API")),
    ("admin", _("Admin site")),
    ("cli", _("Command line")),
    ("import", _("Import")),
    ("task", _("Background task")),
    ("system", _("System")),
]


def _year_message() -> str:
    return _("Enter a year between %(min)s and %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR}


class YearFilter(django_filters.NumberFilter):
    """A year as a whole number a date can hold; anything else is a form error (400), never a 500."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        message = lazy(_year_message, str)()  # in the language of the request, not of the import
        kwargs.setdefault("min_value", MIN_YEAR)
        kwargs.setdefault("max_value", MAX_YEAR)
        kwargs.setdefault("error_messages", {"invalid": message, "min_value": message, "max_value": message})
        super().__init__(*args, **kwargs)


class IdFilter(django_filters.NumberFilter):
    """An object's id: a whole number within the database's range; anything else is a form error (400)."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class ContributedFilterSet(django_filters.FilterSet):
    """A list's FilterSet that also takes the filters other apps add to its model's lists
    (``core.registry.ListFilter``: tagging's tag filter), after its own: the page's filter form, the API's
    query parameters and the OpenAPI schema all read ``base_filters``, so they get them alike.

    The filters are gathered when the class is made, which is after every app's ``ready()`` (a FilterSet
    imported earlier would miss them: that is refused, not silently done)."""

    #: False on a subclass that the other apps' filters must not reach (the public portal's list).
    accepts_contributed_filters = True

    @classmethod
    def get_filters(cls) -> dict[str, django_filters.Filter]:
        filters = super().get_filters()
        model = cls._meta.model
        if model is None or not cls.accepts_contributed_filters:
            return filters
        if not apps.ready:
            raise ImproperlyConfigured(
                f"{cls.__qualname__} was made before the apps were ready; the filters other apps add to "
                "its list would be missing."
            )
        label = model._meta.label_lower
        for entry in list_filters(label):
            for name, added in resolve(entry.filters)(model=label).items():
                if name in filters:
                    raise RegistryError(f"{entry.filters}: the lists of {label} already filter by {name!r}.")
                filters[name] = added
        return filters


class AuditEntryFilterSet(django_filters.FilterSet):
    user = django_filters.CharFilter(field_name="actor_label", lookup_expr="icontains", label=_("User"))
    source = django_filters.ChoiceFilter(choices=SOURCES, label=_("Source"))
    action = django_filters.CharFilter(label=_("Action"))
    object_type = django_filters.CharFilter(field_name="content_type__model", label=_("Object type"))
    request_id = django_filters.CharFilter(label=_("Request id"))
    since = django_filters.DateFilter(
        field_name="created_at",
        lookup_expr="date__gte",
        label=_("From"),
        widget=DateInput(),
    )
    until = django_filters.DateFilter(
        field_name="created_at",
        lookup_expr="date__lte",
        label=_("To"),
        widget=DateInput(),
    )

    class Meta:
        model = AuditEntry
        fields = ["user", "source", "action", "object_type", "request_id", "since", "until"]
