"""Finding people, places, dates and numbers in a sentence, with their positions in the text as written.

Everything matches on a folded copy of the text that keeps one character per character of the original
(``folded``), so a match found without diacritics cuts the original with its diacritics.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from rightstrack.core.text import fold
from rightstrack.nlp.lexicon import DOCUMENT_WORDS, HONORIFICS, SURNAMES, TITLE_WORDS_EN


@functools.lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    one = fold(char)
    return one if len(one) == 1 else (char.lower() if len(char.lower()) == 1 else "?")


@functools.lru_cache(maxsize=4096)
def folded(text: str) -> str:
    """``fold(text)`` with exactly one character for each character of ``text`` (positions line up)."""
    return "".join(map(_fold_char, text))


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


# People ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonMention:
    name: str  # as written
    start: int
    end: int

    @property
    def name_folded(self) -> str:
        return fold(self.name, separators=True)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and (len(word) == 1 or word[1:].islower())


def find_people(text: str, *, place_keys: frozenset[str] = frozenset()) -> list[PersonMention]:
    """Runs of two to four capitalised words that start with a Vietnamese family name ("Lê Quang Đạo",
    "Le Quang Dao", "Y Ngọc"), that are not a place name ("Hồ Chí Minh" in "Học viện ... Hồ Chí Minh")."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    found: list[PersonMention] = []
    index = 0
    while index < len(words):
        start, _end, word = words[index]
        if not (_capitalised(word) and folded(word) in SURNAMES):
            index += 1
            continue
        run = [words[index]]
        for nxt in words[index + 1 : index + 4]:
            gap = text[run[-1][1] : nxt[0]]
            if gap != " " or not _capitalised(nxt[2]) or folded(nxt[2]) in TITLE_WORDS_EN:
                break
            run.append(nxt)
        name = text[start : run[-1][1]]
        key = fold(name, separators=True)
        if len(run) >= 2 and not _is_place(key, place_keys) and _not_sentence_start_word(text, start, run):
            found.append(PersonMention(name=name, start=start, end=run[-1][1]))
        index += len(run)
    return found


def _is_place(key: str, place_keys: frozenset[str]) -> bool:
    return key in place_keys or any(key.startswith(p + " ") or key.endswith(" " + p) for p in place_keys)


def _not_sentence_start_word(text: str, start: int, run: list[tuple[int, int, str]]) -> bool:
    """English words that are also family names ("To", "Do", "La") starting a sentence are not names."""
    if fold(run[0][2]) in {"to", "do", "la", "le", "ha", "ong", "van"} and not text[:start].strip():
        return len(run) >= 3
    return True


def strip_honorifics(text: str) -> str:
    """``text`` without ranks and honorifics in front ("Đại tá", "đồng chí", "Mr.", "PGS.TS")."""
    changed = True
    while changed:
        changed = False
        head = folded(text)
        for honorific in HONORIFICS:
            if head.startswith(honorific) and (
                len(head) == len(honorific) or not head[len(honorific)].isalnum()
            ):
                text = text[len(honorific) :].lstrip(" .,:")
                changed = True
                break
    return text.strip()


# Places ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceMention:
    name: str  # as written
    key: str  # folded, separators as spaces: the gazetteer's key
    start: int
    end: int


_CITY_BEFORE = re.compile(r"(?:thanh pho|tp\.?|t\.p\.?)\s*$")
_CITY_AFTER = re.compile(r"^\s*(?:city|\()")


class Gazetteer:
    """Place names to look for (province level, every spelling the resolver knows), by folded key."""

    def __init__(self, names: Iterable[str]) -> None:
        self.keys: dict[str, str] = {}
        for name in names:
            key = fold(name, separators=True)
            if key and len(key) >= 2:
                self.keys.setdefault(key, name)
        self.max_words = max((key.count(" ") + 1 for key in self.keys), default=1)
        self._longest_first = sorted(self.keys, key=len, reverse=True)
        # A place named like a person ("Hồ Chí Minh": family name and two syllables) needs "city" beside it.
        self.person_like = frozenset(
            key for key in self.keys if key.split()[0] in SURNAMES and key.count(" ") == 2
        )

    @property
    def key_set(self) -> frozenset[str]:
        return frozenset(self.keys)

    def at_start(self, text: str) -> PlaceMention | None:
        """The place name ``text`` opens with when a capital follows it directly ("Kiên GiangTheo ...")."""
        low = folded(text)
        for key in self._longest_first:
            spaced = low[: len(key)].replace("-", " ")
            if spaced == key and len(text) > len(key) and text[len(key)].isupper() and text[:1].isupper():
                return PlaceMention(name=text[: len(key)], key=key, start=0, end=len(key))
        return None

    def find(self, text: str) -> list[PlaceMention]:
        words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\w+", text)]
        low = folded(text)
        found: list[PlaceMention] = []
        index = 0
        while index < len(words):
            if not words[index][2][:1].isupper():  # every place name starts with a capital
                index += 1
                continue
            for size in range(min(self.max_words, len(words) - index), 0, -1):
                run = words[index : index + size]
                if any(
                    text[a[1] : b[0]] not in (" ", ".", "-", " - ", "–")
                    for a, b in zip(run, run[1:], strict=False)
                ):
                    continue
                key = " ".join(low[w[0] : w[1]] for w in run)
                if key not in self.keys or not all(w[2][:1].isupper() for w in run):
                    continue
                start, end = run[0][0], run[-1][1]
                if key in self.person_like and not (
                    _CITY_BEFORE.search(low[max(0, start - 12) : start]) or _CITY_AFTER.match(low[end:])
                ):
                    continue
                found.append(PlaceMention(name=text[start:end], key=key, start=start, end=end))
                index += size - 1
                break
            index += 1
        return found


# Dates ----------------------------------------------------------------------------------------------------

MONTHS_EN = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
         ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH_NAMES = "|".join(sorted(MONTHS_EN, key=len, reverse=True))


@dataclass(frozen=True)
class DateMention:
    year: int | None
    month: int
    day: int | None
    start: int
    end: int


_VI_RANGE = re.compile(
    r"(?<![\d/.-])(\d{1,2})\s*[-–]\s*(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?(?![\d/])"
)
_VI_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})\s*([/.-])\s*(\d{1,2})(?:\2(\d{4}))?(?![\d/.]\d|[/-]\d)")
_VI_WORDS = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?")
_EN_MONTH_DAY = re.compile(
    rf"\b({_MONTH_NAMES})\.?,?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.IGNORECASE
)
_EN_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_NAMES})\.?,?(?:\s+(\d{{4}}))?\b", re.I)
_DATE_LEAD = re.compile(r"(?:ngay|sang|chieu|toi|trua|hom nay|hom qua|\()\s*$")
_YEAR_RANGE = re.compile(r"\d{4}\s*[-–]\s*\d{4}")


def _valid(year: int | None, month: int, day: int | None) -> bool:
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return False
    if year is not None and not 1945 <= year <= 2100:
        return False
    if year is not None and day is not None:
        try:
            datetime.date(year, month, day)
        except ValueError:
            return False
    return True


def find_dates(text: str) -> list[DateMention]:
    """Dates written with a day and a month ("29/5", "21/3/2018", "7 - 8/12", "ngày 16 tháng 8", "July 18",
    "8 August 2019"); dates that belong to a cited document ("Kết luận số 57 ngày 15/6/2023") are left out."""
    low = folded(text)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(year: str | None, month: str, day: str | None, start: int, end: int) -> None:
        y, m, d = (int(year) if year else None), int(month), (int(day) if day else None)
        if any(a < end and start < b for a, b in taken) or not _valid(y, m, d):
            return
        taken.append((start, end))
        if not _cites_document(low[max(0, start - 45) : start]):
            found.append(DateMention(year=y, month=m, day=d, start=start, end=end))

    for m in _VI_RANGE.finditer(text):
        add(m.group(4), m.group(3), m.group(1), m.start(), m.end())
    for m in _VI_WORDS.finditer(low):
        add(m.group(3), m.group(2), m.group(1), m.start(), m.end())
    for m in _VI_DATE.finditer(text):
        if (
            m.group(2) != "/"
            and not m.group(4)
            and not _DATE_LEAD.search(low[max(0, m.start() - 12) : m.start()])
        ):
            continue  # "29-5" alone is often something else; after "sáng", "ngày" or with a year, a date
        add(m.group(4), m.group(3), m.group(1), m.start(), m.end())
    for m in _EN_MONTH_DAY.finditer(text):
        add(m.group(3), str(MONTHS_EN[m.group(1).lower()]), m.group(2), m.start(), m.end())
    for m in _EN_DAY_MONTH.finditer(text):
        add(m.group(3), str(MONTHS_EN[m.group(2).lower()]), m.group(1), m.start(), m.end())
    return sorted(found, key=lambda d: d.start)


def _cites_document(before: str) -> bool:
    clause = re.split(r"[,;:(]", before)[-1]
    return any(word in clause for word in DOCUMENT_WORDS) and bool(re.search(r"\d|\bso\b", clause))


def years_in(text: str) -> list[int]:
    """Four-digit years in ``text`` that are not part of a span ("2023-2025")."""
    cleaned = _YEAR_RANGE.sub(" ", text)
    return [int(y) for y in re.findall(r"(?<![\d/.-])((?:19|20)\d{2})(?![\d/])", cleaned)]


# Numbers --------------------------------------------------------------------------------------------------


def parse_count(token: str) -> int | None:
    """ "250" → 250, "1.200" or "1,200" → 1200; None for anything else."""
    digits = re.sub(r"(?<=\d)[.,](?=\d{3}\b)", "", token)
    return int(digits) if digits.isdigit() else None
