"""Heading text: numbering prefixes, the normal form, and which template section a heading names.

Vietnamese reports number their headings in many ways ("PHẦN I", "I.", "1.", "1.1.", "I.2", "a)", "(1)")
and are often typed without diacritics; the normal form drops the numbering, the diacritics (đ included),
the case, the punctuation and the spacing, so "II - KET QUA THUC HIEN:" and "Kết quả thực hiện" compare equal.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from rightstrack.core.text import fold, from_roman
from rightstrack.exchange.specs import SectionSpec

# Levels numbering implies, relative to one another: Part/Chapter > Roman > Section/Arabic > 1.1 > a) > (1)
PART_LEVEL = 1
ROMAN_LEVEL = 1
ARABIC_LEVEL = 2
LETTER_LEVEL = 4
UPPER_LETTER_LEVEL = 1
PAREN_LEVEL = 5
LOWER_ROMAN_LEVEL = 5
BULLET_LEVEL = 6
MAX_PREFIXES = 3  # "Phần II - 1. Tình hình" carries two; a third is already unusual

# Matching thresholds (scores run from 0 to 1).
FUZZY_THRESHOLD = 0.75
"""A heading matches a section when its best score reaches this. The score of a heading H against a title or
alias C is max(h·(0.6 + 0.4·c), c·(0.6 + 0.4·h)), where h is the share of H's words found in C and c the
share of C's words found in H (common words such as "và", "các", "and", "of" and numbers left out). So a
heading made only of words of the title, covering at least 40% of it, matches ("Xây dựng thể chế" →
"Xây dựng, hoàn thiện thể chế, chính sách pháp luật"), as does a heading that starts with a whole alias and
adds a little ("Kết quả thực hiện 6 tháng đầu năm"); "Quyền con người" alone does not match the education
section that merely mentions human rights."""
WORD_SIMILARITY = 0.85
"""Two words of four letters or more count as the same word when difflib's ratio reaches this ("chug" ~
"chung", "trainings" ~ "training"); 0.85 keeps "nguoi"/"nguon" and "thien"/"thiet" apart."""
STRING_SIMILARITY = 0.9
"""A whole heading of 12 characters or more also matches when difflib's ratio with a title reaches this."""
STRING_SIMILARITY_MIN_CHARS = 12
MIN_SIMILAR_WORD_CHARS = 4
MAX_MATCH_CHARS = 400  # no heading is longer; difflib's cost grows with the product of the lengths
CONTEXT_BONUS = 0.03  # prefer a sub-section of the section being read when two scores are close

STOP_WORDS = frozenset(
    {
        # Vietnamese, folded; only words whose folded form is not also a meaningful word ("the" is thể in
        # "thể chế", "an" is an in "an sinh", "de" is đề in "đề xuất", "quy" is quy in "quy định")
        "va", "cac", "cua", "ve", "voi", "theo", "nhung", "mot", "cho", "nay", "thang",
        # English
        "and", "of", "for", "by", "with", "their", "its", "from", "during", "period", "year", "month",
    }
)  # fmt: skip

MatchHow = Literal["exact", "fuzzy", "none"]

_SEP = r"[.):\-–—]"
_PART = re.compile(r"(?i)(?:phan|part|chuong|chapter)\s+(?:[IVXLCDM]+|\d{1,3}|[A-Z])\b")
_SECTION = re.compile(r"(?i)(?:muc|section)\s+(?:[IVXLCDM]+|\d{1,3}(?:\.\d{1,2})*|[A-Z])\b")
_ROMAN_DOTTED = re.compile(r"([IVXLCDM]+)((?:\.\d{1,2})+)\.?(?=[\s):\-–—]|$)")
_ROMAN = re.compile(rf"([IVXLCDMivxlcdm]+)\s*{_SEP}")
_ARABIC_DOTTED = re.compile(r"\d{1,3}((?:\.\d{1,2})+)\.?(?=[\s):\-–—]|$)")
_ARABIC = re.compile(rf"\d{{1,3}}\s*{_SEP}(?!\d)")
_LETTER = re.compile(r"([A-Za-z])\s*[.)](?=\s|$)")
_PAREN = re.compile(r"\(\s*(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,4})\s*\)")
_BULLET = re.compile(r"[-+•*·▪●○◦►✓–—](?=\s)")
_TRAILING_SEPARATORS = re.compile(r"^[\s.):\-–—]*")
_WORD = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"\s+")
_PARENTHETICAL = re.compile(r"\([^)]*\)")
_COMBINED = re.compile(r"\s*(?:[,;/&+]|\s(?:va|and|hoac|or)\s)\s*")  # "A, B", "A và B", "A and B"
MAX_COMBINED_PIECES = 4


@dataclass(frozen=True)
class Numbering:
    """A numbering prefix found at the start of a heading: its kind, the level it implies, and the rest."""

    kind: str  # part, section, roman, arabic, letter, paren, bullet
    level: int
    rest: str


def split_numbering(text: str) -> Numbering | None:
    """The numbering prefix of ``text``, or None when it does not start with one; ``rest`` is folded."""
    folded = fold(text, keep_case=True).strip()
    found = _first_prefix(folded)
    if found is None:
        return None
    kind, level, end = found
    rest = folded[end:]
    rest = rest[_TRAILING_SEPARATORS.match(rest).end() :]  # type: ignore[union-attr]
    return Numbering(kind=kind, level=level, rest=rest.strip())


def _first_prefix(folded: str) -> tuple[str, int, int] | None:
    if match := _PART.match(folded):
        return "part", PART_LEVEL, match.end()
    if match := _SECTION.match(folded):
        return "section", ARABIC_LEVEL, match.end()
    if (match := _ROMAN_DOTTED.match(folded)) and from_roman(match.group(1)):
        return "roman", ROMAN_LEVEL + match.group(2).count("."), match.end()
    if (match := _ROMAN.match(folded)) and (level := _roman_level(match.group(1))):
        return "roman", level, match.end()
    if match := _ARABIC_DOTTED.match(folded):
        return "arabic", ARABIC_LEVEL + match.group(1).count("."), match.end()
    if match := _ARABIC.match(folded):
        return "arabic", ARABIC_LEVEL, match.end()
    if match := _LETTER.match(folded):
        return "letter", UPPER_LETTER_LEVEL if match.group(1).isupper() else LETTER_LEVEL, match.end()
    if match := _PAREN.match(folded):
        return "paren", PAREN_LEVEL, match.end()
    if match := _BULLET.match(folded):
        return "bullet", BULLET_LEVEL, match.end()
    return None


def _roman_level(numeral: str) -> int | None:
    """Upper-case numerals ("I", "IV", "XII") are top level; a lone C, D, L or M is a letter; lower-case
    numerals of two or more letters ("ii", "iv") are a deep level."""
    if numeral.isupper():
        if from_roman(numeral) and (len(numeral) > 1 or numeral in "IVX"):
            return ROMAN_LEVEL
        return None
    if len(numeral) > 1 and from_roman(numeral.upper()):
        return LOWER_ROMAN_LEVEL
    return None


def strip_numbering(text: str) -> str:
    """``text`` folded and without its numbering prefixes ("Phần II - 1. Tình hình" → "Tinh hinh")."""
    rest = fold(text, keep_case=True).strip()
    for _attempt in range(MAX_PREFIXES):
        found = split_numbering(rest)
        if found is None or not found.rest:
            break
        rest = found.rest
    return rest


def tokens(text: str) -> list[str]:
    """The words of ``text`` after dropping numbering, diacritics, case and punctuation."""
    return _WORD.findall(strip_numbering(text).casefold())


def normalise(text: str) -> str:
    """The normal form of a heading: words separated by one space ("II. KẾT QUẢ:" → "ket qua")."""
    return " ".join(tokens(text))


def compact(text: str) -> str:
    """The normal form without spaces, for space-insensitive comparison."""
    return "".join(tokens(text))


def without_parentheticals(text: str) -> str:
    """ "Social policies (poverty reduction, ...)" → "Social policies"."""
    return _SPACES.sub(" ", _PARENTHETICAL.sub(" ", text)).strip()


# Matching headings to sections -----------------------------------------------------------------------


@dataclass
class _Candidate:
    key: str
    compact: str
    spaced: str
    words: list[str]


@dataclass
class SectionMatcher:
    """Tells which section a heading names: exactly, fuzzily (see FUZZY_THRESHOLD) or none."""

    sections: Sequence[SectionSpec]
    candidates: list[_Candidate] = field(default_factory=list)
    parents: dict[str, str | None] = field(default_factory=dict)
    pieces: dict[str, str | None] = field(default_factory=dict)  # "kho khan" → the section whose title has it

    def __post_init__(self) -> None:
        parent: str | None = None
        for section in self.sections:
            if section.level <= 1:
                parent = section.key
                self.parents[section.key] = None
            else:
                self.parents[section.key] = parent
            for title in (section.title, section.title_en):
                for piece in _COMBINED.split(f" {fold(title)} "):
                    spaced = normalise(piece)
                    if spaced:  # a piece two sections share names neither
                        known = self.pieces.get(spaced, section.key)
                        self.pieces[spaced] = section.key if known == section.key else None
            names = [section.title, section.title_en, *section.match_aliases]
            names += [without_parentheticals(name) for name in names]
            seen: set[str] = set()
            for name in names:
                spaced = normalise(name)
                if spaced and spaced not in seen:
                    seen.add(spaced)
                    self.candidates.append(
                        _Candidate(
                            section.key, spaced.replace(" ", ""), spaced, _content_words(spaced.split())
                        )
                    )

    def match(self, text: str, *, context: str | None) -> tuple[str | None, float, MatchHow]:
        spaced = normalise(text[:MAX_MATCH_CHARS])
        if not spaced or len(text) > MAX_MATCH_CHARS:
            return None, 0.0, "none"
        compact = spaced.replace(" ", "")
        for candidate in self.candidates:
            if candidate.compact == compact:
                return candidate.key, 1.0, "exact"
        words = _content_words(spaced.split())
        best: dict[str, float] = {}
        for candidate in self.candidates:
            score = _similarity(words, candidate.words)
            if min(len(spaced), len(candidate.spaced)) >= STRING_SIMILARITY_MIN_CHARS:
                ratio = difflib.SequenceMatcher(None, spaced, candidate.spaced).ratio()
                if ratio >= STRING_SIMILARITY:
                    score = max(score, ratio)
            best[candidate.key] = max(best.get(candidate.key, 0.0), score)
        ranked = sorted(
            best.items(),
            key=lambda item: (
                item[1] + (CONTEXT_BONUS if context and self.parents.get(item[0]) == context else 0)
            ),
            reverse=True,
        )
        if ranked and ranked[0][1] >= FUZZY_THRESHOLD:
            return ranked[0][0], round(ranked[0][1], 3), "fuzzy"
        return None, round(ranked[0][1], 3) if ranked else 0.0, "none"

    def match_combined(self, text: str, *, context: str | None) -> list[tuple[str, str, float, MatchHow]]:
        """A heading that names several sections at once ("II. HẠN CHẾ, KHÓ KHĂN"): each piece (split at
        commas, "và", "and"…) with the section it names, when every piece names one and they name two
        sections or more; otherwise []."""
        rest = strip_numbering(text[:MAX_MATCH_CHARS]).casefold()
        pieces = [piece.strip() for piece in _COMBINED.split(f" {rest} ") if _WORD.search(piece)]
        if not 2 <= len(pieces) <= MAX_COMBINED_PIECES:
            return []
        found: list[tuple[str, str, float, MatchHow]] = []
        for piece in pieces:
            key, score, how = self.match(piece, context=context)
            if key is None and self.pieces.get(normalise(piece)):
                # A piece of a title ("Khó khăn" of "Khó khăn, thách thức và nguyên nhân") names that section.
                key, score, how = self.pieces[normalise(piece)], 1.0, "exact"
            if key is None:
                return []
            found.append((piece, key, score, how))
        return found if len({key for _piece, key, _score, _how in found}) >= 2 else []


def _content_words(words: list[str]) -> list[str]:
    kept = [w for w in words if w not in STOP_WORDS and not w.isdigit()]
    return kept or [w for w in words if not w.isdigit()] or words


def _similarity(heading: list[str], candidate: list[str]) -> float:
    """max(h·(0.6 + 0.4·c), c·(0.6 + 0.4·h)); see FUZZY_THRESHOLD."""
    if not heading or not candidate:
        return 0.0
    unused = list(candidate)
    found = 0.0
    for word in heading:
        if word in unused:
            unused.remove(word)
            found += 1
            continue
        if len(word) < MIN_SIMILAR_WORD_CHARS:
            continue
        for other in unused:
            if len(other) < MIN_SIMILAR_WORD_CHARS:
                continue
            ratio = difflib.SequenceMatcher(None, word, other).ratio()
            if ratio >= WORD_SIMILARITY:  # a near-miss word counts for its similarity
                unused.remove(other)
                found += ratio
                break
    h, c = found / len(heading), found / len(candidate)
    return max(h * (0.6 + 0.4 * c), c * (0.6 + 0.4 * h))
