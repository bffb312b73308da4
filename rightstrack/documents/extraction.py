"""The meeting reader (``nlp.meeting``) wired to the database, and same-event matching against conferences.

``read_facts(text, language, published, address)`` runs the extraction with the places app's resolver and
the people the database knows, and returns the facts as stored on a document (the ``rightstrack extract``
contract, plus the folded names, the evidence sentences and the facts read from the address).
``matching_conferences`` compares a document's facts with the conferences on nearby days
(``nlp.events.compare``: conflicts veto, agreement is scored), using both the conference's own record and the
facts of the articles already linked to it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from rightstrack.conferences.choices import ConferenceKind
from rightstrack.conferences.models import Conference
from rightstrack.core.text import fold
from rightstrack.nlp import lexicon as lx
from rightstrack.nlp.events import DAY_TOLERANCE, Comparison, compare
from rightstrack.nlp.meeting import Chair, MeetingFacts, Participants, Place, extract_meeting
from rightstrack.nlp.persons import NameList
from rightstrack.nlp.ports import Unit
from rightstrack.places.provinces import ProvinceResolver

READ_LANGUAGES = ("vi", "en")
KIND_OF_CONFERENCE = {
    ConferenceKind.REGIONAL_REVIEW: lx.REVIEW,
    ConferenceKind.ANNUAL_REVIEW: lx.REVIEW,
    ConferenceKind.TRAINING: lx.TRAINING,
    ConferenceKind.THEMATIC_WORKSHOP: lx.WORKSHOP,
}
CONFERENCE_KIND_OF = {lx.REVIEW: ConferenceKind.REGIONAL_REVIEW, lx.TRAINING: ConferenceKind.TRAINING,
                      lx.WORKSHOP: ConferenceKind.THEMATIC_WORKSHOP}  # fmt: skip
MAX_CANDIDATES = 50


PlaceResolver = ProvinceResolver  # the places app's resolver (``places/provinces.py``), as the CLI uses it


def known_people() -> NameList:
    from rightstrack.bodies.models import Person

    return NameList(Person.objects.values_list("full_name", flat=True))


def read_facts(
    text: str,
    *,
    language: str,
    published: datetime.date | None,
    places: PlaceResolver | None = None,
    people: NameList | None = None,
    address: str = "",
) -> dict[str, Any] | None:
    """The meeting facts of an article in Vietnamese or English (None for another language). ``address`` is
    the page's web address: its words give the kind when the text states none (``from_address`` says so)."""
    if language not in READ_LANGUAGES:
        return None
    facts = extract_meeting(
        text,
        published=published,
        places=places if places is not None else PlaceResolver(),
        persons=people if people is not None else known_people(),
        language=language,
        address=address or None,
    )
    stored = facts.as_contract()
    stored.pop("source", None)
    stored["people"] = list(facts.people)
    stored["evidence"] = dict(facts.evidence)
    stored["from_address"] = list(facts.from_address)
    return stored


def _unit(value: Any) -> Unit | None:
    return (
        Unit(code=value["code"], name=value["name"])
        if isinstance(value, dict) and value.get("code")
        else None
    )


def facts_from_json(stored: dict[str, Any], *, source: str = "") -> MeetingFacts:
    """A document's stored facts as the ``MeetingFacts`` the same-event comparison reads."""
    date = stored.get("date") or {}
    place = stored.get("place") or {}
    chair = stored.get("chair") or {}
    participants = stored.get("participants") or {}
    return MeetingFacts(
        source=source,
        language=stored.get("language") or "",
        kind=stored.get("kind") or lx.OTHER,
        title=stored.get("title"),
        year=date.get("year"),
        month=date.get("month"),
        day=date.get("day"),
        place=Place(
            text=place.get("text") or "",
            unit=_unit(place.get("unit")),
            current_unit=_unit(place.get("current_unit")),
        )
        if place.get("text")
        else None,  # fmt: skip
        chair=Chair(
            name=chair["name"],
            name_folded=chair.get("name_folded") or fold(chair["name"]),
            position=chair.get("position"),
        )
        if chair.get("name")
        else None,  # fmt: skip
        participants=Participants(
            count_units=participants.get("count_units"),
            count_people=participants.get("count_people"),
            description=participants.get("description"),
        ),
        people=list(stored.get("people") or []),
        from_address=list(stored.get("from_address") or []),
    )


def facts_of_conference(conference: Conference) -> MeetingFacts:
    """What a conference's record states, as facts an article can be compared with."""
    place = None
    if conference.place is not None:
        successors = conference.place.current_successors() if not conference.place.is_current() else []
        current = successors[0] if len(successors) == 1 else conference.place
        place = Place(
            text=conference.place.name,
            unit=Unit(code=conference.place.code, name=conference.place.name),
            current_unit=Unit(code=current.code, name=current.name),
        )
    chair = None
    people: list[str] = []
    if conference.chair is not None and conference.chair.person is not None:
        name = conference.chair.person.full_name
        chair = Chair(name=name, name_folded=fold(name, separators=True), position=None)
        people.append(chair.name_folded)
    return MeetingFacts(
        source=f"conference:{conference.pk}",
        language="vi",
        kind=KIND_OF_CONFERENCE.get(ConferenceKind(conference.kind), lx.OTHER)
        if conference.kind in ConferenceKind.values
        else lx.OTHER,
        title=conference.title,
        year=conference.date.year,
        month=conference.date.month,
        day=conference.date.day,
        place=place,
        chair=chair,
        participants=Participants(count_people=conference.attendee_count),
        people=people,
    )


@dataclass(frozen=True)
class Match:
    conference: Conference
    comparison: Comparison


def candidate_conferences(queryset: QuerySet[Conference], stored: dict[str, Any]) -> QuerySet[Conference]:
    """Conferences on the days the article's date allows (a day known: ±DAY_TOLERANCE; a month: that
    month); for an article that gives no year and month, the latest conferences that have coverage (an
    article on the same meeting may say what this one does not)."""
    date = stored.get("date") or {}
    year, month, day = date.get("year"), date.get("month"), date.get("day")
    if not (year and month):
        queryset = queryset.filter(coverage__facts__isnull=False).distinct().order_by("-date", "-pk")
        if month:
            queryset = queryset.filter(date__month=month)
    elif day:
        try:
            on = datetime.date(year, month, day)
        except ValueError:
            return queryset.none()
        tolerance = datetime.timedelta(days=DAY_TOLERANCE)
        queryset = queryset.filter(date__gte=on - tolerance, date__lte=on + tolerance)
    else:
        queryset = queryset.filter(date__year=year, date__month=month)
    from rightstrack.documents.models import Document

    covered = Document.objects.filter(facts__isnull=False).only("pk", "facts", "conference_id", "language")
    return queryset.select_related("place", "chair__person").prefetch_related(
        "place__successors", Prefetch("coverage", queryset=covered, to_attr="covered")
    )[:MAX_CANDIDATES]


def matching_conferences(queryset: QuerySet[Conference], stored: dict[str, Any] | None) -> list[Match]:
    """The conferences (among ``queryset``, already scoped) that the article reports, best first: same
    event by the record or by an article already linked to it, and no conflict with the record."""
    if not stored:
        return []
    facts = facts_from_json(stored)
    matches: list[Match] = []
    for conference in candidate_conferences(queryset, stored):
        best = compare(facts, facts_of_conference(conference))
        if best.conflict:
            continue
        for other in getattr(conference, "covered", []):
            comparison = compare(facts, facts_from_json(other.facts, source=str(other.pk)))
            if comparison.conflict is None and comparison.score > best.score:
                best = comparison
        if best.same:
            matches.append(Match(conference=conference, comparison=best))
    return sorted(matches, key=lambda m: -m.comparison.score)
