"""Every write on conferences: keyword-only, atomic, scope-checked for every body, unit, seat, cycle and
report it sets, audited. A refusal (``ValidationError``) changes nothing: each call is one transaction."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from rightstrack.bodies.models import Body, Membership
from rightstrack.bodies.rules import acting_for
from rightstrack.conferences.choices import ConferenceKind, MediaLanguage, ParticipantsMode
from rightstrack.conferences.models import (
    Conference,
    ConferenceDocument,
    ConferenceMediaLink,
    ConferenceParticipant,
    ConferencePresentation,
)
from rightstrack.core.audit import audit_record, audited_delete, snapshot
from rightstrack.core.collation import vi_order
from rightstrack.core.scope import ensure_can
from rightstrack.core.text import vi_sorted
from rightstrack.core.types import Actor
from rightstrack.exchange.uploads import check_upload, clean_upload_name
from rightstrack.places.models import AdministrativeUnit, Region
from rightstrack.reporting.models import Report, ReportingCycle
from rightstrack.reporting.selectors import provincial_committees_on

DOCUMENT_KINDS = frozenset({"pdf", "docx", "xlsx", "pptx", "odt", "ods", "png", "jpeg"})
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
MEDIA_SCHEMES = ("http", "https")
AS_OF_MODES = (ParticipantsMode.REGION, ParticipantsMode.ALL_PROVINCIAL)  # participants taken as of a date

# What the conference's own form and the API set directly (participants and presenters are chosen apart).
CONFERENCE_FIELDS = (
    "kind",
    "title",
    "title_en",
    "date",
    "start_time",
    "end_time",
    "place",
    "venue",
    "organiser",
    "chair",
    "cycle",
    "attendee_count",
    "agenda",
    "minutes",
)


@dataclass(frozen=True)
class Presenter:
    """A presenting body and the report it presented (None: its report of the reviewed cycle, if any);
    ``order``, its place in the order of presentation (1 first; None: after those given one, as listed)."""

    body: Body
    report: Report | None = None
    order: int | None = None


def in_order(presenters: Sequence[Body | Presenter]) -> list[Presenter]:
    """The presenters in the order they present: those given an ``order`` by it, then the others as listed."""
    specs = [p if isinstance(p, Presenter) else Presenter(body=p) for p in presenters]
    for spec in specs:
        if spec.order is not None and spec.order < 1:
            raise ValidationError(
                {"presenters": _("The order of presentation starts at 1 (who presents first).")}
            )
    ranked = sorted(
        enumerate(specs),
        key=lambda item: (item[1].order is None, item[1].order or 0, item[0]),
    )
    return [spec for _index, spec in ranked]


@dataclass(frozen=True)
class Participants:
    """How the participants are chosen: exactly one of a list, a region, all provincial committees, or the
    reviewed cycle's participants; ``on`` is the day the region or the committees are taken as of."""

    bodies: Sequence[Body] | None = None
    region: Region | None = None
    all_provincial: bool = False
    from_cycle: bool = False
    on: datetime.date | None = None

    @property
    def mode(self) -> str:
        if self.region is not None:
            return ParticipantsMode.REGION
        if self.all_provincial:
            return ParticipantsMode.ALL_PROVINCIAL
        if self.from_cycle:
            return ParticipantsMode.CYCLE
        return ParticipantsMode.LIST


def _day(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


def _unique(bodies: Iterable[Body]) -> list[Body]:
    seen: dict[int, Body] = {}
    for body in bodies:
        seen.setdefault(body.pk, body)
    return list(seen.values())


def _names(bodies: Iterable[Body]) -> str:
    return ", ".join(vi_sorted(body.name for body in bodies))


def _check_references(actor: Actor | None, fields: dict[str, Any]) -> None:
    """Every object the call names must be within the actor's scope (404 otherwise, like a missing one)."""
    if actor is None:
        return
    checks = {
        "organiser": "bodies.view_body",
        "chair": "bodies.view_membership",
        "place": "places.view_administrativeunit",
        "cycle": "reporting.view_reportingcycle",
    }
    for name, permission in checks.items():
        value = fields.get(name)
        if value is not None:
            ensure_can(actor, permission, value)


def _choose(conference: Conference, choice: Participants, actor: Actor | None) -> list[Body]:
    """The participating bodies ``choice`` names, each within the actor's and the organiser's scope."""
    ways = [choice.bodies is not None, choice.region is not None, choice.all_provincial, choice.from_cycle]
    if sum(ways) > 1:
        raise ValidationError(
            _(
                "Choose the participants one way: a list of bodies, a region, all provincial committees, "
                "or the participants of the reviewed cycle."
            )
        )
    if actor is not None and choice.region is not None:
        ensure_can(actor, "places.view_region", choice.region)
    as_of = choice.on or conference.date
    if choice.from_cycle:
        if conference.cycle is None:
            raise ValidationError(
                {"participants_mode": _("Choose the cycle reviewed to take its participants.")}
            )
        bodies = [
            p.body
            for p in conference.cycle.participants.select_related("body").order_by(vi_order("body__name"))
        ]
    elif choice.region is not None or choice.all_provincial:
        bodies = list(provincial_committees_on(as_of, region=choice.region))
    else:
        bodies = _unique(choice.bodies or ())
    if actor is not None:
        for body in bodies:
            ensure_can(actor, "bodies.view_body", body)
    reach = acting_for(conference.organiser)
    assert reach is not None
    outside = [body for body in bodies if not body.path.startswith(reach.path)]
    if outside:
        raise ValidationError(
            {
                "participants": ValidationError(
                    _(
                        "These bodies are outside the scope of the organising body (%(organiser)s): "
                        "%(names)s. Choose participants from the organiser's own bodies, or another "
                        "organiser."
                    ),
                    params={"organiser": conference.organiser.name, "names": _names(outside)},
                )
            }
        )
    return bodies


def _check_conference(conference: Conference) -> None:
    """The rules between the fields: the chair held the seat on the day, the cycle had begun by then."""
    errors: dict[str, Any] = {}
    chair: Membership | None = conference.chair
    if chair is not None and conference.date:
        if chair.person_id is None:
            errors["chair"] = _("The chair is a person: choose a seat held by a person, not by an agency.")
        elif not chair.is_current(conference.date):
            errors["chair"] = ValidationError(
                _(
                    "%(person)s held no position in %(body)s on %(date)s (this seat as %(position)s ran "
                    "from %(start)s to %(end)s). Choose who held a position on the day."
                ),
                params={
                    "person": chair.person.full_name if chair.person else "",
                    "body": chair.body.name,
                    "date": _day(conference.date),
                    "position": chair.get_position_display(),
                    "start": _day(chair.start_on),
                    "end": _day(chair.end_on) if chair.end_on else _("today"),
                },
            )
    cycle: ReportingCycle | None = conference.cycle
    if cycle is not None and conference.date and conference.date < cycle.period_start:
        errors["date"] = ValidationError(
            _(
                "The cycle “%(cycle)s” begins on %(start)s: on %(date)s there was nothing of it to review. "
                "Check the date or the cycle."
            ),
            params={
                "cycle": cycle.display_name,
                "start": _day(cycle.period_start),
                "date": _day(conference.date),
            },
        )
    if errors:
        raise ValidationError(errors)


def _presentations(
    conference: Conference, bodies: list[Body], presenters: Sequence[Body | Presenter], actor: Actor | None
) -> list[ConferencePresentation]:
    """Unsaved presentation rows: each presenter a participant, each report its own in the reviewed cycle,
    numbered in the order of presentation (``in_order``)."""
    specs = in_order(presenters)
    participating = {body.pk for body in bodies}
    strangers = [spec.body for spec in specs if spec.body.pk not in participating]
    if strangers:
        raise ValidationError(
            {
                "presenters": ValidationError(
                    _("Only participants present: %(names)s do not take part in this conference."),
                    params={"names": _names(strangers)},
                )
            }
        )
    cycle = conference.cycle
    found: dict[int, Report] = {}
    if cycle is not None:
        wanted = [spec.body.pk for spec in specs if spec.report is None]
        found = {r.body_id: r for r in Report.objects.filter(cycle=cycle, body_id__in=wanted)}
    rows: list[ConferencePresentation] = []
    seen: set[int] = set()
    for order, spec in enumerate(specs, start=1):
        if spec.body.pk in seen:
            continue
        seen.add(spec.body.pk)
        report = spec.report
        if report is not None:
            if actor is not None:
                ensure_can(actor, "reporting.view_report", report)
            if cycle is None or report.cycle_id != cycle.pk or report.body_id != spec.body.pk:
                raise ValidationError(
                    {
                        "presenters": ValidationError(
                            _(
                                "The report presented by %(body)s must be its own report of the cycle "
                                "reviewed."
                            ),
                            params={"body": spec.body.name},
                        )
                    }
                )
        else:
            report = found.get(spec.body.pk)
        rows.append(ConferencePresentation(conference=conference, body=spec.body, report=report, order=order))
    return rows


def _state(conference: Conference) -> dict[str, Any]:
    """What an audit record keeps of a conference: its fields, participants and presenters."""
    return {
        **snapshot(conference),
        "participants": sorted(conference.participants.values_list("body_id", flat=True)),
        "presenters": [[p.body_id, p.report_id] for p in conference.presentations.order_by("order", "id")],
    }


def _write_rows(
    conference: Conference, bodies: list[Body] | None, rows: list[ConferencePresentation] | None
) -> None:
    if bodies is not None:
        conference.participants.exclude(body__in=bodies).delete()
        present = set(conference.participants.values_list("body_id", flat=True))
        ConferenceParticipant.objects.bulk_create(
            ConferenceParticipant(conference=conference, body=body)
            for body in bodies
            if body.pk not in present
        )
    if rows is not None:
        conference.presentations.all().delete()
        ConferencePresentation.objects.bulk_create(rows)


@transaction.atomic
def conference_create(
    *,
    actor: Actor | None,
    kind: str,
    title: str,
    date: datetime.date,
    organiser: Body,
    title_en: str = "",
    start_time: datetime.time | None = None,
    end_time: datetime.time | None = None,
    place: AdministrativeUnit | None = None,
    venue: str = "",
    chair: Membership | None = None,
    cycle: ReportingCycle | None = None,
    attendee_count: int | None = None,
    agenda: str = "",
    minutes: str = "",
    participants: Participants | None = None,
    presenters: Sequence[Body | Presenter] = (),
) -> Conference:
    """A conference with its participating bodies and presenters, in one step or not at all."""
    fields: dict[str, Any] = {
        "kind": kind,
        "title": title,
        "title_en": title_en,
        "date": date,
        "start_time": start_time,
        "end_time": end_time,
        "place": place,
        "venue": venue,
        "organiser": organiser,
        "chair": chair,
        "cycle": cycle,
        "attendee_count": attendee_count,
        "agenda": agenda,
        "minutes": minutes,
    }
    if actor is not None:
        ensure_can(actor, "conferences.add_conference", Conference(organiser=organiser))
    _check_references(actor, fields)
    choice = participants or Participants(bodies=[])
    conference = Conference(
        **fields,
        participants_mode=choice.mode,
        region=choice.region,
        participants_on=(choice.on or date) if choice.mode in AS_OF_MODES else None,
        created_by=actor,
    )
    conference.full_clean()
    _check_conference(conference)
    bodies = _choose(conference, choice, actor)
    rows = _presentations(conference, bodies, presenters, actor)
    conference.save()
    _write_rows(conference, bodies, rows)
    audit_record(obj=conference, action="create", after=_state(conference), actor=actor)
    return conference


@transaction.atomic
def conference_update(
    *,
    actor: Actor | None,
    conference: Conference,
    participants: Participants | None = None,
    presenters: Sequence[Body | Presenter] | None = None,
    **fields: Any,
) -> Conference:
    """Change a conference's fields; ``participants`` (a new choice) and ``presenters`` replace the rows
    when given. Everything is checked against the state after the change, in one transaction."""
    unknown = set(fields) - set(CONFERENCE_FIELDS)
    if unknown:
        raise TypeError(f"conference_update cannot set {sorted(unknown)}")
    if actor is not None:
        ensure_can(actor, "conferences.change_conference", conference)
    locked = Conference.objects.select_for_update().get(pk=conference.pk)
    before = _state(locked)
    _check_references(actor, fields)
    if actor is not None and "organiser" in fields and fields["organiser"] != locked.organiser:
        ensure_can(actor, "conferences.add_conference", Conference(organiser=fields["organiser"]))
    for name, value in fields.items():
        setattr(locked, name, value)
    if participants is not None:
        locked.participants_mode = participants.mode
        locked.region = participants.region
        locked.participants_on = (
            (participants.on or locked.date) if participants.mode in AS_OF_MODES else None
        )
    locked.full_clean()
    _check_conference(locked)
    if participants is not None:
        bodies = _choose(locked, participants, actor)
    else:  # the present participants must still fit the (perhaps new) organiser
        present = [p.body for p in locked.participants.select_related("body")]
        bodies = _choose(locked, Participants(bodies=present), actor)
    if presenters is None:
        kept = [
            Presenter(body=p.body, report=p.report if locked.cycle_id and p.report_id else None)
            for p in locked.presentations.select_related("body", "report").order_by("order", "id")
        ]
        if any(p.report is not None and p.report.cycle_id != locked.cycle_id for p in kept):
            kept = [
                Presenter(body=p.body) for p in kept
            ]  # the cycle changed: each body's report of the new one
        presenters = kept
    rows = _presentations(locked, bodies, presenters, actor)
    locked.save()
    _write_rows(locked, bodies, rows)
    after = _state(locked)
    if after != before:
        audit_record(obj=locked, action="update", before=before, after=after, actor=actor)
    return locked


@transaction.atomic
def conference_delete(*, actor: Actor | None, conference: Conference) -> None:
    """Remove a conference, its rows and its stored files (the files go once the transaction commits)."""
    if actor is not None:
        ensure_can(actor, "conferences.delete_conference", conference)
    files = [(d.file.storage, d.file.name) for d in conference.documents.all() if d.file.name]
    audited_delete(conference, actor=actor)

    def remove_files() -> None:
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(remove_files)


# Documents and media coverage ----------------------------------------------------------------------------


@transaction.atomic
def conference_document_add(
    *, actor: Actor | None, conference: Conference, uploaded_file: UploadedFile, title: str = ""
) -> ConferenceDocument:
    """Attach a checked file (type from its content, size limited, no macros) to the conference."""
    if actor is not None:
        ensure_can(actor, "conferences.change_conference", conference)
    kind = check_upload(uploaded_file, allowed=set(DOCUMENT_KINDS), max_bytes=DOCUMENT_MAX_BYTES)
    original_name = clean_upload_name(uploaded_file.name or "", kind)
    document = ConferenceDocument(
        conference=conference,
        title=(title or "").strip()[:255],
        original_name=original_name,
        size=uploaded_file.size or 0,
        content_type=(getattr(uploaded_file, "content_type", "") or "")[:100],
        kind=kind,
        uploaded_by=actor,
    )
    uploaded_file.seek(0)
    document.file.save(original_name, uploaded_file, save=False)
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


__all__ = [
    "CONFERENCE_FIELDS",
    "DOCUMENT_KINDS",
    "DOCUMENT_MAX_BYTES",
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
