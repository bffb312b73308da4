"""The tagging app's reads: the tagger in use (loaded once per process and version), the suggestions of a
text grouped for its panel, a taxonomy's page, and the texts that are still untagged (the reads across the
product by tag: ``by_tag``)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import get_language, gettext_lazy

from rightstrack.core.scope import scoped
from rightstrack.nlp.tagging import Tagger, Term
from rightstrack.tagging.choices import SuggestionState, TargetKind, TaxonomyKey
from rightstrack.tagging.models import Suggestion, TaggerVersion
from rightstrack.tagging.targets import RECOMMENDATION_FIELDS, TAXONOMIES, Target

PANEL_PENDING = 8  # pending suggestions shown per taxonomy (highest score first)

logger = logging.getLogger(__name__)
_LOCK = threading.Lock()
_LOADED: dict[str, tuple[str, Tagger | None, str]] = {}  # taxonomy → (version in use, its tagger, refusal)


def active_version(taxonomy_key: str) -> TaggerVersion | None:
    """The version in use for the taxonomy, without its bytes."""
    return TaggerVersion.objects.defer("model").filter(taxonomy=taxonomy_key, active=True).first()


def active_tagger(taxonomy_key: str) -> Tagger | None:
    """The tagger in use for the taxonomy (None: no trained version, the zero-shot one serves).

    One short query each call; the model's bytes are read and loaded only when the version in use changed,
    so a retraining in a worker reaches every web process on its next call. A version this installation
    cannot use (trained by another engine or on another embedding model: an upgrade, or the operator changed
    the model) is None as well, so that the stand-in tagger serves until a retraining; ``refusal`` says why
    and the taxonomy's page shows it."""
    row = (
        TaggerVersion.objects.filter(taxonomy=taxonomy_key, active=True).values_list("pk", "version").first()
    )
    if row is None:
        with _LOCK:
            _LOADED.pop(taxonomy_key, None)
        return None
    pk, version = row
    cached = _LOADED.get(taxonomy_key)
    if cached is not None and cached[0] == version:
        return cached[1]
    from rightstrack.tagging.taggers import embedder

    data = TaggerVersion.objects.values_list("model", flat=True).get(pk=pk)
    tagger, reason = None, ""
    try:
        tagger = Tagger.from_bytes(bytes(data), embedder())
    except ValueError as refused:
        reason = str(refused)
        logger.warning(
            "the %s tagger in use (%s) cannot be used here: %s; the stand-in tagger serves until it is "
            "retrained",
            taxonomy_key,
            version,
            reason,
        )
    with _LOCK:
        _LOADED[taxonomy_key] = (version, tagger, reason)
    return tagger


def refusal(taxonomy_key: str) -> str:
    """Why the version in use cannot be used by this installation ("": it can, or there is none)."""
    active_tagger(taxonomy_key)
    cached = _LOADED.get(taxonomy_key)
    return cached[2] if cached is not None else ""


# Names of terms -------------------------------------------------------------------------------------------


def terms(taxonomy_key: str) -> list[Term]:
    from rightstrack.tagging.taxonomies import taxonomy

    return list(taxonomy(taxonomy_key).terms)


def term_label(term: Term | None, code: str) -> str:
    if term is None:
        return code
    vietnamese = (get_language() or "").startswith("vi")
    name = term.name_vi if vietnamese and term.name_vi else term.name
    if term.code == name or not name:
        return term.code
    return f"{term.code} – {name}" if term.code.replace(".", "").isalnum() and len(term.code) <= 5 else name


# Panels ---------------------------------------------------------------------------------------------------


@dataclass
class Shown:
    suggestion: Suggestion
    label: str


@dataclass
class Group:
    taxonomy: str
    title: str
    accepted: list[Shown] = field(default_factory=list)
    pending: list[Shown] = field(default_factory=list)
    rejected: list[Shown] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.accepted or self.pending or self.rejected)


def _groups(
    suggestions: Sequence[Suggestion], taxonomies: Sequence[str], names: dict[str, dict[str, Term]]
) -> list[Group]:
    titles = dict(TaxonomyKey.choices)
    groups = {key: Group(key, str(titles[key])) for key in taxonomies}
    for s in suggestions:
        group = groups.get(s.taxonomy)
        if group is None:
            continue
        shown = Shown(s, term_label(names.get(s.taxonomy, {}).get(s.code), s.code))
        getattr(group, s.state).append(shown)
    for group in groups.values():
        group.pending = sorted(group.pending, key=lambda x: -x.suggestion.score)[:PANEL_PENDING]
    return list(groups.values())


def term_names(suggestions: Sequence[Suggestion]) -> dict[str, dict[str, Term]]:
    keys = sorted({s.taxonomy for s in suggestions})
    return {key: {term.code: term for term in terms(key)} for key in keys}


SUGGEST_ROUTES: dict[str, str] = {
    TargetKind.RECOMMENDATION: "tagging:recommendation_suggest",
    TargetKind.CONFERENCE: "tagging:conference_suggest",
    TargetKind.DOCUMENT: "tagging:document_suggest",
}


def panel_for_object(*, user: Any, obj: Any) -> dict[str, Any] | None:
    """The block on a recommendation's, a conference's or a document's page: its suggestions by taxonomy,
    with accept/reject for whoever may change its record."""
    from django.urls import reverse

    target = Target.of(obj)
    suggestions = list(Suggestion.objects.filter(**target.lookup).select_related("decided_by"))
    groups = _groups(suggestions, target.taxonomies, term_names(suggestions))
    return {
        "tag_target": target,
        "suggest_url": reverse(SUGGEST_ROUTES[target.kind], args=[obj.pk]),
        "tag_groups": groups,
        "tag_any": any(not group.empty for group in groups),
        "can_decide": user.has_perm("tagging.decide_suggestion", obj),
    }


@dataclass
class SectionTags:
    key: str
    title: str
    groups: list[Group]

    @property
    def any(self) -> bool:
        return any(not group.empty for group in self.groups)

    @property
    def pending(self) -> int:
        return sum(len(group.pending) for group in self.groups)

    @property
    def accepted(self) -> int:
        return sum(len(group.accepted) for group in self.groups)

    @property
    def open(self) -> bool:
        """Shown unfolded while something waits for a decision (or nothing was suggested yet)."""
        return self.pending > 0 or not self.any


def report_section_keys(report: Any) -> list[str]:
    """The keys of the report's sections that have text, in the template's order."""
    from rightstrack.exchange.html import html_to_text
    from rightstrack.reporting.models import ReportSection

    rows = ReportSection.objects.filter(report=report).select_related("section").order_by("section__order")
    return [row.section.key for row in rows if html_to_text(row.html).strip()]


def panel_for_report(*, user: Any, obj: Any) -> dict[str, Any] | None:
    """The report page's block: the tags of each section with text (one query, plus the terms' names; the
    sections are those the page loaded)."""
    from rightstrack.exchange.html import html_to_text
    from rightstrack.reporting.selectors import section_rows

    sections = [row for row in section_rows(obj) if html_to_text(row.html).strip()]
    suggestions = list(
        Suggestion.objects.filter(kind=TargetKind.REPORT_SECTION, report=obj).select_related("decided_by")
    )
    names = term_names(suggestions)
    by_section: dict[str, list[Suggestion]] = {}
    for s in suggestions:
        by_section.setdefault(s.section_key, []).append(s)
    taxonomies = TAXONOMIES[TargetKind.REPORT_SECTION]
    return {
        "tag_report": obj,
        "tag_sections": [
            SectionTags(
                row.section.key,
                row.section.display_title,
                _groups(by_section.get(row.section.key, []), taxonomies, names),
            )
            for row in sections
        ],
        "can_decide": user.has_perm("tagging.decide_suggestion", obj),
    }


def suggestions_for(user: Any, target: Target) -> QuerySet[Suggestion]:
    """The suggestions of one text the user sees (the caller fetched the text in scope)."""
    return scoped(user, Suggestion.objects.filter(**target.lookup).select_related("decided_by"))


def suggestion_list() -> QuerySet[Suggestion]:
    return Suggestion.objects.select_related("decided_by").order_by("taxonomy", "-score", "id")


# Taxonomy pages -------------------------------------------------------------------------------------------

# The figures a version shows, in this order (``nlp.tagging.Evaluation.summary``; shares shown as per cent).
FIGURES = (
    ("macro_f1", gettext_lazy("F1 (macro)")),
    ("macro_precision", gettext_lazy("Precision (macro)")),
    ("macro_recall", gettext_lazy("Recall (macro)")),
    ("accuracy", gettext_lazy("Yes/no accuracy")),
    ("balanced_accuracy", gettext_lazy("Balanced yes/no accuracy")),
)


def figure_rows(version: TaggerVersion | None) -> list[tuple[str, str, float]]:
    """(key, label, per cent) of the version's measured figures that it has."""
    if version is None:
        return []
    figures = version.figures or {}
    return [(key, str(label), float(figures[key]) * 100) for key, label in FIGURES if key in figures]


@dataclass
class TaxonomySummary:
    key: str
    title: str
    active: TaggerVersion | None
    pending: int
    accepted: int
    rejected: int


def taxonomy_summaries() -> list[TaxonomySummary]:
    """Each taxonomy with its version in use and how many suggestions are waiting or decided (2 queries)."""
    from django.db.models import Count

    active = {v.taxonomy: v for v in TaggerVersion.objects.defer("model").filter(active=True)}
    counts: dict[tuple[str, str], int] = {
        (row["taxonomy"], row["state"]): row["n"]
        for row in Suggestion.objects.order_by().values("taxonomy", "state").annotate(n=Count("pk"))
    }
    return [
        TaxonomySummary(
            key,
            str(title),
            active.get(key),
            counts.get((key, SuggestionState.PENDING), 0),
            counts.get((key, SuggestionState.ACCEPTED), 0),
            counts.get((key, SuggestionState.REJECTED), 0),
        )
        for key, title in TaxonomyKey.choices
    ]


def versions(taxonomy_key: str) -> QuerySet[TaggerVersion]:
    return TaggerVersion.objects.defer("model").filter(taxonomy=taxonomy_key).select_related("created_by")


# Untagged texts -------------------------------------------------------------------------------------------


def untagged(user: Any, taxonomy_key: str) -> Iterator[Target]:
    """The texts the user sees that have neither a tag nor a suggestion for the taxonomy: recommendations
    with nothing in their own field, report sections, conferences' minutes and documents."""
    from rightstrack.conferences.models import Conference
    from rightstrack.documents.models import Document
    from rightstrack.recommendations.models import Recommendation
    from rightstrack.reporting.models import ReportSection

    suggested = Suggestion.objects.filter(taxonomy=taxonomy_key)
    if TaxonomyKey(taxonomy_key) in TAXONOMIES[TargetKind.RECOMMENDATION]:
        field_name = RECOMMENDATION_FIELDS[TaxonomyKey(taxonomy_key)]
        recommendations = (
            scoped(user, Recommendation.objects.all())
            .filter(**{f"{field_name}__isnull": True})
            .exclude(Exists(suggested.filter(recommendation=OuterRef("pk"))))
            .order_by("pk")
        )
        for recommendation in recommendations.iterator(chunk_size=500):
            yield Target.of(recommendation)
    if TaxonomyKey(taxonomy_key) in TAXONOMIES[TargetKind.REPORT_SECTION]:
        sections = (
            scoped(user, ReportSection.objects.exclude(html=""))
            .exclude(
                Exists(suggested.filter(report=OuterRef("report_id"), section_key=OuterRef("section__key")))
            )
            .select_related("report", "section")
            .order_by("pk")
        )
        for section in sections.iterator(chunk_size=500):
            yield Target.of(section.report, section.section.key)
    if TaxonomyKey(taxonomy_key) in TAXONOMIES[TargetKind.CONFERENCE]:
        conferences = (
            scoped(user, Conference.objects.exclude(minutes=""))
            .exclude(Exists(suggested.filter(conference=OuterRef("pk"))))
            .order_by("pk")
        )
        for conference in conferences.iterator(chunk_size=500):
            yield Target.of(conference)
    if TaxonomyKey(taxonomy_key) in TAXONOMIES[TargetKind.DOCUMENT]:
        documents = (
            scoped(user, Document.objects.all())
            .exclude(Exists(suggested.filter(document=OuterRef("pk"))))
            .order_by("pk")
        )
        for document in documents.iterator(chunk_size=500):
            yield Target.of(document)
