"""Every write to units, successions, aliases and regions: permission-checked, atomic, audited."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext

from rightstrack.core.audit import audited_create, audited_update
from rightstrack.core.scope import ensure_can
from rightstrack.core.types import Actor
from rightstrack.core.views.errors import error_text
from rightstrack.places.choices import RegionKind, UnitLevel
from rightstrack.places.models import AdministrativeUnit, Region, RegionMembership, UnitAlias, UnitSuccession
from rightstrack.places.normalize import fold
from rightstrack.places.resolve import AMBIGUOUS, UNKNOWN, resolve_place

DATA_FILE = Path(__file__).resolve().parent / "data" / "vn_provinces.json"
COUNTRY_CODE = "VN"

UNIT_EDITABLE_FIELDS = (
    "code",
    "name",
    "name_en",
    "kind",
    "level",
    "parent",
    "valid_from",
    "valid_to",
    "source",
)


@transaction.atomic
def unit_create(
    *,
    actor: Actor | None = None,
    code: str,
    name: str,
    level: str,
    kind: str = "",
    name_en: str = "",
    parent: AdministrativeUnit | None = None,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    source: str = "",
) -> AdministrativeUnit:
    """Create a unit; a code already used by a unit of the same level in an overlapping period is refused."""
    if actor is not None:
        ensure_can(actor, "places.add_administrativeunit")
    return audited_create(
        AdministrativeUnit,
        actor=actor,
        code=code.strip(),
        name=name.strip(),
        level=level,
        kind=kind.strip(),
        name_en=name_en.strip(),
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
        source=source,
    )


@transaction.atomic
def unit_update(*, actor: Actor | None = None, unit: AdministrativeUnit, **fields: Any) -> AdministrativeUnit:
    """Change a unit's editable fields; an unchanged unit is neither saved nor audited."""
    if actor is not None:
        ensure_can(actor, "places.change_administrativeunit", unit)
    unknown = set(fields) - set(UNIT_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unit_update cannot set {sorted(unknown)}")
    return audited_update(unit, actor=actor, fields=fields)


@transaction.atomic
def unit_succession_add(
    *,
    actor: Actor | None = None,
    predecessor: AdministrativeUnit,
    successor: AdministrativeUnit,
    effective_on: datetime.date,
    legal_basis: str = "",
) -> UnitSuccession:
    """Record that ``successor`` took over (part of) ``predecessor``'s territory on ``effective_on``."""
    if actor is not None:
        ensure_can(actor, "places.change_administrativeunit", predecessor)
    return audited_create(
        UnitSuccession,
        actor=actor,
        predecessor=predecessor,
        successor=successor,
        effective_on=effective_on,
        legal_basis=legal_basis,
    )


@transaction.atomic
def unit_alias_add(*, actor: Actor | None = None, unit: AdministrativeUnit, alias: str) -> UnitAlias:
    """Give ``unit`` another name it is known by (an abbreviation, an old spelling); kept if already there."""
    if actor is not None:
        ensure_can(actor, "places.change_administrativeunit", unit)
    existing = UnitAlias.objects.filter(unit=unit, alias_folded=fold(alias)).first()
    if existing is not None:
        return existing
    return audited_create(UnitAlias, actor=actor, unit=unit, alias=alias.strip(), alias_folded=fold(alias))


# Loading Viet Nam's provinces --------------------------------------------------------------------------


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


# Importing communes from a user's CSV --------------------------------------------------------------------

COMMUNE_COLUMNS_REQUIRED = ("code", "name", "province")
COMMUNE_COLUMNS_OPTIONAL = ("kind", "name_en", "valid_from", "valid_to", "successor_codes", "legal_basis")
COMMUNE_KINDS = ("thị trấn", "phường", "xã", "đặc khu")  # the kind word a commune's full name may start with


@dataclass(frozen=True)
class RowError:
    """One problem in an import file, at a line a person can find in a spreadsheet or editor."""

    line: int
    message: str
    code: str = ""

    def __str__(self) -> str:
        if self.code:
            return gettext("Line %(line)d (code %(code)s): %(message)s") % {
                "line": self.line,
                "code": self.code,
                "message": self.message,
            }
        return gettext("Line %(line)d: %(message)s") % {"line": self.line, "message": self.message}


class CommuneImportError(Exception):
    """The file was refused; nothing was imported. ``errors`` lists every problem found."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


@dataclass
class CommuneImportResult:
    created: int = 0
    successions: int = 0
    dry_run: bool = False
    ignored_columns: list[str] = field(default_factory=list)


class _RowProblem(Exception):
    pass


def _parse_day(value: str, column: str) -> datetime.date | None:
    value = value.strip()
    if not value:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, pattern).date()  # noqa: DTZ007 (a date, no time zone)
        except ValueError:
            continue
    raise _RowProblem(
        gettext("%(column)s “%(value)s” is not a date; write it as YYYY-MM-DD (or DD/MM/YYYY).")
        % {"column": column, "value": value}
    )


def _read_commune_csv(data: bytes) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    """Decode and split the file; refuse it whole on bad encoding, a missing column or a malformed line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CommuneImportError(
            [
                RowError(
                    line, gettext("the file is not UTF-8 text. Save it as “CSV UTF-8” and import it again.")
                )
            ]
        ) from None
    if not text.strip():
        raise CommuneImportError([RowError(1, gettext("the file is empty."))])
    first_line = text.splitlines()[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower().replace(" ", "_") for h in next(reader)]
    expected = ", ".join(COMMUNE_COLUMNS_REQUIRED + COMMUNE_COLUMNS_OPTIONAL)
    missing = [c for c in COMMUNE_COLUMNS_REQUIRED if c not in header]
    doubled = sorted({h for h in header if h and header.count(h) > 1})
    if missing or doubled:
        problem = (
            gettext("missing column(s): %(columns)s.") % {"columns": ", ".join(missing)}
            if missing
            else gettext("column(s) named twice: %(columns)s.") % {"columns": ", ".join(doubled)}
        )
        raise CommuneImportError(
            [
                RowError(
                    1,
                    problem
                    + " "
                    + gettext("The first line must name the columns; known columns: %(columns)s.")
                    % {"columns": expected},
                )
            ]
        )
    ignored = [h for h in header if h and h not in COMMUNE_COLUMNS_REQUIRED + COMMUNE_COLUMNS_OPTIONAL]
    rows: list[tuple[int, dict[str, str]]] = []
    errors: list[RowError] = []
    try:
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            if len(values) > len(header):
                errors.append(
                    RowError(
                        reader.line_num,
                        gettext("%(found)d values, but the first line names %(expected)d columns.")
                        % {"found": len(values), "expected": len(header)},
                    )
                )
                continue
            values += [""] * (len(header) - len(values))
            rows.append((reader.line_num, {h: v.strip() for h, v in zip(header, values, strict=True) if h}))
    except csv.Error as exc:
        errors.append(
            RowError(reader.line_num, gettext("the line cannot be read as CSV (%(error)s).") % {"error": exc})
        )
    if errors:
        raise CommuneImportError(errors)
    if not rows:
        raise CommuneImportError([RowError(1, gettext("the file has a header but no communes."))])
    return rows, ignored


def _province_for(value: str, day: datetime.date) -> AdministrativeUnit:
    """The province named or numbered ``value`` as it was on ``day``; anything uncertain is a problem."""
    if not value:
        raise _RowProblem(gettext("the province is missing."))
    if value.isascii() and value.isdigit():
        code = str(int(value)).zfill(2)  # "1", "01" and "001" all mean Hà Nội
        found = list(AdministrativeUnit.objects.valid_on(day).filter(level=UnitLevel.PROVINCE, code=code))
        if len(found) != 1:
            raise _RowProblem(
                gettext("no province has the code %(code)s on %(day)s.")
                % {"code": value, "day": day.isoformat()}
            )
        return found[0]
    result = resolve_place(value, level=UnitLevel.PROVINCE, on=day)
    names = ", ".join(_label(u) for u in result.candidates)
    if result.status == UNKNOWN:
        message = gettext("the province “%(name)s” is unknown.") % {"name": value}
        if names:
            message += " " + gettext("Did you mean: %(names)s?") % {"names": names}
        raise _RowProblem(message)
    if result.status == AMBIGUOUS or result.unit is None:
        raise _RowProblem(
            gettext("the province “%(name)s” could mean several units: %(names)s. Use its code.")
            % {"name": value, "names": names}
        )
    if not result.unit.is_current(day):
        raise _RowProblem(
            gettext(
                "the province “%(name)s” did not exist on %(day)s; "
                "its territory then belonged to: %(current)s."
            )
            % {
                "name": value,
                "day": day.isoformat(),
                "current": ", ".join(_label(u) for u in result.current) or "—",
            }
        )
    return result.unit


def _label(unit: AdministrativeUnit) -> str:
    return f"{unit.name} ({unit.code})"


def _split_kind(name: str, kind: str) -> tuple[str, str]:
    """'Phường Bến Nghé' → ('Bến Nghé', 'phường'): names are stored without their kind word."""
    for word in [kind.lower()] if kind else list(COMMUNE_KINDS):
        if word and name.lower().startswith(word + " ") and name[len(word) + 1 :].strip():
            return name[len(word) + 1 :].strip(), word
    return name, kind.lower()


@transaction.atomic
def communes_import(
    *,
    data: bytes,
    valid_from: datetime.date | None = None,
    dry_run: bool = False,
    actor: Actor | None = None,
    source: str = "",
) -> CommuneImportResult:
    """Create communes from CSV bytes: all rows or none.

    ``valid_from`` is the default start date for rows that give none, and the date on which provinces are
    looked up (today when neither is given). Every problem is collected, with its line number, and raised
    together as ``CommuneImportError``; a dry run checks everything and then rolls back.
    """
    if actor is not None:
        ensure_can(actor, "places.add_administrativeunit")
    rows, ignored = _read_commune_csv(data)
    result = CommuneImportResult(dry_run=dry_run, ignored_columns=ignored)
    errors: list[RowError] = []
    created: list[tuple[int, AdministrativeUnit, dict[str, str]]] = []
    with transaction.atomic():
        for line, row in rows:
            try:
                start = _parse_day(row.get("valid_from", ""), "valid_from") or valid_from
                end = _parse_day(row.get("valid_to", ""), "valid_to")
                if not row.get("code"):
                    raise _RowProblem(gettext("the code is missing."))
                if not row.get("name"):
                    raise _RowProblem(gettext("the name is missing."))
                if row.get("successor_codes") and end is None:
                    raise _RowProblem(
                        gettext("successor_codes need a valid_to date (the last day of the commune).")
                    )
                province = _province_for(row["province"], start or timezone.localdate())
                name, kind = _split_kind(row["name"], row.get("kind", ""))
                unit = unit_create(
                    actor=actor,
                    code=row["code"],
                    name=name,
                    kind=kind,
                    name_en=row.get("name_en", ""),
                    level=UnitLevel.COMMUNE,
                    parent=province,
                    valid_from=start,
                    valid_to=end,
                    source=source,
                )
                created.append((line, unit, row))
            except _RowProblem as exc:
                errors.append(RowError(line, str(exc), row.get("code", "")))
            except ValidationError as exc:
                errors.append(RowError(line, error_text(exc), row.get("code", "")))
            except IntegrityError:
                errors.append(RowError(line, gettext("the database refused this row."), row.get("code", "")))
        for line, unit, row in created:
            codes = [c for c in re.split(r"[;,\s]+", row.get("successor_codes", "")) if c]
            if not codes or unit.valid_to is None:
                continue
            day = unit.valid_to + datetime.timedelta(days=1)
            for code in codes:
                found = list(
                    AdministrativeUnit.objects.valid_on(day).filter(level=UnitLevel.COMMUNE, code=code)
                )
                if len(found) != 1:
                    errors.append(
                        RowError(
                            line,
                            gettext("successor %(successor)s: no commune has this code on %(day)s.")
                            % {"successor": code, "day": day.isoformat()},
                            unit.code,
                        )
                    )
                    continue
                try:
                    unit_succession_add(
                        actor=actor,
                        predecessor=unit,
                        successor=found[0],
                        effective_on=day,
                        legal_basis=row.get("legal_basis", ""),
                    )
                    result.successions += 1
                except ValidationError as exc:
                    errors.append(RowError(line, error_text(exc), unit.code))
        result.created = len(created)
        if errors or dry_run:
            transaction.set_rollback(True)
    if errors:
        raise CommuneImportError(sorted(errors, key=lambda e: e.line))
    return result
