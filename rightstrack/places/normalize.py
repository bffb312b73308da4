"""Folding of place names for matching. No Django here, so it is property-tested in isolation."""

from __future__ import annotations

import re
import unicodedata

_PUNCT = re.compile(r"[\-‐‑‒–—―_/.,()'’\"]+")
_SPACES = re.compile(r"\s+")
# Folded forms of the words that say what kind of unit a name is; they never decide which unit it is.
_PREFIXES = (
    "thanh pho truc thuoc trung uong ", "thanh pho ", "tinh ", "tp ", "t p ", "province of ", "city of ",
    "quan ", "huyen ", "thi xa ", "thi tran ", "phuong ", "xa ", "dac khu ",
)
_SUFFIXES = (" province", " city", " municipality", " district", " commune", " ward")


def fold(text: str) -> str:
    """Lower-case, strip diacritics (đ→d), read every dash and punctuation mark as a space, squeeze spaces."""
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _PUNCT.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def strip_kind_words(folded: str) -> str:
    """Drop one leading "tỉnh"/"thành phố"/... and one trailing "province"/"city"/... if a name remains."""
    for prefix in _PREFIXES:
        if folded.startswith(prefix) and folded[len(prefix):].strip():
            folded = folded[len(prefix):]
            break
    for suffix in _SUFFIXES:
        if folded.endswith(suffix) and folded[: -len(suffix)].strip():
            folded = folded[: -len(suffix)]
            break
    return folded.strip()


def match_key(text: str) -> str:
    """The key two spellings of one name share: folded, kind words dropped, spaces removed."""
    return strip_kind_words(fold(text)).replace(" ", "")
