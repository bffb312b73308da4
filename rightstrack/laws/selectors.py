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


def document_references(document: LegalDocument) -> list[tuple[str, int]]:
    """What still refers to ``document``, by the referring model's name: every relation another model holds to
    it (a body's status, a proposal, a task's or an assessment's evidence), whichever app declared it, except
    the citations found in reports (the job finds them again). One count per relation."""
    found = []
    for relation in LegalDocument._meta.get_fields(include_hidden=True):
        if not (relation.is_relation and relation.auto_created and not relation.concrete):
            continue
        model = relation.related_model
        if model is LegalMention or model._meta.auto_created:  # type: ignore[union-attr]  # an M2M's rows: below
            continue
        if relation.many_to_many:
            through = relation.through  # type: ignore[union-attr]
            name = relation.field.m2m_reverse_field_name()  # type: ignore[union-attr]
            count = through._default_manager.filter(**{name: document.pk}).count()
        else:
            count = model._default_manager.filter(**{relation.field.name: document.pk}).count()  # type: ignore[union-attr]
        if count:
            found.append((str(model._meta.verbose_name_plural), count))  # type: ignore[union-attr]
    return found


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
