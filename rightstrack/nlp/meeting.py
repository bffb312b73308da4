"""The facts of a meeting, read from a news article or a meeting report in Vietnamese or English.

``extract_meeting(text, ...)`` returns ``MeetingFacts``: kind, title, date, place (resolved to a unit and its
successor today), chair, organiser, participants, presenting units, work areas, and the shortcomings,
directives and proposals stated. Each fact keeps the sentence it came from (``evidence``). Rules and lexicons
only (``lexicon.py``): nothing names one article's people, places or numbers, and a fact the text does not
state is None, never guessed; the year stays unknown unless the text or a publication date gives it.
"""

from __future__ import annotations

import datetime
import re
import weakref
from dataclasses import dataclass, field
from typing import Any

from rightstrack.core.text import fold
from rightstrack.nlp import lexicon as lx
from rightstrack.nlp.language import VI, detect_language
from rightstrack.nlp.mentions import (
    DateMention,
    Gazetteer,
    PersonMention,
    PlaceMention,
    find_dates,
    find_people,
    folded,
    parse_count,
    strip_honorifics,
    years_in,
)
from rightstrack.nlp.ports import PersonDirectory, PlaceMatch, PlaceResolver, Unit
from rightstrack.nlp.sentences import split_sentences
from rightstrack.nlp.text import normalize

CONTRACT_KEYS = (
    "source", "language", "kind", "title", "date", "place", "chair", "organiser", "participants",
    "presenting_units", "work_areas", "shortcomings", "directives", "proposals",
)  # fmt: skip
MAX_STATEMENTS = 12  # shortcomings, directives, proposals: an article states a handful


@dataclass
class Chair:
    name: str
    name_folded: str
    position: str | None


@dataclass
class Place:
    text: str
    unit: Unit | None = None
    current_unit: Unit | None = None


@dataclass
class Participants:
    count_units: int | None = None
    count_people: int | None = None
    description: str | None = None


@dataclass
class MeetingFacts:
    source: str
    language: str
    kind: str = lx.OTHER
    title: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    place: Place | None = None
    chair: Chair | None = None
    organiser: str | None = None
    participants: Participants = field(default_factory=Participants)
    presenting_units: list[tuple[str, Unit | None]] = field(default_factory=list)
    work_areas: list[str] = field(default_factory=list)
    shortcomings: list[str] = field(default_factory=list)
    directives: list[str] = field(default_factory=list)
    proposals: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)  # everyone named, folded: for telling meetings apart
    evidence: dict[str, str] = field(default_factory=dict)  # fact → the sentence it came from

    def as_contract(self) -> dict[str, Any]:
        """The JSON object of ``rightstrack extract``: exactly the contract's keys, unknown values null."""
        place = self.place
        chair = self.chair
        return {
            "source": self.source,
            "language": self.language,
            "kind": self.kind,
            "title": self.title,
            "date": {"year": self.year, "month": self.month, "day": self.day},
            "place": {
                "text": place.text if place else None,
                "unit": _unit(place.unit if place else None),
                "current_unit": _unit(place.current_unit if place else None),
            },
            "chair": {
                "name": chair.name if chair else None,
                "name_folded": chair.name_folded if chair else None,
                "position": chair.position if chair else None,
            },
            "organiser": self.organiser,
            "participants": {
                "count_units": self.participants.count_units,
                "count_people": self.participants.count_people,
                "description": self.participants.description,
            },
            "presenting_units": [{"text": text, "unit": _unit(unit)} for text, unit in self.presenting_units],
            "work_areas": list(self.work_areas),
            "shortcomings": list(self.shortcomings),
            "directives": list(self.directives),
            "proposals": list(self.proposals),
        }


def _unit(unit: Unit | None) -> dict[str, str] | None:
    return unit.as_dict() if unit else None


# Reading ---------------------------------------------------------------------------------------------------

_DATE_HEADER = re.compile(r"^date\s+(\d{4})-(\d{2})(?:-(\d{2}))?\b\s*")
_PAGE_DATE_LINE = re.compile(
    r"^(?:(?:thứ\s+\w+|chủ\s+nhật|monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s*)?"
    r"(?:\d{1,2}/\d{1,2}/\d{4}|\w+,?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\w+\s+\d{4})"
    r"(?:\s*[-|,]?\s*\d{1,2}:\d{2}(?:\s*(?:am|pm|gmt\S*))?)?(?:\s*\|.*)?$",
    re.IGNORECASE,
)
_DATELINE_PREFIX = re.compile(r"^(?:\([^()]{1,20}\)\s*[-–—]?|[A-ZĐ][A-ZĐ.]{1,9}\s*[-–—])\s*")
# What may follow a place that opens an article: "Đắk Nông: …", "HCM CITY — …", "Kon Tum (TTXVN) - …".
_DATELINE_AFTER = re.compile(
    r"^\s*(?:city|province|thành phố|tỉnh)?\s*(?:\([^()]{1,20}\))?\s*(?:[:—–-]|$)", re.I
)


@dataclass
class _Text:
    sentences: list[str]
    published: datetime.date | None  # the page's date, or its month (day 1) from a "date YYYY-MM" line
    published_month_only: bool


def _read(text: str, published: datetime.date | None) -> _Text:
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
    return _Text(sentences=sentences, published=published, published_month_only=month_only)


def extract_meeting(
    text: str,
    *,
    source: str = "",
    published: datetime.date | None = None,
    places: PlaceResolver | None = None,
    persons: PersonDirectory | None = None,
    language: str | None = None,
) -> MeetingFacts:
    """The facts of the meeting ``text`` reports. ``published`` is the publication date when known (it gives
    the year when the text gives none); ``places`` resolves place names; ``persons`` gives the Vietnamese
    spelling of names an English text writes without diacritics."""
    language = language or detect_language(text)
    read = _read(text, published)
    facts = MeetingFacts(source=source, language=language)
    english = language != VI  # a language we do not read is read with the English rules
    gazetteer = gazetteer_of(places)
    sentences = read.sentences
    mentions = [_Mentions(sentence, gazetteer) for sentence in sentences]
    facts.people = list(dict.fromkeys(p.name_folded for m in mentions for p in m.people))

    _title_and_kind(facts, sentences, english)
    _date(facts, sentences, mentions, read, english)
    facts.organiser = _organiser(facts, sentences, english)
    facts.chair = _chair(facts, sentences, mentions, english, persons)
    facts.place = _place(facts, sentences, mentions, places, english)
    facts.participants = _participants(facts, sentences, english)
    facts.presenting_units = _presenting(facts, sentences, mentions, places)
    facts.work_areas = _work_areas(sentences)
    facts.shortcomings, facts.directives, facts.proposals = _statements(sentences)
    return facts


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


class _Mentions:
    def __init__(self, sentence: str, gazetteer: Gazetteer) -> None:
        self.places: list[PlaceMention] = gazetteer.find(sentence)
        self.people: list[PersonMention] = find_people(sentence, place_keys=gazetteer.key_set)
        self.dates: list[DateMention] = find_dates(sentence)


# Title and kind --------------------------------------------------------------------------------------------

_KIND_PATTERN = lx.phrase_pattern(lx.KIND_WORDS)
_VI_MEETING = re.compile(r"(?<!\w)(hội nghị|hội thảo|tọa đàm|toạ đàm|lớp tập huấn|buổi tập huấn)(?!\w)", re.I)
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


def _title_and_kind(facts: MeetingFacts, sentences: list[str], english: bool) -> None:
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


def _vietnamese_title(sentences: list[str]) -> tuple[str | None, str | None]:
    for sentence in sentences:
        for match in _VI_MEETING.finditer(sentence):
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


# Date ------------------------------------------------------------------------------------------------------

_MEETING_WORDS = lx.phrase_pattern(
    (*lx.MEETING_NOUNS_VI, *lx.MEETING_NOUNS_EN, "tap huan", "dien ra", "to chuc", "tham du", "khai mac",
     "organized", "organised", "held", "attended", "attending", "took place", "opened")
)  # fmt: skip
_LEAD_IN = re.compile(
    r"^(?:\([^)]{1,12}\)\s*|[A-ZĐ][\w.]{1,9}\s*[-–—]\s*)?(?:sáng|chiều|tối|trưa|hôm nay|ngày|trong \d+ ngày|"
    r"on|in)?\s*(?:ngày)?\s*\(?$",
    re.I,
)


def _date(
    facts: MeetingFacts, sentences: list[str], mentions: list[_Mentions], read: _Text, english: bool
) -> None:
    chosen: DateMention | None = None
    for sentence, found in zip(sentences, mentions, strict=True):
        for date in found.dates:
            lead = sentence[: date.start]
            if _LEAD_IN.match(lead) or _MEETING_WORDS.search(folded(sentence)):
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


# Organiser -------------------------------------------------------------------------------------------------

_ORG_START = re.compile(
    r"(?:Ban|Bộ|Văn phòng|Thường trực|Liên đoàn|Tổng Liên đoàn|Chi cục|Phòng|UBND|Ủy ban|Uỷ ban|Sở|Cục|Vụ|"
    r"Công an|Hội|Trung tâm|Viện|Học viện|Tỉnh ủy|Tỉnh uỷ|"
    r"Thành ủy|Thành uỷ|Huyện ủy|Mặt trận|Đoàn|Hội đồng|Tòa án|Toà án|Viện kiểm sát|Trường|Đại học|Liên hiệp|"
    r"Tổng cục|Bộ Tư lệnh|Quân khu|Báo|Đài|HĐND|MTTQ|BCĐ|VPTT)(?!\w)"
)
_VI_ORGANISED_BY = re.compile(r"(?<!\w)do\s+(.+?)\s+(?:phối hợp\s+)?tổ chức(?!\w)", re.I)
_VI_MEETING_WORDS = r"hội nghị|hội thảo|tọa đàm|toạ đàm|lớp tập huấn|buổi tập huấn|buổi|lớp"
_VI_ORGANISES = re.compile(
    r"^(.*?)\s+(?:đã\s+|sẽ\s+)?(?:long trọng\s+)?tổ chức\s+(?:các\s+)?(?:" + _VI_MEETING_WORDS + r")(?!\w)",
    re.I,
)
_EN_ORGANISED_BY = re.compile(
    r"(?:organi[sz]ed|hosted|convened|held)\s+by\s+(.+?)(?=\s+on\s+\w+\s+\d|\s+in\s+|,|\.|;|$)"
)
_EN_ORGANISES = re.compile(r"^(.*?)\s+(?:held|organi[sz]ed|hosted|convened)\s+(?:a|an|the)\s", re.I)


def _organiser(facts: MeetingFacts, sentences: list[str], english: bool) -> str | None:
    for sentence in sentences:
        found = _english_organiser(sentence) if english else _vietnamese_organiser(sentence)
        if found:
            facts.evidence["organiser"] = sentence
            return found
    return None


def _vietnamese_organiser(sentence: str) -> str | None:
    match = _VI_ORGANISED_BY.search(sentence)
    if match and _VI_MEETING.search(sentence[: match.start()]):
        candidate = match.group(1)
        start = _ORG_START.search(candidate)
        if start and len(candidate) < 250:
            return candidate[start.start() :].strip(" ,")
    match = _VI_ORGANISES.search(sentence)
    if match:
        subject = _DATELINE_PREFIX.sub("", match.group(1))
        parts = subject.split(", ")
        for index, part in enumerate(parts):
            if _ORG_START.match(part.strip()):
                organiser = ", ".join(parts[index:]).strip(" ,")
                return re.sub(r"\s+(?:đã|sẽ)$", "", organiser) or None
    return None


def _english_organiser(sentence: str) -> str | None:
    match = _EN_ORGANISED_BY.search(sentence)
    if match and _MEETING_WORDS.search(folded(sentence[: match.start()])):
        return _strip_article(match.group(1))
    match = _EN_ORGANISES.search(sentence)
    if match:
        subject = _strip_article(_EN_LEAD_ADVERBIAL.sub("", _DATELINE_PREFIX.sub("", match.group(1))))
        if subject[:1].isupper() and re.search(
            r"(?i)committee|office|ministry|department|council|people|union|"
            r"institute|academy|agency|association|steering",
            subject,
        ):
            return _strip_article(subject)
    return None


_EN_LEAD_ADVERBIAL = re.compile(
    r"^(?:(?:(?:on|in|at|yesterday|today|last|this|earlier)\b[^,]*|\d{4}),\s*)+", re.I
)


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text.strip(" ,"), flags=re.I)


# Chair -----------------------------------------------------------------------------------------------------

_VI_CHAIR = re.compile(r"(?<!\w)(?:đồng\s+)?chủ trì(?!\w)", re.I)
_EN_CHAIR = re.compile(
    r"(?<!\w)(?:co-?)?(?:chaired|presided over|presided|chairing|chairmanship)(?!\w)", re.I
)
# The chair named after the verb: "dưới sự chủ trì của ông X", "chủ trì là X", "chaired by X".
_VI_NAME_AFTER = re.compile(
    r"\s*(?:(?:hội nghị|hội thảo|cuộc họp|buổi tập huấn|lớp tập huấn)\s+)?(?:của|là|bởi)(?!\w)", re.I
)
_VI_NAME_AFTER_HEAD = re.compile(r"(?<!\w)sự\s*$", re.I)
_EN_GOES_ON = r",\s*(?=(?:[a-z]+ed|said|says|told|stressed|opened|noted|and|which|who)\b)"
_EN_NAME_AFTER = re.compile(r"\s*(?:by|of)(?!\w)", re.I)


def _chair(
    facts: MeetingFacts,
    sentences: list[str],
    mentions: list[_Mentions],
    english: bool,
    persons: PersonDirectory | None,
) -> Chair | None:
    """The person the text says chaired: the first person of the clause before the verb ("Đại tá X - Phó Giám
    đốc ... chủ trì hội nghị", "X, member of ..., chaired the meeting"), or the one after it when the wording
    puts the name there; the position is what stands between the name and the verb (or after the name)."""
    cue = _EN_CHAIR if english else _VI_CHAIR
    for sentence, found in zip(sentences, mentions, strict=True):
        for match in cue.finditer(sentence):
            clause_start = sentence.rfind(";", 0, match.start()) + 1
            clause_end = sentence.find(";", match.end())
            clause_end = len(sentence) if clause_end < 0 else clause_end
            head, tail = sentence[clause_start : match.start()], sentence[match.end() : clause_end]
            if english:
                name_after = _EN_NAME_AFTER.match(tail) is not None
            else:
                name_after = bool(_VI_NAME_AFTER.match(tail) or _VI_NAME_AFTER_HEAD.search(head))
            before = [p for p in found.people if clause_start <= p.start and p.end <= match.start()]
            after = [p for p in found.people if match.end() <= p.start and p.end <= clause_end]
            if before and not name_after:
                person, position = before[0], _position(sentence[before[0].end : match.start()])
                position = position or _title_before(sentence[clause_start : person.start])
            elif after and name_after:
                person = after[0]
                rest = re.split(r"[.;]", sentence[person.end : clause_end])[0]
                # the position ends where the sentence goes on: "…, hội nghị đã …", "…, opened on Monday"
                rest = re.split(_EN_GOES_ON if english else r",\s*(?=[a-zđà-ỹ])", rest)[0]
                position = _position(rest)
            else:
                continue
            facts.evidence["chair"] = sentence
            return Chair(
                name=_spelling(person.name, english, persons),
                name_folded=fold(person.name, separators=True),
                position=position,
            )
    return None


_TITLE_LEAD = re.compile(r",|;|\s(?:do|của|có|là|by|of|with|and|và)\s", re.I)


def _title_before(text: str) -> str | None:
    """A title written before the name ("Thứ trưởng Bộ Công an Nguyễn Văn Thành", "Deputy Minister Nguyen Van
    Thanh"), without ranks and honorifics; None when only a rank or "đồng chí" stands there."""
    title = strip_honorifics(_TITLE_LEAD.split(text.rstrip())[-1].strip())
    title = re.sub(r"^(?:the|a|an)\s+", "", title, flags=re.I).strip(" -–:")
    return title if title[:1].isupper() and len(title.split()) <= 10 else None


def _position(text: str) -> str | None:
    text = re.sub(r"^[\s,:–—-]+|[\s,:–—-]+$", "", text)
    text = re.sub(r"\s+(?:đã|sẽ|cùng|và)$", "", text, flags=re.I)
    text = re.sub(r"(?i)\s+(?:the\s+)?(?:meeting|conference|hội nghị)$", "", text).strip(" ,")
    return text or None


def _spelling(name: str, english: bool, persons: PersonDirectory | None) -> str:
    """The Vietnamese spelling of a name an English text writes without diacritics, when one known person
    has that name; else the name as written."""
    if persons and name.isascii():
        known = persons.find(fold(name, separators=True))
        if known:
            return known.name
    return name


# Place -----------------------------------------------------------------------------------------------------

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


def _place(
    facts: MeetingFacts,
    sentences: list[str],
    mentions: list[_Mentions],
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
    on = _meeting_day(facts)
    match: PlaceMatch | None = places.resolve(mention.name, on=on)
    return Place(text=text, unit=match.unit if match else None, current_unit=match.current if match else None)


def _meeting_day(facts: MeetingFacts) -> datetime.date | None:
    if facts.year is None:
        return None
    try:
        return datetime.date(facts.year, facts.month or 1, facts.day or 1)
    except ValueError:
        return None


def _venue(
    sentences: list[str], mentions: list[_Mentions], english: bool
) -> tuple[str, PlaceMention, str] | None:
    """ "tại hội trường Công an TPHCM", "tại thành phố Buôn Ma Thuột, tỉnh Đắk Lắk", "in Tay Ninh city": the
    venue as written, with the province it names (the last one when it names a city and then its province)."""
    pattern, more = (_EN_VENUE, _EN_VENUE_MORE) if english else (_VI_VENUE, _VI_VENUE_MORE)
    for sentence, found in zip(sentences, mentions, strict=True):
        if not found.places or not _MEETING_WORDS.search(folded(sentence)):
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
    sentences: list[str], mentions: list[_Mentions], gazetteer: Gazetteer
) -> tuple[str, PlaceMention, str] | None:
    """A place that opens the article: "Đắk Nông: ..." (a title), "Kiên Giang - ...", "Kiên GiangTheo ..."
    (a dateline run into the lead as some pages are stored)."""
    for sentence in sentences[:2]:
        glued = gazetteer.at_start(_DATELINE_PREFIX.sub("", sentence))
        if glued:
            return glued.name, glued, sentence
    for sentence, found in list(zip(sentences, mentions, strict=True))[:2]:
        for place in found.places:
            lead = _DATELINE_PREFIX.sub("", sentence[: place.start]).strip()
            after = sentence[place.end :]
            if not lead and (_DATELINE_AFTER.match(after) or after[:1].isupper()):
                return place.name, place, sentence
    return None


def _host(sentences: list[str], mentions: list[_Mentions]) -> tuple[str, PlaceMention, str] | None:
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


# Participants ----------------------------------------------------------------------------------------------

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


def _participants(facts: MeetingFacts, sentences: list[str], english: bool) -> Participants:
    result = Participants()
    people_re, units_re, attend = (
        (_EN_PEOPLE, _EN_UNITS, _ATTEND_EN) if english else (_VI_PEOPLE, _VI_UNITS, _ATTEND_VI)
    )
    for sentence in sentences:
        low = folded(sentence)
        if not (attend.search(low) or _MEETING_WORDS.search(low)):
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


def _presenting(
    facts: MeetingFacts, sentences: list[str], mentions: list[_Mentions], places: PlaceResolver | None
) -> list[tuple[str, Unit | None]]:
    """Provinces named in a sentence about reports presented ("tham luận", "presented reports")."""
    if places is None:
        return []
    out: dict[str, tuple[str, Unit | None]] = {}
    on = _meeting_day(facts)
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


# Work areas and statements ---------------------------------------------------------------------------------

_AREAS = {key: lx.phrase_pattern(words) for key, words in lx.WORK_AREAS.items()}
_SHORTCOMING = lx.phrase_pattern(lx.SHORTCOMING_CUES)
_NOT_SHORTCOMING = lx.phrase_pattern(lx.NOT_SHORTCOMING)
_DIRECTIVE = lx.phrase_pattern(lx.DIRECTIVE_CUES)
_PROPOSAL = lx.phrase_pattern(lx.PROPOSAL_CUES)


def _work_areas(sentences: list[str]) -> list[str]:
    low = " ".join(folded(s) for s in sentences)
    return [key for key, pattern in _AREAS.items() if pattern.search(low)]


def _statements(sentences: list[str]) -> tuple[list[str], list[str], list[str]]:
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
