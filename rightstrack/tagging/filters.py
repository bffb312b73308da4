"""One FilterSet per list, shared by the pages and the API: the suggestions of one text, the texts with an
accepted tag, and the versions of one taxonomy's tagger."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from rightstrack.bodies.models import Body
from rightstrack.core.filters import IdFilter
from rightstrack.core.scope import scoped
from rightstrack.tagging.choices import SuggestionState, TargetKind, TaxonomyKey
from rightstrack.tagging.models import Suggestion, TaggerVersion


class SuggestionFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=TargetKind.choices, label=_("About"))
    recommendation = IdFilter(field_name="recommendation_id", label=_("Recommendation"))
    report = IdFilter(field_name="report_id", label=_("Report"))
    section = django_filters.CharFilter(field_name="section_key", label=_("Section"))
    conference = IdFilter(field_name="conference_id", label=_("Conference"))
    document = IdFilter(field_name="document_id", label=_("Document"))
    taxonomy = django_filters.ChoiceFilter(choices=TaxonomyKey.choices, label=_("Taxonomy"))
    state = django_filters.ChoiceFilter(choices=SuggestionState.choices, label=_("State"))
    code = django_filters.CharFilter(label=_("Term"))

    class Meta:
        model = Suggestion
        fields = [
            "kind",
            "recommendation",
            "report",
            "section",
            "conference",
            "document",
            "taxonomy",
            "state",
            "code",
        ]


class TaggerVersionFilterSet(django_filters.FilterSet):
    taxonomy = django_filters.ChoiceFilter(choices=TaxonomyKey.choices, label=_("Taxonomy"))
    active = django_filters.BooleanFilter(label=_("In use"))

    class Meta:
        model = TaggerVersion
        fields = ["taxonomy", "active"]


def _bodies(request: Any) -> QuerySet[Body]:
    return scoped(getattr(request, "user", None), Body.objects.all()).order_by("path")


class TaggedFilterSet(django_filters.FilterSet):
    """The texts with an accepted tag: by taxonomy and term, kind of text, report section and body (with the
    bodies under it). A term's code is chosen among the taxonomy's terms (all taxonomies' when none is
    named), so a term that does not exist is refused, not silently empty."""

    taxonomy = django_filters.ChoiceFilter(choices=TaxonomyKey.choices, label=_("Taxonomy"))
    code = django_filters.ChoiceFilter(choices=(), label=_("Term"))
    kind = django_filters.ChoiceFilter(choices=TargetKind.choices, label=_("About"))
    section = django_filters.ChoiceFilter(choices=(), field_name="section_key", label=_("Report section"))
    body = django_filters.ModelChoiceFilter(queryset=_bodies, method="filter_body", label=_("Body"))

    class Meta:
        model = Suggestion
        fields = ["taxonomy", "code", "kind", "section", "body"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from rightstrack.tagging.by_tag import section_choices, term_choices

        chosen = (self.data or {}).get("taxonomy", "")
        self.filters["code"].extra["choices"] = term_choices(chosen if chosen in TaxonomyKey.values else "")
        self.filters["section"].extra["choices"] = section_choices()

    def filter_body(self, queryset: QuerySet, name: str, value: Body | None) -> QuerySet:
        """The body's texts and those of the bodies under it, whichever kind of text."""
        if value is None:
            return queryset
        path = value.path
        return queryset.filter(
            Q(report__body__path__startswith=path)
            | Q(document__body__path__startswith=path)
            | Q(conference__organiser__path__startswith=path)
            | Q(recommendation__owner__path__startswith=path)
        )
