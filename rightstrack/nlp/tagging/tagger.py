"""The trained tagger (score, decide, save, load) and ``train``."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from rightstrack.nlp.ports import Embedder, Matrix
from rightstrack.nlp.tagging.evaluation import _cross_validate
from rightstrack.nlp.tagging.model import (
    ENGINE,
    Example,
    Label,
    Progress,
    Taxonomy,
    Term,
    _blend,
    _centroids,
    _Features,
    _features,
    _labels_matrix,
    _Linear,
    _one_thread,
    _train_on,
    decisions,
    examples_digest,
)
from rightstrack.nlp.text import normalize

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
        """The terms that apply (``decisions``), highest score first."""
        codes = self.taxonomy.codes
        out = []
        for row, decided in zip(scores, decisions(scores, self.thresholds), strict=True):
            chosen = [j for j in np.argsort(-row, kind="stable") if decided[j]]
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
        """The tagger saved by ``to_bytes``; refuses one trained on another embedding model or engine (an
        upgrade or a change of model since it was trained), ``ValueError`` saying why."""
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


def _usable(taxonomy: Taxonomy, examples: Sequence[Example]) -> list[Example]:
    """The examples with their labels inside the taxonomy, those with none (or no text) dropped."""
    codes = set(taxonomy.codes)
    return [(text, labels & codes) for text, labels in examples if labels & codes and normalize(text)]


def version_of(taxonomy: Taxonomy, embedder: Embedder, examples: Sequence[Example]) -> str:
    """The version ``train`` gives a tagger of these arguments, known without training it: a caller that
    keeps versions can tell that it has this tagger already."""
    return _version(taxonomy, embedder, _usable(taxonomy, examples))


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
    usable = _usable(taxonomy, examples)
    centroids = _centroids(embedder, taxonomy.terms, taxonomy.names_share)
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
