"""Conferences: written in one step with their participants and presenters; every bad input refused with a
translated reason and nothing changed; seen by the organiser's scope and by each participant's."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import translation

from rightstrack.conferences.models import Conference, ConferencePresentation
from rightstrack.conferences.services import (
    Participants,
    Presenter,
    conference_create,
    conference_document_add,
    conference_media_link_add,
    conference_update,
)
from rightstrack.core.models import AuditEntry
from rightstrack.core.scope import can_see, scoped
from tests.factories import MembershipFactory, PersonFactory
from tests.world import CONFERENCE_DAY, World

pytestmark = pytest.mark.usefixtures("conferences")


def create(world: World, **changes: Any) -> Conference:
    rep = world.reporting()
    fields: dict[str, Any] = {
        "actor": world.secretariat,
        "kind": "regional_review",
        "title": "Hội nghị sơ kết",
        "date": CONFERENCE_DAY,
        "organiser": world.office,
        "cycle": rep.cycle,
        "chair": world.conferences().chair_seat,
        "participants": Participants(bodies=[world.committee_a, world.committee_b]),
        "presenters": [world.committee_b],
    }
    return conference_create(**(fields | changes))


def counts() -> tuple[int, int]:
    return Conference.objects.count(), AuditEntry.objects.count()


def refused(world: World, field: str, **changes: Any) -> str:
    """The call is refused on ``field`` with a Vietnamese message, and nothing is written."""
    before = counts()
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        create(world, **changes)
    assert counts() == before
    messages = caught.value.message_dict[field]
    assert messages
    return " ".join(messages)


def test_a_conference_is_recorded_with_its_participants_presenters_and_audit(world: World) -> None:
    conference = create(world)
    assert set(conference.participants.values_list("body__code", flat=True)) == {"committee-a", "committee-b"}
    (presentation,) = conference.presentations.all()
    assert presentation.body == world.committee_b
    assert presentation.report == world.reporting().report_b  # its report of the reviewed cycle, found
    entry = AuditEntry.objects.for_object(conference).get()
    assert entry.after is not None
    assert entry.action == "create" and entry.actor == world.secretariat
    assert sorted(entry.after["participants"]) == sorted([world.committee_a.pk, world.committee_b.pk])
    assert entry.after["presenters"] == [[world.committee_b.pk, world.reporting().report_b.pk]]


def test_participants_outside_the_organisers_scope_are_refused(world: World) -> None:
    message = refused(
        world,
        "participants",
        organiser=world.committee_a,
        chair=None,
        participants=Participants(bodies=[world.pc_a, world.committee_b]),
        presenters=[],
    )
    assert "Ban Chỉ đạo Cần Thơ" in message and "ngoài phạm vi" in message
    assert "Ủy ban nhân dân Đà Nẵng" not in message


def test_a_presenting_body_must_take_part(world: World) -> None:
    message = refused(
        world,
        "presenters",
        participants=Participants(bodies=[world.committee_a]),
        presenters=[world.committee_b],
    )
    assert "Ban Chỉ đạo Cần Thơ" in message and "không tham dự" in message


def test_a_report_presented_must_be_the_bodys_own_in_the_reviewed_cycle(world: World) -> None:
    rep = world.reporting()
    message = refused(
        world, "presenters", presenters=[Presenter(body=world.committee_b, report=rep.report_a)]
    )
    assert "Ban Chỉ đạo Cần Thơ" in message


def test_a_date_before_the_reviewed_cycle_begins_is_refused(world: World) -> None:
    message = refused(world, "date", date=datetime.date(2024, 12, 31))
    assert "01/01/2025" in message and "31/12/2024" in message


def test_a_chair_who_held_no_position_on_the_day_is_refused(world: World) -> None:
    ended = MembershipFactory(
        body=world.national,
        person=PersonFactory(full_name="Đỗ Văn Cũ"),
        position="deputy_head",
        start_on=datetime.date(2020, 1, 1),
        end_on=datetime.date(2025, 6, 30),
    )
    message = refused(world, "chair", chair=ended)
    assert "Đỗ Văn Cũ" in message and "02/08/2025" in message and "30/06/2025" in message
    later = MembershipFactory(
        body=world.national, person=PersonFactory(full_name="Mai Văn Mới"), start_on=datetime.date(2025, 9, 1)
    )
    assert "Mai Văn Mới" in refused(world, "chair", chair=later)


def test_an_agencys_seat_cannot_chair(world: World) -> None:
    assert refused(world, "chair", chair=world.seat_national)


def test_only_the_standing_office_and_administrators_organise(world: World) -> None:
    for persona in ("focal_a", "reviewer", "agency"):
        with pytest.raises((PermissionDenied, Http404)):
            create(
                world,
                actor=world.users[persona],
                organiser=world.committee_a,
                chair=None,
                presenters=[],
                participants=Participants(bodies=[world.committee_a]),
            )
    assert create(world, actor=world.admin).pk


def test_a_participant_outside_the_actors_scope_is_not_found(
    world: World, provincial_secretariat: Any
) -> None:
    before = counts()
    with pytest.raises(Http404):
        create(
            world,
            actor=provincial_secretariat,
            organiser=world.committee_a,
            chair=None,
            cycle=None,
            participants=Participants(bodies=[world.committee_a, world.committee_b]),
            presenters=[],
        )
    assert counts() == before


def test_participants_of_a_region_as_of_a_date(world: World) -> None:
    conference = create(
        world,
        participants=Participants(region=world.north_central, on=datetime.date(2025, 6, 1)),
        presenters=[],
    )
    assert set(conference.participants.values_list("body__code", flat=True)) == {"bcd-hue", "bcd-quang-tri"}
    assert conference.participants_mode == "region" and conference.participants_on == datetime.date(
        2025, 6, 1
    )
    later = create(world, participants=Participants(region=world.north_central), presenters=[])
    assert set(later.participants.values_list("body__code", flat=True)) == {"bcd-hue"}  # as of the day


def test_participants_of_the_reviewed_cycle(world: World) -> None:
    conference = create(world, participants=Participants(from_cycle=True), presenters=[world.committee_a])
    assert set(conference.participants.values_list("body__code", flat=True)) == {"committee-a", "committee-b"}
    assert conference.presentations.get().report == world.reporting().report_a


def test_two_ways_of_choosing_participants_are_refused(world: World) -> None:
    before = counts()
    with pytest.raises(ValidationError):
        create(world, participants=Participants(bodies=[world.committee_a], all_provincial=True))
    assert counts() == before


def test_an_update_that_breaks_a_rule_changes_nothing(world: World) -> None:
    conference = world.conferences().with_a
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as caught:
        conference_update(
            actor=world.secretariat,
            conference=conference,
            title="Đổi tên",
            participants=Participants(bodies=[world.hanoi_committee]),  # A presents: it must stay
        )
    assert "presenters" in caught.value.message_dict
    conference.refresh_from_db()
    assert conference.title != "Đổi tên" and AuditEntry.objects.count() == before
    assert conference.participants.count() == 2


def test_an_update_replaces_presenters_and_records_before_and_after(world: World) -> None:
    conference = world.conferences().with_a
    conference_update(actor=world.secretariat, conference=conference, presenters=[world.hanoi_committee])
    (presentation,) = ConferencePresentation.objects.filter(conference=conference)
    assert presentation.body == world.hanoi_committee and presentation.report is None  # not in the cycle
    entry = AuditEntry.objects.for_object(conference).filter(action="update").get()
    assert entry.before is not None
    assert entry.before["presenters"] == [[world.committee_a.pk, world.reporting().report_a.pk]]


def test_a_participating_province_sees_the_conference_but_cannot_change_it(world: World) -> None:
    confs = world.conferences()
    focal_a = world.users["focal_a"]
    assert set(scoped(focal_a, Conference.objects.all())) == {confs.with_a}
    assert set(scoped(world.users["focal_b"], Conference.objects.all())) == {confs.with_b}
    assert not scoped(world.users["agency"], Conference.objects.all()).exists()
    assert can_see(focal_a, confs.with_a) and not can_see(focal_a, confs.with_b)
    assert not focal_a.has_perm("conferences.change_conference", confs.with_a)
    secretariat = scoped(world.secretariat, Conference.objects.all())
    assert secretariat.count() == 2  # one row each, however many participants are in scope


def test_a_document_is_checked_by_its_content(world: World) -> None:
    conference = world.conferences().with_a
    with translation.override("vi"), pytest.raises(ValidationError):
        conference_document_add(
            actor=world.secretariat,
            conference=conference,
            uploaded_file=SimpleUploadedFile(
                "bien-ban.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
            ),
        )
    assert conference.documents.count() == 1


def test_a_media_link_must_be_a_web_address(world: World) -> None:
    conference = world.conferences().with_a
    for url in ("javascript:alert(1)", "file:///etc/passwd", "ftp://example.org/x"):
        with pytest.raises(ValidationError):
            conference_media_link_add(actor=world.secretariat, conference=conference, url=url, title="Tin")
    assert conference.media_links.count() == 1
