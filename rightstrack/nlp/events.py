"""Articles that report the same meeting, across languages, spellings and outlets.

Two articles are the same meeting when nothing they state conflicts (place, date, year, kind, the number of
people; a kind read only from a page's address is too weak to veto) and enough of it agrees: the place, the
day, the people named, the chair, the numbers. Agreement is scored; conflicts veto. Groups are built by
merging the best-scored pairs first, and two groups merge only when no article of one conflicts with an
article of the other, so a look-alike meeting (same title, same official, another day or place) stays apart.
Names compare folded: "Lê Quốc Hùng" is "Le Quoc Hung".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rightstrack.core.text import fold
from rightstrack.nlp import lexicon as lx
from rightstrack.nlp.meeting import MeetingFacts

SAME_EVENT_SCORE = 2.0  # agreement needed without any conflict (measured on the development set)
DAY_TOLERANCE = 2  # a two-day meeting is dated by its first or second day
PEOPLE_TOLERANCE = 0.3  # "hơn 250" and "300" are two meetings; "280" and "280" one


@dataclass(frozen=True)
class Comparison:
    conflict: str | None  # why two articles cannot be one meeting
    score: float
    reasons: tuple[str, ...]

    @property
    def same(self) -> bool:
        return self.conflict is None and self.score >= SAME_EVENT_SCORE


def compare(a: MeetingFacts, b: MeetingFacts) -> Comparison:
    reasons: list[str] = []
    score = 0.0
    unit_a = a.place.unit.code if a.place and a.place.unit else None
    unit_b = b.place.unit.code if b.place and b.place.unit else None
    current_a = a.place.current_unit.code if a.place and a.place.current_unit else unit_a
    current_b = b.place.current_unit.code if b.place and b.place.current_unit else unit_b
    if unit_a and unit_b:
        if unit_a != unit_b and current_a != current_b:
            return Comparison(f"places differ ({unit_a}, {unit_b})", 0, ())
        if current_a == current_b:
            score += 1
            reasons.append("same place")
    if a.year and b.year and a.year != b.year:
        return Comparison(f"years differ ({a.year}, {b.year})", 0, ())
    if a.month and b.month:
        if a.day and b.day:
            if a.month != b.month or abs(a.day - b.day) > DAY_TOLERANCE:
                return Comparison("dates differ", 0, ())
            score += 2
            reasons.append("same day")
        elif a.month != b.month:
            return Comparison("months differ", 0, ())
        else:
            score += 0.5
    if a.year and a.year == b.year:
        score += 0.5
        reasons.append("same year")
    kinds = {f.kind for f in (a, b) if "kind" not in f.from_address} - {lx.OTHER}  # an address's is weak
    if lx.REVIEW in kinds and len(kinds) > 1:
        return Comparison("a review and a training are two meetings", 0, ())
    people_a, people_b = a.participants.count_people, b.participants.count_people
    if people_a and people_b:
        if abs(people_a - people_b) > PEOPLE_TOLERANCE * max(people_a, people_b):
            return Comparison("numbers of people differ", 0, ())
        if people_a == people_b:
            score += 1
            reasons.append("same number of people")
    units_a, units_b = a.participants.count_units, b.participants.count_units
    if units_a and units_b and units_a == units_b:
        score += 0.5
        reasons.append("same number of provinces")
    shared = set(a.people) & set(b.people)
    if shared:
        score += min(2, len(shared))
        reasons.append("people: " + ", ".join(sorted(shared)))
    if a.chair and b.chair:
        if a.chair.name_folded == b.chair.name_folded:
            score += 1
            reasons.append("same chair")
        else:
            score -= 1
    if a.title and b.title and _words(a.title) == _words(b.title):
        score += 0.5
        reasons.append("same title")
    return Comparison(None, score, tuple(reasons))


def _words(text: str) -> frozenset[str]:
    return frozenset(fold(text, separators=True).split()) - {"the", "a", "an"}


def group_meetings(facts: Sequence[MeetingFacts]) -> list[list[int]]:
    """Indexes of ``facts`` grouped by meeting, each group in input order, groups by their first article."""
    count = len(facts)
    comparisons = {(i, j): compare(facts[i], facts[j]) for i in range(count) for j in range(i + 1, count)}
    group_of = list(range(count))
    members: dict[int, list[int]] = {i: [i] for i in range(count)}
    for (i, j), comparison in sorted(comparisons.items(), key=lambda item: -item[1].score):
        if not comparison.same or group_of[i] == group_of[j]:
            continue
        left, right = members[group_of[i]], members[group_of[j]]
        if any(comparisons[min(x, y), max(x, y)].conflict for x in left for y in right):
            continue
        keep, gone = group_of[i], group_of[j]
        for index in members.pop(gone):
            group_of[index] = keep
            members[keep].append(index)
    return sorted((sorted(group) for group in members.values()), key=lambda group: group[0])


def event_facts(members: Sequence[MeetingFacts]) -> dict[str, object]:
    """One meeting's facts from the articles that report it: each fact from the first article that states it,
    Vietnamese articles first (their names carry diacritics); the date from the fullest; lists joined."""
    ordered = sorted(members, key=lambda f: f.language != "vi")
    contracts = [f.as_contract() for f in ordered]

    def first(*path: str) -> object:
        for contract in contracts:
            value: object = contract
            for key in path:
                value = value.get(key) if isinstance(value, dict) else None
            if value not in (None, [], ""):
                return value
        return None

    dated = max(ordered, key=lambda f: (f.day is not None, f.month is not None, f.year is not None))
    year = dated.year or next((f.year for f in ordered if f.year), None)
    kinds = [f.kind for f in ordered if f.kind != lx.OTHER and "kind" not in f.from_address] + [
        f.kind for f in ordered if f.kind != lx.OTHER and "kind" in f.from_address
    ]  # a kind the text states before one read from an address
    place_source = next((c for c in contracts if c["place"]["unit"]), None) or next(
        (c for c in contracts if c["place"]["text"]), None
    )
    chair_source = next((c for c in contracts if c["chair"]["name"]), None)
    presenting: dict[str, object] = {}
    for contract in contracts:
        for item in contract["presenting_units"]:
            unit = item["unit"]
            presenting.setdefault(unit["code"] if unit else fold(item["text"]), item)

    def joined(key: str) -> list[object]:
        return list(dict.fromkeys(value for contract in contracts for value in contract[key]))

    return {
        "language": ordered[0].language,  # of the article the names come from
        "languages": sorted({f.language for f in ordered}),
        "kind": kinds[0] if kinds else lx.OTHER,
        "title": first("title"),
        "date": {"year": year, "month": dated.month, "day": dated.day},
        "place": place_source["place"]
        if place_source
        else {"text": None, "unit": None, "current_unit": None},
        "chair": chair_source["chair"]
        if chair_source
        else {"name": None, "name_folded": None, "position": None},
        "organiser": first("organiser"),
        "participants": {
            "count_units": first("participants", "count_units"),
            "count_people": first("participants", "count_people"),
            "description": first("participants", "description"),
        },
        "presenting_units": list(presenting.values()),
        "work_areas": joined("work_areas"),
        "shortcomings": joined("shortcomings"),
        "directives": joined("directives"),
        "proposals": joined("proposals"),
    }
