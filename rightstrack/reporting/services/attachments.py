"""A report's attached files, checked by content, added and removed by its writers."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from rightstrack.accounts.models import User
from rightstrack.core.audit import audit_record, audited_delete
from rightstrack.core.scope import ensure_can
from rightstrack.exchange.stored_uploads import accept_upload, store_on
from rightstrack.reporting.models import (
    Attachment,
    Report,
)
from rightstrack.reporting.services.reports import ensure_editable, lock_report

ATTACHMENT_KINDS = frozenset({"pdf", "docx", "xlsx", "odt", "ods", "png", "jpeg"})
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024


@transaction.atomic
def attachment_add(*, actor: User | None, report: Report, uploaded_file: UploadedFile) -> Attachment:
    """Attach a checked file (type detected from its content, size limited) to an editable report.

    Attachments do not change the report's version, so uploading never makes a colleague's text save stale.
    """
    if actor is not None:
        ensure_can(actor, "reporting.change_report", report)
    locked = lock_report(report)
    ensure_editable(locked)
    upload = accept_upload(
        uploaded_file,
        allowed=set(ATTACHMENT_KINDS),
        max_bytes=ATTACHMENT_MAX_BYTES,
        refuse_misnamed=True,  # a PDF named .docx is refused, as the Word import refuses it
    )
    attachment = Attachment(report=locked, uploaded_by=actor, **upload.columns())
    store_on(attachment, "file", uploaded_file, name=upload.name)
    attachment.save()
    locked.last_activity_at = timezone.now()
    locked.save(update_fields=["last_activity_at"])
    audit_record(obj=attachment, action="create", actor=actor)
    return attachment


@transaction.atomic
def attachment_delete(*, actor: User | None, attachment: Attachment) -> None:
    """Remove an attachment from an editable report; the stored file goes once the transaction commits."""
    if actor is not None:
        ensure_can(actor, "reporting.change_report", attachment.report)
    locked = lock_report(attachment.report)
    ensure_editable(locked)
    file_field = attachment.file
    storage, name = file_field.storage, file_field.name
    audited_delete(attachment, actor=actor)
    if name:
        transaction.on_commit(lambda: storage.delete(name))
