"""Every write on conferences: keyword-only, atomic, scope-checked for every body, unit, seat, cycle and
report it sets, audited. A refusal (``ValidationError``) changes nothing: each call is one transaction.
Split by concept: ``participants`` (who takes part and who presents), ``conferences`` (the conference
itself), ``coverage`` (its documents and media links).
"""

from rightstrack.conferences.choices import ConferenceKind
from rightstrack.conferences.services.conferences import (
    CONFERENCE_FIELDS,
    conference_create,
    conference_delete,
    conference_update,
)
from rightstrack.conferences.services.coverage import (
    DOCUMENT_KINDS,
    DOCUMENT_MAX_BYTES,
    MEDIA_SCHEMES,
    conference_document_add,
    conference_document_delete,
    conference_media_link_add,
    conference_media_link_delete,
)
from rightstrack.conferences.services.participants import AS_OF_MODES, Participants, Presenter, in_order

__all__ = [
    "AS_OF_MODES",
    "CONFERENCE_FIELDS",
    "DOCUMENT_KINDS",
    "DOCUMENT_MAX_BYTES",
    "MEDIA_SCHEMES",
    "ConferenceKind",
    "Participants",
    "Presenter",
    "conference_create",
    "conference_delete",
    "conference_document_add",
    "conference_document_delete",
    "conference_media_link_add",
    "conference_media_link_delete",
    "conference_update",
    "in_order",
]
