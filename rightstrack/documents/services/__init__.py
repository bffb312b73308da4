"""Every write on documents: keyword-only, atomic, scope-checked for every body and conference it sets,
audited. A refusal (``ValidationError``) changes nothing, and no file is stored for it. Split by concept:
``documents`` (one file in, corrected, removed), ``bulk`` (a folder or a ZIP, the job), ``conferences`` (an
article made into a conference or linked to one).
"""

from rightstrack.documents.services.bulk import (
    IngestOutcome,
    IngestSummary,
    Opener,
    archive_entries,
    document_ingest_many,
    documents_ingest_archive,
    path_entries,
)
from rightstrack.documents.services.conferences import conference_from_document, document_unlink_conference
from rightstrack.documents.services.documents import (
    EDITABLE_FIELDS,
    MAX_ARCHIVE_BYTES,
    MAX_BULK_FILES,
    MAX_DOCUMENT_BYTES,
    READ_KINDS,
    DuplicateDocument,
    document_delete,
    document_ingest,
    document_update,
)

__all__ = [
    "EDITABLE_FIELDS",
    "MAX_ARCHIVE_BYTES",
    "MAX_BULK_FILES",
    "MAX_DOCUMENT_BYTES",
    "READ_KINDS",
    "DuplicateDocument",
    "IngestOutcome",
    "IngestSummary",
    "Opener",
    "archive_entries",
    "conference_from_document",
    "document_delete",
    "document_ingest",
    "document_ingest_many",
    "documents_ingest_archive",
    "document_unlink_conference",
    "document_update",
    "path_entries",
]
