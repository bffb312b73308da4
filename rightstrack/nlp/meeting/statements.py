"""The work areas an article touches, and the shortcomings, directives and proposals it states."""

from __future__ import annotations

from rightstrack.nlp import lexicon as lx
from rightstrack.nlp.meeting.facts import MAX_STATEMENTS
from rightstrack.nlp.mentions import (
    folded,
)

_AREAS = {key: lx.phrase_pattern(words) for key, words in lx.WORK_AREAS.items()}
_SHORTCOMING = lx.phrase_pattern(lx.SHORTCOMING_CUES)
_NOT_SHORTCOMING = lx.phrase_pattern(lx.NOT_SHORTCOMING)
_DIRECTIVE = lx.phrase_pattern(lx.DIRECTIVE_CUES)
_PROPOSAL = lx.phrase_pattern(lx.PROPOSAL_CUES)


def find_work_areas(sentences: list[str]) -> list[str]:
    low = " ".join(folded(s) for s in sentences)
    return [key for key, pattern in _AREAS.items() if pattern.search(low)]


def find_statements(sentences: list[str]) -> tuple[list[str], list[str], list[str]]:
    shortcomings, directives, proposals = [], [], []
    for sentence in sentences:
        low = folded(sentence)
        if len(sentence.split()) < 6:
            continue  # headings and captions state nothing
        if _SHORTCOMING.search(low) and not _NOT_SHORTCOMING.search(low):
            shortcomings.append(sentence)
        elif _PROPOSAL.search(low):
            proposals.append(sentence)
        elif _DIRECTIVE.search(low):
            directives.append(sentence)
    return shortcomings[:MAX_STATEMENTS], directives[:MAX_STATEMENTS], proposals[:MAX_STATEMENTS]
