"""Every read of proposals, with relations loaded up front (a constant number of queries)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext as _

from rightstrack.core.scope import scoped
from rightstrack.laws.models import LegalDocument
from rightstrack.laws.selectors import LinkBlock
from rightstrack.proposals.models import Proposal, ProposalSource, ProposalStatusChange

ON_LAW_PAGE = 20


def proposal_list() -> QuerySet[Proposal]:
    return Proposal.objects.select_related("body", "merged_into").annotate(
        source_count=Count("sources", distinct=True)
    )


def proposal_detail() -> QuerySet[Proposal]:
    return Proposal.objects.select_related(
        "body", "authority_body", "merged_into", "created_by"
    ).prefetch_related(
        Prefetch(
            "sources",
            queryset=ProposalSource.objects.select_related(
                "body",
                "section",
                "section__section",
                "section__report",
                "section__report__body",
                "section__report__cycle",
                "pack",
                "conference",
                "via",
            ).order_by("id"),
        ),
        Prefetch(
            "changes",
            queryset=ProposalStatusChange.objects.select_related("changed_by").order_by("-changed_at", "-id"),
        ),
        Prefetch("documents", queryset=LegalDocument.objects.order_by("-issued_on", "title")),
        Prefetch("merged", queryset=Proposal.objects.select_related("body").order_by("pk")),
    )


def law_block(*, user: Any, document: LegalDocument) -> LinkBlock:
    """The proposals the user sees that concern ``document`` (for its page in the register)."""
    queryset = scoped(user, Proposal.objects.filter(documents=document))
    rows = [
        (p.get_absolute_url(), p.topic, f"{p.body.name} · {p.get_status_display()}")
        for p in queryset.select_related("body").order_by("-submitted_on", "-pk")[:ON_LAW_PAGE]
    ]
    return LinkBlock(
        title=_("Proposals concerning this document"),
        empty=_("No proposal you can see concerns this document."),
        rows=rows,
        total=queryset.count(),
    )


def merge_candidates(*, user: Any, target: Proposal) -> QuerySet[Proposal]:
    """Proposals the user may merge into ``target``: not merged, not the target itself."""
    return (
        scoped(user, Proposal.objects.filter(merged_into__isnull=True))
        .exclude(pk=target.pk)
        .select_related("body")
        .order_by("topic", "pk")
    )
