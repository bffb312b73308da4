"""Normalised text: what every other piece of this package reads.

``normalize`` settles the ways one text arrives (decomposed or composed, non-breaking and zero-width spaces,
typographic quotes, Windows line ends, soft hyphens) into NFC with plain spaces and at most one blank line
between paragraphs. ``fold`` is re-exported from ``rightstrack.core.text``: there is one folding function.
"""

from __future__ import annotations

import re
import unicodedata

from rightstrack.core.text import fold

__all__ = ["fold", "fold_words", "normalize", "paragraphs"]

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_LINE_ENDS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_BLANK_LINES = re.compile(r"\n\s*\n\s*")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_WORD = re.compile(r"\w+")


def normalize(text: str) -> str:
    """``text`` in NFC, with one kind of space, one kind of line end, no control or invisible characters,
    every line trimmed and paragraphs separated by one blank line."""
    text = unicodedata.normalize("NFC", text or "")
    text = _LINE_ENDS.sub("\n", text).translate(_INVISIBLE)
    text = _CONTROL.sub(" ", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def paragraphs(text: str) -> list[str]:
    """The non-empty lines of normalised ``text``: articles put one paragraph, heading or caption per line."""
    return [line for line in normalize(text).split("\n") if line]


def fold_words(text: str) -> list[str]:
    """The folded words of ``text``: "Bà Rịa–Vũng Tàu" → ["ba", "ria", "vung", "tau"]."""
    return _WORD.findall(fold(text, separators=True))
