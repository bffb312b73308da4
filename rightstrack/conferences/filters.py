"""One FilterSet for conferences, shared by the list, the calendar and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.models import Body
from rightstrack.conferences.choices import ConferenceKind
from rightstrack.conferences.models import Conference, ConferenceParticipant
from rightstrack.core.collation import vi_order
from rightstrack.core.filters import ContributedFilterSet, YearFilter
from rightstrack.core.scope import scoped
from rightstrack.places.models import Region
from rightstrack.places.selectors import region_choices

ORGANISER_KINDS = (BodyKind.NATIONAL_COMMITTEE, BodyKind.STANDING_OFFICE, BodyKind.PROVINCIAL_COMMITTEE)


def organisers(request: Any) -> QuerySet[Body]:
    """The bodies a conference may be filtered by: committees and offices the user sees."""
    user = getattr(request, "user", None)
    return scoped(user, Body.objects.filter(kind__in=ORGANISER_KINDS)).order_by("path")


def participants(request: Any) -> QuerySet[Body]:
    user = getattr(request, "user", None)
    return scoped(
        user, Body.objects.filter(kind__in=(BodyKind.PROVINCIAL_COMMITTEE, BodyKind.MINISTRY))
    ).order_by(vi_order("name"))


class ConferenceFilterSet(ContributedFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Title"))
    kind = django_filters.ChoiceFilter(choices=ConferenceKind.choices, label=_("Kind"))
    year = YearFilter(field_name="date", lookup_expr="year", label=_("Year"))
    region = django_filters.ModelChoiceFilter(
        queryset=region_choices(), method="filter_region", label=_("Region")
    )
    organiser = django_filters.ModelChoiceFilter(queryset=organisers, label=_("Organising body"))
    participant = django_filters.ModelChoiceFilter(
        queryset=participants, method="filter_participant", label=_("Participant")
    )

    class Meta:
        model = Conference
        fields = ["q", "kind", "year", "region", "organiser", "participant"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(title__icontains=value) | Q(title_en__icontains=value))

    def filter_region(self, queryset: QuerySet, name: str, value: Region | None) -> QuerySet:
        """Conferences in which a body of the region (on any date) took part, or held in the region."""
        if value is None:
            return queryset
        units = value.memberships.values("unit_id")
        taking_part = ConferenceParticipant.objects.filter(body__unit_id__in=units).values("conference_id")
        return queryset.filter(Q(pk__in=taking_part) | Q(place_id__in=units))

    def filter_participant(self, queryset: QuerySet, name: str, value: Body | None) -> QuerySet:
        if value is None:
            return queryset
        return queryset.filter(
            pk__in=ConferenceParticipant.objects.filter(body=value).values("conference_id")
        )


class ConferenceCalendarFilterSet(ConferenceFilterSet):
    """The calendar shows one month: ``year`` and ``month`` (today's month when not given)."""

    month = django_filters.NumberFilter(
        field_name="date", lookup_expr="month", label=_("Month"), min_value=1, max_value=12
    )

    class Meta(ConferenceFilterSet.Meta):
        fields = ["q", "kind", "year", "month", "region", "organiser", "participant"]
