"""Precision, recall, F1 and yes/no accuracy per term on held-out texts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from rightstrack.nlp.ports import Embedder, Matrix
from rightstrack.nlp.tagging.model import (
    DEFAULT_THRESHOLD,
    TEXT_KIND,
    Example,
    Progress,
    Taxonomy,
    _blend,
    _centroids,
    _embed,
    _Features,
    _features,
    _folds,
    _labels_matrix,
    _train_on,
    decisions,
)
from rightstrack.nlp.text import normalize

Decided = npt.NDArray[np.bool_]  # texts x terms: which terms apply (or are true)

# Evaluation ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TermFigures:
    code: str
    support: int  # positives among the evaluated texts
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp + self.fp + self.fn else 0.0

    @property
    def accuracy(self) -> float:
        """Yes/no accuracy: "is this text about the term?" answered right, over every text."""
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total else 0.0

    @property
    def balanced_accuracy(self) -> float:
        """The mean of the yes and the no answers' accuracies: not flattered by a rare term's many no's."""
        yes = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        no = self.tn / (self.tn + self.fp) if self.tn + self.fp else 1.0
        return (yes + no) / 2


@dataclass(frozen=True)
class Evaluation:
    """Figures per term over held-out texts; macro figures over the terms with at least one positive."""

    taxonomy_key: str
    examples: int
    folds: int
    terms: tuple[TermFigures, ...]
    exact: float  # share of texts whose decided set equals the true set
    top1: float  # share of texts whose best-scored term is one of its true terms

    @property
    def measured_terms(self) -> list[TermFigures]:
        return [t for t in self.terms if t.support > 0]

    @property
    def macro_precision(self) -> float:
        return _mean([t.precision for t in self.measured_terms])

    @property
    def macro_recall(self) -> float:
        return _mean([t.recall for t in self.measured_terms])

    @property
    def macro_f1(self) -> float:
        return _mean([t.f1 for t in self.measured_terms])

    @property
    def micro_f1(self) -> float:
        tp = sum(t.tp for t in self.terms)
        wrong = sum(t.fp + t.fn for t in self.terms)
        return 2 * tp / (2 * tp + wrong) if tp + wrong else 0.0

    @property
    def accuracy(self) -> float:
        """Mean per-term yes/no accuracy over the terms with at least one positive."""
        return _mean([t.accuracy for t in self.measured_terms])

    @property
    def balanced_accuracy(self) -> float:
        return _mean([t.balanced_accuracy for t in self.measured_terms])

    def restricted(self, codes: Iterable[str]) -> Evaluation:
        """The same figures over the terms ``codes`` only (e.g. those a training set had labels for)."""
        wanted = set(codes)
        return replace(self, terms=tuple(t for t in self.terms if t.code in wanted))

    def summary(self) -> dict[str, float]:
        return {
            "examples": float(self.examples),
            "macro_precision": self.macro_precision,
            "macro_recall": self.macro_recall,
            "macro_f1": self.macro_f1,
            "micro_f1": self.micro_f1,
            "accuracy": self.accuracy,
            "balanced_accuracy": self.balanced_accuracy,
            "exact": self.exact,
            "top1": self.top1,
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "taxonomy": self.taxonomy_key,
            "folds": self.folds,
            **self.summary(),
            "terms": [
                {
                    "code": t.code,
                    "support": t.support,
                    "precision": t.precision,
                    "recall": t.recall,
                    "f1": t.f1,
                    "accuracy": t.accuracy,
                    "balanced_accuracy": t.balanced_accuracy,
                }
                for t in self.terms
            ],
        }

    def format(self, names: dict[str, str] | None = None) -> str:
        names = names or {}
        lines = [
            f"{'term':<44} {'support':>7} {'prec.':>6} {'recall':>6} {'F1':>6} {'yes/no':>7} {'balanced':>8}"
        ]
        for t in sorted(self.terms, key=lambda t: -t.support):
            label = f"{t.code} {names.get(t.code, '')}".strip()[:44]
            lines.append(
                f"{label:<44} {t.support:>7} {t.precision:>6.1%} {t.recall:>6.1%} {t.f1:>6.1%} "
                f"{t.accuracy:>7.1%} {t.balanced_accuracy:>8.1%}"
            )
        measured = len(self.measured_terms)
        lines.append(
            f"{self.examples} texts, {self.folds if self.folds else 'one held-out'} "
            f"{'folds' if self.folds else 'set'}; over the {measured} terms with positives: "
            f"macro precision {self.macro_precision:.1%}, recall {self.macro_recall:.1%}, "
            f"F1 {self.macro_f1:.1%}; micro F1 {self.micro_f1:.1%}; yes/no accuracy {self.accuracy:.1%} "
            f"(balanced {self.balanced_accuracy:.1%}); best term right {self.top1:.1%}, "
            f"exact set {self.exact:.1%}"
        )
        return "\n".join(lines)


def _mean(values: Sequence[float]) -> float:
    return float(sum(values) / len(values)) if values else 0.0


def _figures(
    key: str, codes: Sequence[str], scores: Matrix, thresholds: Matrix, y: Matrix, folds: int
) -> Evaluation:
    return _counted(key, codes, decisions(scores, thresholds), y > 0, scores, folds)


def _counted(
    key: str, codes: Sequence[str], decided: Decided, truth: Decided, scores: Matrix, folds: int
) -> Evaluation:
    terms = tuple(
        TermFigures(
            code=code,
            support=int(truth[:, j].sum()),
            tp=int((decided[:, j] & truth[:, j]).sum()),
            fp=int((decided[:, j] & ~truth[:, j]).sum()),
            fn=int((~decided[:, j] & truth[:, j]).sum()),
            tn=int((~decided[:, j] & ~truth[:, j]).sum()),
        )
        for j, code in enumerate(codes)
    )
    n = truth.shape[0]
    exact = float((decided == truth).all(axis=1).mean()) if n else 0.0
    best = scores.argmax(axis=1) if n else np.zeros(0, int)
    top1 = float(truth[np.arange(n), best].mean()) if n else 0.0
    return Evaluation(key, n, folds, terms, exact, top1)


def _cross_validate(
    taxonomy: Taxonomy, centroids: Matrix, f: _Features, y: Matrix, *, folds: int, seed: int
) -> Evaluation:
    n = y.shape[0]
    scores = np.zeros_like(y)
    thresholds = np.zeros_like(y)
    for fold in _folds(n, min(folds, n), seed):
        train_index = np.setdiff1d(np.arange(n), fold)
        linear, share, fold_thresholds = _train_on(
            taxonomy, centroids, f.take(train_index), y[train_index], tune=True, seed=seed
        )
        held = f.take(fold)
        probabilities = linear.probabilities(held) if linear is not None else None
        scores[fold] = _blend(probabilities, held.prior, share)
        thresholds[fold] = fold_thresholds
    return _figures(taxonomy.key, taxonomy.codes, scores, thresholds, y, folds)


def evaluate(
    taxonomy: Taxonomy,
    embedder: Embedder,
    examples: Sequence[Example],
    *,
    folds: int = 5,
    seed: int = 0,
    held_out: Sequence[Example] | None = None,
    zero_shot_only: bool = False,
    progress: Progress | None = None,
) -> Evaluation:
    """Precision, recall, F1 and yes/no accuracy per term on texts the tagger did not learn from:
    ``folds``-fold cross-validation over ``examples``, or, with ``held_out``, trained on all ``examples``
    and measured on ``held_out`` (another UPR session); ``zero_shot_only``: the descriptions alone."""
    codes = set(taxonomy.codes)
    usable = [(text, labels & codes) for text, labels in examples if normalize(text)]
    usable = [(text, labels) for text, labels in usable if labels or held_out is None]
    centroids = _centroids(embedder, taxonomy.terms, taxonomy.names_share)
    keywords = [term.keywords() for term in taxonomy.terms]
    test = [(text, labels & codes) for text, labels in (held_out or []) if normalize(text)]
    total = len(usable) + len(test)
    f = _features([t for t, _ in usable], embedder, centroids, keywords, progress, 0, total)
    y = _labels_matrix(taxonomy.codes, usable)
    if zero_shot_only:
        if held_out is not None:
            f = _features([t for t, _ in test], embedder, centroids, keywords, progress, len(usable), total)
            y = _labels_matrix(taxonomy.codes, test)
        thresholds = np.full_like(y, DEFAULT_THRESHOLD)
        return _figures(taxonomy.key, taxonomy.codes, f.prior, thresholds, y, 0 if held_out else folds)
    if held_out is None:
        return _cross_validate(taxonomy, centroids, f, y, folds=folds, seed=seed)
    linear, share, thresholds = _train_on(taxonomy, centroids, f, y, tune=True, seed=seed)
    g = _features([t for t, _ in test], embedder, centroids, keywords, progress, len(usable), total)
    probabilities = linear.probabilities(g) if linear is not None else None
    scores = _blend(probabilities, g.prior, share)
    y_test = _labels_matrix(taxonomy.codes, test)
    return _figures(
        taxonomy.key, taxonomy.codes, scores, np.broadcast_to(thresholds, scores.shape), y_test, 0
    )


NEAR_IDENTICAL = 0.95  # the cosine from which two recommendations are one ask in other words (measured)


def near_identical(
    embedder: Embedder, texts: Sequence[str], others: Sequence[str], min_cosine: float = NEAR_IDENTICAL
) -> list[tuple[int, int]]:
    """``(i, j)`` for each text ``i`` of ``texts`` whose closest text ``j`` of ``others`` is at a cosine of
    at least ``min_cosine``: the same ask in nearly the same words."""
    if not texts or not others:
        return []
    cosines = _unit(_embed(embedder, texts, TEXT_KIND)) @ _unit(_embed(embedder, others, TEXT_KIND)).T
    closest = cosines.argmax(axis=1)
    return [(i, int(closest[i])) for i in range(len(texts)) if cosines[i, closest[i]] >= min_cosine]


def agreement(taxonomy: Taxonomy, truth: Sequence[Example], given: Sequence[Example]) -> Evaluation:
    """How far two labellings of the same texts agree: the labels of ``given`` measured as a tagger's
    decisions against those of ``truth``, pair by pair. Of near-identical asks in two UPR sessions: how far
    the UN's labels agree with themselves, a yardstick for a tagger measured on an unseen session."""
    decided = _labels_matrix(taxonomy.codes, given) > 0
    return _counted(
        taxonomy.key,
        taxonomy.codes,
        decided,
        _labels_matrix(taxonomy.codes, truth) > 0,
        decided.astype(np.float32),
        0,
    )


def _unit(vectors: Matrix) -> Matrix:
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
