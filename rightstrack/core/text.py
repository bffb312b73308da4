"""Text helpers for every app (and the Django-free ``nlp`` package): folding, Vietnamese alphabetical order,
Roman numerals, file names.

No Django here: this module is imported by code that runs without settings, and it is property-tested alone.

``fold`` is the one diacritic and case folder of the code base. Vietnamese is typed with and without
diacritics, with old and new tone-mark placement ("Hoà"/"Hòa"), decomposed or composed, and with đ written as
d: ``fold`` makes all of these compare equal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")

# đ/Đ have no Unicode decomposition, so removing marks alone keeps them; ð/Ð are what some converters emit.
_D_MAP = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})
_SEPARATORS = re.compile(r"[\-‐‑‒–—―_/.,;:()'’‘\"“”]+")

_ROMAN_VALUES = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                 (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip
_ROMAN_VALID = re.compile(r"^(?=[MDCLXVI])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
MAX_ROMAN = 3999

MAX_FILE_NAME_CHARS = 255  # what most file systems accept (in characters here; close enough for a name)
MAX_ASCII_NAME_CHARS = 80
_ASCII_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_NAME_UNSAFE = re.compile(r'[<>:"|?*]')  # characters Windows refuses in names; "/" and "\\" split paths
_EXTENSION = re.compile(r"^[A-Za-z][A-Za-z0-9]{0,4}$")  # what reads as an extension: "pdf", "docx", "exe"


def fold(text: str, *, keep_case: bool = False, separators: bool = False) -> str:
    """``text`` without diacritics (đ/Đ become d/D), case-folded, in NFC: "Tình hình ĐỒNG" → "tinh hinh dong".

    ``keep_case``: leave the case alone ("Tình hình" → "Tinh hinh"), for callers that read numbering such as
    "II." against "ii.". ``separators``: also read dashes, slashes and punctuation as spaces and squeeze all
    white space to single spaces ("Bà Rịa–Vũng Tàu" → "ba ria vung tau").
    """
    if text.isascii():  # most text (English, numbers): no marks to strip, and ASCII case-folds by lower()
        text = text if keep_case else text.lower()
        return " ".join(_SEPARATORS.sub(" ", text).split()) if separators else text
    text = _strip_marks(text)  # marks first: some (U+0345) case-fold to letters
    if not keep_case:
        # Case folding and decomposition can each expose what the other undoes; two passes settle both.
        text = _strip_marks(_strip_marks(text.casefold()).casefold())
    text = unicodedata.normalize("NFC", text)
    if separators:
        text = " ".join(_SEPARATORS.sub(" ", text).split())
    return text


class _Unmarked(dict[int, int | None]):
    """A ``str.translate`` table that drops combining marks and keeps every other character, filled as
    characters are met (translate then looks each one up at C speed; only a new character costs Python)."""

    def __missing__(self, code: int) -> int | None:
        ch = chr(code)
        kept = None if unicodedata.combining(ch) or unicodedata.category(ch) == "Mn" else code
        self[code] = kept
        return kept


_UNMARKED = _Unmarked()


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text).translate(_D_MAP)  # after NFKD: "ᶞ" becomes "ð"
    return decomposed if decomposed.isascii() else decomposed.translate(_UNMARKED)


# Vietnamese alphabetical order ------------------------------------------------------------------------

# The letters in the order of the Vietnamese alphabet, with the Latin letters Vietnamese does not use (f, j,
# w, z) where the Latin alphabet has them, so English and foreign names sort as expected too.
_VI_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_VI_LETTER_RANK = {letter: rank for rank, letter in enumerate(_VI_ALPHABET)}
# Marks that make another letter (a → ă, â; o → ô, ơ; u → ư; e → ê): part of the letter, not its tone.
_LETTER_MARKS = {"\u0306": "\u0306", "\u0302": "\u0302", "\u031b": "\u031b"}
# The five tones in dictionary order (huyền, hỏi, ngã, sắc, nặng), after the level tone (no mark).
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_OTHER_MARK = 6  # any other combining mark (a French é is a tone here; ü is "other")
_SPACE, _PUNCTUATION, _SYMBOL, _DIGIT, _LETTER, _OTHER_LETTER = range(6)

_MAX_WEIGHT = 0x10FFFE


def vi_sort_key(text: str) -> str:
    """A key that sorts names in Vietnamese alphabetical order: a, ă, â, b, c, d, đ, e, ê, …, ô, ơ, …, u, ư, …

    Base letters decide first (case and tones aside: "Đà Nẵng" comes after every "D…" and before "E…"); then
    the tones, in dictionary order (none, huyền, hỏi, ngã, sắc, nặng: "Ha" < "Hà" < "Hả" < "Hã" < "Há" <
    "Hạ"); then case (lower first); then the text itself, so the order is total and stable. Spaces and
    punctuation sort before digits and digits before letters, so "Ha Noi" < "Ha Tinh" < "Hai". This is what
    PostgreSQL's ICU collation ``vi-x-icu`` does, so a page ordered by the database and a list sorted here
    agree (``core.collation``).

    The key is a string (the three levels, each ended by NUL, then the text), so comparing two keys is one
    string comparison: SQLite's ``vi`` collation compares thousands of them for one ``ORDER BY``.
    """
    primary: list[str] = []
    tones: list[str] = []
    cases: list[str] = []
    for cluster in _clusters(unicodedata.normalize("NFD", text)):
        base, marks = cluster[0], cluster[1:]
        lower = base.lower()
        letter = unicodedata.normalize("NFC", lower + "".join(m for m in marks if m in _LETTER_MARKS))
        tone = max((_TONE_RANK.get(m, _OTHER_MARK) for m in marks if m not in _LETTER_MARKS), default=0)
        if letter in _VI_LETTER_RANK:
            kind, value = _LETTER, _VI_LETTER_RANK[letter]
        elif lower in _VI_LETTER_RANK:  # a mark that makes no Vietnamese letter (ŏ): the base letter
            kind, value, tone = _LETTER, _VI_LETTER_RANK[lower], max(tone, _OTHER_MARK)
        elif base.isdigit():
            kind, value = _DIGIT, unicodedata.digit(base, 0)
        elif base.isspace():
            kind, value = _SPACE, 0
        else:
            category = unicodedata.category(base)[0]
            kind = _PUNCTUATION if category == "P" else _OTHER_LETTER if category == "L" else _SYMBOL
            value = min(ord(lower), _MAX_WEIGHT)
        primary.append(chr(kind + 1) + chr(value + 1))  # two characters an element, none of them NUL
        tones.append(chr(tone + 1))
        cases.append("\x01" if base == lower else "\x02")
    return (
        "".join(primary)
        + "\x00"
        + "".join(tones)
        + "\x00"
        + "".join(cases)
        + "\x00"
        + unicodedata.normalize("NFC", text)
    )


def _clusters(decomposed: str) -> list[str]:
    """``decomposed`` cut into a base character and the combining marks that follow it."""
    clusters: list[str] = []
    for ch in decomposed:
        if clusters and unicodedata.combining(ch):
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return clusters


def vi_sorted(items: Iterable[T], *, key: Callable[[T], str] | None = None) -> list[T]:
    """``items`` in Vietnamese alphabetical order of ``key(item)`` (``str(item)`` by default)."""
    text = key or str
    return sorted(items, key=lambda item: vi_sort_key(text(item)))


# Roman numerals -----------------------------------------------------------------------------------------


def to_roman(number: int) -> str:
    """1 → "I", 2025 → "MMXXV"; ValueError outside 1..3999, where Roman numerals have no standard form."""
    if not 1 <= number <= MAX_ROMAN:
        raise ValueError(f"{number} has no Roman numeral (1 to {MAX_ROMAN})")
    out = []
    for value, numeral in _ROMAN_VALUES:
        count, number = divmod(number, value)
        out.append(numeral * count)
    return "".join(out)


def from_roman(numeral: str) -> int | None:
    """ "XIV" → 14; None unless ``numeral`` is a well-formed upper-case numeral ("IIII", "iv", "" → None)."""
    if not _ROMAN_VALID.match(numeral):
        return None
    total, index = 0, 0
    for value, symbol in _ROMAN_VALUES:
        while numeral.startswith(symbol, index):
            total += value
            index += len(symbol)
    return total


def outline_numbers(levels: Iterable[int]) -> list[str]:
    """Numbers for an outline as Vietnamese reports write them: "I.", "II." at level 1 and "1.", "2." for the
    entries under each (any level above 1 counts as the second)."""
    numbers = []
    top = sub = 0
    for level in levels:
        if level <= 1:
            top, sub = top + 1, 0
            numbers.append(f"{to_roman(top)}.")
        else:
            sub += 1
            numbers.append(f"{sub}.")
    return numbers


# File names ---------------------------------------------------------------------------------------------


def ascii_file_name(text: str, *, default: str = "file", max_chars: int = MAX_ASCII_NAME_CHARS) -> str:
    """ASCII letters, digits, dot, dash and underscore only, for names we give files ("Thừa Thiên Huế / 46" →
    "Thua-Thien-Hue-46"); ``default`` when nothing is left."""
    name = _ASCII_UNSAFE.sub("-", fold(text, keep_case=True)).strip("-._")[:max_chars].strip("-._")
    return name or default


def clean_file_name(
    name: str, *, extensions: Sequence[str] = (), default: str = "file", max_chars: int = MAX_FILE_NAME_CHARS
) -> str:
    """A name someone gave a file, made safe to store and show; letters with diacritics are kept (in NFC).

    Drops the folders of a path, NUL and every control or formatting character (a right-to-left override can
    make "exe.pdf" read as "fdp.exe"), and characters Windows refuses. With ``extensions`` (those the file's
    content allows, the usual one first) the name ends with one of them: "x.pdf\\x00.html" → "x.pdf",
    "x.html" → "x.pdf". Inner extensions never pass for the real one: "invoice.exe.pdf" → "invoice_exe.pdf".
    """
    text = unicodedata.normalize("NFC", name)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn"))
    text = re.split(r"[/\\]", text)[-1]
    text = " ".join(_NAME_UNSAFE.sub("_", text).split()).strip(" .")
    allowed = [extension.lower().lstrip(".") for extension in extensions]
    stem, dot, extension = text.rpartition(".")
    if not dot:
        stem, extension = text, ""
    if allowed and extension.lower() not in allowed:
        if _EXTENSION.match(extension):
            inner_stem, inner_dot, inner = stem.rpartition(".")
            if inner_dot and inner.lower() in allowed:  # "x.pdf.html" for a PDF: the outer one is the lie
                stem, extension = inner_stem, inner
            else:
                extension = allowed[0]
        else:  # "Báo cáo v1.2" has no extension at all
            stem, extension = text, allowed[0]
    parts = stem.split(".")
    stem = parts[0] + "".join(("_" if _EXTENSION.match(part) else ".") + part for part in parts[1:])
    stem = stem.strip(" ._") or default
    suffix = f".{extension.lower() if allowed else extension}" if extension else ""
    return stem[: max(1, max_chars - len(suffix))].rstrip(" .") + suffix
