"""Free-text place names to units: one function, used by the UI, the API, the CLI and importers.

"Ba Ria - Vung Tau", "Bà Rịa–Vũng Tàu", "tỉnh Bà Rịa - Vũng Tàu", "BRVT" (an alias on record) all find the
same unit; a unit that no longer exists also answers with its successor on the reference date. An unknown
or ambiguous name returns candidates, never a guess.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from rightstrack.places.models import AdministrativeUnit
from rightstrack.places.normalize import match_key

RESOLVED, AMBIGUOUS, UNKNOWN = "resolved", "ambiguous", "unknown"
MAX_CANDIDATES = 10


@dataclass
class Resolution:
    query: str
    status: str
    unit: AdministrativeUnit | None = None
    current: list[AdministrativeUnit] = field(default_factory=list)
    candidates: list[AdministrativeUnit] = field(default_factory=list)

    @property
    def is_resolved(self) -> bool:
        return self.status == RESOLVED

    def as_dict(self) -> dict[str, Any]:
        return {
            "query": self.query, "status": self.status, "unit": self.unit,
            "current": self.current, "candidates": self.candidates,
        }


def resolve_place(query: str, *, level: str | None = None, on: datetime.date | None = None) -> Resolution:
    """Resolve ``query`` to one unit (and the unit(s) that hold its territory on ``on``, default today)."""
    on = on or datetime.date.today()
    key = match_key(query or "")
    if not key:
        return Resolution(query=query, status=UNKNOWN)
    units = AdministrativeUnit.objects.prefetch_related("successors")
    if level:
        units = units.filter(level=level)
    matches = list(units.filter(Q(match_key=key) | Q(aliases__alias_key=key)).distinct())
    if not matches:
        near = units.filter(Q(match_key__contains=key) | Q(aliases__alias_key__contains=key)).distinct()
        return Resolution(query=query, status=UNKNOWN, candidates=list(near.order_by("match_key")[:MAX_CANDIDATES]))

    currents = {m.pk: m.current_successors(on) for m in matches}
    targets = {tuple(sorted(u.pk for u in found)) for found in currents.values() if found}
    if len(targets) > 1:
        return Resolution(query=query, status=AMBIGUOUS, candidates=sorted(matches, key=_order))
    # Every match leads to the same unit(s) today: prefer the match valid on the date, else the latest one.
    valid = [m for m in matches if m.is_current(on)]
    unit = valid[0] if len(valid) == 1 else max(matches, key=lambda m: (m.valid_to or datetime.date.max))
    if len(valid) > 1:
        return Resolution(query=query, status=AMBIGUOUS, candidates=sorted(matches, key=_order))
    return Resolution(query=query, status=RESOLVED, unit=unit, current=currents[unit.pk], candidates=matches)


def _order(unit: AdministrativeUnit) -> tuple:
    return (unit.level, unit.match_key, unit.valid_from or datetime.date.min)
