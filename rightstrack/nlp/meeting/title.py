"""The meeting's kind and title: the phrase that names it ("Hội nghị sơ kết…", "the national review…")."""

from __future__ import annotations

import re

from rightstrack.core.text import fold
from rightstrack.nlp import lexicon as lx
from rightstrack.nlp.address import slug_words
from rightstrack.nlp.meeting.facts import MeetingFacts
from rightstrack.nlp.mentions import (
    folded,
    years_in,
)

_KIND_PATTERN = lx.phrase_pattern(lx.KIND_WORDS)
VI_MEETING = re.compile(r"(?<!\w)(hội nghị|hội thảo|tọa đàm|toạ đàm|lớp tập huấn|buổi tập huấn)(?!\w)", re.I)
_VI_TITLE_STOP = re.compile(
    r"\s+(?:tại|do|cho|nhằm|được|diễn ra|với|vào|có|là|của|lần này|trong|ngày|sáng|chiều|hôm nay|đã|sẽ|"
    r"dành cho|theo|để)(?!\w)|[,.;:!?(“\"”]",
    re.I,
)
_EN_TITLE = re.compile(
    r"(?<!\w)(?:the|a|an)\s+((?:[\w’'-]+\s+){0,7}?(?:training conference|training session|training course|"
    r"review conference|conference|workshop|seminar|symposium|meeting|training))(?!\w)"
    r"((?:\s+(?:on|about|for)\s+[^,.;:()]+)?)",
    re.I,
)
_EN_TITLE_TAIL_STOP = re.compile(
    r"\s+(?:in|at|on\s+(?:" + "|".join(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
    "nov", "dec"]) + r")\w*|which|that|was|were|has|had|with|to|held|organi[sz]ed)(?!\w)",
    re.I,
)  # fmt: skip
_EN_QUALIFIERS = frozenset(
    "national provincial regional annual international human rights review training thematic joint "
    "municipal city".split()
)
_TRAINING_HINTS = lx.phrase_pattern(
    ("bao cao vien", "chuyen de", "presenter", "presenters", "lecturer", "lecturers", "briefed on", "topics")
)


def find_title_and_kind(
    facts: MeetingFacts, sentences: list[str], english: bool, address: str | None = None
) -> None:
    """The meeting's title and kind from the text: the kind its title names, else the first sentence naming
    one, else a training's tell-tale words; when the text states no kind, the words of the page's address
    (``address.slug_words``: a weak headline), recorded in ``facts.from_address``."""
    title, sentence = (_english_title if english else _vietnamese_title)(sentences)
    facts.title = title
    if title and sentence:
        facts.evidence["title"] = sentence
    kind_source = fold(title) if title else ""
    match = _KIND_PATTERN.search(kind_source)
    if match is None:
        for candidate in sentences:
            match = _KIND_PATTERN.search(folded(candidate))
            if match:
                facts.evidence["kind"] = candidate
                break
    if match is not None:
        facts.kind = lx.KIND_WORDS[match.group()]
        return
    for candidate in sentences:
        if _TRAINING_HINTS.search(folded(candidate)):
            facts.kind = lx.TRAINING
            facts.evidence["kind"] = candidate
            return
    words = slug_words(address)
    match = _KIND_PATTERN.search(fold(words)) if words else None
    if match is not None and address:
        facts.kind = lx.KIND_WORDS[match.group()]
        facts.evidence["kind"] = address
        facts.from_address.append("kind")


def _vietnamese_title(sentences: list[str]) -> tuple[str | None, str | None]:
    for sentence in sentences:
        for match in VI_MEETING.finditer(sentence):
            rest = sentence[match.end() :]
            stop = _VI_TITLE_STOP.search(rest)
            phrase = (match.group() + (rest[: stop.start()] if stop else rest)).strip()
            words = phrase.split()
            if len(words) >= 5 and _KIND_PATTERN.search(fold(phrase)):
                return phrase, sentence
    return None, None


def _english_title(sentences: list[str]) -> tuple[str | None, str | None]:
    for sentence in sentences:
        for match in _EN_TITLE.finditer(sentence):
            head, tail = match.group(1), match.group(2) or ""
            stop = _EN_TITLE_TAIL_STOP.search(tail)
            tail = tail[: stop.start()] if stop else tail
            qualifiers = {fold(w) for w in head.split()[:-1]} | ({"year"} if years_in(head) else set())
            if not (qualifiers & (_EN_QUALIFIERS | {"year"}) or tail.strip()):
                continue
            phrase = (head + tail).strip()
            if len(phrase.split()) >= 3:
                return phrase, sentence
    return None, None
