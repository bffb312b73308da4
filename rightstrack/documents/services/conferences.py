"""Documents and conferences: ``conference_from_document`` turns an article's confirmed facts into a new
conference (through the conferences' services) or links it to the conference it covers.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rightstrack.bodies.models import Body, Membership
from rightstrack.conferences.models import Conference
from rightstrack.conferences.services import Participants, conference_create
from rightstrack.core.audit import audit_record
from rightstrack.core.scope import ensure_can
from rightstrack.core.types import Actor
from rightstrack.documents.models import Document
from rightstrack.documents.services.documents import _summary
from rightstrack.places.models import AdministrativeUnit


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
