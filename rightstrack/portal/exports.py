"""The portal's list as a file: each published recommendation as the export's record (the fields UHRI and
``rightstrack recommendations export`` share), with its public status and its permanent link. The formats
are ``exchange``'s."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse

from rightstrack.exchange import un_recommendations as un
from rightstrack.recommendations.exports import EXPORT_FIELDS, as_record, export_queryset
from rightstrack.recommendations.models import Recommendation

PUBLIC_FIELDS = (*EXPORT_FIELDS, "status", "url")
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
CHUNK = 2000


@dataclass(frozen=True)
class PublicFile:
    content: bytes
    name: str
    content_type: str


def public_records(queryset: QuerySet[Recommendation]) -> Iterator[dict[str, Any]]:
    """Each recommendation of ``queryset`` (public ones: ``selectors.public_list``) as a record."""
    site = str(getattr(settings, "SITE_URL", "")).rstrip("/")
    for rec in export_queryset(queryset).iterator(chunk_size=CHUNK):
        record = as_record(rec)
        record["status"] = getattr(rec, "current_status", None) or ""
        record["url"] = site + reverse("portal:recommendation_detail", args=[rec.pk])
        yield record


def public_file(
    queryset: Iterable[Recommendation] | QuerySet[Recommendation], *, file_format: str
) -> PublicFile:
    assert isinstance(queryset, QuerySet)
    rows = public_records(queryset)
    if file_format == "json":
        content = un.records_to_json(rows)
    else:
        content = un.records_to_csv(rows, PUBLIC_FIELDS)
    return PublicFile(content, f"recommendations.{file_format}", CONTENT_TYPES[file_format])
