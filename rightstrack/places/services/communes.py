"""Importing communes from a user's CSV: every row checked, the good ones written, the bad ones reported."""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from rightstrack.core.scope import ensure_can
from rightstrack.core.types import Actor
from rightstrack.core.views.errors import error_text
from rightstrack.places.choices import UnitLevel
from rightstrack.places.models import AdministrativeUnit
from rightstrack.places.resolve import AMBIGUOUS, UNKNOWN, resolve_place
from rightstrack.places.services.units import unit_create, unit_succession_add

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
