"""How a term's centroid is made: the mean of its names' and description lines' embeddings, or, with a
taxonomy's ``names_share`` (UHRI themes, decision 0054 amended), its names' mean weighted by that share and
its lines' mean by the rest, so that a few names are not drowned by many description lines."""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pytest

from rightstrack.nlp.tagging import Taxonomy, Term
from rightstrack.nlp.tagging.model import TERM_KIND, _centroids
from rightstrack.nlp.tests.test_tagging import WordsEmbedder

PENALTY = Term(
    "death-penalty",
    "Death penalty",
    "Hình phạt tử hình",
    "Abolish capital punishment; establish a moratorium on executions.\nCommute sentences.",
    "Bãi bỏ hình phạt tử hình.",
)
BARE = Term("right-to-life", "Right to life")  # no description: its names only


def unit(vector: np.ndarray) -> np.ndarray:
    return vector / np.linalg.norm(vector)


def test_names_come_first_in_the_passages() -> None:
    assert PENALTY.name_count() == 2 and BARE.name_count() == 1
    assert PENALTY.passages()[:2] == ["Death penalty", "Hình phạt tử hình"]
    assert len(PENALTY.passages()) == 2 + 3  # three description lines


@pytest.mark.parametrize("share", [0.33, 0.5])
def test_names_weigh_their_share_and_the_lines_the_rest(share: float) -> None:
    embedder = WordsEmbedder()
    got = _centroids(embedder, [PENALTY, BARE], share)
    vectors = embedder.embed(PENALTY.passages(), kind=TERM_KIND)
    expected = unit(share * vectors[:2].mean(axis=0) + (1 - share) * vectors[2:].mean(axis=0))
    np.testing.assert_allclose(got[0], expected, atol=1e-6)
    # a term with names only is the same whatever the share
    np.testing.assert_allclose(got[1], _centroids(embedder, [BARE])[0], atol=1e-6)


def test_no_share_averages_every_passage_alike() -> None:
    embedder = WordsEmbedder()
    vectors = embedder.embed(PENALTY.passages(), kind=TERM_KIND)
    np.testing.assert_allclose(_centroids(embedder, [PENALTY])[0], unit(vectors.mean(axis=0)), atol=1e-6)


def test_a_larger_share_brings_a_text_using_the_name_closer() -> None:
    embedder = WordsEmbedder()
    text = embedder.embed(["the death penalty"], kind="query")[0]
    closeness = [float(_centroids(embedder, [PENALTY], share)[0] @ text) for share in (0.1, 0.33, 0.5, 0.8)]
    assert closeness == sorted(closeness) and closeness[0] < closeness[-1]


def test_the_share_changes_the_digest_only_when_set() -> None:
    terms = (PENALTY, BARE)
    before = json.dumps(["uhri-theme", [list(vars(t).values()) for t in terms]], ensure_ascii=False)
    assert Taxonomy("uhri-theme", terms).digest() == hashlib.sha256(before.encode()).hexdigest()
    assert Taxonomy("uhri-theme", terms, names_share=0.33).digest() != Taxonomy("uhri-theme", terms).digest()
