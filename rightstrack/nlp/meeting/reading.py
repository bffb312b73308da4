"""Reading an article before the facts are looked for: its sentences, its publication date, and the places,
people and dates each sentence mentions."""

from __future__ import annotations

import datetime
import re
import weakref
from dataclasses import dataclass
from typing import Any

from rightstrack.nlp.mentions import (
    DateMention,
    Gazetteer,
    PersonMention,
    PlaceMention,
    find_dates,
    find_people,
)
from rightstrack.nlp.ports import PlaceResolver
from rightstrack.nlp.sentences import split_sentences
from rightstrack.nlp.text import normalize

_DATE_HEADER = re.compile(r"^date\s+(\d{4})-(\d{2})(?:-(\d{2}))?\b\s*")
_PAGE_DATE_LINE = re.compile(
    r"^(?:(?:thứ\s+\w+|chủ\s+nhật|monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s*)?"
    r"(?:\d{1,2}/\d{1,2}/\d{4}|\w+,?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\w+\s+\d{4})"
    r"(?:\s*[-|,]?\s*\d{1,2}:\d{2}(?:\s*(?:am|pm|gmt\S*))?)?(?:\s*\|.*)?$",
    re.IGNORECASE,
)
DATELINE_PREFIX = re.compile(r"^(?:\([^()]{1,20}\)\s*[-–—]?|[A-ZĐ][A-ZĐ.]{1,9}\s*[-–—])\s*")
# What may follow a place that opens an article: "Đắk Nông: …", "HCM CITY — …", "Kon Tum (TTXVN) - …".
DATELINE_AFTER = re.compile(
    r"^\s*(?:city|province|thành phố|tỉnh)?\s*(?:\([^()]{1,20}\))?\s*(?:[:—–-]|$)", re.I
)


@dataclass
class Text:
    sentences: list[str]
    published: datetime.date | None  # the page's date, or its month (day 1) from a "date YYYY-MM" line
    published_month_only: bool


def read_article(text: str, published: datetime.date | None) -> Text:
    text = normalize(text)
    month_only = False
    header = _DATE_HEADER.match(text)
    if header:
        text = text[header.end() :]
        if published is None:
            day = int(header.group(3) or 1)
            published = datetime.date(int(header.group(1)), int(header.group(2)), day)
            month_only = header.group(3) is None
    sentences = []
    for sentence in split_sentences(text):
        if _PAGE_DATE_LINE.match(sentence) and len(sentence) < 60:
            dates = find_dates(sentence)
            if published is None and dates and dates[0].year and dates[0].day:
                published = datetime.date(dates[0].year, dates[0].month, dates[0].day)
            continue
        sentences.append(sentence)
    return Text(sentences=sentences, published=published, published_month_only=month_only)


_GAZETTEERS: weakref.WeakKeyDictionary[Any, Gazetteer] = weakref.WeakKeyDictionary()
_NO_PLACES = Gazetteer(())


def gazetteer_of(places: PlaceResolver | None) -> Gazetteer:
    """The place names ``places`` knows, built once per resolver."""
    if places is None:
        return _NO_PLACES
    try:
        return _GAZETTEERS[places]
    except (KeyError, TypeError):
        gazetteer = Gazetteer(places.names())
        try:
            _GAZETTEERS[places] = gazetteer
        except TypeError:  # a resolver that cannot be weakly referenced is read each time
            pass
        return gazetteer


class Mentions:
    def __init__(self, sentence: str, gazetteer: Gazetteer) -> None:
        self.places: list[PlaceMention] = gazetteer.find(sentence)
        self.people: list[PersonMention] = find_people(sentence, place_keys=gazetteer.key_set)
        self.dates: list[DateMention] = find_dates(sentence)
