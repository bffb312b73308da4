"""The parts of a tagger: terms and taxonomies, the features of a text (embedding, zero-shot score, lexical
feature) and the per-term logistic regressions with their thresholds."""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from rightstrack.nlp.ports import Embedder, EmbeddingKind, Matrix
from rightstrack.nlp.text import fold_words, normalize

ENGINE = "tagger-3"  # bump when scoring or training changes: it is part of every tagger's version
TEXT_KIND: EmbeddingKind = "query"  # texts to classify (measured: docs/benchmarks.md, "Tagging")
TERM_KIND: EmbeddingKind = "passage"  # terms' names and descriptions
TEMPERATURE = 0.01  # e5 was trained with this temperature: cosines differ in the second decimal
DEFAULT_THRESHOLD = 0.5
BEST_FLOOR = 0.5  # a text with no term at its threshold gets its best one from this share of its threshold
PRIOR_WEIGHT = 4.0  # a term's supervised probability weighs n_positive / (n_positive + PRIOR_WEIGHT)
MIN_POSITIVES_FOR_THRESHOLD = 3  # fewer positives than this: the threshold is not tuned
L2 = 1e-2  # ridge penalty of the logistic regressions (on weights, not on the bias)
EPOCHS = 300
LEARNING_RATE = 0.02
THRESHOLD_FOLDS = 4
POOLED_CANDIDATES = tuple(round(0.05 * i, 2) for i in range(1, 20))  # 0.05 .. 0.95
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
        """What the term's centroid is made of: its names (first) and each line of its descriptions."""
        lines = [self.name, self.name_vi]
        for text in (self.description, self.description_vi):
            lines.extend(normalize(text).split("\n"))
        return [line for line in (normalize(x) for x in lines) if line]

    def name_count(self) -> int:
        """How many of ``passages()`` are names (they come first)."""
        return sum(1 for name in (self.name, self.name_vi) if normalize(name))

    def keywords(self) -> frozenset[str]:
        """The folded words of the term's names (English and Vietnamese), for the lexical feature."""
        return frozenset(
            w for w in fold_words(f"{self.name} {self.name_vi}") if len(w) > 1 and w not in _STOP
        )


@dataclass(frozen=True)
class Taxonomy:
    """``threshold_shrink`` (``s``): each term's tuned threshold weighs ``n / (n + s)`` against the one
    pooled over all terms, ``n`` its positives; 0 keeps every term's own threshold. How thresholds are
    chosen, not how texts are scored: not part of the digest, not saved.

    ``names_share``: the weight of a described term's names in its centroid, its description lines sharing
    the rest (``_centroids``); 0 averages every passage alike. Part of the digest when set (the centroids
    differ), not saved (the centroids are)."""

    key: str
    terms: tuple[Term, ...]
    threshold_shrink: float = 0.0
    names_share: float = 0.0

    @property
    def codes(self) -> list[str]:
        return [term.code for term in self.terms]

    def digest(self) -> str:
        parts: list[Any] = [self.key, [list(vars(t).values()) for t in self.terms]]
        if self.names_share:  # unset: the digest every tagger trained before it had
            parts.append(self.names_share)
        data = json.dumps(parts, ensure_ascii=False)
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


def _centroids(embedder: Embedder, terms: Sequence[Term], names_share: float = 0.0) -> Matrix:
    """Each term's normalised mean passage embedding; with ``names_share``, a term that has both names and
    description lines weighs its names' mean by it and its lines' mean by the rest."""
    passages = [term.passages() or [term.code] for term in terms]
    flat = [p for group in passages for p in group]
    vectors = _embed(embedder, flat, TERM_KIND)
    rows, start = [], 0
    for term, group in zip(terms, passages, strict=True):
        block, names = vectors[start : start + len(group)], term.name_count()
        if names_share and 0 < names < len(group):
            mean = names_share * block[:names].mean(axis=0) + (1 - names_share) * block[names:].mean(axis=0)
        else:
            mean = block.mean(axis=0)
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
    """The steps of ``_fit``. Every parameter lives in one block (the weights' rows, then the prior's, the
    lexical feature's and the bias) so that Adam updates them in a dozen array operations, not fifty, into
    buffers made once: at a few hundred texts numpy's cost per call, not the arithmetic, set the time. Each
    number is computed as ``_sigmoid`` and the textbook update compute it, in the same order (a tagger
    trained before trains to the same bytes)."""
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
    params = np.zeros((d + 3, t), np.float32)
    params[d] = 1.0  # the prior's weight starts at 1: the zero-shot score as it is
    weights, prior_weight, lexical_weight, bias = params[:d], params[d], params[d + 1], params[d + 2]
    grads, first, second = np.empty_like(params), np.zeros_like(params), np.zeros_like(params)
    work, update = np.empty_like(params), np.empty_like(params)
    error, term = np.empty((n, t), np.float32), np.empty((n, t), np.float32)
    beta1, beta2 = 0.9, 0.999
    for step in range(1, EPOCHS + 1):
        np.matmul(z, weights, out=error)  # the logits, then the error, in one buffer
        error += np.multiply(f.prior, prior_weight, out=term)
        error += np.multiply(f.lexical, lexical_weight, out=term)
        error += bias
        error *= 0.5  # the sigmoid: 0.5 * (1 + tanh(0.5 * x))
        np.tanh(error, out=error)
        np.add(1.0, error, out=error)
        np.multiply(0.5, error, out=error)
        error -= y
        error *= sample_weight
        np.matmul(z.T, error, out=grads[:d])
        grads[:d] += np.multiply(L2, weights, out=work[:d])
        np.sum(np.multiply(error, f.prior, out=term), axis=0, out=grads[d])
        grads[d] += L2 * (prior_weight - 1.0)
        np.sum(np.multiply(error, f.lexical, out=term), axis=0, out=grads[d + 1])
        grads[d + 1] += L2 * lexical_weight
        np.sum(error, axis=0, out=grads[d + 2])
        first *= beta1
        first += np.multiply(1 - beta1, grads, out=work)
        second *= beta2
        second += np.multiply(np.multiply(1 - beta2, grads, out=work), grads, out=work)
        np.divide(first, 1 - beta1**step, out=update)
        update *= LEARNING_RATE
        np.divide(second, 1 - beta2**step, out=work)
        np.sqrt(work, out=work)
        work += 1e-8
        update /= work
        params -= update
    return _Linear(
        mean.astype(np.float32),
        scale.astype(np.float32),
        weights.copy(),
        prior_weight.copy(),
        lexical_weight.copy(),
        bias.copy(),
    )


def decisions(scores: Matrix, thresholds: Matrix) -> npt.NDArray[np.bool_]:
    """Which terms apply to each text (n x T): those at or above their thresholds; a text with none of them
    gets its best-scored term when that reaches ``BEST_FLOOR`` of its threshold. A text of a taxonomy's
    domain is about something, and a term just under its threshold was the usual miss; junk and unrelated
    text scores far under every threshold and stays untagged (measured: decision 0068)."""
    limits = np.broadcast_to(thresholds, scores.shape)
    decided = scores >= limits
    if decided.size == 0:
        return decided
    rows = np.flatnonzero(~decided.any(axis=1))
    best = scores[rows].argmax(axis=1)
    near = scores[rows, best] >= BEST_FLOOR * limits[rows, best]
    decided[rows[near], best[near]] = True
    return decided


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


def _pooled_threshold(scores: Matrix, y: Matrix, positives: Matrix) -> float:
    """The one threshold with the best macro F1 over the terms with enough positives (ties: the highest)."""
    tuned = positives >= MIN_POSITIVES_FOR_THRESHOLD
    if not tuned.any():
        return DEFAULT_THRESHOLD
    truth = y[:, tuned] > 0
    best, best_f1 = DEFAULT_THRESHOLD, -1.0
    for candidate in POOLED_CANDIDATES:
        predicted = scores[:, tuned] >= candidate
        tp = (predicted & truth).sum(axis=0)
        f1 = float((2 * tp / np.maximum(predicted.sum(axis=0) + truth.sum(axis=0), 1)).mean())
        if f1 >= best_f1:
            best, best_f1 = candidate, f1
    return best


def _shrunk_thresholds(scores: Matrix, y: Matrix, positives: Matrix, shrink: float) -> Matrix:
    """Per term, its own best threshold pulled towards the pooled one by ``n / (n + shrink)``: a
    threshold fitted to a handful of held-out positives is mostly noise, the pooled one is fitted to all of
    them (measured: docs/benchmarks.md, "UHRI themes across sessions")."""
    own = _best_thresholds(scores, y, positives)
    if shrink <= 0:
        return own
    pooled = _pooled_threshold(scores, y, positives)
    weight = positives / (positives + shrink)
    pulled = np.clip(weight * own + (1 - weight) * pooled, 0.05, 0.95)
    return np.where(positives >= MIN_POSITIVES_FOR_THRESHOLD, pulled, own).astype(np.float32)


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
        thresholds = _shrunk_thresholds(held_out, y, positives, taxonomy.threshold_shrink)
    return linear, share, thresholds
