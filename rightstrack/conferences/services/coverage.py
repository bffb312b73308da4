"""What records a conference: its documents (checked by content) and the media's links to it."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from rightstrack.conferences.choices import MediaLanguage
from rightstrack.conferences.models import (
    Conference,
    ConferenceDocument,
    ConferenceMediaLink,
)
from rightstrack.core.audit import audit_record, audited_delete
from rightstrack.core.scope import ensure_can
from rightstrack.core.types import Actor
from rightstrack.exchange.stored_uploads import accept_upload, store_on

DOCUMENT_KINDS = frozenset({"pdf", "docx", "xlsx", "pptx", "odt", "ods", "png", "jpeg"})
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
MEDIA_SCHEMES = ("http", "https")


@transaction.atomic
def conference_document_add(
    *, actor: Actor | None, conference: Conference, uploaded_file: UploadedFile, title: str = ""
) -> ConferenceDocument:
    """Attach a checked file (type from its content, size limited, no macros) to the conference."""
    if actor is not None:
        ensure_can(actor, "conferences.change_conference", conference)
    upload = accept_upload(uploaded_file, allowed=set(DOCUMENT_KINDS), max_bytes=DOCUMENT_MAX_BYTES)
    document = ConferenceDocument(
        conference=conference, title=(title or "").strip()[:255], uploaded_by=actor, **upload.columns()
    )
    store_on(document, "file", uploaded_file, name=upload.name)
    document.save()
    audit_record(obj=document, action="create", actor=actor)
    return document


@transaction.atomic
def conference_document_delete(*, actor: Actor | None, document: ConferenceDocument) -> None:
    if actor is not None:
        ensure_can(actor, "conferences.change_conference", document.conference)
    storage, name = document.file.storage, document.file.name
    audited_delete(document, actor=actor)
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def conference_media_link_add(
    *,
    actor: Actor | None,
    conference: Conference,
    url: str,
    title: str,
    outlet: str = "",
    language: str = MediaLanguage.VI,
    published_on: datetime.date | None = None,
) -> ConferenceMediaLink:
    """Record an article about the conference: its address, title, outlet and language (never fetched)."""
    if actor is not None:
        ensure_can(actor, "conferences.change_conference", conference)
    url = (url or "").strip()
    if urlsplit(url).scheme.lower() not in MEDIA_SCHEMES:
        raise ValidationError({"url": _("Enter a web address that starts with http:// or https://.")})
    link = ConferenceMediaLink(
        conference=conference,
        url=url,
        title=(title or "").strip(),
        outlet=(outlet or "").strip(),
        language=language,
        published_on=published_on,
        added_by=actor,
    )
    link.full_clean()
    link.save()
    audit_record(obj=link, action="create", actor=actor)
    return link


@transaction.atomic
def conference_media_link_delete(*, actor: Actor | None, link: ConferenceMediaLink) -> None:
    if actor is not None:
        ensure_can(actor, "conferences.change_conference", link.conference)
    audited_delete(link, actor=actor)
