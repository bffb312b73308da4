"""Every write to bodies and memberships: scope-checked, atomic, audited."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rightstrack.bodies.choices import BodyKind, BodyLevel, Position
from rightstrack.bodies.models import PATH_STEP, Body, Letterhead, Membership, Person
from rightstrack.core.audit import (
    audit_record,
    audit_records_bulk,
    audited_create,
    audited_delete,
    audited_queryset_update,
    audited_update,
    snapshot,
)
from rightstrack.core.scope import ensure_can
from rightstrack.core.text import fold
from rightstrack.core.types import Actor
from rightstrack.places.choices import UnitLevel
from rightstrack.places.models import AdministrativeUnit

BODY_EDITABLE_FIELDS = (
    "name",
    "name_en",
    "kind",
    "level",
    "unit",
    "established_on",
    "establishment_decision",
    "dissolved_on",
    "successor",
)


def _ensure_target(actor: Actor | None, *, parent: Body | None, successor: Body | None = None) -> None:
    """Every body a write points at must be within the actor's scope; no parent (a root) is for
    administrators only, since a root is outside every other role's scope."""
    if actor is None:
        return
    if parent is None:
        ensure_can(actor, "bodies.add_root_body")
    else:
        ensure_can(actor, "bodies.add_body", parent)
    if successor is not None:
        ensure_can(actor, "bodies.view_body", successor)


def _path_for(body: Body) -> str:
    own = f"{body.pk:0{PATH_STEP}d}/"
    return (body.parent.path if body.parent else "") + own


@transaction.atomic
def body_create(
    *,
    actor: Actor | None,
    code: str,
    name: str,
    kind: str,
    level: str = BodyLevel.PROVINCIAL,
    parent: Body | None = None,
    unit: AdministrativeUnit | None = None,
    name_en: str = "",
    established_on: datetime.date | None = None,
    establishment_decision: str = "",
    dissolved_on: datetime.date | None = None,
    successor: Body | None = None,
) -> Body:
    """Create a body under ``parent``; the actor must be allowed to add bodies there (no parent: an
    administrator), and see its successor."""
    _ensure_target(actor, parent=parent, successor=successor)
    body = Body(
        code=code,
        name=name,
        name_en=name_en,
        kind=kind,
        level=level,
        parent=parent,
        unit=unit,
        established_on=established_on,
        establishment_decision=establishment_decision,
        dissolved_on=dissolved_on,
        successor=successor,
        path="-",
    )
    body.full_clean(exclude=["path"])
    body.save()
    body.path = _path_for(body)
    body.save(update_fields=["path"])
    audit_record(obj=body, action="create", actor=actor)
    return body


@transaction.atomic
def body_update(*, actor: Actor | None, body: Body, **fields: Any) -> Body:
    """Change a body's editable fields; ``parent`` moves it and its subtree."""
    if actor is not None:
        ensure_can(actor, "bodies.change_body", body)
    unknown = set(fields) - set(BODY_EDITABLE_FIELDS) - {"parent"}
    if unknown:
        raise TypeError(f"body_update cannot set {sorted(unknown)}")
    new_parent = fields.pop("parent", body.parent)
    if actor is not None and fields.get("successor") is not None:
        ensure_can(actor, "bodies.view_body", fields["successor"])
    if new_parent != body.parent:
        _ensure_target(actor, parent=new_parent)
        return _body_move(
            actor=actor, body=audited_update(body, actor=actor, fields=fields), parent=new_parent
        )
    return audited_update(body, actor=actor, fields=fields)


def _body_move(*, actor: Actor | None, body: Body, parent: Body | None) -> Body:
    old_path = body.path
    before = snapshot(body)
    body.parent = parent
    body.full_clean(exclude=["path"])
    body.path = _path_for(body)
    body.save()
    audit_record(obj=body, action="update", before=before, actor=actor)
    for descendant in Body.objects.filter(path__startswith=old_path).exclude(pk=body.pk).order_by("path"):
        new_path = body.path + descendant.path[len(old_path) :]
        audited_queryset_update(Body.objects.filter(pk=descendant.pk), actor=actor, path=new_path)
    return body


@transaction.atomic
def body_delete(*, actor: Actor | None, body: Body) -> None:
    if actor is not None:
        ensure_can(actor, "bodies.delete_body", body)
    audited_delete(body, actor=actor)


def person_get_or_create(*, actor: Actor | None, full_name: str, title: str = "") -> Person:
    person = Person.objects.filter(full_name=full_name.strip(), title=title.strip()).first()
    return person or audited_create(Person, actor=actor, full_name=full_name.strip(), title=title.strip())


@transaction.atomic
def membership_create(
    *,
    actor: Actor | None,
    body: Body,
    position: str,
    start_on: datetime.date,
    person: Person | None = None,
    person_name: str = "",
    person_title: str = "",
    member_body: Body | None = None,
    title: str = "",
    end_on: datetime.date | None = None,
) -> Membership:
    """Seat a person or an agency in ``body``; the actor must be allowed to edit that body's members and see
    the seated agency. ``person_name`` finds the person by name and title, or records them, in the same
    transaction."""
    probe = Membership(body=body)
    if actor is not None:
        ensure_can(actor, "bodies.view_body", body)
        ensure_can(actor, "bodies.add_membership", probe)
        if member_body is not None:
            ensure_can(actor, "bodies.view_body", member_body)
    if person is None and person_name.strip():
        person = person_get_or_create(actor=actor, full_name=person_name, title=person_title)
    return audited_create(
        Membership,
        actor=actor,
        body=body,
        person=person,
        member_body=member_body,
        position=Position(position),
        title=title,
        start_on=start_on,
        end_on=end_on,
    )


@transaction.atomic
def membership_update(
    *,
    actor: Actor | None,
    membership: Membership,
    person_name: str = "",
    person_title: str = "",
    **fields: Any,
) -> Membership:
    """Change a seat; ``person_name`` (with ``person_title``) seats that person, found or recorded."""
    if actor is not None:
        ensure_can(actor, "bodies.change_membership", membership)
        if fields.get("member_body") is not None:
            ensure_can(actor, "bodies.view_body", fields["member_body"])
    allowed = {"position", "title", "start_on", "end_on", "person", "member_body"}
    if set(fields) - allowed:
        raise TypeError(f"membership_update cannot set {sorted(set(fields) - allowed)}")
    if person_name.strip():
        fields["person"] = person_get_or_create(actor=actor, full_name=person_name, title=person_title)
    return audited_update(membership, actor=actor, fields=fields)


@transaction.atomic
def membership_end(*, actor: Actor | None, membership: Membership, end_on: datetime.date) -> Membership:
    return membership_update(actor=actor, membership=membership, end_on=end_on)


@transaction.atomic
def membership_delete(*, actor: Actor | None, membership: Membership) -> None:
    if actor is not None:
        ensure_can(actor, "bodies.delete_membership", membership)
    audited_delete(membership, actor=actor)


@transaction.atomic
def letterhead_save(
    *,
    actor: Actor | None,
    body: Body,
    parent_name: str = "",
    issuing_name: str = "",
    symbol: str = "",
    place: str = "",
    recipients: str = "",
    signer: Membership | None = None,
    signer_authority: str = "",
    signer_position: str = "",
    signer_name: str = "",
) -> Letterhead:
    """Remember what ``body`` put at the head and foot of its latest official document, for the next one.

    The actor must be allowed to edit the body's members; the signer must sit in the body."""
    existing = Letterhead.objects.select_for_update().filter(body=body).first()
    if actor is not None:
        ensure_can(actor, "bodies.view_body", body)
        ensure_can(actor, "bodies.change_letterhead", existing or Letterhead(body=body))
        if signer is not None:
            ensure_can(actor, "bodies.view_membership", signer)
    fields: dict[str, Any] = {
        "parent_name": parent_name.strip(),
        "issuing_name": issuing_name.strip(),
        "symbol": symbol.strip(),
        "place": place.strip(),
        "recipients": "\n".join(line.strip() for line in recipients.splitlines() if line.strip()),
        "signer": signer,
        "signer_authority": signer_authority.strip(),
        "signer_position": signer_position.strip(),
        "signer_name": signer_name.strip(),
    }
    if existing is None:
        return audited_create(Letterhead, actor=actor, body=body, **fields)
    return audited_update(existing, actor=actor, fields=fields)


__all__ = [
    "letterhead_save",
    "BodyKind",
    "body_create",
    "body_update",
    "body_delete",
    "membership_create",
    "membership_update",
    "membership_end",
    "membership_delete",
    "person_get_or_create",
]


# The commune level ----------------------------------------------------------------------------------------

# The two bodies of a commune that receive tasks (docs/decisions: commune-level bodies), and how they are
# named after the commune: "Ủy ban nhân dân phường Bến Thành", "Công an phường Bến Thành".
COMMUNE_BODY_KINDS = (BodyKind.PEOPLES_COMMITTEE, BodyKind.POLICE)
_COMMUNE_KIND_EN = {"phường": "Ward", "xã": "Commune", "đặc khu": "Special Zone", "thị trấn": "Township"}
_COMMUNE_BODY_NAMES = {
    BodyKind.PEOPLES_COMMITTEE: ("peoples-committee", "Ủy ban nhân dân", "People's Committee of"),
    BodyKind.POLICE: ("police", "Công an", "Police of"),
}


def provincial_committee_of(province: AdministrativeUnit) -> Body | None:
    """The active provincial steering committee of ``province``: where its commune-level bodies hang."""
    return (
        Body.objects.active_on(timezone.localdate())
        .filter(kind=BodyKind.PROVINCIAL_COMMITTEE, unit=province)
        .order_by("-established_on", "pk")
        .first()
    )


def _commune_body(unit: AdministrativeUnit, kind: str, committee: Body, code: str) -> Body:
    slug, vi, en = _COMMUNE_BODY_NAMES[BodyKind(kind)]
    kind_vi = (unit.kind or "").lower()
    name_en = unit.name_en or fold(unit.name, keep_case=True)
    kind_en = _COMMUNE_KIND_EN.get(kind_vi, "Commune")
    return Body(
        code=code,
        name=" ".join(part for part in (vi, kind_vi, unit.name) if part),
        name_en=f"{en} {name_en} {kind_en}",
        kind=kind,
        level=BodyLevel.COMMUNE,
        parent=committee,
        unit=unit,
        established_on=unit.valid_from,
        path="-",
    )


@transaction.atomic
def commune_bodies_create(
    *,
    actor: Actor | None,
    province: AdministrativeUnit,
    kinds: tuple[str, ...] = COMMUNE_BODY_KINDS,
    committee: Body | None = None,
) -> list[Body]:
    """Give every current commune of ``province`` its People's Committee and police, under the province's
    steering committee (``committee``, found when not given); returns the bodies created.

    Idempotent: a commune that already has a body of that kind (any parent: one moved since is kept where it
    is) gets none. The actor must be allowed to add bodies under the committee. Bulk-written, one audit record
    a body; a fixed number of queries whatever the number of communes."""
    if province.level != UnitLevel.PROVINCE:
        raise ValidationError(_("Commune-level bodies are created for a province."))
    committee = committee or provincial_committee_of(province)
    if committee is None:
        raise ValidationError(
            _("%(province)s has no active provincial steering committee to place its communes' bodies under.")
            % {"province": province.name}
        )
    if committee.unit_id != province.pk:
        raise ValidationError(_("This committee is not the committee of this province."))
    _ensure_target(actor, parent=committee)
    if unknown := set(kinds) - set(COMMUNE_BODY_KINDS):
        raise ValidationError(
            _("Not a commune-level body kind: %(kinds)s.") % {"kinds": ", ".join(sorted(unknown))}
        )
    communes = list(
        AdministrativeUnit.objects.valid_on(timezone.localdate())
        .filter(level=UnitLevel.COMMUNE, parent=province)
        .order_by("code")
    )
    have = set(
        Body.objects.filter(unit__in=communes, kind__in=kinds, level=BodyLevel.COMMUNE).values_list(
            "unit_id", "kind"
        )
    )
    wanted = {
        f"commune-{unit.code}-{_COMMUNE_BODY_NAMES[BodyKind(kind)][0]}": (unit, kind)
        for unit in communes
        for kind in kinds
        if (unit.pk, kind) not in have
    }
    taken = set(Body.objects.filter(code__in=list(wanted)).values_list("code", flat=True))
    new = [
        _commune_body(unit, kind, committee, code if code not in taken else f"{code}-{unit.pk}")
        for code, (unit, kind) in wanted.items()
    ]
    if not new:
        return []
    created = Body.objects.bulk_create(new, batch_size=500)
    if any(b.pk is None for b in created):  # a database that does not return ids
        ids = dict(Body.objects.filter(code__in=[b.code for b in created]).values_list("code", "pk"))
        for body in created:
            body.pk = ids[body.code]
    for body in created:
        body.path = _path_for(body)
    Body.objects.bulk_update(created, ["path"], batch_size=500)
    audit_records_bulk(created, action="create", actor=actor)
    return created
