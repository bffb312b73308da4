"""Who took part: how many bodies and people, and the provinces or bodies that presented reports."""

from __future__ import annotations

import re

from rightstrack.nlp import lexicon as lx
from rightstrack.nlp.meeting.facts import MeetingFacts, Participants
from rightstrack.nlp.meeting.reading import Mentions
from rightstrack.nlp.meeting.when import MEETING_WORDS
from rightstrack.nlp.meeting.where import meeting_day
from rightstrack.nlp.mentions import (
    folded,
    parse_count,
)
from rightstrack.nlp.ports import PlaceResolver, Unit

_NUMBER = r"(\d{1,3}(?:[.,]\d{3})*|\d+)"
_VI_PEOPLE = re.compile(
    r"(?:(?:hon|gan|khoang|tren|co|voi)\s+)?" + _NUMBER + r"\s+(" + "|".join(lx.PEOPLE_NOUNS_VI) + r")(?!\w)"
)
_VI_UNITS = re.compile(_NUMBER + r"\s+(" + "|".join(re.escape(n) for n in lx.UNIT_NOUNS_VI) + r")(?!\w)")
_EN_PEOPLE = re.compile(
    r"(?:(?:more than|over|nearly|about|some|around|almost|up to)\s+)?"
    + _NUMBER
    + r"\s+(?:[a-z-]+\s+)?("
    + "|".join(lx.PEOPLE_NOUNS_EN)
    + r")(?!\w)"
)
_EN_UNITS = re.compile(r"(?:from|of|representing)\s+(?:the\s+)?" + _NUMBER + r"\s+("
                       + "|".join(re.escape(n) for n in lx.UNIT_NOUNS_EN) + r")(?!\w)")  # fmt: skip
_ATTEND_VI = lx.phrase_pattern(lx.ATTENDANCE_VI)
_ATTEND_EN = lx.phrase_pattern(lx.ATTENDANCE_EN)


def find_participants(facts: MeetingFacts, sentences: list[str], english: bool) -> Participants:
    result = Participants()
    people_re, units_re, attend = (
        (_EN_PEOPLE, _EN_UNITS, _ATTEND_EN) if english else (_VI_PEOPLE, _VI_UNITS, _ATTEND_VI)
    )
    for sentence in sentences:
        low = folded(sentence)
        if not (attend.search(low) or MEETING_WORDS.search(low)):
            continue
        people = people_re.search(low)
        units = units_re.search(low)
        if people and result.count_people is None:
            result.count_people = parse_count(people.group(1))
            start = people.start(1)
            result.description = re.split(r"(?<=\w)\.(?:\s|$)", sentence[start:])[0].strip(" .")
            facts.evidence["participants.count_people"] = sentence
        if units and result.count_units is None and (people or attend.search(low)):
            result.count_units = parse_count(units.group(1))
            facts.evidence["participants.count_units"] = sentence
        if result.count_people is not None and result.count_units is not None:
            break
    return result


# Presenting units ------------------------------------------------------------------------------------------

_PRESENTING = lx.phrase_pattern((*lx.PRESENTING_VI, *lx.PRESENTING_EN))


def find_presenting(
    facts: MeetingFacts, sentences: list[str], mentions: list[Mentions], places: PlaceResolver | None
) -> list[tuple[str, Unit | None]]:
    """Provinces named in a sentence about reports presented ("tham luận", "presented reports")."""
    if places is None:
        return []
    out: dict[str, tuple[str, Unit | None]] = {}
    on = meeting_day(facts)
    for sentence, found in zip(sentences, mentions, strict=True):
        low = folded(sentence)
        if not _PRESENTING.search(low) or "bao cao vien" in low:
            continue
        for place in found.places:
            if place.key not in out:
                match = places.resolve(place.name, on=on)
                out[place.key] = (place.name, match.unit if match else None)
                facts.evidence.setdefault("presenting_units", sentence)
    return list(out.values())
