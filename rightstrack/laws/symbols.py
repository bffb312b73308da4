"""Vietnamese document symbols ("số ký hiệu"): find them in running text, parse one, write it one way.

No Django here (like ``core.text``): it is property-tested alone. Documents are cited as

* ``30/2020/NĐ-CP``      number / year / kind code - issuer (decrees, circulars, decisions, resolutions);
* ``1079/QĐ-TTg``        number / kind code - issuer (no year: decisions, directives, official letters);
* ``14/2012/QH13``       number / year / the National Assembly and its term (laws, its resolutions);
* ``27-NQ/TW``           number - kind code / issuer (the Party's resolutions and directives).

People type them with spaces ("30 / 2020 / NĐ - CP"), without the stroke on Đ ("ND-CP"), in lower case,
with an en dash, and after "số" ("Nghị định số 30/2020/NĐ-CP"). ``Symbol.key`` makes all of these equal
(diacritics and case folded, separators squeezed, the number without leading zeros); ``Symbol.text`` is
the form written back: upper-case kind codes with Đ restored ("NĐ", "QĐ"), known issuers as they are
officially written ("TTg", "HĐND").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rightstrack.core.text import fold

# Kind codes and issuers whose official spelling folding loses (Đ, a lower-case letter).
KIND_CODES = {"ND": "NĐ", "QD": "QĐ", "HD": "HD", "TTLT": "TTLT"}
ISSUERS = {"TTG": "TTg", "HDND": "HĐND", "HDBCQG": "HĐBCQG", "BNV": "BNV", "DCT": "ĐCT"}

_NUMBER = r"(?P<number>\d{1,5}[a-z]?)"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_SLASH = r"\s*/\s*"
_DASH = r"\s*[-‐‑‒–—]\s*"
_LETTERS = r"[a-zđ]{1,10}"
_ISSUER = rf"(?P<issuer>{_LETTERS}(?:{_DASH}{_LETTERS}){{0,3}})"
_START = r"(?<![\w/.\-–])"
_END = r"(?![\w/\-–])"
_PREFIX = r"(?:(?P<so>s[oố])\s*:?\s*)?"

_SYMBOL = re.compile(
    _START
    + _PREFIX
    + "(?:"
    # 14/2012/QH13, 02/2022/UBTVQH15: the National Assembly (or its standing committee) and its term
    + rf"{_NUMBER}{_SLASH}{_YEAR}{_SLASH}(?P<assembly>(?:ubtv)?qh\d{{1,2}})"
    + "|"
    # 30/2020/NĐ-CP, 1079/QĐ-TTg
    + rf"(?P<number2>\d{{1,5}}[a-z]?){_SLASH}(?:(?P<year2>(?:19|20)\d{{2}}){_SLASH})?"
    + rf"(?P<kind>[a-zđ]{{1,6}}){_DASH}{_ISSUER}"
    + "|"
    # 27-NQ/TW: the Party's numbering
    + rf"(?P<number3>\d{{1,5}}){_DASH}(?P<kind3>[a-zđ]{{1,4}}){_SLASH}(?P<issuer3>{_LETTERS})"
    + ")"
    + _END,
    re.IGNORECASE,
)


class SymbolError(ValueError):
    """The text is not one document symbol."""


@dataclass(frozen=True)
class Symbol:
    number: str
    year: int | None
    kind: str  # the kind code as officially written ("NĐ", "QH13", "NQ"), "" never
    issuer: str  # "CP", "TTg", "" for the National Assembly's own numbering
    party: bool = False  # 27-NQ/TW

    @property
    def text(self) -> str:
        if self.party:
            return f"{self.number}-{self.kind}/{self.issuer}"
        head = f"{self.number}/{self.year}/" if self.year is not None else f"{self.number}/"
        return head + (f"{self.kind}-{self.issuer}" if self.issuer else self.kind)

    @property
    def key(self) -> str:
        """What two citations of one document share, however typed: "30/2020/ND-CP"."""
        number = self.number.lstrip("0") or "0"
        return fold(self.text.replace(self.number, number, 1)).upper()

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Found:
    symbol: Symbol
    start: int  # in the NFC form of the text searched
    end: int


def _code(raw: str, known: dict[str, str]) -> str:
    squeezed = re.sub(r"\s+", "", raw).upper()
    parts = re.split(r"[-‐‑‒–—]", squeezed)
    return "-".join(known.get(fold(part).upper(), part) for part in parts)


def _symbol(match: re.Match[str]) -> Symbol:
    groups = match.groupdict()
    if groups["assembly"]:
        return Symbol(
            number=groups["number"].upper(),
            year=int(groups["year"]),
            kind=groups["assembly"].upper(),
            issuer="",
        )
    if groups["kind"]:
        year = groups["year2"]
        return Symbol(
            number=groups["number2"].upper(),
            year=int(year) if year else None,
            kind=_code(groups["kind"], KIND_CODES),
            issuer=_code(groups["issuer"], ISSUERS),
        )
    return Symbol(
        number=groups["number3"],
        year=None,
        kind=_code(groups["kind3"], KIND_CODES),
        issuer=_code(groups["issuer3"], ISSUERS),
        party=True,
    )


def find_symbols(text: str) -> list[Found]:
    """Every symbol cited in ``text`` (NFC-normalised first), in order; one cited twice is found twice."""
    normal = unicodedata.normalize("NFC", text or "")
    found = []
    for match in _SYMBOL.finditer(normal):
        start = next(match.start(g) for g in ("number", "number2", "number3") if match.group(g))
        found.append(Found(symbol=_symbol(match), start=start, end=match.end()))  # "số" left out
    return found


def symbol_keys(text: str) -> set[str]:
    """The keys of every symbol cited in ``text``."""
    return {found.symbol.key for found in find_symbols(text)}


def parse_symbol(text: str) -> Symbol:
    """Exactly one symbol ("số" before it allowed), else ``SymbolError``."""
    normal = unicodedata.normalize("NFC", (text or "").strip())
    match = _SYMBOL.fullmatch(normal)
    if match is None:
        raise SymbolError(text)
    return _symbol(match)


def normalise_symbol(text: str) -> str:
    """The official form of one symbol: " 30 / 2020 / nd - cp " → "30/2020/NĐ-CP"."""
    return parse_symbol(text).text
