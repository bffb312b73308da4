"""The kinds of directive and the directives: recorded, changed, audited."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rightstrack.bodies.models import Body
from rightstrack.conferences.models import Conference
from rightstrack.core.audit import audit_record, snapshot
from rightstrack.core.scope import ensure_can
from rightstrack.core.types import Actor
from rightstrack.followup.choices import DEFAULT_KINDS
from rightstrack.followup.models import Directive, DirectiveKind, Task
from rightstrack.followup.services._common import (
    DIRECTIVE_FIELDS,
    clean_text,
    day_text,
)
from rightstrack.followup.services.tasks import check_reach

# The taxonomy ------------------------------------------------------------------------------------------


@transaction.atomic
def directive_kind_create(
    *, actor: Actor | None, code: str, name: str, name_en: str = "", order: int = 0, is_active: bool = True
) -> DirectiveKind:
    """A new kind of directive (standing office and administrators)."""
    if actor is not None:
        ensure_can(actor, "followup.change_directivekind")
    kind = DirectiveKind(
        code=(code or "").strip(),
        name=(name or "").strip(),
        name_en=(name_en or "").strip(),
        order=order,
        is_active=is_active,
    )
    kind.full_clean()
    kind.save()
    audit_record(obj=kind, action="create", actor=actor)
    return kind


@transaction.atomic
def directive_kinds_ensure(*, actor: Actor | None = None) -> list[DirectiveKind]:
    """Create the default kinds that are missing (none is changed); returns those created."""
    present = set(DirectiveKind.objects.values_list("code", flat=True))
    created = []
    for code, name, name_en, order in DEFAULT_KINDS:
        if code not in present:
            created.append(
                directive_kind_create(actor=actor, code=code, name=name, name_en=name_en, order=order)
            )
    return created


@transaction.atomic
def directive_kind_update(
    *, actor: Actor | None, directive_kind: DirectiveKind, **fields: Any
) -> DirectiveKind:
    """Rename, reorder or retire a kind (a retired kind stays on its directives, offered for no new one)."""
    unknown = set(fields) - {"code", "name", "name_en", "order", "is_active"}
    if unknown:
        raise TypeError(f"directive_kind_update cannot set {sorted(unknown)}")
    if actor is not None:
        ensure_can(actor, "followup.change_directivekind", directive_kind)
    locked = DirectiveKind.objects.select_for_update().get(pk=directive_kind.pk)
    before = snapshot(locked)
    for name, value in fields.items():
        setattr(locked, name, value.strip() if isinstance(value, str) else value)
    locked.full_clean()
    locked.save()
    if snapshot(locked) != before:
        audit_record(obj=locked, action="update", before=before, actor=actor)
    return locked


# Directives --------------------------------------------------------------------------------------------


def _check_directive_references(actor: Actor | None, fields: dict[str, Any]) -> None:
    """Every object the call names must be within the actor's scope (404 otherwise, like a missing one)."""
    if actor is None:
        return
    if fields.get("issuer") is not None:
        ensure_can(actor, "bodies.view_body", fields["issuer"])
    if fields.get("conference") is not None:
        ensure_can(actor, "conferences.view_conference", fields["conference"])


def _check_directive(directive: Directive, *, kind_changed: bool) -> None:
    errors: dict[str, Any] = {}
    if kind_changed and directive.kind_id and not directive.kind.is_active:
        errors["kind"] = _("This kind of directive is no longer in use: choose another.")
    conference: Conference | None = directive.conference
    if conference is not None and directive.issued_on and directive.issued_on < conference.date:
        errors["issued_on"] = ValidationError(
            _(
                "The conference took place on %(date)s: a directive it gave cannot be issued before, on "
                "%(issued)s. Check the date."
            ),
            params={"date": day_text(conference.date), "issued": day_text(directive.issued_on)},
        )
    if directive.pk is not None and directive.issued_on:
        early = (
            Task.objects.filter(directive_id=directive.pk, due_on__lt=directive.issued_on)
            .select_related("body")
            .order_by("due_on")
            .first()
        )
        if early is not None:
            errors["issued_on"] = ValidationError(
                _(
                    "The task of %(body)s is due on %(due)s, before %(issued)s: change its due date first, "
                    "or keep the date of issue."
                ),
                params={
                    "body": early.body.name,
                    "due": day_text(early.due_on),
                    "issued": day_text(directive.issued_on),
                },
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def directive_create(
    *,
    actor: Actor | None,
    issuer: Body,
    kind: DirectiveKind,
    text: str,
    issued_on: datetime.date | None = None,
    text_en: str = "",
    issued_by_name: str = "",
    issued_by_position: str = "",
    conference: Conference | None = None,
    source_document: str = "",
    number: int | None = None,
) -> Directive:
    """Record a directive; from a conference it is issued on the conference's day unless told otherwise."""
    fields: dict[str, Any] = {
        "issuer": issuer,
        "kind": kind,
        "number": number,
        "text": clean_text(text, field_name="text"),
        "text_en": clean_text(text_en, field_name="text_en"),
        "issued_by_name": (issued_by_name or "").strip(),
        "issued_by_position": (issued_by_position or "").strip(),
        "issued_on": issued_on or (conference.date if conference is not None else None),
        "conference": conference,
        "source_document": (source_document or "").strip(),
    }
    _check_directive_references(actor, fields)
    if actor is not None:
        ensure_can(actor, "followup.add_directive", Directive(issuer=issuer))
    directive = Directive(**fields, created_by=actor)
    directive.full_clean()
    _check_directive(directive, kind_changed=True)
    directive.save()
    audit_record(obj=directive, action="create", actor=actor)
    return directive


@transaction.atomic
def directive_update(*, actor: Actor | None, directive: Directive, **fields: Any) -> Directive:
    """Change a directive's fields; its tasks must still fall due on or after its date of issue."""
    unknown = set(fields) - set(DIRECTIVE_FIELDS)
    if unknown:
        raise TypeError(f"directive_update cannot set {sorted(unknown)}")
    if actor is not None:
        ensure_can(actor, "followup.change_directive", directive)
    locked = (
        Directive.objects.select_for_update(of=("self",))  # conference is nullable: lock the directive alone
        .select_related("kind", "conference")
        .get(pk=directive.pk)
    )
    before = snapshot(locked)
    _check_directive_references(actor, fields)
    if actor is not None and "issuer" in fields and fields["issuer"] != locked.issuer:
        ensure_can(actor, "followup.add_directive", Directive(issuer=fields["issuer"]))
    for name, value in fields.items():
        if name in {"text", "text_en"}:
            value = clean_text(value, field_name=name)
        elif isinstance(value, str):
            value = value.strip()
        setattr(locked, name, value)
    locked.full_clean()
    _check_directive(locked, kind_changed=locked.kind_id != before["kind"])
    if "issuer" in fields:
        check_reach(locked, [task.body for task in locked.tasks.select_related("body")])
    locked.save()
    after = snapshot(locked)
    if after != before:
        audit_record(obj=locked, action="update", before=before, after=after, actor=actor)
    return locked
