"""One document: ``document_ingest`` takes one file: checked by content (``exchange.uploads``), read
(``exchange.articles``), fingerprinted (``fingerprints``), refused when the same text is already kept, flagged
when nearly the same text is, and read for meeting facts when it is an article or a meeting report in
Vietnamese or English; ``document_update`` and ``document_delete`` correct and remove it.
"""

from __future__ import annotations

import datetime
from typing import IO, Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from rightstrack.bodies.models import Body
from rightstrack.core.audit import audit_record, audited_delete
from rightstrack.core.scope import ensure_can, scoped
from rightstrack.core.text import fold
from rightstrack.core.types import Actor
from rightstrack.documents import extraction, fingerprints
from rightstrack.documents.choices import DocumentKind, DocumentLanguage
from rightstrack.documents.models import Document, DocumentBand
from rightstrack.exchange.articles import KINDS, read_document
from rightstrack.exchange.stored_uploads import accept_upload, store_on
from rightstrack.nlp.language import detect_language

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024  # an article is kilobytes; a report, a few megabytes
MAX_ARCHIVE_BYTES = 200 * 1024 * 1024  # a ZIP of many documents (its members are checked one by one)
MAX_BULK_FILES = 5_000
READ_KINDS = (DocumentKind.ARTICLE, DocumentKind.MEETING_REPORT)  # what the meeting reader runs on
URL_SCHEMES = ("http", "https")
EDITABLE_FIELDS = ("kind", "title", "language", "published_on", "source_url")
FACT_INPUTS = frozenset({"language", "published_on", "source_url"})  # what the meeting facts are read with


class DuplicateDocument(ValidationError):
    """The same text is already kept: ``existing`` is the copy (one the actor may open)."""

    def __init__(self, existing: Document) -> None:
        self.existing = existing
        super().__init__(
            _("This document is already kept: “%(title)s” (%(url)s). Nothing was added.")
            % {"title": existing.title, "url": existing.get_absolute_url()},
            code="duplicate",
        )


def _summary(document: Document) -> dict[str, Any]:
    """What an audit record keeps of a document (not its text, which the file holds)."""
    return {
        "body": document.body_id,
        "kind": document.kind,
        "title": document.title,
        "language": document.language,
        "published_on": document.published_on.isoformat() if document.published_on else None,
        "source_url": document.source_url,
        "original_name": document.original_name,
        "content_hash": document.content_hash,
        "near_duplicate_of": document.near_duplicate_of_id,
        "conference": document.conference_id,
    }


def _check_url(url: str) -> str:
    url = (url or "").strip()
    if url and urlsplit(url).scheme.lower() not in URL_SCHEMES:
        raise ValidationError({"source_url": _("Enter a web address that starts with http:// or https://.")})
    return url


def _page_address(address: str) -> str:
    """A web page's own (canonical) address, kept when none is given and it is a valid web address."""
    try:
        URLValidator(schemes=list(URL_SCHEMES))(address)
    except ValidationError:
        return ""
    return address


def _visible(actor: Actor | None, body: Body) -> Any:
    """The documents a duplicate may be found among: the actor's scope, or the body's own (no actor)."""
    queryset = Document.objects.all()
    return scoped(actor, queryset) if actor is not None else queryset.filter(body=body)


def _near_duplicate(
    actor: Actor | None, body: Body, signature: list[int], bands: list[int]
) -> Document | None:
    if not bands:
        return None
    candidates = _visible(actor, body).filter(
        pk__in=DocumentBand.objects.filter(band__in=bands).values("document_id")
    )
    best: tuple[float, Document] | None = None
    for candidate in candidates.only("pk", "title", "minhash", "body_id")[:200]:
        score = fingerprints.similarity(signature, candidate.minhash)
        if score >= fingerprints.NEAR_DUPLICATE and (best is None or score > best[0]):
            best = (score, candidate)
    return best[1] if best else None


@transaction.atomic
def document_ingest(
    *,
    actor: Actor | None,
    body: Body,
    uploaded_file: IO[bytes],
    name: str = "",
    kind: str = DocumentKind.ARTICLE,
    title: str = "",
    source_url: str = "",
    published_on: datetime.date | None = None,
    language: str = "",
    places: extraction.PlaceResolver | None = None,
    people: Any = None,
) -> Document:
    """Keep one document: checked by content, read, refused when its text is already kept (a link to the
    copy in the error), flagged when nearly the same text is. ``title``, ``published_on`` and ``language``
    given override what the file states; ``places``/``people`` let a bulk run read the lexicons once."""
    if actor is not None:
        ensure_can(actor, "bodies.view_body", body)
        ensure_can(actor, "documents.add_document", Document(body=body))
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Choose the kind of document.")})
    if language and language not in DocumentLanguage.values:
        raise ValidationError({"language": _("Choose the language of the document.")})
    source_url = _check_url(source_url)
    name = name or getattr(uploaded_file, "name", "") or ""
    upload = accept_upload(uploaded_file, allowed=set(KINDS), max_bytes=MAX_DOCUMENT_BYTES, name=name)
    uploaded_file.seek(0)
    data = uploaded_file.read(MAX_DOCUMENT_BYTES + 1)
    read = read_document(data, upload.kind)
    text_hash = fingerprints.content_hash(read.text)
    existing = _visible(actor, body).filter(content_hash=text_hash).order_by("pk").first()
    if existing is None and Document.objects.filter(body=body, content_hash=text_hash).exists():
        existing = Document.objects.filter(body=body, content_hash=text_hash).order_by("pk").first()
    if existing is not None:
        raise DuplicateDocument(existing)
    signature = fingerprints.minhash(read.text)
    bands = fingerprints.bands(signature)
    detected = detect_language(read.text)
    language = language or (detected if detected in DocumentLanguage.values else DocumentLanguage.UNKNOWN)
    published = published_on or read.published
    source_url = source_url or _page_address(read.address)
    facts = None
    if kind in READ_KINDS:
        facts = extraction.read_facts(read.text, language=language, published=published, places=places,
                                      people=people, address=source_url)  # fmt: skip
    if not (title or "").strip() and read.title.endswith("…") and facts and facts.get("title"):
        title = facts["title"]  # the file's first line was a paragraph: the meeting's name reads better
    document = Document(
        body=body,
        kind=kind,
        title=((title or "").strip() or read.title or name)[:500],
        language=language,
        published_on=published,
        source_url=source_url,
        original_name=upload.name,
        file_kind=upload.kind,
        size=len(data),  # of what is stored: the bytes read
        text=read.text,
        sections=[{"title": s.title, "offset": s.offset, "level": s.level} for s in read.sections],
        truncated=read.truncated,
        content_hash=text_hash,
        minhash=signature,
        near_duplicate_of=_near_duplicate(actor, body, signature, bands),
        facts=facts,
        created_by=actor,
    )
    document.folded_title = fold(document.title, separators=True)
    document.folded_text = fold(document.text, separators=True)
    document.full_clean(exclude=["file", "folded_title", "folded_text", "minhash"])
    store_on(document, "file", ContentFile(data), name=document.original_name)
    try:
        document.save()
        DocumentBand.objects.bulk_create(
            DocumentBand(document=document, band=b) for b in dict.fromkeys(bands)
        )
        audit_record(obj=document, action="create", after=_summary(document), actor=actor)
    except BaseException:
        document.file.storage.delete(document.file.name or "")  # nothing kept half-way
        raise
    return document


@transaction.atomic
def document_update(*, actor: Actor | None, document: Document, **fields: Any) -> Document:
    """Correct what the file stated: kind, title, language, publication date, source address. A corrected
    language, publication date or source address reads an article's meeting facts again with it."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"document_update cannot set {sorted(unknown)}")
    if actor is not None:
        ensure_can(actor, "documents.change_document", document)
    locked = Document.objects.select_for_update().get(pk=document.pk)
    before = _summary(locked)
    if "source_url" in fields:
        fields["source_url"] = _check_url(fields["source_url"])
    if "title" in fields:
        fields["title"] = (fields["title"] or "").strip()
        if not fields["title"]:
            raise ValidationError({"title": _("Give the document a title.")})
    changed = {name for name, value in fields.items() if getattr(locked, name) != value}
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.folded_title = fold(locked.title, separators=True)
    locked.full_clean(exclude=["file", "folded_title", "folded_text", "minhash"])
    if changed & FACT_INPUTS and locked.kind in READ_KINDS:  # the facts follow what they were read with
        locked.facts = extraction.read_facts(
            locked.text, language=locked.language, published=locked.published_on, address=locked.source_url
        )
    locked.save()
    after = _summary(locked)
    if after != before:
        audit_record(obj=locked, action="update", before=before, after=after, actor=actor)
    return locked


@transaction.atomic
def document_delete(*, actor: Actor | None, document: Document) -> None:
    """Remove a document and its stored file (the file goes once the transaction commits)."""
    if actor is not None:
        ensure_can(actor, "documents.delete_document", document)
    storage, name = document.file.storage, document.file.name
    audited_delete(document, actor=actor)
    if name:
        transaction.on_commit(lambda: storage.delete(name))
