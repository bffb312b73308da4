"""Every write on documents: keyword-only, atomic, scope-checked for every body and conference it sets,
audited. A refusal (``ValidationError``) changes nothing, and no file is stored for it.

``document_ingest`` takes one file: checked by content (``exchange.uploads``), read (``exchange.articles``),
fingerprinted (``fingerprints``), refused when the same text is already kept, flagged when nearly the same
text is, and read for meeting facts when it is an article or a meeting report in Vietnamese or English.
``document_ingest_many`` does a folder or a ZIP one file at a time (each its own transaction) with progress:
the bulk job and the CLI call it. ``conference_from_document`` turns an article's confirmed facts into a
new conference (through the conferences' services) or links it to the conference it covers.
"""

from __future__ import annotations

import datetime
import io
import os
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from rightstrack.bodies.models import Body, Membership
from rightstrack.conferences.models import Conference
from rightstrack.conferences.services import Participants, conference_create
from rightstrack.core.audit import audit_record, audited_delete
from rightstrack.core.jobs.models import Job
from rightstrack.core.jobs.registry import Progress
from rightstrack.core.jobs.services import job_enqueue
from rightstrack.core.scope import ensure_can, scoped
from rightstrack.core.text import fold
from rightstrack.core.types import Actor
from rightstrack.documents import extraction, fingerprints
from rightstrack.documents.choices import DocumentJob, DocumentKind, DocumentLanguage
from rightstrack.documents.models import Document, DocumentBand
from rightstrack.exchange import uploads
from rightstrack.exchange.articles import KINDS, read_document
from rightstrack.nlp.language import detect_language
from rightstrack.places.models import AdministrativeUnit

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
    file_kind = uploads.check_upload(uploaded_file, allowed=set(KINDS), max_bytes=MAX_DOCUMENT_BYTES)
    uploaded_file.seek(0)
    data = uploaded_file.read(MAX_DOCUMENT_BYTES + 1)
    read = read_document(data, file_kind)
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
        original_name=uploads.clean_upload_name(os.path.basename(name), file_kind)[:255],
        file_kind=file_kind,
        size=len(data),
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
    document.file.save(document.original_name, ContentFile(data), save=False)
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


# In bulk ---------------------------------------------------------------------------------------------------


@dataclass
class IngestOutcome:
    name: str
    status: str  # "added", "duplicate", "refused"
    message: str = ""
    document: int | None = None
    near_duplicate_of: int | None = None


@dataclass
class IngestSummary:
    outcomes: list[IngestOutcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    def as_data(self) -> dict[str, Any]:
        return {
            "added": self.count("added"),
            "duplicates": self.count("duplicate"),
            "refused": self.count("refused"),
            "files": [outcome.__dict__ for outcome in self.outcomes],
        }


def _members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    return sorted(
        (
            m
            for m in archive.infolist()
            if not m.is_dir() and not os.path.basename(m.filename).startswith(".")
        ),
        key=lambda m: m.filename,
    )


Opener = Callable[[], IO[bytes]]


def archive_entries(data: IO[bytes]) -> list[tuple[str, Opener]]:
    """The files of a ZIP archive, checked as a whole first (member count, sizes, ratio, names); each is
    unpacked only when its opener is called (one at a time: the memory holds one document, not the ZIP's)."""
    uploads.check_upload(data, allowed={uploads.ZIP}, max_bytes=MAX_ARCHIVE_BYTES)
    archive = zipfile.ZipFile(data)
    members = _members(archive)
    if len(members) > MAX_BULK_FILES:
        raise ValidationError(
            _("The archive holds %(count)s files; at most %(limit)s are read at once.")
            % {"count": len(members), "limit": MAX_BULK_FILES},
            code="too_many",
        )
    return [(member.filename, _member_opener(archive, member)) for member in members]


def _member_opener(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> Opener:
    def unpack() -> IO[bytes]:
        if member.file_size > MAX_DOCUMENT_BYTES:
            return _TooLarge(member.file_size)
        with archive.open(member) as handle:
            return io.BytesIO(handle.read(MAX_DOCUMENT_BYTES + 1))

    return unpack


class _TooLarge(io.BytesIO):
    """A member over the limit, never unpacked: its declared size is what ``check_upload`` reads."""

    def __init__(self, size: int) -> None:
        super().__init__(b"")
        self.size = size


def _file_opener(path: str) -> Opener:
    def read() -> IO[bytes]:
        size = os.path.getsize(path)
        if size > MAX_DOCUMENT_BYTES:
            return _TooLarge(size)  # refused by its size, never read
        with open(path, "rb") as handle:
            return io.BytesIO(handle.read(MAX_DOCUMENT_BYTES + 1))

    return read


def _refusal(error: ValidationError) -> Opener:
    def refuse() -> IO[bytes]:
        raise error

    return refuse


def path_entries(paths: Sequence[str]) -> list[tuple[str, Opener | str]]:
    """Files named on the command line: a file, every file of a folder (recursively), a ZIP's files; a
    ZIP refused as a whole (a bomb, too many files) is reported with its reason."""
    files: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, names in os.walk(path):
                dirs.sort()
                files += [os.path.join(root, n) for n in sorted(names) if not n.startswith(".")]
        else:
            files.append(path)
    entries: list[tuple[str, Opener | str]] = []
    for path in files:
        if zipfile.is_zipfile(path) and uploads.kind_of_name(path) is None:  # a .zip, not a .docx
            handle = open(path, "rb")  # noqa: SIM115 - open while its members are read
            try:
                entries += [(f"{path}/{name}", opener) for name, opener in archive_entries(handle)]
            except ValidationError as error:
                entries.append((path, _refusal(error)))
            continue
        entries.append((path, _file_opener(path)))
    return entries


def document_ingest_many(
    *,
    actor: Actor | None,
    body: Body,
    entries: Sequence[tuple[str, Opener | str]],
    kind: str = DocumentKind.ARTICLE,
    progress: Progress | None = None,
) -> IngestSummary:
    """Ingest each file (an opener giving its bytes) in its own transaction; a refused file is reported
    with its reason and the rest go on. Safe to run again: a file already kept comes back as a duplicate."""
    if actor is not None:
        ensure_can(actor, "bodies.view_body", body)
        ensure_can(actor, "documents.add_document", Document(body=body))
    summary = IngestSummary()
    places = extraction.PlaceResolver()
    people = extraction.known_people()
    if progress is not None:
        progress.start(len(entries), gettext_noop("Reading documents…"))
    for name, opener in entries:
        try:
            handle = _file_opener(opener)() if isinstance(opener, str) else opener()
        except ValidationError as error:
            summary.outcomes.append(
                IngestOutcome(name=name, status="refused", message=" ".join(error.messages))
            )
        except (OSError, zipfile.BadZipFile, EOFError, zlib.error) as error:
            message = _("This file is damaged or unreadable (%(reason)s).") % {"reason": type(error).__name__}
            summary.outcomes.append(IngestOutcome(name=name, status="refused", message=message))
        else:
            _ingest_one(actor, body, kind, name, handle, summary, places, people)
        if progress is not None:
            progress.advance(1, gettext_noop("Reading documents…"))
    return summary


def _ingest_one(
    actor: Actor | None,
    body: Body,
    kind: str,
    name: str,
    handle: IO[bytes],
    summary: IngestSummary,
    places: Any,
    people: Any,
) -> None:
    try:
        document = document_ingest(actor=actor, body=body, uploaded_file=handle, name=os.path.basename(name),
                                   kind=kind, places=places, people=people)  # fmt: skip
    except DuplicateDocument as error:
        summary.outcomes.append(
            IngestOutcome(
                name=name, status="duplicate", message=" ".join(error.messages), document=error.existing.pk
            )  # fmt: skip
        )
    except ValidationError as error:
        summary.outcomes.append(IngestOutcome(name=name, status="refused", message=" ".join(error.messages)))
    else:
        summary.outcomes.append(
            IngestOutcome(
                name=name,
                status="added",
                document=document.pk,
                near_duplicate_of=document.near_duplicate_of_id,
            )  # fmt: skip
        )


def documents_ingest_archive(*, actor: Actor | None, archive: IO[bytes], body: Body, kind: str) -> Job:
    """Queue the bulk ingestion of a ZIP for ``body``: the archive is checked as a whole first (member
    count, sizes, ratio, names), so a bomb is refused here and never reaches a worker."""
    if actor is not None:
        ensure_can(actor, "bodies.view_body", body)
        ensure_can(actor, "documents.add_document", Document(body=body))
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Choose the kind of document.")})
    try:
        uploads.check_upload(archive, allowed={uploads.ZIP}, max_bytes=MAX_ARCHIVE_BYTES)
    except ValidationError as error:
        raise ValidationError({"archive": error.error_list}) from None
    name = (getattr(archive, "name", "") or "")[:200]
    return job_enqueue(
        actor=actor,
        kind=DocumentJob.INGEST,
        params={"body": body.pk, "kind": kind, "file_name": name},
        idempotency_key="",  # every upload is new work
        input_file=File(archive, name=name or "documents.zip"),
    )


# Conferences -----------------------------------------------------------------------------------------------


@transaction.atomic
def conference_from_document(
    *,
    actor: Actor | None,
    document: Document,
    conference: Conference | None = None,
    kind: str = "",
    title: str = "",
    title_en: str = "",
    date: datetime.date | None = None,
    place: AdministrativeUnit | None = None,
    venue: str = "",
    organiser: Body | None = None,
    chair: Membership | None = None,
    attendee_count: int | None = None,
    participants: Sequence[Body] = (),
    presenters: Sequence[Body] = (),
) -> Conference:
    """The article covers ``conference`` (an existing one: it is linked to it), or a new conference made
    from the fields a person confirmed or corrected (created by the conferences' service, which checks every
    body, unit and seat it names), and the article linked to it as its coverage."""
    if actor is not None:
        ensure_can(actor, "documents.change_document", document)
    locked = Document.objects.select_for_update().get(pk=document.pk)
    before = _summary(locked)
    if conference is not None:
        if actor is not None:
            ensure_can(actor, "conferences.view_conference", conference)
    else:
        if organiser is None or date is None or not kind or not (title or "").strip():
            raise ValidationError(
                _(
                    "Give the new conference its kind, title, date and organising body, or choose "
                    "the conference "
                    "this article covers."
                )  # fmt: skip
            )
        conference = conference_create(
            actor=actor,
            kind=kind,
            title=title.strip(),
            title_en=(title_en or "").strip(),
            date=date,
            organiser=organiser,
            place=place,
            venue=(venue or "").strip()[:255],
            chair=chair,
            attendee_count=attendee_count,
            participants=Participants(bodies=list(dict.fromkeys([*participants, *presenters]))),
            presenters=list(dict.fromkeys(presenters)),
        )
    locked.conference = conference
    locked.save(update_fields=["conference"])
    audit_record(obj=locked, action="update", before=before, after=_summary(locked), actor=actor)
    return conference


@transaction.atomic
def document_unlink_conference(*, actor: Actor | None, document: Document) -> Document:
    """The article does not cover that conference after all: the link goes, the conference stays."""
    if actor is not None:
        ensure_can(actor, "documents.change_document", document)
    locked = Document.objects.select_for_update().get(pk=document.pk)
    before = _summary(locked)
    locked.conference = None
    locked.save(update_fields=["conference"])
    audit_record(obj=locked, action="update", before=before, after=_summary(locked), actor=actor)
    return locked


__all__ = [
    "DuplicateDocument",
    "conference_from_document",
    "document_delete",
    "document_ingest",
    "document_ingest_many",
    "documents_ingest_archive",
    "document_unlink_conference",
    "document_update",
]
