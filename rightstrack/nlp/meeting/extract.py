"""``extract_meeting``: read the text once, then ask each fact's module in turn."""

from __future__ import annotations

import datetime

from rightstrack.nlp.language import VI, detect_language
from rightstrack.nlp.meeting.counts import find_participants, find_presenting
from rightstrack.nlp.meeting.facts import MeetingFacts
from rightstrack.nlp.meeting.reading import Mentions, gazetteer_of, read_article
from rightstrack.nlp.meeting.statements import find_statements, find_work_areas
from rightstrack.nlp.meeting.title import find_title_and_kind
from rightstrack.nlp.meeting.when import find_date
from rightstrack.nlp.meeting.where import find_place
from rightstrack.nlp.meeting.who import find_chair, find_organiser
from rightstrack.nlp.ports import PersonDirectory, PlaceResolver


def extract_meeting(
    text: str,
    *,
    source: str = "",
    published: datetime.date | None = None,
    places: PlaceResolver | None = None,
    persons: PersonDirectory | None = None,
    language: str | None = None,
    address: str | None = None,
) -> MeetingFacts:
    """The facts of the meeting ``text`` reports. ``published`` is the publication date when known (it gives
    the year when the text gives none); ``places`` resolves place names; ``persons`` gives the Vietnamese
    spelling of names an English text writes without diacritics; ``address`` is the page's web address, whose
    words give the kind when the text states none (``facts.from_address`` then says so)."""
    language = language or detect_language(text)
    read = read_article(text, published)
    facts = MeetingFacts(source=source, language=language)
    english = language != VI  # a language we do not read is read with the English rules
    gazetteer = gazetteer_of(places)
    sentences = read.sentences
    mentions = [Mentions(sentence, gazetteer) for sentence in sentences]
    facts.people = list(dict.fromkeys(p.name_folded for m in mentions for p in m.people))

    find_title_and_kind(facts, sentences, english, address)
    find_date(facts, sentences, mentions, read, english)
    facts.organiser = find_organiser(facts, sentences, english)
    facts.chair = find_chair(facts, sentences, mentions, english, persons)
    facts.place = find_place(facts, sentences, mentions, places, english)
    facts.participants = find_participants(facts, sentences, english)
    facts.presenting_units = find_presenting(facts, sentences, mentions, places)
    facts.work_areas = find_work_areas(sentences)
    facts.shortcomings, facts.directives, facts.proposals = find_statements(sentences)
    return facts
