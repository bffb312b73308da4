"""One FilterSet for recommendations, shared by the list and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rightstrack.core.filters import IdFilter
from rightstrack.core.text import fold
from rightstrack.recommendations.choices import ImplementationStatus, Mechanism, Position
from rightstrack.recommendations.models import (
    AffectedPersons,
    Assessment,
    Cluster,
    Measure,
    Recommendation,
    SdgGoal,
    Theme,
)
from rightstrack.recommendations.selectors import latest_status_is

MAX_SEARCH_WORDS = 8


class NamedSelect(forms.Select):
    """A choice of themes or groups: a name with no Vietnamese one yet is marked ``lang="en"``.

    Written here rather than through Django's template per option: UHRI's few hundred themes and groups,
    one template each, were most of a list page's time (the portal at 270,000 rows, docs/benchmarks.md).
    The HTML is the same as the templates'."""

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        instance = getattr(value, "instance", None)
        if instance is not None and not getattr(instance, "name_vi", "x"):
            option["attrs"]["lang"] = "en"
        return option

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = []
        for group_name, options, _index in widget["optgroups"]:
            items = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((option["value"], _attributes(option["attrs"]), option["label"]) for option in options),
            )
            if group_name:
                items = format_html('<optgroup label="{}">{}</optgroup>', group_name, items)
            parts.append(items)
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            _attributes(widget["attrs"]),
            mark_safe("".join(parts)),
        )


def _attributes(attrs: dict[str, Any]) -> SafeString:
    """As Django's ``attrs.html``: ``True`` a bare name, ``False`` nothing, else name="value"."""
    return format_html_join(
        "",
        "{}{}",
        (
            (f" {name}", "" if value is True else format_html('="{}"', value))
            for name, value in attrs.items()
            if value is not False
        ),
    )


def search(queryset: QuerySet[Recommendation], value: str) -> QuerySet[Recommendation]:
    """Every word, folded (no diacritics, no case), at the start of a word of the stored folded text
    (``models.search_text_of``): "giao duc" finds "Giáo dục", "tre em" finds "trẻ em" and not "strengthen";
    a word with a digit or a slash (a number, a symbol: "140.1", "A/HRC/54") anywhere in it. Decision 0039."""
    words = fold(value).split()[:MAX_SEARCH_WORDS]
    condition = Q()
    for word in words:
        if any(ch.isdigit() or ch == "/" for ch in word):
            condition &= Q(search_text__contains=word)
            continue
        for piece in fold(word, separators=True).split():
            condition &= Q(search_text__contains=" " + piece)
    return queryset.filter(condition) if words else queryset


class RecommendationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("Search"), max_length=200)
    mechanism = django_filters.ChoiceFilter(choices=Mechanism.choices, label=_("Mechanism"))
    session = django_filters.CharFilter(label=_("Session"), max_length=64)
    cycle = IdFilter(label=pgettext_lazy("filter", "UPR cycle"), max_value=32767)
    position = django_filters.ChoiceFilter(
        choices=Position.choices, label=pgettext_lazy("UN recommendation", "Position")
    )
    theme = django_filters.ModelChoiceFilter(
        field_name="themes", queryset=Theme.objects.order_by("name"), label=_("Theme"), widget=NamedSelect
    )
    persons = django_filters.ModelChoiceFilter(
        field_name="affected_persons",
        queryset=AffectedPersons.objects.order_by("name"),
        label=_("Affected persons"),
        widget=NamedSelect,
    )
    sdg = django_filters.ModelChoiceFilter(
        field_name="sdg_goals",
        queryset=SdgGoal.objects.order_by("number"),
        label=pgettext_lazy("filter", "SDG goal"),
    )
    cluster = django_filters.ModelChoiceFilter(
        field_name="clusters",
        queryset=Cluster.objects.order_by("name"),
        label=_("Cluster"),
        widget=NamedSelect,
    )
    status = django_filters.ChoiceFilter(
        choices=ImplementationStatus.choices,
        method="filter_status",
        label=pgettext_lazy("implementation", "Status"),
    )
    #: The status is that of the latest assessment; on the portal, of the latest published one.
    published_only = False

    class Meta:
        model = Recommendation
        fields = [
            "q",
            "mechanism",
            "session",
            "cycle",
            "position",
            "theme",
            "persons",
            "sdg",
            "cluster",
            "status",
        ]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search(queryset, value)

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(latest_status_is(value, published_only=self.published_only))


class PublicRecommendationFilterSet(RecommendationFilterSet):
    """The portal's filters: the same, the status read from published assessments only."""

    published_only = True


class MeasureFilterSet(django_filters.FilterSet):
    """The API's measures of one recommendation (an id out of scope lists nothing, like a missing one)."""

    recommendation = IdFilter(label=_("Recommendation"))

    class Meta:
        model = Measure
        fields = ["recommendation"]


class AssessmentFilterSet(django_filters.FilterSet):
    """The API's assessments of one recommendation, or of one status."""

    recommendation = IdFilter(label=_("Recommendation"))
    status = django_filters.ChoiceFilter(choices=ImplementationStatus.choices, label=_("Status"))

    class Meta:
        model = Assessment
        fields = ["recommendation", "status"]
