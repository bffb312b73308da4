"""One FilterSet per list, shared by the pages and the API: the suggestions of one text, and the versions of
one taxonomy's tagger."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from rightstrack.core.filters import IdFilter
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
