"""Audit records and the generic audited writes every service builds on.

Services call these helpers inside their transaction, so the record commits or rolls back with the
change it describes. Bulk writes snapshot every row they touch.
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import models, router, transaction
from django.db.models.deletion import Collector

from rightstrack.core import context
from rightstrack.core.models import AuditEntry

M = TypeVar("M", bound=models.Model)
_NEVER_RECORDED = {"password"}


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return None
    if hasattr(value, "name") and hasattr(value, "storage"):  # FieldFile
        return value.name or None
    return value


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The object's concrete field values as JSON, foreign keys as ids, secrets left out."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in _NEVER_RECORDED:
            continue
        data[field.name] = _jsonable(getattr(obj, field.attname))
    return data


def scope_path_of(obj: models.Model) -> str | None:
    """The materialised path of the body ``obj`` hangs off (see core.scope), or None when it has none."""
    from rightstrack.core.scope import rule_for

    try:
        rule = rule_for(type(obj))
        body = rule.body_of(obj) if rule.body_of and rule.path_lookup else None
    except (LookupError, ObjectDoesNotExist, AttributeError):
        return None
    path = getattr(body, "path", None)
    return str(path)[:255] if path else None


def _entry(obj: models.Model, action: str, before: dict | None, after: dict | None, actor: Any) -> AuditEntry:
    ctx = context.current()
    actor = actor if actor is not None else ctx.actor
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEntry(
        actor=actor,
        actor_label=actor.get_username() if actor is not None else "",
        source=ctx.source,
        request_id=ctx.request_id,
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        scope_path=scope_path_of(obj),
        before=before,
        after=after,
    )


def audit_record(
    *,
    obj: models.Model,
    action: str,
    before: dict | None = None,
    after: dict | None = None,
    actor: Any = None,
) -> AuditEntry:
    """Write one audit record; ``after`` defaults to the object's current state."""
    entry = _entry(obj, action, before, after if after is not None else snapshot(obj), actor)
    entry.save()
    return entry


def audit_event(
    *,
    model: type[models.Model],
    action: str,
    object_id: str = "",
    object_repr: str = "",
    after: dict | None = None,
    actor: Any = None,
) -> AuditEntry:
    """Record something that happened about a kind of object but perhaps no one row (a sign-in attempt
    for a user name that may not exist); ``object_id`` is empty when there is no row."""
    ctx = context.current()
    actor = actor if actor is not None else ctx.actor
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    entry = AuditEntry(
        actor=actor,
        actor_label=actor.get_username() if actor is not None else "",
        source=ctx.source,
        request_id=ctx.request_id,
        action=action,
        content_type=ContentType.objects.get_for_model(model),
        object_id=object_id,
        object_repr=object_repr[:255],
        before=None,
        after=after,
    )
    entry.save()
    return entry


@transaction.atomic
def audited_create(model: type[M], *, actor: Any = None, **fields: Any) -> M:
    obj = model(**fields)
    obj.full_clean()
    obj.save()
    audit_record(obj=obj, action="create", actor=actor)
    return obj


@transaction.atomic
def audited_update(obj: M, *, actor: Any = None, fields: dict[str, Any]) -> M:
    """Set ``fields`` on ``obj``, validate, save the changed columns and record before/after."""
    before = snapshot(obj)
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.full_clean()
    after = snapshot(obj)
    if before != after:
        obj.save()
        audit_record(obj=obj, action="update", before=before, after=after, actor=actor)
    return obj


@transaction.atomic
def audited_save(obj: M, *, actor: Any = None) -> M:
    """Save an object prepared elsewhere (a ModelForm, the admin): create or update, audited."""
    if obj.pk is None or obj._state.adding:
        obj.full_clean()
        obj.save()
        audit_record(obj=obj, action="create", actor=actor)
        return obj
    db_obj = type(obj)._default_manager.get(pk=obj.pk)
    before = snapshot(db_obj)
    obj.full_clean()
    obj.save()
    after = snapshot(obj)
    if before != after:
        audit_record(obj=obj, action="update", before=before, after=after, actor=actor)
    return obj


# Rows whose primary key is a secret (an API token's key): never named in an audit record. Their owner's
# record says what happened to them (accounts.services.tokens_revoke).
_NEVER_NAMED = {("authtoken", "token"), ("authtoken", "tokenproxy")}


def _named(model: type[models.Model]) -> bool:
    key = (model._meta.app_label, model._meta.model_name)
    return not model._meta.auto_created and key not in _NEVER_NAMED


def _collateral_entries(collector: Collector, root: models.Model, actor: Any) -> list[AuditEntry]:
    """One record for each row a delete takes with it (``cascade_delete``) and for each row whose link it
    empties (``set_null``) or resets (``cascade_update``): otherwise they would change unrecorded."""
    entries: list[AuditEntry] = []
    root_key = (root._meta.concrete_model, root.pk)
    for model, instances in collector.data.items():
        if not _named(model):
            continue
        for obj in instances:
            if (model._meta.concrete_model, obj.pk) != root_key:
                entries.append(_entry(obj, "cascade_delete", snapshot(obj), None, actor))
    for queryset in collector.fast_deletes:
        if _named(queryset.model):
            entries += [_entry(o, "cascade_delete", snapshot(o), None, actor) for o in queryset.all()]
    for (field, value), batches in collector.field_updates.items():
        for batch in batches:
            batch_: Any = batch  # a queryset, or a list of instances
            rows: Iterable[models.Model] = batch_.all() if isinstance(batch_, models.QuerySet) else batch_
            for obj in rows:
                if not _named(type(obj)):
                    continue
                before = snapshot(obj)
                after = before | {field.name: _jsonable(value)}
                action = "set_null" if value is None else "cascade_update"
                entries.append(_entry(obj, action, before, after, actor))
    return entries


@transaction.atomic
def audited_delete(obj: models.Model, *, actor: Any = None) -> None:
    """Delete ``obj`` and record it, and every row the delete removes or unlinks with it."""
    before = snapshot(obj)
    pk = obj.pk
    entry = _entry(obj, "delete", before, None, actor)
    collector = Collector(using=router.db_for_write(type(obj)), origin=obj)
    collector.collect([obj])  # raises ProtectedError / RestrictedError as obj.delete() would
    collateral = _collateral_entries(collector, obj, actor)
    collector.delete()
    entry.object_id = str(pk)
    entry.save()
    AuditEntry.objects.bulk_create(collateral)


@transaction.atomic
def audited_bulk_create(objs: Sequence[M], *, actor: Any = None) -> list[M]:
    """Create many rows and one audit record per row (ids assigned by saving one by one on SQLite)."""
    created: list[M] = []
    for obj in objs:
        obj.full_clean()
        obj.save()
        created.append(obj)
    AuditEntry.objects.bulk_create([_entry(o, "create", None, snapshot(o), actor) for o in created])
    return created


def audit_records_bulk(
    objs: Iterable[models.Model],
    *,
    action: str,
    actor: Any = None,
    befores: Sequence[dict | None] | None = None,
    afters: Sequence[dict] | None = None,
) -> int:
    """One audit record per object already written by a bulk write (``bulk_create``/``bulk_update``), in one
    INSERT: for loaders that write thousands of rows. ``befores`` (same order) for updates; ``afters`` (same
    order) when the state to record is more than the row's columns (its many-to-many links)."""
    rows = list(objs)
    before_list = list(befores) if befores is not None else [None] * len(rows)
    after_list = list(afters) if afters is not None else [snapshot(o) for o in rows]
    entries = [_entry(o, action, b, a, actor) for o, b, a in zip(rows, before_list, after_list, strict=True)]
    AuditEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)


@transaction.atomic
def audited_queryset_update(queryset: models.QuerySet[M], *, actor: Any = None, **changes: Any) -> int:
    """A bulk update that still records each row's before and after."""
    rows = list(queryset.select_for_update())
    befores = [snapshot(o) for o in rows]
    for obj in rows:
        for name, value in changes.items():
            setattr(obj, name, value)
    if rows:
        queryset.model._default_manager.bulk_update(rows, list(changes))
    entries = [
        _entry(o, "update", b, snapshot(o), actor)
        for o, b in zip(rows, befores, strict=True)
        if b != snapshot(o)
    ]
    AuditEntry.objects.bulk_create(entries)
    return len(rows)


def history(obj: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.for_object(obj).select_related("actor", "content_type")
