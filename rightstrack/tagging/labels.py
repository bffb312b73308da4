"""The labelled texts a tagger learns from: the UN's own labels on recommendations and the shipped seeds
(``taxonomies.training_examples``, the ground the tagger in use learned from too, so that a retrained
version is measured against a baseline trained on the same ground), and every decision people made on a
suggestion. An accepted suggestion is a positive label of its text (on a recommendation it is already one
of the recommendation's own tags); a rejected one is negative evidence: the term is taken out of the text's
labels, even where an import had put it there. A text left with no label says nothing the tagger can learn
(``nlp.tagging.train`` drops it)."""

from __future__ import annotations

from collections import defaultdict

from rightstrack.tagging.choices import SuggestionState, TargetKind
from rightstrack.tagging.models import Suggestion
from rightstrack.tagging.targets import text_of
from rightstrack.tagging.taxonomies import training_examples as un_and_seed_examples

Example = tuple[str, frozenset[str]]


def training_examples(taxonomy: str) -> list[Example]:
    """Every labelled text for ``taxonomy``, decisions included (one example per text)."""
    decided = (
        Suggestion.objects.filter(taxonomy=taxonomy)
        .exclude(state=SuggestionState.PENDING)
        .select_related("recommendation", "report", "conference", "document")
        .order_by("id")
    )
    accepted: dict[str, set[str]] = defaultdict(set)
    rejected: dict[str, set[str]] = defaultdict(set)
    rejected_recommendations: dict[str, set[str]] = defaultdict(set)
    for suggestion in decided.iterator(chunk_size=500):
        if suggestion.kind == TargetKind.RECOMMENDATION:
            if suggestion.state == SuggestionState.REJECTED and suggestion.recommendation is not None:
                for text in (suggestion.recommendation.text, suggestion.recommendation.text_vi):
                    if text.strip():
                        rejected_recommendations[text].add(suggestion.code)
            continue  # accepted: already among the recommendation's own tags, which ``examples`` reads
        text = text_of(suggestion.kind, suggestion.target, suggestion.section_key).strip()
        if not text:
            continue
        (accepted if suggestion.state == SuggestionState.ACCEPTED else rejected)[text].add(suggestion.code)
    out: dict[str, set[str]] = {}
    for text, codes in un_and_seed_examples(taxonomy):
        out.setdefault(text, set()).update(codes)
    for text, added in accepted.items():
        out.setdefault(text, set()).update(added)
    for text, taken in [*rejected.items(), *rejected_recommendations.items()]:
        if text in out:
            out[text] -= taken
    return [(text, frozenset(codes)) for text, codes in out.items() if codes]
