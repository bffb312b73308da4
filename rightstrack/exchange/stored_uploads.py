"""Keep an accepted upload on a model row: ``accept_upload`` checks the file (``uploads.check_upload``) and
says what the row records of it; ``store_on`` puts the file in the row's file field.

The services that own the rows call both, in their transaction, and write the audit record themselves: this
module knows files, not rows (it imports no app's model and saves no row). It stands apart from ``uploads``,
which is the checks and near the size past which a module is split (tests/test_module_size.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.base import File
from django.db.models import Model

from rightstrack.exchange.uploads import (
    DEFAULT_MAX_BYTES,
    UploadLike,
    check_upload,
    clean_upload_name,
    size_of,
)

CONTENT_TYPE_CHARS = 100  # the length of the rows' ``content_type`` column


@dataclass(frozen=True)
class CheckedUpload:
    """What a row records of an accepted upload."""

    kind: str  # found from the content, one of those allowed
    name: str  # the name to store and show: ``clean_upload_name`` of the name it came with
    size: int  # in bytes: the upload's ``.size``, else measured
    content_type: str  # as the browser declared it (never trusted: ``kind`` is), cut to the column

    def columns(self) -> dict[str, Any]:
        """As a row's fields, by the names the upload rows (attachments, conference documents) give them."""
        return {
            "original_name": self.name,
            "size": self.size,
            "content_type": self.content_type,
            "kind": self.kind,
        }


def accept_upload(
    file: UploadLike,
    *,
    allowed: set[str],
    max_bytes: int = DEFAULT_MAX_BYTES,
    name: str = "",
    refuse_misnamed: bool = False,
) -> CheckedUpload:
    """Check ``file`` by its content (``ValidationError`` as ``check_upload`` raises it); say what to record.

    ``name``: the name it came with, where that is not its own ``.name``. ``refuse_misnamed``: a name that
    claims another kind than the content's (a PDF named ``.docx``) is refused, as ``check_upload`` does.
    """
    name = name or getattr(file, "name", "") or ""
    kind = check_upload(file, allowed=allowed, max_bytes=max_bytes, name=name if refuse_misnamed else None)
    return CheckedUpload(
        kind=kind,
        name=clean_upload_name(name, kind),
        size=size_of(file),
        content_type=(getattr(file, "content_type", "") or "")[:CONTENT_TYPE_CHARS],
    )


def store_on(instance: Model, field_name: str, content: File, *, name: str) -> None:
    """Save ``content``, from its start, in ``instance``'s file field ``field_name`` under ``name`` (the
    field's ``upload_to`` makes the stored path); the row is left unsaved, for its service to save."""
    content.seek(0)
    getattr(instance, field_name).save(name, content, save=False)
