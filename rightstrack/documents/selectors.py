"""Every read of documents, scoped by the caller, with relations loaded up front (a constant number of
queries), and the full-text search (docs/decisions: documents' search)."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from rightstrack.core.text import fold
from rightstrack.documents.models import Document

MAX_QUERY_WORDS = 12
MAX_WORD_CHARS = 40
FTS_TABLE = "documents_document_fts"


def document_list() -> QuerySet[Document]:
    """The list: no text (it can be megabytes), the body and the conference for their names."""
    return Document.objects.select_related("body", "conference").defer(
        "text", "folded_text", "folded_title", "minhash", "sections", "facts"
    )


def document_detail() -> QuerySet[Document]:
    return Document.objects.select_related(
        "body", "conference", "conference__place", "near_duplicate_of", "created_by"
    ).defer("folded_text", "folded_title", "minhash")


def query_words(query: str) -> list[str]:
    """The folded words of a search (no diacritics, no case, no punctuation): what the index holds."""
    words = [word[:MAX_WORD_CHARS] for word in fold(query or "", separators=True).split()]
    return [w for w in dict.fromkeys(words) if any(ch.isalnum() for ch in w)][:MAX_QUERY_WORDS]


def search(queryset: QuerySet[Document], query: str) -> QuerySet[Document]:
    """The documents whose title or text holds every word of ``query`` (each as a word prefix), whatever
    the diacritics and case on either side: FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL."""
    words = query_words(query)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        terms = " & ".join(f"{_pg_quote(w)}:*" for w in words)
        return queryset.filter(
            pk__in=RawSQL(
                "SELECT id FROM documents_document WHERE to_tsvector('simple', folded_title || ' ' || "
                "folded_text) @@ to_tsquery('simple', %s)",
                [terms],
            )
        )
    if connection.vendor == "sqlite":
        terms = " AND ".join('"' + w.replace('"', "") + '"*' for w in words)
        return queryset.filter(
            pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [terms])  # noqa: S611
        )
    for word in words:  # another database: slow, but right
        queryset = queryset.filter(folded_text__contains=word) | queryset.filter(folded_title__contains=word)
    return queryset


def _pg_quote(word: str) -> str:
    return "'" + word.replace("'", "").replace("\\", "") + "'"


def coverage_of(conference: Any, *, user: Any) -> QuerySet[Document]:
    from rightstrack.core.scope import scoped

    return scoped(user, document_list().filter(conference=conference)).order_by("published_on", "pk")


def evidence_documents(*, user: Any) -> QuerySet[Document]:
    """The hook for the follow-up app (``followup.selectors.register_evidence_documents``): the documents a
    task's progress note may cite, those ``user`` can read (None: all), newest first."""
    from rightstrack.core.scope import scoped

    documents = document_list().order_by("-created_at", "-pk")
    return documents if user is None else scoped(user, documents)


def statements_for_directives(document: Document) -> dict[str, list[str]]:
    """The hook for the follow-up app: the directives, shortcomings and proposals this article states, as
    sentences (``{"directives": [...], "shortcomings": [...], "proposals": [...]}``). Taking one into a
    conference's directives is that app's service; this app only reads them."""
    return {key: list(value) for key, value in document.statements.items()}


def proposal_initial(document: Document, *, user: Any) -> dict[str, Any]:
    """The conference form prefilled with what the article states, each value resolved to a record the
    user may choose (a place by its unit code, the chair by the person's name on the day, the presenting
    provinces' committees); what the article does not state stays empty, never guessed."""
    import datetime

    from rightstrack.bodies.choices import BodyKind
    from rightstrack.bodies.models import Body, Membership
    from rightstrack.core.scope import scoped
    from rightstrack.documents.extraction import CONFERENCE_KIND_OF
    from rightstrack.places.models import AdministrativeUnit

    facts = document.facts or {}
    initial: dict[str, Any] = {}
    kind = CONFERENCE_KIND_OF.get(facts.get("kind") or "")
    if kind:
        initial["kind"] = kind
    title = facts.get("title") or document.title
    initial["title" if document.language != "en" else "title_en"] = title
    if document.language == "en":
        initial["title"] = title
    date = facts.get("date") or {}
    day = None
    if date.get("year") and date.get("month") and date.get("day"):
        try:
            day = datetime.date(date["year"], date["month"], date["day"])
        except ValueError:
            day = None
    initial["date"] = day
    place = facts.get("place") or {}
    unit = place.get("unit") or {}
    if unit.get("code"):
        initial["place"] = (
            AdministrativeUnit.objects.filter(code=unit["code"]).order_by("-valid_from").first()
        )
    if place.get("text"):
        initial["venue"] = place["text"]
    people = (facts.get("participants") or {}).get("count_people")
    if people:
        initial["attendee_count"] = people
    chair = (facts.get("chair") or {}).get("name_folded")
    if chair:
        wanted = fold(chair, separators=True)
        written = ((facts.get("chair") or {}).get("name") or "").split()
        last_word = written[-1] if written else ""
        seats = scoped(user, Membership.objects.filter(person__isnull=False).select_related("person", "body"))
        found = [
            seat
            for seat in seats.filter(person__full_name__icontains=last_word).order_by("pk")[:500]
            if seat.person is not None
            and fold(seat.person.full_name, separators=True) == wanted
            and (day is None or seat.is_current(day))
        ]
        if len(found) == 1:
            initial["chair"] = found[0]
    codes = [item["unit"]["code"] for item in facts.get("presenting_units") or [] if item.get("unit")]
    if codes:
        initial["presenters"] = list(
            scoped(user, Body.objects.filter(kind=BodyKind.PROVINCIAL_COMMITTEE, unit__code__in=codes))
        )
    initial["organiser"] = document.body
    return initial
