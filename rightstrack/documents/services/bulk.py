"""Documents in bulk: ``document_ingest_many`` does a folder or a ZIP one file at a time (each its own
transaction) with progress; the bulk job and the CLI call it, ``documents_ingest_archive`` queues the job.
"""

from __future__ import annotations

import io
import os
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from rightstrack.bodies.models import Body
from rightstrack.core.jobs.models import Job
from rightstrack.core.jobs.registry import Progress
from rightstrack.core.jobs.services import job_enqueue
from rightstrack.core.scope import ensure_can
from rightstrack.core.types import Actor
from rightstrack.documents import extraction
from rightstrack.documents.choices import DocumentJob, DocumentKind
from rightstrack.documents.models import Document
from rightstrack.documents.services.documents import (
    MAX_ARCHIVE_BYTES,
    MAX_BULK_FILES,
    MAX_DOCUMENT_BYTES,
    DuplicateDocument,
    document_ingest,
)
from rightstrack.exchange import uploads


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
