"""Free-text place names to units: one function, used by the UI, the API, the CLI and importers.

"Ba Ria - Vung Tau", "Bà Rịa–Vũng Tàu", "tỉnh Bà Rịa - Vũng Tàu", "BRVT" (an alias on record) all find the
same unit; a unit that no longer exists also answers with its successor on the reference date. An unknown
or ambiguous name returns candidates, never a guess.
"""

from __future__ import annotations

import datetime
import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from rightstrack.places.models import AdministrativeUnit
from rightstrack.places.normalize import fold, split_kind_words

RESOLVED, AMBIGUOUS, UNKNOWN = "resolved", "ambiguous", "unknown"
MAX_CANDIDATES = 10
NEAR_CUTOFF = 0.75  # difflib ratio above which a spelling counts as "near" for an unknown name


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
            "query": self.query,
            "status": self.status,
            "unit": self.unit,
            "current": self.current,
            "candidates": self.candidates,
        }


def resolve_place(query: str, *, level: str | None = None, on: datetime.date | None = None) -> Resolution:
    """Resolve ``query`` to one unit (and the unit(s) that hold its territory on ``on``, default today).

    Kind words in the query ("tỉnh", "xã", "province"...) narrow the match to the levels they name when that
    leaves a match. Several matches that all lead to the same unit(s) on ``on`` (an old and a new Hồ Chí Minh)
    resolve to the one valid then; matches that lead to different units are ambiguous.
    """
    on = on or timezone.localdate()
    name, hinted_levels = split_kind_words(fold(query or ""))
    key = name.replace(" ", "")
    if not key:
        return Resolution(query=query, status=UNKNOWN)
    units = AdministrativeUnit.objects.all()
    if level:
        units = units.filter(level=level)
    matches = list(units.filter(Q(match_key=key) | Q(aliases__alias_key=key)).distinct())
    if hinted_levels and not level:
        matches = [m for m in matches if m.level in hinted_levels] or matches
    if not matches:
        return Resolution(query=query, status=UNKNOWN, candidates=_near(units, key))
    # A unit that did not exist yet on ``on`` is not what the name meant then, if anything else matches.
    matches = [m for m in matches if not (m.valid_from and m.valid_from > on)] or matches

    currents = {m.pk: m.current_successors(on) for m in matches}
    # A unit that ended without a recorded successor is its own destination, never silently another's.
    targets = {
        tuple(sorted(u.pk for u in found)) if found else ("ended", pk) for pk, found in currents.items()
    }
    valid = [m for m in matches if m.is_current(on)]
    if len(targets) > 1 or len(valid) > 1:
        return Resolution(query=query, status=AMBIGUOUS, candidates=sorted(matches, key=_order))
    unit = valid[0] if valid else max(matches, key=lambda m: (m.valid_to or datetime.date.max, m.pk))
    return Resolution(
        query=query,
        status=RESOLVED,
        unit=unit,
        current=currents[unit.pk],
        candidates=sorted(matches, key=_order),
    )


def _near(units: QuerySet[AdministrativeUnit], key: str) -> list[AdministrativeUnit]:
    """Units whose name or alias contains the key, then those spelled closest to it."""
    found = list(
        units.filter(Q(match_key__contains=key) | Q(aliases__alias_key__contains=key))
        .distinct()
        .order_by("match_key")[:MAX_CANDIDATES]
    )
    if len(found) < MAX_CANDIDATES and len(key) >= 3:
        names: defaultdict[str, list[int]] = defaultdict(list)
        for name_key, pk in [
            *units.values_list("match_key", "pk"),
            *units.values_list("aliases__alias_key", "pk"),
        ]:
            if name_key:
                names[name_key].append(pk)
        close = difflib.get_close_matches(key, list(names), n=MAX_CANDIDATES, cutoff=NEAR_CUTOFF)
        seen = {u.pk for u in found}
        extra_pks = list(dict.fromkeys(pk for k in close for pk in names[k] if pk not in seen))
        by_pk = AdministrativeUnit.objects.in_bulk(extra_pks)
        found += [by_pk[pk] for pk in extra_pks if pk in by_pk]
    return found[:MAX_CANDIDATES]


def _order(unit: AdministrativeUnit) -> tuple:
    return (unit.level, unit.match_key, unit.valid_from or datetime.date.min)
