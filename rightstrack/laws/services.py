"""Every write on the register of laws and policies: keyword-only, atomic, scope-checked, audited. A refusal
(``ValidationError``) changes nothing: each call is one transaction."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rightstrack.bodies.models import Body
from rightstrack.core.audit import audit_record, audited_delete, snapshot
from rightstrack.core.jobs.registry import Progress
from rightstrack.core.scope import ensure_can, scoped
from rightstrack.core.types import Actor
from rightstrack.exchange.html import html_to_text
from rightstrack.laws import selectors
from rightstrack.laws.choices import ImplementationStatus, LawsJob, LegalKind
from rightstrack.laws.models import LegalDocument, LegalMention, LegalStatus, LegalStatusChange
from rightstrack.laws.symbols import SymbolError, find_symbols, parse_symbol
from rightstrack.reporting.models import ReportSection

DOCUMENT_FIELDS = (
    "kind",
    "symbol",
    "part",
    "title",
    "title_en",
    "issuer",
    "issued_on",
    "in_force_from",
    "repealed_on",
    "summary",
    "url",
)
EXCERPT_CHARS = 160  # on each side of the citation
BATCH = 500

# A status a body may not leave: a repealed document is replaced by another, not brought back.
FINAL = {ImplementationStatus.REPEALED}


def _day(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


def _symbol_fields(document: LegalDocument) -> None:
    """Write the symbol in its official form and its key; a text that is not a symbol is refused."""
    raw = (document.symbol or "").strip()
    if not raw:
        if document.kind not in (LegalKind.CONSTITUTION, LegalKind.POLICY):
            raise ValidationError(
                {
                    "symbol": _(
                        "Enter the document's number and symbol, e.g. 30/2020/NĐ-CP or 14/2012/QH13 (only a "
                        "constitution or a policy may have none)."
                    )
                }
            )
        document.symbol, document.symbol_key = "", ""
        return
    try:
        symbol = parse_symbol(raw)
    except SymbolError:
        raise ValidationError(
            {
                "symbol": ValidationError(
                    _(
                        "“%(text)s” is not a number and symbol as Vietnamese documents write them. Write it "
                        "like 30/2020/NĐ-CP, 1079/QĐ-TTg or 14/2012/QH13."
                    ),
                    params={"text": raw[:80]},
                )
            }
        ) from None
    document.symbol, document.symbol_key = symbol.text, symbol.key


def _check_document(document: LegalDocument) -> None:
    _symbol_fields(document)
    document.title = (document.title or "").strip()
    document.part = (document.part or "").strip()
    document.full_clean(exclude=["symbol_key"], validate_constraints=False)
    errors: dict[str, Any] = {}
    if document.issued_on and document.in_force_from and document.in_force_from < document.issued_on:
        errors["in_force_from"] = _("A document comes into force on or after the day it is issued.")
    if document.repealed_on and document.in_force_from and document.repealed_on < document.in_force_from:
        errors["repealed_on"] = _("A document is repealed after it came into force.")
    twin = LegalDocument.objects.filter(symbol_key=document.symbol_key, part=document.part).exclude(
        pk=document.pk
    )
    if document.symbol_key and twin.exists():
        errors["symbol"] = ValidationError(
            _("%(symbol)s is already in the register. Open it there, or name the part (a chapter) you mean."),
            params={"symbol": document.symbol},
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def legal_document_create(
    *,
    actor: Actor | None,
    kind: str,
    title: str,
    issuer: str,
    symbol: str = "",
    part: str = "",
    title_en: str = "",
    issued_on: datetime.date | None = None,
    in_force_from: datetime.date | None = None,
    repealed_on: datetime.date | None = None,
    summary: str = "",
    url: str = "",
) -> LegalDocument:
    """A document in the register (its symbol parsed and written in its official form)."""
    if actor is not None:
        ensure_can(actor, "laws.add_legaldocument")
    document = LegalDocument(
        kind=kind,
        symbol=symbol,
        part=part,
        title=title,
        title_en=title_en,
        issuer=issuer,
        issued_on=issued_on,
        in_force_from=in_force_from,
        repealed_on=repealed_on,
        summary=summary,
        url=url,
        created_by=actor,
    )
    _check_document(document)
    document.save()
    audit_record(obj=document, action="create", actor=actor)
    return document


@transaction.atomic
def legal_document_update(*, actor: Actor | None, document: LegalDocument, **fields: Any) -> LegalDocument:
    unknown = set(fields) - set(DOCUMENT_FIELDS)
    if unknown:
        raise TypeError(f"legal_document_update cannot set {sorted(unknown)}")
    if actor is not None:
        ensure_can(actor, "laws.change_legaldocument", document)
    locked = LegalDocument.objects.select_for_update().get(pk=document.pk)
    before = snapshot(locked)
    for name, value in fields.items():
        setattr(locked, name, value)
    _check_document(locked)
    locked.save()
    after = snapshot(locked)
    if after != before:
        audit_record(obj=locked, action="update", before=before, after=after, actor=actor)
    return locked


@transaction.atomic
def legal_document_delete(*, actor: Actor | None, document: LegalDocument) -> None:
    """Take a document entered by mistake out of the register, with the citations found for it. Refused
    while anything refers to it (a body's status, a proposal, a piece of evidence): a document that is no
    longer in force is marked repealed, not deleted."""
    if actor is not None:
        ensure_can(actor, "laws.delete_legaldocument", document)
    locked = LegalDocument.objects.select_for_update().get(pk=document.pk)
    references = selectors.document_references(locked)
    if references:
        raise ValidationError(
            _(
                "This document cannot be deleted: %(references)s still refer to it. A document no longer in "
                "force is kept and given its date of repeal."
            ),
            params={"references": ", ".join(f"{name} ({count})" for name, count in references)},
        )
    audited_delete(locked, actor=actor)


@transaction.atomic
def legal_status_set(
    *,
    actor: Actor | None,
    document: LegalDocument,
    body: Body,
    status: str,
    since: datetime.date | None = None,
    note: str = "",
) -> LegalStatus:
    """Record how ``document`` stands in ``body``'s work; the previous status stays in the history."""
    if actor is not None:
        ensure_can(actor, "bodies.view_body", body)
        ensure_can(actor, "laws.change_legalstatus", LegalStatus(document=document, body=body))
    if status not in ImplementationStatus.values:
        raise ValidationError({"status": _("Choose one of the statuses offered.")})
    record = LegalStatus.objects.select_for_update().filter(document=document, body=body).first()
    previous = record.status if record is not None else ""
    if previous in FINAL and status != previous:
        raise ValidationError(
            {
                "status": ValidationError(
                    _(
                        "%(document)s is recorded as repealed for %(body)s: it cannot become “%(status)s” "
                        "again. Record the document that replaced it instead."
                    ),
                    params={
                        "document": document.symbol or document.title,
                        "body": body.name,
                        "status": ImplementationStatus(status).label,
                    },
                )
            }
        )
    if (
        status in (ImplementationStatus.APPLIED, ImplementationStatus.NOT_IN_PRACTICE)
        and since
        and document.in_force_from
        and since < document.in_force_from
    ):
        raise ValidationError(
            {
                "since": ValidationError(
                    _(
                        "%(document)s came into force on %(date)s: it cannot be in force in a body before "
                        "then."
                    ),
                    params={
                        "document": document.symbol or document.title,
                        "date": _day(document.in_force_from),
                    },
                )
            }
        )
    note = (note or "").strip()
    if record is not None and previous == status and (record.since, record.note) == (since, note):
        return record  # nothing new
    before = snapshot(record) if record is not None else None
    if record is None:
        record = LegalStatus(document=document, body=body)
    record.status, record.since, record.note, record.updated_by = status, since, note, actor
    record.save()
    LegalStatusChange.objects.create(
        record=record, previous=previous, status=status, since=since, note=note, changed_by=actor
    )
    audit_record(obj=record, action="update" if before else "create", before=before, actor=actor)
    return record


# Citations in reports -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MentionsResult:
    sections: int
    found: int
    added: int
    removed: int


def _excerpt(text: str, start: int, end: int) -> str:
    head = max(0, start - EXCERPT_CHARS)
    tail = min(len(text), end + EXCERPT_CHARS)
    return (
        ("…" if head else "") + text[head:tail].replace("\n", " ").strip() + ("…" if tail < len(text) else "")
    )


def mentions_in(text: str, keys: dict[str, list[int]]) -> dict[int, tuple[str, str]]:
    """{document id: (cited as, passage)} for each register document that ``text`` cites (first citation)."""
    found: dict[int, tuple[str, str]] = {}
    for hit in find_symbols(text):
        for document_id in keys.get(hit.symbol.key, ()):
            found.setdefault(
                document_id, (text[hit.start : hit.end].strip()[:100], _excerpt(text, hit.start, hit.end))
            )
    return found


def _keys() -> dict[str, list[int]]:
    """Each symbol key with the documents it names: the whole document when registered, else its parts."""
    by_key: dict[str, list[tuple[str, int]]] = {}
    for pk, key, part in LegalDocument.objects.exclude(symbol_key="").values_list("pk", "symbol_key", "part"):
        by_key.setdefault(key, []).append((part, pk))
    return {
        key: [pk for part, pk in rows if not part] or [pk for _part, pk in rows]
        for key, rows in by_key.items()
    }


def mentions_detect(
    *, actor: Actor | None, sections: Iterable[int] | None = None, progress: Progress | None = None
) -> MentionsResult:
    """Find the register's documents cited in report sections (those the actor sees; ``sections`` to limit
    it) and bring the citations up to date: new ones added, those no longer written removed. Running it
    twice changes nothing the second time."""
    if actor is not None:
        ensure_can(actor, "laws.detect_mentions")
    queryset = ReportSection.objects.exclude(html="")
    if actor is not None:
        queryset = scoped(actor, queryset)
    if sections is not None:
        queryset = queryset.filter(pk__in=list(sections))
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    keys = _keys()
    if progress is not None:
        progress.start(len(ids), _("Reading the reports"))
    found = added = removed = 0
    for offset in range(0, len(ids), BATCH):
        batch = ids[offset : offset + BATCH]
        with transaction.atomic():
            wanted: dict[tuple[int, int], tuple[str, str]] = {}
            for pk, html in ReportSection.objects.filter(pk__in=batch).values_list("pk", "html"):
                for document_id, (cited, passage) in mentions_in(html_to_text(html), keys).items():
                    wanted[(document_id, pk)] = (cited, passage)
            present = {
                (m.document_id, m.section_id): m for m in LegalMention.objects.filter(section_id__in=batch)
            }
            gone = [m.pk for pair, m in present.items() if pair not in wanted]
            if gone:
                removed += LegalMention.objects.filter(pk__in=gone).delete()[0]
            fresh = [
                LegalMention(document_id=d, section_id=s, cited_as=cited, excerpt=passage)
                for (d, s), (cited, passage) in wanted.items()
                if (d, s) not in present
            ]
            LegalMention.objects.bulk_create(fresh)
            for (d, s), (cited, passage) in wanted.items():
                mention = present.get((d, s))
                if mention is not None and (mention.cited_as, mention.excerpt) != (cited, passage):
                    LegalMention.objects.filter(pk=mention.pk).update(cited_as=cited, excerpt=passage)
            found += len(wanted)
            added += len(fresh)
        if progress is not None:
            progress.advance(len(batch))
    return MentionsResult(sections=len(ids), found=found, added=added, removed=removed)


def mentions_detect_enqueue(*, actor: Actor) -> Any:
    """Queue the detection over every report the actor sees (after commit; asked twice, one job)."""
    from rightstrack.core.jobs.services import job_enqueue

    ensure_can(actor, "laws.detect_mentions")
    return job_enqueue(
        actor=actor,
        kind=LawsJob.DETECT_MENTIONS,
        params={},
        idempotency_key=f"mentions:{timezone.now():%Y%m%d%H%M}",
    )
