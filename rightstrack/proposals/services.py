"""Every write on proposals: keyword-only, atomic, scope-checked for every body, passage, pack and conference
it sets, audited. A refusal (``ValidationError``) changes nothing: each call is one transaction."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext as _

from rightstrack.bodies.models import Body
from rightstrack.bodies.rules import acting_for
from rightstrack.conferences.models import Conference
from rightstrack.core.audit import audit_record, audited_delete, snapshot
from rightstrack.core.scope import ensure_can
from rightstrack.core.types import Actor
from rightstrack.exchange.html import html_to_text
from rightstrack.laws.models import LegalDocument
from rightstrack.packs.models import ConsolidatedPack
from rightstrack.proposals.choices import TRANSITIONS, ProposalKind, ProposalStatus, SourceKind
from rightstrack.proposals.models import Proposal, ProposalSource, ProposalStatusChange
from rightstrack.reporting.models import ReportSection

PROPOSAL_FIELDS = ("kind", "topic", "text", "authority", "authority_body", "submitted_on", "documents")
PROPOSALS_THEME = "proposals"  # the pack's part that groups the provinces' proposals (packs.content)


@dataclass(frozen=True)
class Source:
    """A passage a proposal comes from: a report's section answer, a pack's group, a conference."""

    section: ReportSection | None = None
    pack: ConsolidatedPack | None = None
    conference: Conference | None = None
    text: str = ""
    body: Body | None = None  # whose passage, when it is not the section's report's body


def _state(proposal: Proposal) -> dict[str, Any]:
    return {
        **snapshot(proposal),
        "documents": sorted(proposal.documents.values_list("pk", flat=True)),
        "sources": sorted(proposal.sources.values_list("pk", flat=True)),
    }


def _check_references(actor: Actor | None, body: Body, authority_body: Body | None) -> None:
    if actor is None:
        return
    ensure_can(actor, "bodies.view_body", body)
    if authority_body is not None:
        ensure_can(actor, "bodies.view_body", authority_body)


def _source_rows(proposal: Proposal, sources: Sequence[Source], actor: Actor | None) -> list[ProposalSource]:
    """Unsaved rows, each passage within the actor's scope (404) and the proposing body's own (refused)."""
    reach = acting_for(proposal.body)
    assert reach is not None
    rows = []
    for source in sources:
        body = source.body
        if source.section is not None:
            report = source.section.report
            if actor is not None:
                ensure_can(actor, "reporting.view_report", report)
            body = report.body
            if not report.body.path.startswith(reach.path):
                raise ValidationError(
                    {
                        "sources": ValidationError(
                            _(
                                "The passage comes from the report of %(source)s, which is not among "
                                "the bodies of %(body)s. Choose a passage from %(body)s's own reports."
                            ),
                            params={"source": report.body.name, "body": proposal.body.name},
                        )
                    }
                )
        if source.pack is not None and actor is not None:
            ensure_can(actor, "packs.view_consolidatedpack", source.pack)
        if source.conference is not None and actor is not None:
            ensure_can(actor, "conferences.view_conference", source.conference)
        kind = (
            SourceKind.PACK
            if source.pack is not None
            else SourceKind.REPORT
            if source.section is not None
            else SourceKind.CONFERENCE
            if source.conference is not None
            else None
        )
        if kind is None:
            raise ValidationError(
                {"sources": _("Name where the proposal comes from: a report, a pack or a conference.")}
            )
        text = (source.text or "").strip()
        if not text and source.section is not None:
            text = html_to_text(source.section.html)
        rows.append(
            ProposalSource(
                proposal=proposal,
                kind=kind,
                section=source.section,
                pack=source.pack,
                conference=source.conference,
                body=body,
                text=text,
                added_by=actor,
            )
        )
    return rows


@transaction.atomic
def proposal_create(
    *,
    actor: Actor | None,
    body: Body,
    kind: str,
    topic: str,
    text: str,
    authority: str,
    authority_body: Body | None = None,
    submitted_on: datetime.date | None = None,
    documents: Sequence[LegalDocument] = (),
    sources: Sequence[Source] = (),
) -> Proposal:
    """A proposal of ``body`` to a higher authority, with its source passages and the laws it concerns."""
    _check_references(actor, body, authority_body)
    if actor is not None:
        ensure_can(actor, "proposals.add_proposal", Proposal(body=body))
    proposal = Proposal(
        body=body,
        kind=kind,
        topic=(topic or "").strip(),
        text=(text or "").strip(),
        authority=(authority or "").strip(),
        authority_body=authority_body,
        submitted_on=submitted_on or timezone.localdate(),
        created_by=actor,
    )
    proposal.full_clean()
    rows = _source_rows(proposal, sources, actor)
    proposal.save()
    ProposalSource.objects.bulk_create(rows)
    proposal.documents.set(documents)
    ProposalStatusChange.objects.create(
        proposal=proposal, previous="", status=proposal.status, on=proposal.submitted_on, changed_by=actor
    )
    audit_record(obj=proposal, action="create", after=_state(proposal), actor=actor)
    return proposal


@transaction.atomic
def proposal_update(*, actor: Actor | None, proposal: Proposal, **fields: Any) -> Proposal:
    unknown = set(fields) - set(PROPOSAL_FIELDS)
    if unknown:
        raise TypeError(f"proposal_update cannot set {sorted(unknown)}")
    if actor is not None:
        ensure_can(actor, "proposals.change_proposal", proposal)
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    before = _state(locked)
    _check_references(actor, locked.body, fields.get("authority_body"))
    documents = fields.pop("documents", None)
    for name, value in fields.items():
        setattr(locked, name, value.strip() if isinstance(value, str) else value)
    locked.full_clean()
    locked.save()
    if documents is not None:
        locked.documents.set(documents)
    after = _state(locked)
    if after != before:
        audit_record(obj=locked, action="update", before=before, after=after, actor=actor)
    return locked


@transaction.atomic
def proposal_status_change(
    *,
    actor: Actor | None,
    proposal: Proposal,
    status: str,
    response: str = "",
    on: datetime.date | None = None,
) -> Proposal:
    """Record the authority's answer (or that it is considering it); an answer given stands."""
    if actor is not None:
        ensure_can(actor, "proposals.respond_proposal", proposal)
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.merged_into_id is not None:
        raise ValidationError(
            {
                "status": _(
                    "This proposal was merged into another: record the answer on the proposal it was "
                    "merged into."
                )
            }
        )
    if status not in ProposalStatus.values:
        raise ValidationError({"status": _("Choose one of the statuses offered.")})
    if status not in TRANSITIONS[locked.status]:
        raise ValidationError(
            {
                "status": ValidationError(
                    _(
                        "A proposal that is “%(current)s” cannot become “%(target)s”. The authority's answer "
                        "stands once given; record a new proposal to ask again."
                    ),
                    params={
                        "current": ProposalStatus(locked.status).label,
                        "target": ProposalStatus(status).label,
                    },
                )
            }
        )
    before = _state(locked)
    previous = locked.status
    locked.status = status
    response = (response or "").strip()
    if response:
        locked.response = response
    locked.save(update_fields=["status", "response", "updated_at"])
    ProposalStatusChange.objects.create(
        proposal=locked,
        previous=previous,
        status=status,
        response=response,
        on=on or timezone.localdate(),
        changed_by=actor,
    )
    audit_record(obj=locked, action="status", before=before, after=_state(locked), actor=actor)
    return locked


@transaction.atomic
def proposal_delete(*, actor: Actor | None, proposal: Proposal) -> None:
    """Withdraw a proposal recorded by mistake, with its passages and history (the audit log keeps them).
    Only while it waits as submitted and stands alone: once the authority considers or answers it, or it is
    merged with others, it stays on record (take a merged one out first)."""
    if actor is not None:
        ensure_can(actor, "proposals.delete_proposal", proposal)
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != ProposalStatus.SUBMITTED:
        raise ValidationError(
            _("A proposal that is “%(status)s” stays on record: only a proposal still submitted is deleted."),
            params={"status": ProposalStatus(locked.status).label},
        )
    if locked.merged_into_id is not None or locked.merged.exists():
        raise ValidationError(
            _("A merged proposal cannot be deleted: take the merged proposals out of each other first.")
        )
    audited_delete(locked, actor=actor)


# One click from the pack -----------------------------------------------------------------------------------


def _section_of(url: str) -> ReportSection | None:
    """The report section a pack member's link points at ("/reporting/reports/12/#section-proposals")."""
    parts = urlsplit(url or "")
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    if match.view_name != "reporting:report_detail" or not parts.fragment.startswith("section-"):
        return None
    key = parts.fragment.removeprefix("section-")
    return (
        ReportSection.objects.select_related("report", "report__body")
        .filter(report_id=int(match.kwargs.get("pk") or 0), section__key=key)
        .first()
    )


def pack_group(pack: ConsolidatedPack, group: int) -> dict[str, Any]:
    themes = (pack.content or {}).get("themes") or []
    groups = next((t.get("groups") or [] for t in themes if t.get("key") == PROPOSALS_THEME), [])
    if not 0 <= group < len(groups):
        raise ValidationError(
            _(
                "This proposal is no longer in the pack (it was built again since). Open the pack "
                "again and choose it."
            )
        )
    return dict(groups[group])


@transaction.atomic
def proposal_from_pack(*, actor: Actor | None, pack: ConsolidatedPack, group: int) -> Proposal:
    """A proposal of the pack's organiser made of one group of the pack's proposals part: its text, the
    authorities it names, and every province's passage as a source. Picked twice, the first is returned."""
    if actor is not None:
        ensure_can(actor, "packs.view_consolidatedpack", pack)
    found = pack_group(pack, group)
    topic = str(found.get("text") or "").strip()[:255]
    existing = Proposal.objects.filter(body=pack.organiser, topic=topic, sources__pack=pack).first()
    if existing is not None:
        return existing
    sources = []
    for member in found.get("members") or []:
        section = _section_of(str(member.get("url") or ""))
        sources.append(Source(section=section, pack=pack, text=str(member.get("text") or "")))
    return proposal_create(
        actor=actor,
        body=pack.organiser,
        kind=ProposalKind.OTHER,
        topic=topic or _("Proposal"),
        text=str(found.get("text") or ""),
        authority=", ".join(found.get("authorities") or []) or _("Competent authorities"),
        sources=sources,
    )


# Merging the same proposal from several provinces ---------------------------------------------------------


@transaction.atomic
def proposal_merge(*, actor: Actor | None, target: Proposal, proposals: Sequence[Proposal]) -> Proposal:
    """Merge ``proposals`` into ``target``: their passages are copied onto it (marked as come with each),
    their laws added; each keeps its own record, pointing at ``target``. ``proposal_unmerge`` undoes it."""
    if actor is not None:
        ensure_can(actor, "proposals.merge_proposal", target)
        for proposal in proposals:
            ensure_can(actor, "proposals.merge_proposal", proposal)
    locked = Proposal.objects.select_for_update().get(pk=target.pk)
    others = list(
        Proposal.objects.select_for_update().filter(pk__in=[p.pk for p in proposals]).order_by("pk")
    )
    if not others:
        raise ValidationError({"proposals": _("Choose the proposals to merge into this one.")})
    if locked.merged_into_id is not None:
        raise ValidationError(
            {"proposals": _("This proposal was itself merged into another: merge into that one.")}
        )
    wrong = [p for p in others if p.pk == locked.pk or p.merged_into_id is not None]
    if wrong:
        raise ValidationError(
            {
                "proposals": ValidationError(
                    _("These proposals are this one or already merged: %(names)s."),
                    params={"names": ", ".join(p.topic for p in wrong)},
                )
            }
        )
    before = _state(locked)
    now = timezone.now()
    for other in others:
        copies = [
            ProposalSource(
                proposal=locked,
                kind=s.kind,
                section_id=s.section_id,
                pack_id=s.pack_id,
                conference_id=s.conference_id,
                body_id=s.body_id or other.body_id,
                text=s.text,
                via=other,
                added_by=actor,
            )
            for s in other.sources.filter(via__isnull=True)
        ]
        ProposalSource.objects.bulk_create(copies)
        locked.documents.add(*other.documents.all())
        other_before = snapshot(other)
        other.merged_into, other.merged_at = locked, now
        other.save(update_fields=["merged_into", "merged_at", "updated_at"])
        audit_record(obj=other, action="merged", before=other_before, actor=actor)
    audit_record(
        obj=locked,
        action="merge",
        before=before,
        after=_state(locked) | {"merged": [o.pk for o in others]},
        actor=actor,
    )
    return locked


@transaction.atomic
def proposal_unmerge(*, actor: Actor | None, proposal: Proposal) -> Proposal:
    """Take a merged proposal back out: the passages it brought leave the target; both records say so."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    target = locked.merged_into
    if target is None:
        raise ValidationError(_("This proposal is not merged into another."))
    if actor is not None:
        ensure_can(actor, "proposals.merge_proposal", target)
        ensure_can(actor, "proposals.merge_proposal", locked)
    target_before = _state(target)
    ProposalSource.objects.filter(proposal=target, via=locked).delete()
    before = snapshot(locked)
    locked.merged_into, locked.merged_at = None, None
    locked.save(update_fields=["merged_into", "merged_at", "updated_at"])
    audit_record(obj=locked, action="unmerged", before=before, actor=actor)
    audit_record(obj=target, action="unmerge", before=target_before, after=_state(target), actor=actor)
    return locked
