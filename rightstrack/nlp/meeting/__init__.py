"""The facts of a meeting, read from a news article or a meeting report in Vietnamese or English.

``extract_meeting(text, ...)`` returns ``MeetingFacts``: kind, title, date, place (resolved to a unit and its
successor today), chair, organiser, participants, presenting units, work areas, and the shortcomings,
directives and proposals stated. Each fact keeps the sentence it came from (``evidence``). Rules and lexicons
only (``lexicon.py``): nothing names one article's people, places or numbers, and a fact the text does not
state is None, never guessed; the year stays unknown unless the text or a publication date gives it.
"""

from rightstrack.nlp.meeting.extract import extract_meeting
from rightstrack.nlp.meeting.facts import (
    CONTRACT_KEYS,
    MAX_STATEMENTS,
    Chair,
    MeetingFacts,
    Participants,
    Place,
)
from rightstrack.nlp.meeting.reading import gazetteer_of

__all__ = [
    "CONTRACT_KEYS",
    "MAX_STATEMENTS",
    "Chair",
    "MeetingFacts",
    "Participants",
    "Place",
    "extract_meeting",
    "gazetteer_of",
]
