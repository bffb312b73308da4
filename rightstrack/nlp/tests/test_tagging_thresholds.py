"""How a tagger's per-term thresholds are chosen: each term's best threshold on held-out scores, pulled
towards the one threshold that suits all terms by ``n / (n + shrink)`` (decision 0054, amended;
UHRI themes), so that a term seen a handful of times does not keep a threshold fitted to its noise."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rightstrack.nlp.tagging.model import (
    DEFAULT_THRESHOLD,
    MIN_POSITIVES_FOR_THRESHOLD,
    POOLED_CANDIDATES,
    _best_thresholds,
    _pooled_threshold,
    _shrunk_thresholds,
)

SHRINK = 10.0  # what the UHRI theme taxonomy uses (``tagging.taxonomies.THRESHOLD_SHRINK``)


@st.composite
def scored(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    """Held-out scores in [0, 1] and 0/1 labels for a few texts and terms."""
    n = draw(st.integers(1, 30))
    t = draw(st.integers(1, 6))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    share = draw(st.floats(0.0, 1.0))
    y = (rng.random((n, t)) < share).astype(np.float32)
    noise = draw(st.floats(0.0, 1.0))
    scores = np.clip((1 - noise) * y + noise * rng.random((n, t)), 0, 1).astype(np.float32)
    return scores, y


@settings(max_examples=200, deadline=None)
@given(data=scored())
def test_each_threshold_lies_between_the_terms_own_and_the_pooled_one(
    data: tuple[np.ndarray, np.ndarray],
) -> None:
    scores, y = data
    positives = y.sum(axis=0)
    own = _best_thresholds(scores, y, positives)
    pooled = _pooled_threshold(scores, y, positives)
    shrunk = _shrunk_thresholds(scores, y, positives, SHRINK)
    assert shrunk.shape == (y.shape[1],) and shrunk.dtype == np.float32
    assert pooled in POOLED_CANDIDATES or pooled == DEFAULT_THRESHOLD
    for j, n in enumerate(positives):
        if n < MIN_POSITIVES_FOR_THRESHOLD:
            assert shrunk[j] == DEFAULT_THRESHOLD  # too few positives to tune: as before
        else:
            low, high = sorted((float(own[j]), pooled))
            assert low - 1e-6 <= shrunk[j] <= high + 1e-6
            assert 0.05 - 1e-6 <= shrunk[j] <= 0.95 + 1e-6


def test_a_term_with_many_positives_keeps_nearer_its_own_threshold() -> None:
    # Three common terms (100 positives scoring 0.9, the rest 0.5) and a rare one whose 4 positives happen to
    # score 0.3 (the rest 0.1): its own best threshold is fitted to those four, the pooled one is not.
    n = 300
    y = np.zeros((n, 4), np.float32)
    scores = np.full((n, 4), 0.5, np.float32)
    for j in range(3):
        y[100 * j : 100 * j + 100, j] = 1
        scores[100 * j : 100 * j + 100, j] = 0.9
    y[:4, 3] = 1
    scores[:, 3] = 0.1
    scores[:4, 3] = 0.3
    positives = y.sum(axis=0)
    own = _best_thresholds(scores, y, positives)
    pooled = _pooled_threshold(scores, y, positives)
    shrunk = _shrunk_thresholds(scores, y, positives, SHRINK)
    assert own[3] == np.float32(0.3) and pooled > 0.5
    weight = positives / (positives + SHRINK)
    assert np.allclose(shrunk, weight * own + (1 - weight) * pooled, atol=1e-6)
    assert abs(shrunk[0] - own[0]) < abs(shrunk[3] - own[3])  # the rare term moved further


def test_the_pooled_threshold_separates_terms_that_one_threshold_can_separate() -> None:
    y = np.zeros((40, 3), np.float32)
    for j in range(3):
        y[10 * j : 10 * j + 10, j] = 1
    scores = np.where(y > 0, 0.8, 0.2).astype(np.float32)
    positives = y.sum(axis=0)
    pooled = _pooled_threshold(scores, y, positives)
    assert 0.2 < pooled <= 0.8
    decided = scores >= _shrunk_thresholds(scores, y, positives, SHRINK)
    assert (decided == (y > 0)).all()


def test_no_term_with_enough_positives_gives_the_default() -> None:
    y = np.zeros((5, 2), np.float32)
    y[0, 0] = 1
    scores = np.random.default_rng(0).random((5, 2)).astype(np.float32)
    assert _pooled_threshold(scores, y, y.sum(axis=0)) == DEFAULT_THRESHOLD
    assert (_shrunk_thresholds(scores, y, y.sum(axis=0), SHRINK) == DEFAULT_THRESHOLD).all()


@settings(max_examples=100, deadline=None)
@given(data=scored())
def test_no_shrink_keeps_each_terms_own_threshold(data: tuple[np.ndarray, np.ndarray]) -> None:
    scores, y = data
    positives = y.sum(axis=0)
    assert (_shrunk_thresholds(scores, y, positives, 0.0) == _best_thresholds(scores, y, positives)).all()
