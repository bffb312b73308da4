"""Every read of the register, with relations loaded up front (a constant number of queries)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from rightstrack.core.scope import scoped
from rightstrack.laws.models import LegalDocument, LegalMention, LegalStatus, LegalStatusChange

MENTIONS_SHOWN = 50


@dataclass
class LinkBlock:
    """A block on a document's page: a heading, rows (link, label, a second line) and how many in all."""

    title: str
    empty: str
    rows: list[tuple[str, str, str]] = field(default_factory=list)
    total: int = 0


def document_list() -> QuerySet[LegalDocument]:
    return LegalDocument.objects.annotate(
        status_count=Count("statuses", distinct=True), mention_count=Count("mentions", distinct=True)
    )


def document_statuses(*, user: Any, document: LegalDocument) -> list[LegalStatus]:
    """The bodies' statuses the user sees, each with its history (newest first): two queries."""
    return list(
        scoped(user, LegalStatus.objects.filter(document=document))
        .select_related("body", "updated_by")
        .prefetch_related(
            Prefetch(
                "changes",
                queryset=LegalStatusChange.objects.select_related("changed_by").order_by(
                    "-changed_at", "-id"
                ),
            )
        )
        .order_by("body__name", "pk")
    )


def document_mentions(
    *, user: Any, document: LegalDocument, limit: int = MENTIONS_SHOWN
) -> tuple[list[LegalMention], int]:
    """The citations in reports the user sees (newest cycle first, at most ``limit``) and how many in all."""
    queryset = scoped(user, LegalMention.objects.filter(document=document))
    rows = list(
        queryset.select_related(
            "section",
            "section__section",
            "section__report",
            "section__report__body",
            "section__report__cycle",
        ).order_by("-section__report__cycle__period_end", "section__report__body__name", "pk")[:limit]
    )
    return rows, queryset.count()


def status_counts(*, user: Any, document: LegalDocument) -> dict[str, int]:
    rows = (
        scoped(user, LegalStatus.objects.filter(document=document))
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return dict(rows)  # type: ignore[arg-type]


# Other apps (proposals, and the follow-up's tasks) list what links to a document on its page, without this
# app importing them: each registers ``f(*, user, document) -> LinkBlock | None`` by its dotted path.
LINKED: list[str] = []


def register_linked(path: str) -> None:
    if path not in LINKED:
        LINKED.append(path)


def linked_sections(*, user: Any, document: LegalDocument) -> list[Any]:
    """The blocks registered apps add to a document's page (in registration order)."""
    from rightstrack.core.registry import resolve

    blocks = []
    for path in LINKED:
        block = resolve(path)(user=user, document=document)
        if block is not None:
            blocks.append(block)
    return blocks
