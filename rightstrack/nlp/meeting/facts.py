"""The facts of a meeting as ``extract_meeting`` returns them, and the JSON of ``rightstrack extract``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rightstrack.nlp import lexicon as lx
from rightstrack.nlp.ports import Unit

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
    from_address: list[str] = field(default_factory=list)  # facts read from the page's address, not its text

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
