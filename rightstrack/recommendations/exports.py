"""The recommendations as data: one dict per recommendation with the fields the export formats share."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from rightstrack.recommendations.models import Recommendation

EXPORT_FIELDS = (
    "number",
    "text",
    "text_vi",
    "mechanism",
    "session",
    "cycle",
    "document_symbol",
    "document_date",
    "position",
    "position_source",
    "response_text",
    "recommending_states",
    "themes",
    "affected_persons",
    "sdg_goals",
    "sdg_targets",
    "clusters",
    "external_id",
)
CHUNK = 2000


def export_queryset(queryset: QuerySet[Recommendation]) -> QuerySet[Recommendation]:
    return queryset.prefetch_related("themes", "affected_persons", "sdg_goals", "sdg_targets", "clusters")


def as_record(rec: Recommendation) -> dict[str, Any]:
    return {
        "number": rec.number,
        "text": rec.text,
        "text_vi": rec.text_vi,
        "mechanism": rec.mechanism,
        "session": rec.session,
        "cycle": rec.cycle,
        "document_symbol": rec.document_symbol,
        "document_date": rec.document_date.isoformat() if rec.document_date else None,
        "position": rec.position,
        "position_source": rec.position_source,
        "response_text": rec.response_text,
        "recommending_states": list(rec.recommending_states or []),
        "themes": [t.name for t in rec.themes.all()],
        "affected_persons": [p.name for p in rec.affected_persons.all()],
        "sdg_goals": [g.number for g in rec.sdg_goals.all()],
        "sdg_targets": [t.code for t in rec.sdg_targets.all()],
        "clusters": [c.name for c in rec.clusters.all()],
        "external_id": rec.external_id,
    }


def records(queryset: QuerySet[Recommendation]) -> Iterator[dict[str, Any]]:
    """Each recommendation of ``queryset`` (already scoped) as a record, read in chunks."""
    yield from (
        as_record(rec)
        for rec in export_queryset(queryset)
        .order_by("mechanism", "sort_key", "pk")
        .iterator(chunk_size=CHUNK)
    )
