"""One FilterSet per list, shared by the pages and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rightstrack.bodies.choices import BodyLevel
from rightstrack.bodies.models import Body
from rightstrack.conferences.models import Conference
from rightstrack.core.filters import IdFilter, YearFilter
from rightstrack.core.forms import DateInput
from rightstrack.core.scope import scoped
from rightstrack.followup.choices import ISSUER_KINDS, LIVE_STATUSES, TaskStatus
from rightstrack.followup.models import Directive, DirectiveKind, Task

STATUS_CHOICES = [*TaskStatus.choices, ("overdue", _("Overdue"))]


def _assignees(request: Any) -> QuerySet[Body]:
    """The "assigned to" list: the bodies the reader sees without the commune level (hundreds per province
    once its communes are loaded: they made the list, not the tasks, the cost of the page), except the one
    chosen, so a commune body's tasks can still be filtered by its link."""
    bodies = scoped(getattr(request, "user", None), Body.objects.all())
    offered = ~Q(level=BodyLevel.COMMUNE)
    chosen = getattr(request, "GET", {}).get("body", "") if request is not None else ""
    if chosen.isdigit() and len(chosen) < 19:
        offered |= Q(pk=int(chosen))
    return bodies.filter(offered).order_by("name")


def _issuers(request: Any) -> QuerySet[Body]:
    """The bodies that issue directives (committees), as the reader sees them."""
    return scoped(getattr(request, "user", None), Body.objects.filter(kind__in=ISSUER_KINDS)).order_by("name")


def _conferences(request: Any) -> QuerySet[Conference]:
    return scoped(getattr(request, "user", None), Conference.objects.all()).order_by("-date")


def filter_status(queryset: QuerySet, name: str, value: str) -> QuerySet:
    """A status as people read it: "overdue" is open or in progress after the due date; "open" and "in
    progress" are those not yet late."""
    if not value:
        return queryset
    today = timezone.localdate()
    prefix = "" if queryset.model is Task else "tasks__"
    late = Q(**{f"{prefix}status__in": LIVE_STATUSES, f"{prefix}due_on__lt": today})
    if value == "overdue":
        return queryset.filter(late).distinct() if prefix else queryset.filter(late)
    matches = Q(**{f"{prefix}status": value})
    if value in LIVE_STATUSES:
        matches &= Q(**{f"{prefix}due_on__gte": today})
    return queryset.filter(matches).distinct() if prefix else queryset.filter(matches)


class DirectiveFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Text"))
    kind = django_filters.ModelChoiceFilter(queryset=DirectiveKind.objects.order_by("order"), label=_("Kind"))
    year = YearFilter(field_name="issued_on", lookup_expr="year", label=_("Year"))
    conference = django_filters.ModelChoiceFilter(queryset=_conferences, label=_("Conference"))
    issuer = django_filters.ModelChoiceFilter(queryset=_issuers, label=_("Issuing body"))

    class Meta:
        model = Directive
        fields = ["q", "kind", "year", "conference", "issuer"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(text__icontains=value) | Q(text_en__icontains=value))


class TaskFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=STATUS_CHOICES, method="by_status", label=_("Status"))
    body = django_filters.ModelChoiceFilter(queryset=_assignees, label=_("Assigned to"))
    directive = IdFilter(field_name="directive_id", label=_("Directive (number)"))
    kind = django_filters.ModelChoiceFilter(
        field_name="directive__kind", queryset=DirectiveKind.objects.order_by("order"), label=_("Kind")
    )
    due_before = django_filters.DateFilter(
        field_name="due_on", lookup_expr="lte", label=_("Due by"), widget=DateInput()
    )

    class Meta:
        model = Task
        fields = ["status", "body", "kind", "due_before", "directive"]

    def by_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return filter_status(queryset, name, value)


class OverdueFilterSet(django_filters.FilterSet):
    body = django_filters.ModelChoiceFilter(queryset=_assignees, label=_("Assigned to"))
    kind = django_filters.ModelChoiceFilter(
        field_name="directive__kind", queryset=DirectiveKind.objects.order_by("order"), label=_("Kind")
    )

    class Meta:
        model = Task
        fields = ["body", "kind"]


class DirectiveKindFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name"))

    class Meta:
        model = DirectiveKind
        fields = ["q"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(name__icontains=value) | Q(name_en__icontains=value) | Q(code__icontains=value)
        )
