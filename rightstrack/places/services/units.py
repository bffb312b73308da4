"""Writes to units, successions and aliases: permission-checked, atomic, audited."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from rightstrack.core.audit import audited_create, audited_update
from rightstrack.core.scope import ensure_can
from rightstrack.core.types import Actor
from rightstrack.places.models import AdministrativeUnit, UnitAlias, UnitSuccession
from rightstrack.places.normalize import fold

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
