"""What the followup services share: limits, the transitions of a task, small helpers."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from rightstrack.bodies.models import Body
from rightstrack.followup.choices import TaskStatus

EVIDENCE_KINDS = frozenset({"pdf", "docx", "xlsx", "odt", "ods", "png", "jpeg"})
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
MAX_TEXT = 20_000

DIRECTIVE_FIELDS = (
    "issuer",
    "kind",
    "number",
    "text",
    "text_en",
    "issued_by_name",
    "issued_by_position",
    "issued_on",
    "conference",
    "source_document",
)

# Which status may follow which. Closing (done, cancelled) and reopening are the issuer's side's.
TRANSITIONS: dict[str, frozenset[str]] = {
    TaskStatus.OPEN: frozenset({TaskStatus.IN_PROGRESS, TaskStatus.DONE, TaskStatus.CANCELLED}),
    TaskStatus.IN_PROGRESS: frozenset({TaskStatus.OPEN, TaskStatus.DONE, TaskStatus.CANCELLED}),
    TaskStatus.DONE: frozenset({TaskStatus.OPEN, TaskStatus.IN_PROGRESS}),
    TaskStatus.CANCELLED: frozenset({TaskStatus.OPEN}),
}


def day_text(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


def names_of(bodies: Iterable[Body]) -> str:
    return ", ".join(sorted(body.name for body in bodies))


def clean_text(value: str | None, *, field_name: str) -> str:
    text = (value or "").strip()
    if len(text) > MAX_TEXT:
        raise ValidationError({field_name: _("This text is too long: keep it under 20,000 characters.")})
    return text
