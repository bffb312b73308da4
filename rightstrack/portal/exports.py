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
from rightstrack.recommendations.exports import EXPORT_FIELDS, as_record, export_queryset, record_chunks
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
    """Each recommendation of ``queryset`` (public ones: ``selectors.public_list``) as a record, with its
    tags through ``prefetch_related`` (the file made whole: ``public_file``)."""
    site = str(getattr(settings, "SITE_URL", "")).rstrip("/")
    for rec in export_queryset(queryset).iterator(chunk_size=CHUNK):
        record = as_record(rec)
        record["status"] = getattr(rec, "current_status", None) or ""
        record["url"] = site + reverse("portal:recommendation_detail", args=[rec.pk])
        yield record


def public_file(
    queryset: Iterable[Recommendation] | QuerySet[Recommendation], *, file_format: str
) -> PublicFile:
    """The whole file in memory (a small list; the portal streams, ``public_stream``)."""
    assert isinstance(queryset, QuerySet)
    rows = public_records(queryset)
    if file_format == "json":
        content = un.records_to_json(rows)
    else:
        content = un.records_to_csv(rows, PUBLIC_FIELDS)
    return PublicFile(content, f"recommendations.{file_format}", CONTENT_TYPES[file_format])


def public_stream(queryset: QuerySet[Recommendation], *, file_format: str) -> Iterator[bytes]:
    """The same file as ``public_file``, in pieces as the rows are read, ``CHUNK`` at a time with their tags
    (``record_chunks``: no model instance): the memory stays that of one chunk, whatever the length of the
    list (docs/benchmarks.md)."""
    site = str(getattr(settings, "SITE_URL", "")).rstrip("/")
    link = site + reverse("portal:recommendation_detail", args=[0])
    head = link[: link.rindex("/0/")]

    def rows() -> Iterator[dict[str, Any]]:
        for chunk in record_chunks(queryset, extra=("current_status",)):
            for row in chunk:
                pk, status = row.pop("pk"), row.pop("current_status")
                yield row | {"status": status or "", "url": f"{head}/{pk}/"}

    if file_format == "json":
        return un.stream_json(rows())
    return un.stream_csv(rows(), PUBLIC_FIELDS)
