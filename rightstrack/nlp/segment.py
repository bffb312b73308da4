"""Vietnamese word segmentation behind a port: "hội nghị tập huấn" is two words, "hội_nghị tập_huấn".

``PyviSegmenter`` is the default (docs/decisions/0032-vietnamese-word-segmentation.md: pyvi against
underthesea's bundled model, on speed and on a hand-segmented sample); ``WhitespaceSegmenter`` is the
fallback that needs nothing, so callers work (less well) where pyvi is not installed.
"""

from __future__ import annotations

import functools
import re
from typing import Protocol

_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


class WordSegmenter(Protocol):
    name: str

    def segment(self, text: str) -> list[str]:
        """The words of ``text`` in order; the syllables of one word are joined by a space."""
        ...


class WhitespaceSegmenter:
    """Every syllable a word: the segmentation of a reader who knows no Vietnamese."""

    name = "whitespace"

    def segment(self, text: str) -> list[str]:
        return _TOKEN.findall(text)


class PyviSegmenter:
    """pyvi's CRF model (bundled in its wheel; nothing is downloaded)."""

    name = "pyvi"

    def __init__(self) -> None:
        from pyvi import ViTokenizer  # imported here: loading the model costs a fifth of a second

        self._tokenizer = ViTokenizer

    def segment(self, text: str) -> list[str]:
        if not text.strip():
            return []
        return [token.replace("_", " ") for token in self._tokenizer.tokenize(text).split()]


@functools.cache
def default_segmenter() -> WordSegmenter:
    """pyvi when it is installed, else whitespace."""
    try:
        return PyviSegmenter()
    except ImportError:
        return WhitespaceSegmenter()


def segment_words(text: str) -> list[str]:
    """The words of ``text`` by the default segmenter."""
    return default_segmenter().segment(text)
