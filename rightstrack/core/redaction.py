"""What an object's history may show a reader: ids of objects outside their scope taken out.

The history of an object is visible to whoever can see the object (docs/decisions/0001), but its recorded
values name other objects: a cycle's participants, a body's parent or successor. Those the reader cannot open
are dropped from id lists and shown as "outside your scope" in place of a foreign key, so a province reading
a cycle's history does not learn the other 37 participants (issue 8, item 5).

A model names its recorded lists of ids with ``audit_id_lists = {"participants": "bodies.Body"}``; foreign
keys are found from the model itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

from rightstrack.core.models import AuditEntry
from rightstrack.core.scope import is_admin_user, rule_for, scoped

HIDDEN = _("(outside your scope)")


def _references(model: type[models.Model]) -> dict[str, type[models.Model]]:
    """Recorded key → the model its ids point to, for keys that point to scoped objects."""
    found: dict[str, type[models.Model]] = {}
    for field in model._meta.concrete_fields:
        if field.is_relation and field.related_model is not None:
            found[field.name] = field.related_model  # type: ignore[assignment]
    for key, label in getattr(model, "audit_id_lists", {}).items():
        found[key] = apps.get_model(label)
    scoped_only: dict[str, type[models.Model]] = {}
    for key, target in found.items():
        try:
            rule = rule_for(target)
        except LookupError:
            continue  # a model without a scope rule (users' own records...) is not shown by id here
        if rule.path_lookup is not None or rule.admin_only or rule.owner_field is not None:
            scoped_only[key] = target
    return scoped_only


def redact_history(user: Any, entries: Iterable[AuditEntry]) -> list[AuditEntry]:
    """``entries`` with every id of an object the reader cannot see removed (lists) or masked (keys); the
    entries are changed in memory only (the audit log itself is append-only)."""
    entries = list(entries)
    if is_admin_user(user) or not entries:
        return entries
    wanted: dict[type[models.Model], set[Any]] = {}
    plans: list[tuple[AuditEntry, dict[str, type[models.Model]]]] = []
    for entry in entries:
        model = entry.content_type.model_class() if entry.content_type_id else None
        refs = _references(model) if model is not None else {}
        plans.append((entry, refs))
        for data in (entry.before or {}, entry.after or {}):
            for key, target in refs.items():
                value = data.get(key)
                ids = value if isinstance(value, list) else [value]
                wanted.setdefault(target, set()).update(i for i in ids if isinstance(i, int))
    visible = {
        target: set(scoped(user, target._default_manager.filter(pk__in=ids)).values_list("pk", flat=True))
        for target, ids in wanted.items()
        if ids
    }
    for entry, refs in plans:
        for attribute in ("before", "after"):
            data = getattr(entry, attribute)
            if not data:
                continue
            data = dict(data)
            for key, target in refs.items():
                if key not in data or data[key] in (None, ""):
                    continue
                seen = visible.get(target, set())
                if isinstance(data[key], list):
                    data[key] = [i for i in data[key] if i in seen]
                elif data[key] not in seen:
                    data[key] = str(HIDDEN)
            setattr(entry, attribute, data)
    return entries
