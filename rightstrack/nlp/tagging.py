"""Tagging: which terms of a taxonomy (SDG goals and targets, UHRI themes, affected persons, work areas) a
text is about, with a score per term and a decision per term (docs/decisions/0054-tagging-engine.md).

One model, two sources of knowledge:

- **zero-shot**: the cosine between the text's embedding (e5 "query") and each term's centroid (the mean of
  its names' and descriptions' e5 "passage" embeddings, English and Vietnamese alike). The multilingual
  model puts a Vietnamese paragraph next to the English description of its term, so no Vietnamese label is
  needed. A term's zero-shot score is ``exp((cos - best cos) / TEMPERATURE)``: 1.0 for the closest term,
  falling fast for the others.
- **supervised**, as soon as labelled examples exist: one logistic regression per term (one-vs-rest, numpy,
  trained for all terms at once) on the text's embedding, the term's zero-shot score and a lexical feature
  (the share of the term's name words present in the text). Its probability is blended with the zero-shot
  score by how many positives the term has (``n / (n + PRIOR_WEIGHT)``): a term seen twice still leans on its
  description.

The decision threshold of each term is the one with the best F1 on held-out folds of the training data
(terms with too few positives keep ``DEFAULT_THRESHOLD``). Everything is numpy; a tagger serialises to an
``.npz`` (no pickle) with its taxonomy, weights, thresholds, version and measured figures.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from rightstrack.nlp.ports import Embedder, EmbeddingKind, Matrix
from rightstrack.nlp.text import fold_words, normalize

ENGINE = "tagger-3"  # bump when scoring or training changes: it is part of every tagger's version
TEXT_KIND: EmbeddingKind = "query"  # texts to classify (measured: docs/benchmarks.md, "Tagging")
TERM_KIND: EmbeddingKind = "passage"  # terms' names and descriptions
TEMPERATURE = 0.01  # e5 was trained with this temperature: cosines differ in the second decimal
DEFAULT_THRESHOLD = 0.5
PRIOR_WEIGHT = 4.0  # a term's supervised probability weighs n_positive / (n_positive + PRIOR_WEIGHT)
MIN_POSITIVES_FOR_THRESHOLD = 3  # fewer positives than this: the threshold is not tuned
L2 = 1e-2  # ridge penalty of the logistic regressions (on weights, not on the bias)
EPOCHS = 300
LEARNING_RATE = 0.02
THRESHOLD_FOLDS = 4
LEXICAL_FEATURE = True  # measured: docs/benchmarks.md, "Tagging"
BATCH = 64  # texts per embedding call
MAX_TEXT_CHARS = 4000  # what the embedder reads (e5-small: 512 tokens)
_STOP = frozenset(
    "and the of to in on for a an or with by from at as its their other all any general "
    "va cua cac cho voi trong nhung la ve tu theo".split()
)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Term:
    code: str
    name: str
    name_vi: str = ""
    description: str = ""
    description_vi: str = ""

    def passages(self) -> list[str]:
        """What the term's centroid is made of: its names and each line of its descriptions."""
        lines = [self.name, self.name_vi]
        for text in (self.description, self.description_vi):
            lines.extend(normalize(text).split("\n"))
        return [line for line in (normalize(x) for x in lines) if line]

    def keywords(self) -> frozenset[str]:
        """The folded words of the term's names (English and Vietnamese), for the lexical feature."""
        return frozenset(
            w for w in fold_words(f"{self.name} {self.name_vi}") if len(w) > 1 and w not in _STOP
        )


@dataclass(frozen=True)
class Taxonomy:
    key: str
    terms: tuple[Term, ...]

    @property
    def codes(self) -> list[str]:
        return [term.code for term in self.terms]

    def digest(self) -> str:
        data = json.dumps([self.key, [list(vars(t).values()) for t in self.terms]], ensure_ascii=False)
        return hashlib.sha256(data.encode()).hexdigest()


@dataclass(frozen=True)
class Label:
    code: str
    score: float


Example = tuple[str, frozenset[str]]


def examples_digest(examples: Iterable[Example]) -> str:
    """A digest of labelled examples, independent of their order."""
    rows = sorted(
        json.dumps([normalize(text), sorted(codes)], ensure_ascii=False) for text, codes in examples
    )
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


# Features --------------------------------------------------------------------------------------------------


def _embed(
    embedder: Embedder,
    texts: Sequence[str],
    kind: EmbeddingKind,
    progress: Progress | None = None,
    done: int = 0,
    total: int = 0,
) -> Matrix:
    rows = []
    prepared = [normalize(text)[:MAX_TEXT_CHARS] for text in texts]
    for start in range(0, len(prepared), BATCH):
        rows.append(np.asarray(embedder.embed(prepared[start : start + BATCH], kind=kind), dtype=np.float32))
        if progress:
            progress(done + min(start + BATCH, len(prepared)), total or len(prepared))
    if not rows:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    return np.vstack(rows)


def _centroids(embedder: Embedder, terms: Sequence[Term]) -> Matrix:
    passages = [term.passages() or [term.code] for term in terms]
    flat = [p for group in passages for p in group]
    vectors = _embed(embedder, flat, TERM_KIND)
    rows, start = [], 0
    for group in passages:
        mean = vectors[start : start + len(group)].mean(axis=0)
        rows.append(mean / max(float(np.linalg.norm(mean)), 1e-9))
        start += len(group)
    return np.asarray(rows, dtype=np.float32).reshape(len(terms), embedder.dim)


def zero_shot(vectors: Matrix, centroids: Matrix) -> Matrix:
    """Per text and term, ``exp((cos - best cos) / TEMPERATURE)`` in (0, 1]: 1 for the closest term."""
    if vectors.shape[0] == 0:
        return np.zeros((0, centroids.shape[0]), dtype=np.float32)
    cosines = vectors @ centroids.T
    return np.exp((cosines - cosines.max(axis=1, keepdims=True)) / TEMPERATURE).astype(np.float32)


def lexical(texts: Sequence[str], keywords: Sequence[frozenset[str]]) -> Matrix:
    """Per text and term, the share of the term's name words that the text contains (folded)."""
    out = np.zeros((len(texts), len(keywords)), dtype=np.float32)
    if not LEXICAL_FEATURE:
        return out
    for i, text in enumerate(texts):
        words = set(fold_words(text[:MAX_TEXT_CHARS]))
        for j, wanted in enumerate(keywords):
            if wanted:
                out[i, j] = len(wanted & words) / len(wanted)
    return out


@dataclass
class _Features:
    vectors: Matrix  # n x d
    prior: Matrix  # n x T zero-shot scores
    lexical: Matrix  # n x T

    def take(self, index: Any) -> _Features:
        return _Features(self.vectors[index], self.prior[index], self.lexical[index])


def _features(
    texts: Sequence[str],
    embedder: Embedder,
    centroids: Matrix,
    keywords: Sequence[frozenset[str]],
    progress: Progress | None = None,
    done: int = 0,
    total: int = 0,
) -> _Features:
    vectors = _embed(embedder, texts, TEXT_KIND, progress, done, total)
    return _Features(vectors, zero_shot(vectors, centroids), lexical(texts, keywords))


# The supervised part ---------------------------------------------------------------------------------------


@dataclass
class _Linear:
    """One logistic regression per term: ``z @ W + a * prior + c * lexical + b``, ``z`` the text's embedding
    standardised per dimension (``mean``, ``scale``) so that gradient descent converges in a few hundred
    steps."""

    mean: Matrix  # d
    scale: Matrix  # d
    weights: Matrix  # d x T
    prior_weight: Matrix  # T
    lexical_weight: Matrix  # T
    bias: Matrix  # T

    def logits(self, f: _Features) -> Matrix:
        z = (f.vectors - self.mean) / self.scale
        return (
            z @ self.weights + f.prior * self.prior_weight + f.lexical * self.lexical_weight + self.bias
        ).astype(np.float32)

    def probabilities(self, f: _Features) -> Matrix:
        return _sigmoid(self.logits(f))


def _sigmoid(x: Matrix) -> Matrix:
    return (0.5 * (1.0 + np.tanh(0.5 * x))).astype(np.float32)


def _one_thread() -> contextlib.AbstractContextManager[Any]:
    """BLAS on one thread: the matrices here are small, and OpenBLAS's threads waiting for each other on a
    busy 2-core server made a fit 15 times slower (measured: 25 s against 1.7 s)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - installed with scikit-learn, pinned in the constraints
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def _fit(f: _Features, y: Matrix) -> _Linear:
    """All terms' regressions at once by full-batch Adam; positives weigh as much as negatives in total
    (terms are rare), and the L2 penalty keeps the weights of a term with few examples small, so that its
    zero-shot prior carries it."""
    with _one_thread():
        return _fit_all(f, y)


def _fit_all(f: _Features, y: Matrix) -> _Linear:
    n, d = f.vectors.shape
    t = y.shape[1]
    mean = f.vectors.mean(axis=0)
    scale = f.vectors.std(axis=0) + 1e-3
    z = ((f.vectors - mean) / scale).astype(np.float32)
    positives = y.sum(axis=0)
    negatives = n - positives
    weight_pos = np.where(positives > 0, n / (2.0 * np.maximum(positives, 1)), 0.0)
    weight_neg = np.where(negatives > 0, n / (2.0 * np.maximum(negatives, 1)), 0.0)
    sample_weight = ((y * weight_pos + (1 - y) * weight_neg) / n).astype(np.float32)
    params = [
        np.zeros((d, t), np.float32),
        np.ones(t, np.float32),
        np.zeros(t, np.float32),
        np.zeros(t, np.float32),
    ]
    first = [np.zeros_like(p) for p in params]
    second = [np.zeros_like(p) for p in params]
    beta1, beta2 = 0.9, 0.999
    for step in range(1, EPOCHS + 1):
        logits = z @ params[0] + f.prior * params[1] + f.lexical * params[2] + params[3]
        error = (_sigmoid(logits) - y) * sample_weight  # n x T
        grads = [
            z.T @ error + L2 * params[0],
            (error * f.prior).sum(axis=0) + L2 * (params[1] - 1.0),
            (error * f.lexical).sum(axis=0) + L2 * params[2],
            error.sum(axis=0),
        ]
        for i, grad in enumerate(grads):
            first[i] = beta1 * first[i] + (1 - beta1) * grad
            second[i] = beta2 * second[i] + (1 - beta2) * grad * grad
            corrected = first[i] / (1 - beta1**step)
            params[i] = (
                params[i] - LEARNING_RATE * corrected / (np.sqrt(second[i] / (1 - beta2**step)) + 1e-8)
            ).astype(np.float32)
    return _Linear(mean.astype(np.float32), scale.astype(np.float32), *params)


def _blend(probabilities: Matrix | None, prior: Matrix, share: Matrix) -> Matrix:
    if probabilities is None:
        return prior
    return (share * probabilities + (1 - share) * prior).astype(np.float32)


def _best_thresholds(scores: Matrix, y: Matrix, positives: Matrix) -> Matrix:
    """Per term, the threshold with the best F1 on held-out scores (ties: the highest, fewer false tags)."""
    thresholds = np.full(scores.shape[1], DEFAULT_THRESHOLD, dtype=np.float32)
    for j in range(scores.shape[1]):
        if positives[j] < MIN_POSITIVES_FOR_THRESHOLD:
            continue
        best, best_f1 = DEFAULT_THRESHOLD, -1.0
        for candidate in np.unique(np.round(scores[:, j], 3)):
            predicted = scores[:, j] >= candidate
            tp = float((predicted & (y[:, j] > 0)).sum())
            f1 = 2 * tp / max(float(predicted.sum() + (y[:, j] > 0).sum()), 1.0)
            if f1 >= best_f1:
                best, best_f1 = float(candidate), f1
        thresholds[j] = min(max(best, 0.05), 0.95)
    return thresholds


def _labels_matrix(codes: Sequence[str], examples: Sequence[Example]) -> Matrix:
    index = {code: j for j, code in enumerate(codes)}
    y = np.zeros((len(examples), len(codes)), dtype=np.float32)
    for i, (_text, labels) in enumerate(examples):
        for code in labels:
            if code in index:
                y[i, index[code]] = 1.0
    return y


def _folds(n: int, k: int, seed: int) -> list[np.ndarray]:
    order = np.random.default_rng(seed).permutation(n)
    return [order[i::k] for i in range(k)]


# The tagger ------------------------------------------------------------------------------------------------


@dataclass
class Tagger:
    """A trained tagger for one taxonomy. ``version`` names the engine, the embedding model, the taxonomy
    and the training data; ``figures`` are measured on held-out folds at training (empty for zero-shot)."""

    taxonomy: Taxonomy
    embedder: Embedder
    centroids: Matrix
    thresholds: Matrix
    share: Matrix  # per term, the weight of the supervised probability
    linear: _Linear | None
    version: str
    figures: dict[str, float] = field(default_factory=dict)

    @property
    def taxonomy_key(self) -> str:
        return self.taxonomy.key

    @property
    def supervised(self) -> bool:
        return self.linear is not None

    def _scores(self, f: _Features) -> Matrix:
        with _one_thread():
            probabilities = self.linear.probabilities(f) if self.linear is not None else None
        return np.clip(_blend(probabilities, f.prior, self.share), 0.0, 1.0)

    def score(self, texts: Sequence[str]) -> Matrix:
        """n x len(terms) scores in [0, 1]."""
        keywords = [term.keywords() for term in self.taxonomy.terms]
        return self._scores(_features(texts, self.embedder, self.centroids, keywords))

    def decide(self, scores: Matrix) -> list[list[Label]]:
        codes = self.taxonomy.codes
        out = []
        for row in scores:
            chosen = [j for j in np.argsort(-row, kind="stable") if row[j] >= self.thresholds[j]]
            out.append([Label(codes[j], round(float(row[j]), 4)) for j in chosen])
        return out

    def tag(self, texts: Sequence[str]) -> list[list[Label]]:
        """The terms that apply to each text, highest score first."""
        return self.decide(self.score(texts))

    def to_bytes(self) -> bytes:
        header = {
            "engine": ENGINE,
            "taxonomy": self.taxonomy.key,
            "terms": [vars(term) for term in self.taxonomy.terms],
            "version": self.version,
            "model": self.embedder.model_version,
            "figures": self.figures,
        }
        arrays: dict[str, Any] = {
            "header": np.frombuffer(json.dumps(header, ensure_ascii=False).encode(), dtype=np.uint8),
            "centroids": self.centroids,
            "thresholds": self.thresholds,
            "share": self.share,
        }
        if self.linear is not None:
            arrays.update(
                mean=self.linear.mean,
                scale=self.linear.scale,
                weights=self.linear.weights,
                prior_weight=self.linear.prior_weight,
                lexical_weight=self.linear.lexical_weight,
                bias=self.linear.bias,
            )
        buffer = io.BytesIO()
        np.savez_compressed(buffer, **arrays)
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes, embedder: Embedder) -> Tagger:
        """The tagger saved by ``to_bytes``; refuses one trained on another embedding model or engine."""
        try:
            archive = np.load(io.BytesIO(data), allow_pickle=False)
            header = json.loads(archive["header"].tobytes().decode())
        except (OSError, ValueError, KeyError, zipfile.BadZipFile) as error:
            raise ValueError(f"not a saved tagger: {error}") from error
        if header.get("engine") != ENGINE:
            raise ValueError(f"the tagger was saved by engine {header.get('engine')}, this is {ENGINE}")
        if header.get("model") != embedder.model_version:
            raise ValueError(
                f"the tagger was trained on embeddings of {header.get('model')}, not {embedder.model_version}"
            )
        taxonomy = Taxonomy(header["taxonomy"], tuple(Term(**term) for term in header["terms"]))
        linear = None
        if "weights" in archive:
            linear = _Linear(
                archive["mean"],
                archive["scale"],
                archive["weights"],
                archive["prior_weight"],
                archive["lexical_weight"],
                archive["bias"],
            )
        return cls(
            taxonomy=taxonomy,
            embedder=embedder,
            centroids=archive["centroids"],
            thresholds=archive["thresholds"],
            share=archive["share"],
            linear=linear,
            version=header["version"],
            figures={k: float(v) for k, v in header.get("figures", {}).items()},
        )


def _version(taxonomy: Taxonomy, embedder: Embedder, examples: Sequence[Example]) -> str:
    digest = hashlib.sha256(f"{taxonomy.digest()}\n{examples_digest(examples)}".encode()).hexdigest()[:12]
    mode = "supervised" if examples else "zero-shot"
    return f"{taxonomy.key}/{ENGINE}-{mode}/{embedder.model_version}/{digest}"


def _train_on(
    taxonomy: Taxonomy, centroids: Matrix, f: _Features, y: Matrix, *, tune: bool, seed: int = 0
) -> tuple[_Linear | None, Matrix, Matrix]:
    """The linear model, the per-term shares and thresholds for features ``f`` and labels ``y``."""
    t = len(taxonomy.terms)
    positives = y.sum(axis=0)
    if y.shape[0] == 0 or not positives.any():
        return None, np.zeros(t, np.float32), np.full(t, DEFAULT_THRESHOLD, np.float32)
    share = (positives / (positives + PRIOR_WEIGHT)).astype(np.float32)
    linear = _fit(f, y)
    thresholds = np.full(t, DEFAULT_THRESHOLD, np.float32)
    if tune and y.shape[0] >= 2 * THRESHOLD_FOLDS:
        held_out = np.zeros_like(y)
        for fold in _folds(y.shape[0], THRESHOLD_FOLDS, seed):
            train_index = np.setdiff1d(np.arange(y.shape[0]), fold)
            inner = _fit(f.take(train_index), y[train_index])
            held_out[fold] = _blend(inner.probabilities(f.take(fold)), f.prior[fold], share)
        thresholds = _best_thresholds(held_out, y, positives)
    return linear, share, thresholds


def train(
    taxonomy: Taxonomy,
    embedder: Embedder,
    examples: Sequence[Example],
    *,
    progress: Progress | None = None,
) -> Tagger:
    """A tagger for ``taxonomy``: zero-shot from the terms' names and descriptions when ``examples`` is empty,
    supervised (with the zero-shot prior) when labels exist. Examples whose labels are all outside the
    taxonomy are dropped; ``figures`` are measured on held-out folds (``evaluate``) when there are enough."""
    if not taxonomy.terms:
        raise ValueError(f"the taxonomy {taxonomy.key} has no terms")
    codes = set(taxonomy.codes)
    usable = [(text, labels & codes) for text, labels in examples if labels & codes and normalize(text)]
    centroids = _centroids(embedder, taxonomy.terms)
    keywords = [term.keywords() for term in taxonomy.terms]
    f = _features([t for t, _ in usable], embedder, centroids, keywords, progress, 0, len(usable))
    y = _labels_matrix(taxonomy.codes, usable)
    linear, share, thresholds = _train_on(taxonomy, centroids, f, y, tune=True)
    figures: dict[str, float] = {"examples": float(len(usable))}
    if len(usable) >= 20:
        evaluation = _cross_validate(taxonomy, centroids, f, y, folds=5, seed=0)
        figures.update(evaluation.summary())
    return Tagger(
        taxonomy=taxonomy,
        embedder=embedder,
        centroids=centroids,
        thresholds=thresholds,
        share=share,
        linear=linear,
        version=_version(taxonomy, embedder, usable),
        figures=figures,
    )


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
    decided = scores >= thresholds
    truth = y > 0
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
    n = y.shape[0]
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
    centroids = _centroids(embedder, taxonomy.terms)
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
