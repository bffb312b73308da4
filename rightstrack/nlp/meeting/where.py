"""Where the meeting was held: the venue, the dateline or the host body's province, resolved to a unit and to
its successor today."""

from __future__ import annotations

import datetime
import re

from rightstrack.nlp.meeting.facts import MeetingFacts, Place
from rightstrack.nlp.meeting.reading import DATELINE_AFTER, DATELINE_PREFIX, Mentions, gazetteer_of
from rightstrack.nlp.meeting.when import MEETING_WORDS
from rightstrack.nlp.mentions import (
    Gazetteer,
    PlaceMention,
    folded,
)
from rightstrack.nlp.ports import PlaceMatch, PlaceResolver

_VI_VENUE = re.compile(r"(?<!\w)tại\s+(.+?)(?=\s+(?:diễn ra|tổ chức|đã|do|cho|với|vào|nhằm)(?!\w)|[,.;]|$)",
                       re.I)  # fmt: skip
_EN_VENUE = re.compile(r"(?<!\w)(?:in|at)\s+((?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*"
                       r"(?:\s+(?:city|province|City|Province))?)")  # fmt: skip
_VI_VENUE_MORE = re.compile(
    r",\s*(?:tỉnh|thành phố|TP\.?)\s+[A-ZĐÀ-Ỹ][^,.;]*?(?=\s+(?:diễn ra|tổ chức|đã)(?!\w)|[,.;]|$)"
)
_EN_VENUE_MORE = re.compile(r",\s*[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s+(?:province|city|Province|City)(?!\w)")
_HOST_VI = re.compile(
    r"(?:ban chi dao|bcd|ubnd|uy ban nhan dan|cong an|tinh uy|thanh uy|ve phia)[^,;.]{0,45}?"
    r"(?:tinh|thanh pho|tp)\s*$"
)
_HOST_EN = re.compile(
    r"^\s*(?:city|province|provincial|municipal)?\s*(?:'s\s+)?(?:human rights\s+)?(?:steering committee|"
    r"people['’]s committee|police|party committee|provincial|city)",
    re.I,
)
_HOST_EN_BEFORE = re.compile(r"(?:steering committee|people['’]s committee|police)[^,;.]{0,30}\bof\s*$", re.I)


def find_place(
    facts: MeetingFacts,
    sentences: list[str],
    mentions: list[Mentions],
    places: PlaceResolver | None,
    english: bool,
) -> Place | None:
    if places is None:
        return None
    gazetteer = gazetteer_of(places)
    found = _venue(sentences, mentions, english) or _dateline(sentences, mentions, gazetteer)
    if found is None and facts.organiser:
        in_organiser = {p.key: p for p in gazetteer.find(facts.organiser)}
        if len(in_organiser) == 1:
            mention = next(iter(in_organiser.values()))
            found = (mention.name, mention, facts.evidence.get("organiser", facts.organiser))
    if found is None:
        found = _host(sentences, mentions)
    if found is None:
        return None
    text, mention, sentence = found
    facts.evidence["place"] = sentence
    on = meeting_day(facts)
    match: PlaceMatch | None = places.resolve(mention.name, on=on)
    return Place(text=text, unit=match.unit if match else None, current_unit=match.current if match else None)


def meeting_day(facts: MeetingFacts) -> datetime.date | None:
    if facts.year is None:
        return None
    try:
        return datetime.date(facts.year, facts.month or 1, facts.day or 1)
    except ValueError:
        return None


def _venue(
    sentences: list[str], mentions: list[Mentions], english: bool
) -> tuple[str, PlaceMention, str] | None:
    """ "tại hội trường Công an TPHCM", "tại thành phố Buôn Ma Thuột, tỉnh Đắk Lắk", "in Tay Ninh city": the
    venue as written, with the province it names (the last one when it names a city and then its province)."""
    pattern, more = (_EN_VENUE, _EN_VENUE_MORE) if english else (_VI_VENUE, _VI_VENUE_MORE)
    for sentence, found in zip(sentences, mentions, strict=True):
        if not found.places or not MEETING_WORDS.search(folded(sentence)):
            continue
        for match in pattern.finditer(sentence):
            end = match.end(1)
            while extra := more.match(sentence, end):
                end = extra.end()
            inside = [p for p in found.places if match.start(1) <= p.start and p.end <= end]
            if inside:
                return sentence[match.start(1) : end].strip(), inside[-1], sentence
    return None


def _dateline(
    sentences: list[str], mentions: list[Mentions], gazetteer: Gazetteer
) -> tuple[str, PlaceMention, str] | None:
    """A place that opens the article: "Đắk Nông: ..." (a title), "Kiên Giang - ...", "Kiên GiangTheo ..."
    (a dateline run into the lead as some pages are stored)."""
    for sentence in sentences[:2]:
        glued = gazetteer.at_start(DATELINE_PREFIX.sub("", sentence))
        if glued:
            return glued.name, glued, sentence
    for sentence, found in list(zip(sentences, mentions, strict=True))[:2]:
        for place in found.places:
            lead = DATELINE_PREFIX.sub("", sentence[: place.start]).strip()
            after = sentence[place.end :]
            if not lead and (DATELINE_AFTER.match(after) or after[:1].isupper()):
                return place.name, place, sentence
    return None


def _host(sentences: list[str], mentions: list[Mentions]) -> tuple[str, PlaceMention, str] | None:
    """The one province whose committee, people's committee or police hosts or speaks at the meeting
    ("Trưởng Ban Chỉ đạo Nhân quyền tỉnh Kon Tum", "Human Rights Steering Committee of Dak Nong province")."""
    hosts: dict[str, tuple[str, PlaceMention, str]] = {}
    for sentence, found in zip(sentences, mentions, strict=True):
        low = folded(sentence)
        for place in found.places:
            before, after = low[max(0, place.start - 60) : place.start], sentence[place.end : place.end + 60]
            if (
                _HOST_VI.search(before)
                or _HOST_EN.match(after)
                or _HOST_EN_BEFORE.search(sentence[: place.start])
            ):
                hosts.setdefault(place.key, (place.name, place, sentence))
    resolved = {v[1].key for v in hosts.values()}
    if len(resolved) == 1:
        return next(iter(hosts.values()))
    return None
