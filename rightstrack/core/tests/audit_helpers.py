"""Helpers of the audit tests: the records of an object, the newest ones, and their time."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from rightstrack.core.models import AuditEntry


def entries_for(obj: Any) -> list[AuditEntry]:
    return list(AuditEntry.objects.for_object(obj).order_by("id"))


def last_for(obj: Any) -> AuditEntry:
    return entries_for(obj)[-1]


def new_entries(since: int) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(pk__gt=since).order_by("id"))


def high_water() -> int:
    last = AuditEntry.objects.order_by("-id").first()
    return last.pk if last else 0


def assert_utc_now(entry: AuditEntry) -> None:
    assert entry.created_at.utcoffset() == datetime.timedelta(0)
    assert abs((timezone.now() - entry.created_at).total_seconds()) < 60
