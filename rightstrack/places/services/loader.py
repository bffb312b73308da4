"""Loading Viet Nam's provinces, successions, aliases and regions from the bundled data file."""

from __future__ import annotations

import datetime
import json
from collections import Counter
from pathlib import Path
from typing import Any

from django.db import models, transaction

from rightstrack.core.audit import audited_create, audited_update
from rightstrack.core.scope import ensure_can
from rightstrack.core.types import Actor
from rightstrack.places.choices import RegionKind, UnitLevel
from rightstrack.places.models import AdministrativeUnit, Region, RegionMembership, UnitAlias, UnitSuccession
from rightstrack.places.normalize import fold

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "vn_provinces.json"
COUNTRY_CODE = "VN"


class _Tally:
    """Counts of rows created, updated and left unchanged by an idempotent load.

    Existing rows of each model are read once and indexed by the natural key the load looks them up by.
    """

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter(created=0, updated=0, unchanged=0)
        self._index: dict[type[models.Model], dict[tuple, Any]] = {}

    @staticmethod
    def _value(obj: models.Model, name: str) -> Any:
        field = obj._meta.get_field(name)
        return getattr(obj, getattr(field, "attname", name))

    @staticmethod
    def _plain(value: Any) -> Any:
        return value.pk if isinstance(value, models.Model) else value

    def upsert(
        self,
        model: type[models.Model],
        *,
        lookup: dict[str, Any],
        fields: dict[str, Any],
        actor: Actor | None,
    ) -> Any:
        names = sorted(lookup)
        if model not in self._index:
            self._index[model] = {
                tuple(self._value(o, n) for n in names): o for o in model._default_manager.all()
            }
        key = tuple(self._plain(lookup[n]) for n in names)
        obj = self._index[model].get(key)
        if obj is None:
            self.counts["created"] += 1
            obj = audited_create(model, actor=actor, **lookup, **fields)
            self._index[model][key] = obj
            return obj
        changed = any(self._value(obj, name) != self._plain(value) for name, value in fields.items())
        self.counts["updated" if changed else "unchanged"] += 1
        return audited_update(obj, actor=actor, fields=fields) if changed else obj


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@transaction.atomic
def places_load_vietnam(*, actor: Actor | None = None, data_file: Path = DATA_FILE) -> dict[str, int]:
    """Load Viet Nam, its provinces before and after 1 July 2025, their successions, aliases and regions.

    Idempotent: rows are found by their natural keys, and a second run changes nothing and writes no audit
    record. Returns how many rows were created, updated and found unchanged.
    """
    if actor is not None:
        ensure_can(actor, "places.add_administrativeunit")
    data = json.loads(data_file.read_text(encoding="utf-8"))
    about = data["about"]
    source = f"{about['source']}, {about['built']}"
    reform_day = datetime.date.fromisoformat(about["reform_effective_on"])
    tally = _Tally()

    c = data["country"]
    country = tally.upsert(
        AdministrativeUnit,
        lookup={"level": UnitLevel.COUNTRY, "code": c["code"], "valid_from": None},
        fields={
            "name": c["name"],
            "name_en": c["name_en"],
            "kind": c["kind"],
            "parent": None,
            "valid_to": None,
            "source": source,
        },
        actor=actor,
    )
    units: dict[tuple[str, str], AdministrativeUnit] = {}
    aliases: list[tuple[AdministrativeUnit, str]] = [(country, a) for a in c["aliases"]]
    for era, rows in (("legacy", data["provinces_legacy"]), ("2025", data["provinces_2025"])):
        for row in rows:
            valid_from = _date(row.get("valid_from"))
            unit = tally.upsert(
                AdministrativeUnit,
                lookup={"level": UnitLevel.PROVINCE, "code": row["code"], "valid_from": valid_from},
                fields={
                    "name": row["name"],
                    "name_en": row["name_en"],
                    "kind": row["kind"],
                    "parent": country,
                    "valid_to": _date(row.get("valid_to")),
                    "source": source,
                },
                actor=actor,
            )
            units[(era, row["code"])] = unit
            aliases.extend((unit, alias) for alias in row["aliases"])

    for row in data["provinces_legacy"]:
        tally.upsert(
            UnitSuccession,
            lookup={
                "predecessor": units[("legacy", row["code"])],
                "successor": units[("2025", row["successor"])],
            },
            fields={"effective_on": reform_day, "legal_basis": about["legal_basis"]},
            actor=actor,
        )
    for unit, alias in aliases:
        tally.upsert(
            UnitAlias,
            lookup={"unit": unit, "alias_folded": fold(alias)},
            fields={"alias": alias},
            actor=actor,
        )

    regions: dict[str, Region] = {}
    for row in data["regions"]:  # parents (macro-regions) come first in the file
        regions[row["code"]] = tally.upsert(
            Region,
            lookup={"code": row["code"]},
            fields={
                "name": row["name"],
                "name_en": row["name_en"],
                "kind": RegionKind(row["kind"]),
                "parent": regions[row["parent"]] if row["parent"] else None,
            },
            actor=actor,
        )
        last_day = reform_day - datetime.timedelta(days=1)
        regions_source = about.get("regions_source", "")
        sources_2025: dict[str, str] = row.get("sources_2025", {})
        members: list[tuple[AdministrativeUnit, datetime.date | None, datetime.date | None, str]]
        members = [
            (units[("legacy", code)], None, last_day, regions_source) for code in row["legacy_members"]
        ]
        members += [
            (units[("2025", code)], reform_day, None, sources_2025.get(code, regions_source))
            for code in row["members_2025"]
        ]
        for unit, valid_from, valid_to, member_source in members:
            tally.upsert(
                RegionMembership,
                lookup={"region": regions[row["code"]], "unit": unit, "valid_from": valid_from},
                fields={"valid_to": valid_to, "source": member_source},
                actor=actor,
            )
    return dict(tally.counts)
