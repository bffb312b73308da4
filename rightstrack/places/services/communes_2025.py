"""Loading the communes of the 34 provinces from 1 July 2025 from the shipped data file.

The file (data/vn_communes_2025.json, built by scripts/build_places_data.py from vietnamadminunits, MIT) is
read at run time; nothing is downloaded. The load is for administrators (or the system), all or nothing,
idempotent (a commune is found by its level, code and start date; an unchanged one is neither written nor
audited) and fast: bulk INSERTs, a fixed number of queries a province plus one per batch of rows.
"""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext

from rightstrack.core.audit import audit_records_bulk, snapshot
from rightstrack.core.scope import ensure_can
from rightstrack.core.types import Actor
from rightstrack.places.choices import UnitLevel
from rightstrack.places.models import AdministrativeUnit
from rightstrack.places.normalize import fold, match_key

COMMUNES_2025_FILE = Path(__file__).resolve().parent.parent / "data" / "vn_communes_2025.json"
_FIELDS = ("name", "kind", "parent_id", "valid_to", "source")

Progress = Callable[[int, int, str, int], None]  # provinces done, provinces in all, province code, communes


@functools.lru_cache(maxsize=4)
def _read(path: Path, mtime: float) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def communes_2025_data(data_file: Path = COMMUNES_2025_FILE) -> dict[str, Any]:
    """The shipped file, read once per process (and again if it changes): ``about`` and ``communes``."""
    return _read(data_file, data_file.stat().st_mtime)


@dataclass
class CommuneLoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    provinces: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def _wanted(data: dict[str, Any], provinces: Iterable[str] | None) -> list[str]:
    known = list(data["about"]["count_by_province"])
    if provinces is None:
        return known
    wanted: list[str] = []
    unknown: list[str] = []
    for raw in provinces:
        code = str(raw).strip()
        code = code.zfill(2) if code.isascii() and code.isdigit() else code
        (wanted if code in known else unknown).append(code)
    if unknown:
        raise ValidationError(
            gettext("Unknown province code(s): %(codes)s. The communes of 1 July 2025 exist for: %(known)s.")
            % {"codes": ", ".join(unknown), "known": ", ".join(known)}
        )
    return list(dict.fromkeys(wanted))


@transaction.atomic
def communes_load_2025(
    *,
    actor: Actor | None,
    provinces: Iterable[str] | None = None,
    data_file: Path = COMMUNES_2025_FILE,
    progress: Progress | None = None,
) -> CommuneLoadResult:
    """Create or update the communes (valid from 1 July 2025) of ``provinces`` (GSO codes; None: all 34).

    The provinces must be loaded (``places_load_vietnam``). A code that another commune already uses in an
    overlapping period (one imported from a user's file) is refused with the codes named, nothing changed.
    """
    if actor is not None:
        ensure_can(actor, "places.add_administrativeunit")
    data = communes_2025_data(data_file)
    about = data["about"]
    day = datetime.date.fromisoformat(about["valid_from"])
    source = f"{about['source']}, {about['built']}"
    codes = _wanted(data, provinces)
    units = {
        u.code: u
        for u in AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE, valid_from=day, code__in=codes)
    }
    missing = [c for c in codes if c not in units]
    if missing:
        raise ValidationError(
            gettext(
                "The province(s) %(codes)s of 1 July 2025 are not loaded yet: run “rightstrack load_places” "
                "first."
            )
            % {"codes": ", ".join(missing)}
        )
    rows_by_province: dict[str, list[dict[str, str]]] = {c: [] for c in codes}
    for row in data["communes"]:
        if row["province"] in rows_by_province:
            rows_by_province[row["province"]].append(row)
    wanted_codes = {row["code"] for rows in rows_by_province.values() for row in rows}
    clashing = sorted(
        set(
            AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE)
            .exclude(valid_from=day)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
            .values_list("code", flat=True)
        )
        & wanted_codes
    )
    if clashing:
        raise ValidationError(
            gettext(
                "Commune code(s) %(codes)s are already used by other communes valid on %(day)s "
                "(imported from a file?); end or remove those first. Nothing was loaded."
            )
            % {
                "codes": ", ".join(clashing[:20]) + (" …" if len(clashing) > 20 else ""),
                "day": day.isoformat(),
            }
        )

    result = CommuneLoadResult(provinces=codes)
    for done, code in enumerate(codes, start=1):
        province = units[code]
        existing = {
            u.code: u
            for u in AdministrativeUnit.objects.filter(
                level=UnitLevel.COMMUNE, valid_from=day, parent=province
            )
        }
        # A commune of this code whose province changed in a new file is found by its code alone.
        others = {
            u.code: u
            for u in AdministrativeUnit.objects.filter(
                level=UnitLevel.COMMUNE,
                valid_from=day,
                code__in=[r["code"] for r in rows_by_province[code] if r["code"] not in existing],
            )
        }
        existing.update(others)
        new: list[AdministrativeUnit] = []
        changed: list[AdministrativeUnit] = []
        befores: list[dict[str, Any] | None] = []
        for row in rows_by_province[code]:
            values = {
                "name": row["name"],
                "kind": row["kind"],
                "parent_id": province.pk,
                "valid_to": None,
                "source": source,
            }
            unit = existing.get(row["code"])
            if unit is None:
                new.append(
                    AdministrativeUnit(
                        code=row["code"],
                        level=UnitLevel.COMMUNE,
                        valid_from=day,
                        name_ascii=fold(row["name"]),
                        match_key=match_key(row["name"]),
                        **values,
                    )
                )
            elif any(getattr(unit, name) != values[name] for name in _FIELDS):
                befores.append(snapshot(unit))
                for name, value in values.items():
                    setattr(unit, name, value)
                unit.name_ascii, unit.match_key = fold(unit.name), match_key(unit.name)
                changed.append(unit)
            else:
                result.unchanged += 1
        if new:
            created = AdministrativeUnit.objects.bulk_create(new, batch_size=500)
            if any(u.pk is None for u in created):  # a database that does not return ids
                ids = dict(
                    AdministrativeUnit.objects.filter(
                        level=UnitLevel.COMMUNE, valid_from=day, code__in=[u.code for u in created]
                    ).values_list("code", "pk")
                )
                for unit in created:
                    unit.pk = ids[unit.code]
            audit_records_bulk(created, action="create", actor=actor)
            result.created += len(created)
        if changed:
            AdministrativeUnit.objects.bulk_update(
                changed,
                ["name", "name_ascii", "match_key", "kind", "parent", "valid_to", "source"],
                batch_size=500,
            )
            audit_records_bulk(changed, action="update", actor=actor, befores=befores)
            result.updated += len(changed)
        if progress is not None:
            progress(done, len(codes), code, len(rows_by_province[code]))
    return result
