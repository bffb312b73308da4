"""The PostgreSQL side of importing recommendations (decision 0055): new rows and their tag links copied in
with ``COPY … FROM STDIN`` inside the import's transaction, and the tables' statistics renewed after a bulk
load. ``imports`` decides what to create; this module only writes it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import JSONField
from django.utils import timezone

from rightstrack.bodies.models import Body
from rightstrack.core.types import Actor
from rightstrack.exchange import un_recommendations as un
from rightstrack.recommendations.models import Recommendation, search_text_of, sort_key_of

if TYPE_CHECKING:
    from rightstrack.recommendations.imports.apply import _Tags

ANALYZE_AFTER = 10_000  # new rows after which PostgreSQL's statistics of the tables are renewed

# The fields compared to decide between update and skip (the tags are compared as sets of names).
COMPARED = (
    "text",
    "text_vi",
    "number",
    "session",
    "cycle",
    "document_symbol",
    "document_date",
    "recommending_states",
    "position",
    "position_source",
    "response_text",
    "countries",
)

THROUGH = {
    "themes": ("theme_id", Recommendation.themes.through),
    "affected_persons": ("affectedpersons_id", Recommendation.affected_persons.through),
    "sdg_goals": ("sdggoal_id", Recommendation.sdg_goals.through),
    "sdg_targets": ("sdgtarget_id", Recommendation.sdg_targets.through),
}


def values_of(row: un.Row) -> dict[str, Any]:
    """The ``COMPARED`` fields' values a row gives."""
    return {name: getattr(row, name) for name in COMPARED}


def copy_rows(table: str, columns: list[str], rows: Iterable[list[Any]] = (), *, text: str = "") -> None:
    """PostgreSQL's ``COPY … FROM STDIN`` of ``rows`` (or of ``text``, already in COPY's text format) into
    ``table``, inside the import's transaction."""
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {connection.ops.quote_name(table)} ({names}) FROM STDIN") as copy,
    ):
        if text:
            copy.write(text)
        for row in rows:
            copy.write_row(row)


# What a new row's columns take from the file (the rest is the field's default, or this moment).
_FROM_ROW = {*COMPARED, "owner_id", "mechanism", "external_id", "search_text", "sort_key", "created_by_id"}


def copy_new(rows: list[un.Row], owner: Body, actor: Actor | None, tags: _Tags) -> int:
    """New recommendations on PostgreSQL (decision 0055): ids drawn from the sequence in one query, the rows
    and their tag links copied in (``COPY``), each column's value made here from the row, without a model
    instance per row: a new row has no links to conflict with, and nothing else can see it before the
    import's transaction ends."""
    if not rows:
        return 0
    meta = Recommendation._meta
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(rows)],
        )
        ids = [pk for (pk,) in cursor.fetchall()]
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    fixed: dict[str, Any] = {}  # the same for every row: this moment, or the field's default
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            fixed[f.attname] = now
        elif f.attname not in _FROM_ROW:
            fixed[f.attname] = f.get_db_prep_save(f.get_default(), connection)
    as_json = [f.attname for f in fields if isinstance(f, JSONField)]
    names = [f.attname for f in fields]
    actor_id = actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None

    def values(pk: int, row: un.Row) -> list[Any]:
        given = values_of(row) | {
            "owner_id": owner.pk,
            "mechanism": row.mechanism,
            "external_id": row.external_id,
            "created_by_id": actor_id,
            "sort_key": sort_key_of(row.session, row.number),
            "search_text": search_text_of(
                number=row.number,
                text=row.text,
                text_vi=row.text_vi,
                states=row.recommending_states,
                symbol=row.document_symbol,
            ),
        }
        for name in as_json:  # as text: the column reads it as JSON
            given[name] = json.dumps(given[name])
        return [pk] + [given[name] if name in given else fixed[name] for name in names]

    copy_rows(meta.db_table, [str(meta.pk.column)] + [str(f.column) for f in fields], map(values, ids, rows))
    links = [tags.ids(row) for row in rows]
    for name, (column, through) in THROUGH.items():  # COPY's text format, written whole: ids only
        text = "".join(
            f"{pk}\t{tag}\n" for pk, tags_of in zip(ids, links, strict=True) for tag in tags_of[name]
        )
        copy_rows(through._meta.db_table, ["recommendation_id", column], text=text)
    return len(rows)


def analyze() -> None:
    """Renew PostgreSQL's statistics of the recommendations and their link tables, within the import's
    transaction (``ANALYZE`` blocks no reader or writer). Without them, right after a bulk load the planner
    takes the link tables for small and reads them whole for every chunk of ids a later import compares
    (the 270,000-row re-import spent 80 s of the server's CPU so), until autovacuum gets round to them."""
    tables = [Recommendation._meta.db_table] + [through._meta.db_table for _c, through in THROUGH.values()]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def after_import(*, created: int, updated: int) -> None:
    """Within the import's transaction: statistics renewed after a bulk load (``analyze``); the published
    data moved on when recorded rows changed (some may be on the portal; new rows are not published)."""
    if connection.vendor == "postgresql" and created >= ANALYZE_AFTER:
        analyze()
    if updated:
        from rightstrack.recommendations import published

        published.changed()
