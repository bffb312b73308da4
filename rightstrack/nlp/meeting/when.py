"""The meeting's date: the day and month the text gives it, and a year only the text or the publication date
gives."""

from __future__ import annotations

import re

from rightstrack.core.text import fold
from rightstrack.nlp import lexicon as lx
from rightstrack.nlp.meeting.facts import MeetingFacts
from rightstrack.nlp.meeting.reading import Mentions, Text
from rightstrack.nlp.mentions import (
    DateMention,
    folded,
    years_in,
)

MEETING_WORDS = lx.phrase_pattern(
    (*lx.MEETING_NOUNS_VI, *lx.MEETING_NOUNS_EN, "tap huan", "dien ra", "to chuc", "tham du", "khai mac",
     "organized", "organised", "held", "attended", "attending", "took place", "opened")
)  # fmt: skip
_LEAD_IN = re.compile(
    r"^(?:\([^)]{1,12}\)\s*|[A-ZĐ][\w.]{1,9}\s*[-–—]\s*)?(?:sáng|chiều|tối|trưa|hôm nay|ngày|trong \d+ ngày|"
    r"on|in)?\s*(?:ngày)?\s*\(?$",
    re.I,
)


def find_date(
    facts: MeetingFacts, sentences: list[str], mentions: list[Mentions], read: Text, english: bool
) -> None:
    chosen: DateMention | None = None
    for sentence, found in zip(sentences, mentions, strict=True):
        for date in found.dates:
            lead = sentence[: date.start]
            if _LEAD_IN.match(lead) or MEETING_WORDS.search(folded(sentence)):
                chosen = date
                facts.evidence["date"] = sentence
                break
        if chosen:
            break
    if chosen:
        facts.month, facts.day = chosen.month, chosen.day
        facts.year = chosen.year
    if facts.year is None:
        facts.year = _year_of_meeting(facts, sentences)
    if facts.year is None and read.published:
        # The publication date gives the year (issue 11); an article reports a meeting held before it was
        # published, so a month later than the publication's is the year before.
        facts.year = read.published.year - (facts.month is not None and facts.month > read.published.month)


def _year_of_meeting(facts: MeetingFacts, sentences: list[str]) -> int | None:
    """A year the text gives the meeting itself: in its title ("... năm 2023", "the 2023 national ...") or in
    a sentence that calls it a meeting ("hội nghị tập huấn thứ 3 trong năm 2023"). A review's title names the
    year reviewed, not the year of the meeting, unless it names the next one too."""
    if facts.title:
        years = years_in(facts.title)
        part_of_year = re.search(
            r"\b(?:so ket|6 thang|9 thang|quy [1-4ivx]+|nua dau|mid-year|first half)\b", fold(facts.title)
        )
        if years and (facts.kind != lx.REVIEW or len(set(years)) > 1 or part_of_year):
            return max(years)
    for sentence in sentences:
        low = folded(sentence)
        for match in re.finditer(r"(?:hoi nghi|tap huan|conference|workshop|training)[^.;]{0,40}?"
                                 r"(?:nam|in|of)\s+((?:19|20)\d{2})(?![\d-])", low):  # fmt: skip
            if facts.kind != lx.REVIEW:
                return int(match.group(1))
    return None
