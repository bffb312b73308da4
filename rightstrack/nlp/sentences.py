"""Sentences of a Vietnamese or English text.

A sentence ends at ".", "!", "?" or "…" followed by a space and something that can start a sentence
(a capital, a digit, a quote or a bracket), and at every line end (articles put headings, captions and
paragraphs on lines of their own). It does not end after an abbreviation ("TP.", "Q.", "PGS.TS.", "Mr.",
"v.v."), after one capital letter (an initial, "Q. 1"), after a numbered heading ("1.", "II.", "a)") or inside
a date or number ("21.3.2018", "1.079").
"""

from __future__ import annotations

import re

from rightstrack.nlp.text import normalize

# Folded, lower-case, without the final dot. Vietnamese: city, district, ward, professor, doctor, master...
ABBREVIATIONS = frozenset(
    "tp q p tx tt h x ts ths pgs gs bs ks cn ncs đ/c d/c đc ông bà v.v vv ttg qđ nđ tw ubnd hđnd "
    "mr mrs ms dr prof st no nos vol fig gen col lt capt maj sr jr inc ltd co corp dept gov govt jan feb "
    "mar apr jun jul aug sep sept oct nov dec e.g i.e etc vs approx assoc univ".split()
)
_END = re.compile(r"([.!?…]+)([\"”’»)\]]*)\s+")
_STARTER = re.compile(r"[\"“‘«(\[]?[^\W_a-zđ]|[\"“‘«(\[]?\d", re.UNICODE)
_LAST_TOKEN = re.compile(r"(\S+)$")
_HEADING_NUMBER = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])$")


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` in order, each trimmed; empty text has none."""
    sentences: list[str] = []
    for line in normalize(text).split("\n"):
        if line:
            sentences.extend(_split_line(line))
    return sentences


def _split_line(line: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _END.finditer(line):
        following = line[match.end() :]
        if not following or not _STARTER.match(following):
            continue
        before = line[start : match.start()]
        if match.group(1) == "." and _keeps_going(before, pieces, start):
            continue
        pieces.append(line[start : match.end()].strip())
        start = match.end()
    rest = line[start:].strip()
    if rest:
        pieces.append(rest)
    return pieces


def _keeps_going(before: str, pieces: list[str], start: int) -> bool:
    """True when the dot that ends ``before`` belongs to an abbreviation, an initial or a heading number."""
    found = _LAST_TOKEN.search(before)
    if not found:
        return True
    token = found.group(1).lstrip('"“‘«([')
    bare = token.lower()
    if bare in ABBREVIATIONS or bare.split(".")[-1] in ABBREVIATIONS:
        return True
    if len(token) == 1 and token.isalpha() and token.isupper():
        return True  # an initial, or "Q. 1"
    return before.strip() == token and bool(_HEADING_NUMBER.match(token))  # "1." or "II." opening the line
