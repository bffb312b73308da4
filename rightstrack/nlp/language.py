"""Vietnamese, English or unknown, from letters and function words; no model needed.

Vietnamese written with diacritics is told by its own letters (ă â đ ê ô ơ ư and the five tone marks on
vowels), which no other language written in Latin letters uses in number. Vietnamese typed without diacritics
and English are told apart by their most frequent function words. Anything else (French, Chinese, numbers,
junk) is "unknown": a language we do not read is never reported as one we do.
"""

from __future__ import annotations

import re
import unicodedata

from rightstrack.core.text import fold

VI, EN, UNKNOWN = "vi", "en", "unknown"

_VI_LETTERS = frozenset("ăâđêôơưĂÂĐÊÔƠƯ")
# Tone marks Vietnamese puts on vowels; "̀" and "́" are shared with French and Portuguese, so only the other
# three (hook above, tilde on vowels other than a/o/n, dot below) count on their own.
_VI_ONLY_MARKS = frozenset("\u0309\u0323")  # hook above, dot below
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

# Frequent function words, folded: they make up a third of running text in either language.
_VI_WORDS = frozenset(
    "cua va cac nhung duoc trong la co cho voi nguoi khong nay da tai de cung mot ve theo tu khi nhu "
    "thi se den ra len boi hon nam ngay thang tinh hoi nghi cong tac quyen chi dao ban viec chinh phu".split()
)
_EN_WORDS = frozenset(
    "the of and to in is was for on that with as by at from are be this were has have an it its which "
    "their his her or not also will been said who".split()
)
MIN_LETTERS = 20  # below this there is too little to tell
MIN_SHARE = 0.15  # share of words that must be function words of the language


def detect_language(text: str) -> str:
    """ "vi", "en" or "unknown" for ``text``."""
    text = unicodedata.normalize("NFC", text or "")
    letters = _LETTER.findall(text)
    if len(letters) < MIN_LETTERS:
        return UNKNOWN
    latin = [ch for ch in letters if ch.isascii() or "LATIN" in unicodedata.name(ch, "")]
    if len(latin) < 0.6 * len(letters):
        return UNKNOWN
    vi_marks = sum(
        1
        for ch in latin
        if ch in _VI_LETTERS or any(mark in _VI_ONLY_MARKS for mark in unicodedata.normalize("NFD", ch))
    )
    words = [fold(word) for word in _WORD.findall(text)]
    if not words:
        return UNKNOWN
    vi_share = sum(word in _VI_WORDS for word in words) / len(words)
    en_share = sum(word in _EN_WORDS for word in words) / len(words)
    if vi_marks >= max(3, 0.03 * len(latin)) and vi_share >= MIN_SHARE / 2:
        return VI
    if en_share >= MIN_SHARE and en_share > vi_share:
        return EN
    accented = sum(not ch.isascii() for ch in latin)
    if vi_share >= MIN_SHARE and vi_share > en_share and accented <= 0.01 * len(latin):
        return VI  # Vietnamese typed without diacritics: plain ASCII, unlike French or German
    return UNKNOWN
