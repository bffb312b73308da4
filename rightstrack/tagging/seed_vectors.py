"""The embeddings of what ships with the taggers, shipped beside it (decision 0069).

A tagger embeds its terms' names and description lines and its seed examples before it learns anything:
about 1,850 texts that are the same in every installation (the SDG framework, the default outline's work
areas, the UHRI themes' shipped descriptions, the seed paragraphs). Embedding them took 35–60 s on two cores,
paid by the first suggestion, retraining or ``rightstrack tag`` of a new installation (and by every fresh
checkout's test suite). ``seeds/vectors.npz`` holds their vectors, keyed as the embedding cache keys them
(``text_key``: the text's digest and how it is read) and valid for one embedding model version; the first
use of the embedder in a process puts the ones its cache lacks into it (``preload``). Another model (setting
``EMBEDDING_MODEL_DIR``) ignores the file.

Written again after a seed or a shipped description changes: ``python -m rightstrack.tagging.seed_vectors``
(``--check`` only says whether the file is current; ``tagging/tests/test_seed_vectors.py`` fails when it
is not).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from rightstrack.nlp.embeddings import text_key
from rightstrack.nlp.ports import Embedder, EmbeddingCache, EmbeddingKind
from rightstrack.nlp.tagging.model import BATCH, MAX_TEXT_CHARS, TERM_KIND, TEXT_KIND
from rightstrack.nlp.text import normalize
from rightstrack.tagging import taxonomies

VECTORS = taxonomies.SEEDS / "vectors.npz"


def shipped_texts() -> list[tuple[str, EmbeddingKind]]:
    """Every text a tagger embeds from what ships, once, with the way it is read: each taxonomy's terms as
    the shipped data builds them (names and description lines, read as passages), every UHRI theme of
    ``seeds/uhri_themes.jsonl`` as a term, and each taxonomy's seed examples (read as queries)."""
    out: dict[str, tuple[str, EmbeddingKind]] = {}

    def add(text: str, kind: EmbeddingKind) -> None:
        prepared = normalize(text)[:MAX_TEXT_CHARS]
        if prepared:
            out.setdefault(text_key(prepared, kind), (prepared, kind))

    names = [row["name"] for row in taxonomies.read_jsonl(taxonomies.THEME_DESCRIPTIONS)]
    themes = taxonomies.named_taxonomy(taxonomies.UHRI_THEME, names)
    shipped = [taxonomies.shipped_taxonomy(key) for key in taxonomies.TAXONOMY_KEYS]
    terms = [term for tax in [*shipped, themes] for term in tax.terms]
    for term in terms:
        for passage in term.passages() or [term.code]:
            add(passage, TERM_KIND)
    for key in taxonomies.TAXONOMY_KEYS:
        for text, _labels in taxonomies.seed_examples(key, shipped=True):
            add(text, TEXT_KIND)
    return list(out.values())


def _read(path: Path) -> tuple[str, list[str], np.ndarray] | None:
    if not path.is_file():
        return None
    with np.load(path, allow_pickle=False) as archive:
        return str(archive["model"]), [str(k) for k in archive["keys"]], archive["vectors"].astype(np.float32)


def preload(cache: EmbeddingCache, model_version: str, path: Path = VECTORS) -> int:
    """Puts the shipped vectors ``cache`` lacks into it when they are of ``model_version``; how many."""
    shipped = _read(path)
    if shipped is None or shipped[0] != model_version:
        return 0
    _model, keys, vectors = shipped
    present = cache.get_many(model_version, keys)
    missing = {key: vectors[index] for index, key in enumerate(keys) if key not in present}
    if missing:
        cache.put_many(model_version, missing)
    return len(missing)


def stale(embedder: Embedder, path: Path = VECTORS) -> list[str]:
    """The shipped texts whose vectors the file lacks for ``embedder``'s model (none: the file is current)."""
    shipped = _read(path)
    keys = set(shipped[1]) if shipped is not None and shipped[0] == embedder.model_version else set()
    return [text for text, kind in shipped_texts() if text_key(text, kind) not in keys]


def write(embedder: Embedder, path: Path = VECTORS) -> int:
    """Embeds every shipped text with ``embedder`` (through its cache when it has one) and writes the file;
    how many vectors it holds. Keys are sorted, so the same texts and model write the same bytes."""
    texts = shipped_texts()
    by_kind: dict[EmbeddingKind, list[str]] = {}
    for text, kind in texts:
        by_kind.setdefault(kind, []).append(text)
    found: dict[str, np.ndarray] = {}
    for kind, group in by_kind.items():
        for start in range(0, len(group), BATCH):
            chunk = group[start : start + BATCH]
            for text, vector in zip(chunk, embedder.embed(chunk, kind=kind), strict=True):
                found[text_key(text, kind)] = np.asarray(vector, dtype="<f4")
    keys = sorted(found)
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        model=np.array(embedder.model_version),
        keys=np.array(keys),
        vectors=np.stack([found[key] for key in keys]) if keys else np.zeros((0, embedder.dim), "<f4"),
    )
    path.write_bytes(buffer.getvalue())
    return len(keys)


def main(argv: Sequence[str]) -> int:
    import django

    django.setup()
    from rightstrack.tagging.taggers import embedder

    model: Embedder = embedder()
    if "--check" in argv:
        missing = stale(model)
        for text in missing[:10]:
            print(f"not in {VECTORS.name}: {text[:100]}", file=sys.stderr)
        print(f"{len(missing)} shipped texts without a vector", file=sys.stderr)
        return 1 if missing else 0
    count = write(model)
    print(f"{VECTORS}: {count} vectors of {model.model_version}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    raise SystemExit(main(sys.argv[1:]))
