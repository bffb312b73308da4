"""Province names in an article to units: the places app's answer to ``nlp.ports.PlaceResolver``.

Two adapters of one port, used by the documents app (ingestion) and by ``rightstrack extract`` alike:

* ``ProvinceResolver``: the units in the database, through ``places.resolve.resolve_place`` (aliases,
  historic names, today's successor);
* ``DataFileProvinceResolver``: the same provinces, before and after 1 July 2025, from the data file the
  places app loads (``data/vn_provinces.json``), for a database that has not loaded them (``rightstrack
  load_places``) or is not set up: same names, same codes, same successors.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.utils import timezone

from rightstrack.core.text import fold
from rightstrack.nlp.ports import PlaceMatch, Unit
from rightstrack.places.normalize import split_kind_words

PLACES_DATA = Path(__file__).resolve().parent / "data" / "vn_provinces.json"
REFORM_DAY = datetime.date(2025, 7, 1)


class ProvinceResolver:
    """Province-level units, past and present, as the places app resolves them (``places/resolve.py``)."""

    def __init__(self) -> None:
        from rightstrack.places.choices import UnitLevel
        from rightstrack.places.models import AdministrativeUnit, UnitAlias

        self._level = UnitLevel.PROVINCE
        names: list[str] = []
        for name, name_en in AdministrativeUnit.objects.filter(level=self._level).values_list(
            "name", "name_en"
        ):
            names += [name, name_en]
        names += UnitAlias.objects.filter(unit__level=self._level).values_list("alias", flat=True)
        self._names = [name for name in names if name]

    def names(self) -> Iterable[str]:
        return self._names

    def resolve(self, name: str, *, on: datetime.date | None = None) -> PlaceMatch | None:
        from rightstrack.places.resolve import RESOLVED, resolve_place

        today = timezone.localdate()
        result = resolve_place(name, level=self._level, on=on or today)
        if result.status != RESOLVED or result.unit is None:
            return None
        current = result.unit.current_successors(today)
        return PlaceMatch(
            unit=Unit(code=result.unit.code, name=result.unit.name),
            current=Unit(code=current[0].code, name=current[0].name) if len(current) == 1 else None,
        )


class DataFileProvinceResolver:
    """The provinces before and after 1 July 2025 from the places app's data file (no database needed)."""

    def __init__(self, path: Path = PLACES_DATA) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        self._new = {p["code"]: p for p in data["provinces_2025"]}
        self._by_key: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        for period, rows in (("legacy", data["provinces_legacy"]), ("2025", data["provinces_2025"])):
            for row in rows:
                for spelling in (row["name"], row.get("name_en", ""), *row.get("aliases", [])):
                    if spelling:
                        self._by_key.setdefault(place_key(spelling), []).append((period, row))
        self._names = [s for rows in (data["provinces_legacy"], data["provinces_2025"]) for r in rows
                       for s in (r["name"], r.get("name_en", ""), *r.get("aliases", [])) if s]  # fmt: skip

    def names(self) -> Iterable[str]:
        return self._names

    def resolve(self, name: str, *, on: datetime.date | None = None) -> PlaceMatch | None:
        found = {
            (period, row["code"]): (period, row) for period, row in self._by_key.get(place_key(name), [])
        }
        if not found:
            return None
        day = on or datetime.datetime.now(datetime.UTC).date()
        wanted = "legacy" if day < REFORM_DAY else "2025"
        matches = [m for m in found.values() if m[0] == wanted] or list(found.values())
        if len({m[1]["code"] for m in matches}) != 1:
            return None
        period, row = matches[0]
        current = self._new.get(row["successor"]) if period == "legacy" else row
        return PlaceMatch(
            unit=Unit(code=row["code"], name=row["name"]),
            current=Unit(code=current["code"], name=current["name"]) if current else None,
        )


def place_key(name: str) -> str:
    """A province's name without its kind words, folded and without spaces: how the data file is keyed."""
    key, _levels = split_kind_words(fold(name, separators=True))
    return key.replace(" ", "")
