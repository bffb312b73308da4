"""Who organised the meeting and who chaired it (name as written, folded, and position)."""

from __future__ import annotations

import re

from rightstrack.core.text import fold
from rightstrack.nlp.meeting.facts import Chair, MeetingFacts
from rightstrack.nlp.meeting.reading import DATELINE_PREFIX, Mentions
from rightstrack.nlp.meeting.title import VI_MEETING
from rightstrack.nlp.meeting.when import MEETING_WORDS
from rightstrack.nlp.mentions import (
    folded,
    strip_honorifics,
)
from rightstrack.nlp.ports import PersonDirectory

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


def find_organiser(facts: MeetingFacts, sentences: list[str], english: bool) -> str | None:
    for sentence in sentences:
        found = _english_organiser(sentence) if english else _vietnamese_organiser(sentence)
        if found:
            facts.evidence["organiser"] = sentence
            return found
    return None


def _vietnamese_organiser(sentence: str) -> str | None:
    match = _VI_ORGANISED_BY.search(sentence)
    if match and VI_MEETING.search(sentence[: match.start()]):
        candidate = match.group(1)
        start = _ORG_START.search(candidate)
        if start and len(candidate) < 250:
            return candidate[start.start() :].strip(" ,")
    match = _VI_ORGANISES.search(sentence)
    if match:
        subject = DATELINE_PREFIX.sub("", match.group(1))
        parts = subject.split(", ")
        for index, part in enumerate(parts):
            if _ORG_START.match(part.strip()):
                organiser = ", ".join(parts[index:]).strip(" ,")
                return re.sub(r"\s+(?:đã|sẽ)$", "", organiser) or None
    return None


def _english_organiser(sentence: str) -> str | None:
    match = _EN_ORGANISED_BY.search(sentence)
    if match and MEETING_WORDS.search(folded(sentence[: match.start()])):
        return _strip_article(match.group(1))
    match = _EN_ORGANISES.search(sentence)
    if match:
        subject = _strip_article(_EN_LEAD_ADVERBIAL.sub("", DATELINE_PREFIX.sub("", match.group(1))))
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


def find_chair(
    facts: MeetingFacts,
    sentences: list[str],
    mentions: list[Mentions],
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
