"""The tagger each taxonomy uses: trained on the database's labels (kept while they stay the same, trained
again when they change), behind the project's cached embedder."""

from __future__ import annotations

import pytest

from rightstrack.nlp.embeddings import CachedEmbedder
from rightstrack.recommendations.models import Theme
from rightstrack.recommendations.services import recommendation_create
from rightstrack.tagging import taggers, taxonomies
from rightstrack.tagging.taggers import embedder, tagger_for
from tests.world import Recommendations


def test_the_embedder_is_the_cached_bundled_model() -> None:
    cached = embedder()
    assert isinstance(cached, CachedEmbedder)
    assert "multilingual-e5-small" in cached.model_version
    assert embedder() is cached


def test_a_tagger_is_trained_on_the_database_labels_and_kept_while_they_stay(
    recommendations: Recommendations,
) -> None:
    first = tagger_for("uhri-theme")
    assert first.taxonomy_key == "uhri-theme" and first.supervised
    assert "right-to-education" in first.taxonomy.codes
    assert first.figures["examples"] == 4  # two recommendations with themes, each with a Vietnamese text
    assert tagger_for("uhri-theme") is first

    recommendation_create(
        actor=recommendations.upr.created_by,
        owner=recommendations.upr.owner,
        mechanism="UPR",
        session="46",
        number="120.3",
        text="Guarantee free primary education for every child",
        themes=[Theme.objects.get(name="Right to education")],
    )
    second = tagger_for("uhri-theme")
    assert second is not first and second.version != first.version
    assert second.figures["examples"] == 5


def test_a_vietnamese_paragraph_is_tagged_with_its_work_area(db: None) -> None:
    tagger = tagger_for("work-area")
    [labels] = tagger.tag(
        ["Ủy ban nhân dân tỉnh ban hành 12 văn bản quy phạm pháp luật, rà soát 30 nghị quyết và quyết định."]
    )
    assert labels[0].code == "results-legal"


def test_the_stand_in_tagger_learns_from_a_bounded_share_of_the_labels(
    recommendations: Recommendations, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no version in use, the first request trains the tagger: on the seeds and at most
    ``FALLBACK_EXAMPLES`` labelled texts, whatever the database holds (the retrain job reads them all)."""
    monkeypatch.setattr(taggers, "FALLBACK_EXAMPLES", 3)
    assert len(taxonomies.examples("uhri-theme")) == 4
    bounded = tagger_for("uhri-theme")
    assert bounded.figures["examples"] == 3
