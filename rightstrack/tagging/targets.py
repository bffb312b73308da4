"""What can be tagged: a recommendation, one section of a report, a conference's minutes, a document. A
``Target`` names one of them, reads its text, and says which taxonomies apply to it; for recommendations it
also reads and sets the recommendation's own taxonomy fields (themes, affected persons, SDG goals and
targets), where an accepted tag lives."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.urls import reverse

from rightstrack.conferences.models import Conference
from rightstrack.documents.models import Document
from rightstrack.exchange.html import html_to_text
from rightstrack.recommendations.models import AffectedPersons, Recommendation, SdgGoal, SdgTarget, Theme
from rightstrack.reporting.models import Report, ReportSection
from rightstrack.tagging.choices import TargetKind, TaxonomyKey
from rightstrack.tagging.taxonomies import name_code

MAX_TEXT_CHARS = 20_000  # what is kept of a long document: the tagger reads far less (e5: 512 tokens)

# The taxonomies offered for each kind of text (SDG targets only where the UN labels them: recommendations).
TAXONOMIES: dict[str, tuple[str, ...]] = {
    TargetKind.RECOMMENDATION: (
        TaxonomyKey.SDG_GOAL,
        TaxonomyKey.SDG_TARGET,
        TaxonomyKey.UHRI_THEME,
        TaxonomyKey.AFFECTED_PERSONS,
    ),
    TargetKind.REPORT_SECTION: (
        TaxonomyKey.WORK_AREA,
        TaxonomyKey.SDG_GOAL,
        TaxonomyKey.UHRI_THEME,
        TaxonomyKey.AFFECTED_PERSONS,
    ),
    TargetKind.CONFERENCE: (TaxonomyKey.SDG_GOAL, TaxonomyKey.UHRI_THEME, TaxonomyKey.AFFECTED_PERSONS),
    TargetKind.DOCUMENT: (
        TaxonomyKey.WORK_AREA,
        TaxonomyKey.SDG_GOAL,
        TaxonomyKey.UHRI_THEME,
        TaxonomyKey.AFFECTED_PERSONS,
    ),
}

# The recommendation's own field that holds each taxonomy's tags.
RECOMMENDATION_FIELDS = {
    TaxonomyKey.SDG_GOAL: "sdg_goals",
    TaxonomyKey.SDG_TARGET: "sdg_targets",
    TaxonomyKey.UHRI_THEME: "themes",
    TaxonomyKey.AFFECTED_PERSONS: "affected_persons",
}
KIND_FIELDS: dict[str, str] = {
    TargetKind.RECOMMENDATION: "recommendation",
    TargetKind.REPORT_SECTION: "report",
    TargetKind.CONFERENCE: "conference",
    TargetKind.DOCUMENT: "document",
}
KIND_OF_MODEL: dict[type[models.Model], str] = {
    Recommendation: TargetKind.RECOMMENDATION,
    Report: TargetKind.REPORT_SECTION,
    Conference: TargetKind.CONFERENCE,
    Document: TargetKind.DOCUMENT,
}


@dataclass(frozen=True)
class Target:
    kind: str
    obj: Any
    section_key: str = ""

    @classmethod
    def of(cls, obj: Any, section_key: str = "") -> Target:
        kind = KIND_OF_MODEL.get(type(obj))
        if kind is None:
            raise TypeError(f"{type(obj).__name__} cannot be tagged")
        if kind == TargetKind.REPORT_SECTION and not section_key:
            raise ValueError("a report is tagged section by section: name the section")
        return cls(kind, obj, section_key if kind == TargetKind.REPORT_SECTION else "")

    @classmethod
    def of_suggestion(cls, suggestion: Any) -> Target:
        return cls(suggestion.kind, suggestion.target, suggestion.section_key)

    @property
    def lookup(self) -> dict[str, Any]:
        """The ``Suggestion`` filter for this text's suggestions."""
        found = {"kind": self.kind, KIND_FIELDS[self.kind]: self.obj}
        if self.kind == TargetKind.REPORT_SECTION:
            found["section_key"] = self.section_key
        return found

    @property
    def taxonomies(self) -> tuple[str, ...]:
        return TAXONOMIES[self.kind]

    def text(self) -> str:
        return text_of(self.kind, self.obj, self.section_key)

    def url(self) -> str:
        if self.kind == TargetKind.REPORT_SECTION:
            return reverse("reporting:report_detail", args=[self.obj.pk]) + f"#tags-{self.section_key}"
        return str(self.obj.get_absolute_url())


def text_of(kind: str, obj: Any, section_key: str = "") -> str:
    if kind == TargetKind.RECOMMENDATION:
        return "\n".join(t for t in (obj.text, obj.text_vi) if t.strip())
    if kind == TargetKind.REPORT_SECTION:
        html = (
            ReportSection.objects.filter(report=obj, section__key=section_key)
            .values_list("html", flat=True)
            .first()
        )
        return html_to_text(html or "")
    if kind == TargetKind.CONFERENCE:
        return str(obj.minutes or "")
    return str(obj.text or "")[:MAX_TEXT_CHARS]


# A recommendation's own tags --------------------------------------------------------------------------------


def code_of(taxonomy: str, term: Any) -> str:
    """The tagger's code of one of a recommendation's taxonomy rows (``taxonomies``' codes)."""
    if taxonomy == TaxonomyKey.SDG_GOAL:
        return str(term.number)
    if taxonomy == TaxonomyKey.SDG_TARGET:
        return str(term.code)
    return name_code(term.name)


def recommendation_codes(recommendation: Recommendation, taxonomy: str) -> set[str]:
    """The codes the recommendation carries in its own field for ``taxonomy`` (prefetched or not)."""
    field = RECOMMENDATION_FIELDS.get(taxonomy)  # type: ignore[call-overload]
    if field is None:
        return set()
    return {code_of(taxonomy, term) for term in getattr(recommendation, field).all()}


def recommendation_term(taxonomy: str, code: str) -> Any:
    """The row of the recommendation's taxonomy with ``code`` (None when the database has none)."""
    if taxonomy == TaxonomyKey.SDG_GOAL:
        return SdgGoal.objects.filter(number=int(code)).first() if code.isdigit() else None
    if taxonomy == TaxonomyKey.SDG_TARGET:
        return SdgTarget.objects.filter(code=code).first()
    model: type[Theme] | type[AffectedPersons] | None = {
        TaxonomyKey.UHRI_THEME: Theme,
        TaxonomyKey.AFFECTED_PERSONS: AffectedPersons,
    }.get(taxonomy)  # type: ignore[call-overload]
    if model is None:
        return None
    return next((row for row in model.objects.order_by("name") if name_code(row.name) == code), None)


def with_term(current: Iterable[Any], term: Any, *, present: bool) -> list[Any]:
    """``current`` with ``term`` added (``present``) or taken away."""
    rows = [row for row in current if row.pk != term.pk]
    return [*rows, term] if present else rows
