"""The audit log read as sentences (decision 0019): "Trần Thị Lan submitted the report “…”", each change with
its field's translated name and its value as people write it: a choice's label, yes/no, a date as dd/mm/yyyy,
rich text as plain text, a mapping (a report's sections) as "name: text" lines; never a dict or HTML.

After pretix's log entries: each record is rendered for the reader, in the reader's language, when shown.
"""

from __future__ import annotations

import datetime
import html
import re
from typing import TYPE_CHECKING, Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone, translation
from django.utils.html import conditional_escape, escape, format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.core.numbers import format_number

if TYPE_CHECKING:
    from rightstrack.core.models import AuditEntry

TEXT_LIMIT = 300  # characters of a long text shown in a change; the object's page holds the whole
SHORT_LIMIT = 160  # characters of each part of an opened mapping (one section of a report)
FIGURES_KEY = "figures"  # a mapping of recorded figures (a report's): numbers, shown in the reader's form

# One sentence per action; %(actor)s, %(kind)s (the object's type) and %(object)s are filled in.
SENTENCES: dict[str, Any] = {
    "create": gettext_lazy("%(actor)s created the %(kind)s “%(object)s”."),
    "update": gettext_lazy("%(actor)s changed the %(kind)s “%(object)s”."),
    "delete": gettext_lazy("%(actor)s deleted the %(kind)s “%(object)s”."),
    "cascade_delete": gettext_lazy("The %(kind)s “%(object)s” was deleted with what it belonged to."),
    "set_null": gettext_lazy("A link of the %(kind)s “%(object)s” was emptied by a deletion."),
    "cascade_update": gettext_lazy("A link of the %(kind)s “%(object)s” was reset by a deletion."),
    "submitted": gettext_lazy("%(actor)s submitted the %(kind)s “%(object)s”."),
    "returned": gettext_lazy("%(actor)s returned the %(kind)s “%(object)s” for revision."),
    "accepted": gettext_lazy("%(actor)s accepted the %(kind)s “%(object)s”."),
    "content_saved": gettext_lazy("%(actor)s saved the text of the %(kind)s “%(object)s”."),
    "imported": gettext_lazy("%(actor)s imported a document into the %(kind)s “%(object)s”."),
    "opened": gettext_lazy("%(actor)s opened the %(kind)s “%(object)s”."),
    "closed": gettext_lazy("%(actor)s closed the %(kind)s “%(object)s”."),
    "revised": gettext_lazy("%(actor)s made a new version of the %(kind)s “%(object)s”."),
    "participants_added": gettext_lazy("%(actor)s added participants to the %(kind)s “%(object)s”."),
    "participant_removed": gettext_lazy("%(actor)s removed a participant from the %(kind)s “%(object)s”."),
    "password_changed": gettext_lazy("%(actor)s changed the password of “%(object)s”."),
    "password_set": gettext_lazy("“%(object)s” set their password from an invitation."),
    "invited": gettext_lazy("%(actor)s invited “%(object)s” to set a password and sign in."),
    "invitation_revoked": gettext_lazy("%(actor)s withdrew the invitation of “%(object)s”."),
    "login_failed": gettext_lazy("A sign-in as “%(object)s” failed."),
    "locked_out": gettext_lazy("“%(object)s” was locked out after repeated failed sign-ins."),
    "token_issued": gettext_lazy("%(actor)s issued an API token for “%(object)s”."),
    "token_revoked": gettext_lazy("The API token of “%(object)s” was revoked."),
    "job_queued": gettext_lazy("%(actor)s started the background job “%(object)s”."),
    "job_cancelled": gettext_lazy("%(actor)s cancelled the background job “%(object)s”."),
    "published": gettext_lazy("%(actor)s published the %(kind)s “%(object)s” on the public portal."),
    "unpublished": gettext_lazy("%(actor)s withdrew the %(kind)s “%(object)s” from the public portal."),
}
OTHER = gettext_lazy("%(actor)s: %(action)s — the %(kind)s “%(object)s”.")

# Keys of recorded values that are not model fields (snapshots, events), with their names for people.
KEY_LABELS: dict[str, Any] = {
    "sections": gettext_lazy("sections"),
    "figures": gettext_lazy("figures"),
    "unplaced": gettext_lazy("text not yet placed in a section"),
    "reason": gettext_lazy("reason"),
    "expires_at": gettext_lazy("expires at"),
    "username": gettext_lazy("user name"),
    "address": gettext_lazy("address"),
    "participants": gettext_lazy("participants"),
    "comments": gettext_lazy("comments"),
    "revision": gettext_lazy("revision"),
    "kind": gettext_lazy("kind"),
    "file": gettext_lazy("file"),
}
REASONS: dict[str, Any] = {
    "password_changed": gettext_lazy("the password was changed"),
    "signed_out": gettext_lazy("signed out"),
    "deactivated": gettext_lazy("the account was deactivated"),
    "expired": gettext_lazy("it expired"),
    "revoked": gettext_lazy("revoked"),
}

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_TAG = re.compile(r"<[a-zA-Z/][^>]*>")
_BLOCK_END = re.compile(r"</(p|div|li|h[1-6]|tr|blockquote)>|<br\s*/?>", re.IGNORECASE)


def actor_name(entry: AuditEntry) -> str:
    """Who did it: the person's name (family name first), else the user name recorded, else the system."""
    actor = entry.actor
    if actor is not None:
        name = getattr(actor, "display_name", "") or actor.get_username()
        return str(name)
    return entry.actor_label or _("The system")


def sentence(entry: AuditEntry) -> SafeString:
    """The record as a sentence, as HTML: the object's name as recorded is data in the language it was
    written in, so it is marked ``translate="no"``."""
    kind = entry.content_type.name if entry.content_type_id else ""
    values = {
        "actor": escape(actor_name(entry)),
        "kind": escape(kind),
        "object": format_html('<span translate="no">{}</span>', entry.object_repr or f"#{entry.object_id}"),
        "action": escape(entry.action_label),
    }
    return mark_safe(conditional_escape(str(SENTENCES.get(entry.action, OTHER))) % values)  # noqa: S308


def plain_text(value: str) -> str:
    """Rich text as the reader sees it: tags dropped, blocks on their own lines, entities decoded."""
    if not _TAG.search(value):
        return value
    return html.unescape(strip_tags(_BLOCK_END.sub("\n", value))).strip()


def _field(entry: AuditEntry, name: str) -> Any:
    model = entry.content_type.model_class() if entry.content_type_id else None
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if getattr(field, "concrete", False) else None  # not a reverse relation ("sections")


def label(entry: AuditEntry, name: str) -> str:
    field = _field(entry, name)
    if field is not None and getattr(field, "verbose_name", None):
        return str(field.verbose_name)
    if name in KEY_LABELS:
        return str(KEY_LABELS[name])
    return name.replace("_", " ")


def readable(entry: AuditEntry, name: str, value: Any) -> Any:
    """A recorded value as text for people (None stays None: the template shows "no value")."""
    if value is None or value == "" or isinstance(value, bool):
        return value
    field = _field(entry, name)
    if field is not None and getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if field is not None and field.is_relation:
        return f"#{value}"
    if name == "reason" and isinstance(value, str):
        return str(REASONS.get(value, value))
    if isinstance(field, models.DecimalField | models.FloatField):
        return _as_number(value)
    return _as_text(value)


def _as_number(value: Any) -> Any:
    """A recorded figure ("26019.5", the plain form) as the reader writes it: "26.019,5" in Vietnamese."""
    try:
        return format_number(str(value), translation.get_language() or "vi")
    except (ArithmeticError, ValueError):
        return _as_text(value)


def _as_text(value: Any) -> str:
    if isinstance(value, dict):
        lines = [
            f"{label_key(key)}: {_as_text(item) if item not in (None, '') else '—'}"
            for key, item in value.items()
        ]
        return "\n".join(lines)
    if isinstance(value, list | tuple):
        return "; ".join(_as_text(item) for item in value)
    if isinstance(value, str):
        if _ISO_DATE.match(value):
            return formats.date_format(datetime.date.fromisoformat(value), "d/m/Y")
        if _ISO_DATETIME.match(value):
            try:
                moment = datetime.datetime.fromisoformat(value)
            except ValueError:
                return value
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return formats.date_format(moment, "d/m/Y H:i")
        return Truncator(plain_text(value)).chars(TEXT_LIMIT)
    return str(value)


def label_key(key: Any) -> str:
    return str(KEY_LABELS.get(key, key)).replace("_", " ")


def readable_changes(entry: AuditEntry) -> list[tuple[str, Any, Any]]:
    """(field's name for people, before, after) for each value that differs, as text for people. A mapping
    (a report's sections or figures) is opened: one line per key whose value changed, each value cut short."""
    before, after = entry.before or {}, entry.after or {}
    rows: list[tuple[str, Any, Any]] = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if isinstance(old, dict | type(None)) and isinstance(new, dict | type(None)) and (old or new):
            old, new = old or {}, new or {}
            name = label(entry, key)
            shown = _short_number if key == FIGURES_KEY else _short
            for part in sorted(set(old) | set(new), key=str):
                if old.get(part) != new.get(part):
                    rows.append((f"{name} › {label_key(part)}", shown(old.get(part)), shown(new.get(part))))
            continue
        rows.append((label(entry, key), readable(entry, key, old), readable(entry, key, new)))
    return rows


def _short_number(value: Any) -> Any:
    if value is None or value == "":
        return value
    return _as_number(value)


def _short(value: Any) -> Any:
    if value is None or value == "":
        return value
    return Truncator(_as_text(value)).chars(SHORT_LIMIT)
