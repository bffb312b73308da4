"""The tag filters tagging adds to other apps' lists through core's registry (``ListFilter``, decision 0058's
hook): the reports (a report with a section that carries the tag, in one section or any), the conferences
(their minutes) and the documents, by an ACCEPTED tag: its taxonomy, its term, or both.

The list's queryset is already scoped; a filter only keeps the rows with a matching accepted tag (an
``EXISTS`` subquery: no query per row, and nothing of another row is read). The terms offered are the
taxonomy's, which are not sensitive."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES
from drf_spectacular.utils import extend_schema_field

from rightstrack.tagging.choices import SuggestionState, TargetKind, TaxonomyKey
from rightstrack.tagging.models import Suggestion
from rightstrack.tagging.targets import KIND_FIELDS, TAXONOMIES

TAXONOMY, TERM, SECTION = "tag_taxonomy", "tag", "tag_section"

# What a value no filter can use is told (a 400 on a page and in the API alike), keyed by its parameter.
NOT_A_TAXONOMY = _("“%(value)s” is not a taxonomy these texts are tagged with: choose one from the list.")
NOT_A_TERM = _("“%(value)s” is not a term of the chosen taxonomy: choose one of its terms.")
NOT_A_TERM_OF_ANY = _(
    "“%(value)s” is not a term of any taxonomy these texts are tagged with: choose one from the list."
)
NOT_A_SECTION = _("“%(value)s” is not a section of the report templates: choose one from the list.")

# The lists that take the tag filters, by their model's label: the kind of text each row is.
KINDS: dict[str, str] = {
    "reporting.report": TargetKind.REPORT_SECTION,
    "conferences.conference": TargetKind.CONFERENCE,
    "documents.document": TargetKind.DOCUMENT,
}


def _accepted(kind: str, **lookups: Any) -> Exists:
    """There is an accepted tag of this kind on the row (``lookups`` narrow the tag)."""
    tags = Suggestion.objects.filter(
        kind=kind, state=SuggestionState.ACCEPTED, **{KIND_FIELDS[kind]: OuterRef("pk")}, **lookups
    )
    return Exists(tags.order_by().values("pk"))


class TagFilter(django_filters.ChoiceFilter):
    """A choice whose value narrows the list to rows with an accepted tag (what it is: ``lookup``)."""

    def __init__(self, *args: Any, kind: str, lookup: str, **kwargs: Any) -> None:
        self.kind = kind
        self.lookup = lookup
        super().__init__(*args, **kwargs)

    def chosen(self, name: str) -> str:
        """Another tag filter's valid value in the same filter form ("" when none)."""
        form = getattr(getattr(self, "parent", None), "form", None)
        return str((getattr(form, "cleaned_data", None) or {}).get(name) or "")

    def tag_lookups(self, value: str) -> dict[str, Any]:
        lookups = {self.lookup: value}
        if self.lookup != "taxonomy" and self.chosen(TAXONOMY):
            lookups["taxonomy"] = self.chosen(TAXONOMY)  # one tag of that taxonomy with that term
        if self.lookup != "section_key" and self.chosen(SECTION):
            lookups["section_key"] = self.chosen(SECTION)  # ... in that section
        return lookups

    def filter(self, qs: QuerySet, value: Any) -> QuerySet:
        if value in EMPTY_VALUES:
            return qs
        return qs.filter(_accepted(self.kind, **self.tag_lookups(str(value))))


@extend_schema_field(
    {
        "type": "string",
        "description": "The code of an accepted tag's term (with tag_taxonomy: a term of that taxonomy), "
        "e.g. 5 for SDG goal 5; the terms are listed at /tagging/<taxonomy>/.",
    }
)
class TermFilter(TagFilter):
    """The term: chosen among the terms of the taxonomy named in the same form, or of every taxonomy this
    kind of text is tagged with (grouped under the taxonomy's name; a code is unique within its taxonomy
    only). A code that is no term is refused (400), not silently an empty list."""

    @property
    def field(self) -> forms.Field:
        parent = getattr(self, "parent", None)
        if parent is None:  # the class's own filter (the API schema reads it): no terms read, none kept
            return self.field_class(label=self.label, required=False, choices=())
        if not hasattr(self, "_field"):
            taxonomy = (parent.data or {}).get(TAXONOMY, "")
            self.extra["choices"] = _term_choices(self.kind, taxonomy)
            self.extra["widget"] = TermSelect
            chosen = taxonomy in TAXONOMIES[self.kind]
            self.extra["error_messages"] = {"invalid_choice": NOT_A_TERM if chosen else NOT_A_TERM_OF_ANY}
        return super().field


class EnglishName(str):
    """A term's name shown as the UN wrote it, having no Vietnamese name yet, on a Vietnamese page."""


class TermSelect(forms.Select):
    """The terms; an option whose name is still the UN's English one says so (``lang="en"``), for screen
    readers and for a reader who wonders why it is not translated."""

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        if isinstance(option["label"], EnglishName):
            option["attrs"]["lang"] = "en"
        return option


@extend_schema_field(
    {
        "type": "string",
        "description": "The key of a report section (e.g. limitations: the shortcomings) that carries an "
        "accepted tag (with tag_taxonomy or tag: that tag).",
    }
)
class SectionFilter(TagFilter):
    """The report section the tag is on, among the sections the templates have (read when the form is)."""


def _term_choices(kind: str, taxonomy: str) -> list[tuple[str, Any]]:
    from django.utils.translation import get_language

    from rightstrack.tagging.selectors import term_label, terms

    untranslated = (get_language() or "").startswith("vi")

    def label(term: Any) -> str:
        text = term_label(term, term.code)
        english = untranslated and term.name and not term.name_vi and text != term.code
        return EnglishName(text) if english else text

    keys = TAXONOMIES[kind]
    if taxonomy in keys:
        return [(term.code, label(term)) for term in terms(taxonomy)]
    return [(str(TaxonomyKey(key).label), [(term.code, label(term)) for term in terms(key)]) for key in keys]


def _section_choices() -> list[tuple[str, str]]:
    from rightstrack.tagging.by_tag import section_choices

    return section_choices()


def tag_filters(*, model: str) -> dict[str, django_filters.Filter]:
    """The filters of one list: the tag's taxonomy and term; for reports, the section that carries it."""
    kind = KINDS[model]
    filters: dict[str, django_filters.Filter] = {
        TAXONOMY: TagFilter(
            kind=kind,
            lookup="taxonomy",
            choices=[(str(key), TaxonomyKey(key).label) for key in TAXONOMIES[kind]],
            label=_("Tag: taxonomy"),
            help_text=_("Only those with an accepted tag of this taxonomy."),
            error_messages={"invalid_choice": NOT_A_TAXONOMY},
        ),
        TERM: TermFilter(kind=kind, lookup="code", choices=(), label=_("Tag")),
    }
    if kind == TargetKind.REPORT_SECTION:
        filters[SECTION] = SectionFilter(
            kind=kind,
            lookup="section_key",
            choices=_section_choices,
            label=_("Tagged section"),
            help_text=_("Only reports with an accepted tag in this section (the chosen tag, if any)."),
            error_messages={"invalid_choice": NOT_A_SECTION},
        )
    return filters
