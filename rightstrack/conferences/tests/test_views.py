"""Conference pages and API: lists and calendar within scope, the detail linked to everything the reader may
open, forms that refuse bad input with the reason and change nothing."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rightstrack.conferences.models import Conference
from rightstrack.core.models import AuditEntry
from tests.world import CONFERENCE_DAY, MINIMAL_PDF, World

pytestmark = pytest.mark.usefixtures("conferences")


def form_data(world: World, **changes: Any) -> dict[str, Any]:
    return {
        "kind": "regional_review",
        "title": "Hội nghị sơ kết mới",
        "title_en": "New review",
        "date": "2025-08-20",
        "start_time": "08:00",
        "place": world.province_a.pk,
        "organiser": world.office.pk,
        "chair": world.conferences().chair_seat.pk,
        "cycle": world.reporting().cycle.pk,
        "attendee_count": "80",
        "participants_mode": "list",
        "participants": [world.committee_a.pk, world.committee_b.pk],
        "presenters": [world.committee_b.pk],
        "agenda": "1. Khai mạc",
        "minutes": "",
    } | changes


def test_the_list_shows_a_province_only_the_conferences_it_took_part_in(
    world: World, client_for: Any
) -> None:
    confs = world.conferences()
    page = client_for("focal_a", language="vi").get(reverse("conferences:conference_list")).content.decode()
    assert confs.with_a.title in page and confs.with_b.title not in page
    everything = (
        client_for("secretariat", language="vi").get(reverse("conferences:conference_list")).content.decode()
    )
    assert confs.with_a.title in everything and confs.with_b.title in everything


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("?kind=annual_review", {"with_b"}),
        ("?year=2025", {"with_a", "with_b"}),
        ("?year=2024", set()),
        ("?region={mekong}", {"with_b"}),
        ("?participant={committee_a}", {"with_a"}),
        ("?organiser={office}", {"with_a"}),
        ("?q=Cần Thơ", {"with_b"}),
    ],
)
def test_the_list_filters(query: str, shown: set[str], world: World, client_for: Any) -> None:
    confs = world.conferences()
    ids = {"mekong": world.region.pk, "committee_a": world.committee_a.pk, "office": world.office.pk}
    response = client_for("secretariat", language="vi").get(
        reverse("conferences:conference_list") + query.format(**ids)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert {name for name in ("with_a", "with_b") if getattr(confs, name).title in page} == shown


def test_a_participant_filter_outside_scope_is_refused_not_answered(world: World, client_for: Any) -> None:
    url = reverse("conferences:conference_list") + f"?participant={world.committee_b.pk}"
    response = client_for("focal_a").get(url)
    assert response.status_code == 400
    assert "Cần Thơ" not in response.content.decode()


def test_the_calendar_puts_the_conference_on_its_day(world: World, client_for: Any) -> None:
    confs = world.conferences()
    response = client_for("focal_a", language="vi").get(
        reverse("conferences:conference_calendar") + "?year=2025&month=8"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count(confs.with_a.get_absolute_url()) == 2  # in the grid and in the small-screen agenda
    assert '<time datetime="2025-08-02">2</time>' in page
    assert "year=2025&amp;month=7" in page and "year=2025&amp;month=9" in page
    september = client_for("focal_a", language="vi").get(
        reverse("conferences:conference_calendar") + "?year=2025&month=9"
    )
    assert confs.with_b.title not in september.content.decode()
    assert (
        client_for("focal_a").get(reverse("conferences:conference_calendar") + "?month=13").status_code == 400
    )


def test_the_detail_links_everything_the_reader_may_open(world: World, client_for: Any) -> None:
    confs, rep = world.conferences(), world.reporting()
    url = confs.with_a.get_absolute_url()
    page = client_for("secretariat").get(url).content.decode()
    for linked in (
        rep.report_a.get_absolute_url(),
        rep.cycle.get_absolute_url(),
        world.committee_a.get_absolute_url(),
        world.hanoi_committee.get_absolute_url(),
        world.province_a.get_absolute_url(),
        reverse("conferences:document", args=[confs.with_a.pk, confs.document.pk]),
        confs.media_link.url,
    ):
        assert linked in page, linked
    assert "Võ Minh Chương" in page and "Standing deputy head" in page
    # focal_a sees who took part, but links only to its own body and report
    own = client_for("focal_a").get(url).content.decode()
    assert "Ban Chỉ đạo tỉnh Hà Nội" in own and world.hanoi_committee.get_absolute_url() not in own
    assert rep.report_a.get_absolute_url() in own
    assert client_for("focal_a").get(confs.with_b.get_absolute_url()).status_code == 404
    assert client_for("agency").get(url).status_code == 404


def test_a_historic_place_is_shown_with_todays_successor(world: World, client_for: Any) -> None:
    from rightstrack.places.models import UnitSuccession

    UnitSuccession.objects.create(
        predecessor=world.quang_tri_old, successor=world.hue, effective_on=datetime.date(2025, 7, 1)
    )
    conference = world.conferences().with_a
    Conference.objects.filter(pk=conference.pk).update(place=world.quang_tri_old)
    page = client_for("secretariat", language="vi").get(conference.get_absolute_url()).content.decode()
    assert "Quảng Trị" in page and world.hue.get_absolute_url() in page


def test_the_form_records_a_conference(world: World, client_for: Any) -> None:
    response = client_for("secretariat").post(reverse("conferences:conference_create"), form_data(world))
    conference = Conference.objects.get(title="Hội nghị sơ kết mới")
    assert response.status_code == 302 and response["Location"] == conference.get_absolute_url()
    assert conference.participants.count() == 2
    assert conference.presentations.get().report == world.reporting().report_b


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"presenters": ["hanoi_committee"]}, "presenters", "Hà Nội"),
        ({"date": "2024-12-01"}, "date", "01/01/2025"),
        ({"chair": "ended_seat"}, "chair", "30/06/2025"),
        ({"organiser": "committee_a"}, "participants", "Cần Thơ"),
    ],
)
def test_the_form_refuses_bad_input_in_vietnamese_and_changes_nothing(
    changes: dict[str, Any], field: str, words: str, world: World, client_for: Any
) -> None:
    from tests.factories import MembershipFactory, PersonFactory

    ended: Any = MembershipFactory(
        body=world.national,
        person=PersonFactory(full_name="Đỗ Văn Cũ"),
        position="deputy_head",
        start_on=datetime.date(2020, 1, 1),
        end_on=datetime.date(2025, 6, 30),
    )
    values = {
        "hanoi_committee": world.hanoi_committee.pk,
        "ended_seat": ended.pk,
        "committee_a": world.committee_a.pk,
    }
    data = form_data(world)
    for name, value in changes.items():
        data[name] = [values[v] for v in value] if isinstance(value, list) else values.get(value, value)
    before = (Conference.objects.count(), AuditEntry.objects.count())
    response = client_for("secretariat", language="vi").post(reverse("conferences:conference_create"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert words in " ".join(form.errors[field])
    assert words in response.content.decode()
    assert (Conference.objects.count(), AuditEntry.objects.count()) == before


def test_the_form_offers_no_body_outside_the_users_scope(
    world: World, client_for: Any, provincial_secretariat: Any
) -> None:
    from tests.world import signed_in

    page = signed_in(provincial_secretariat).get(reverse("conferences:conference_create")).content.decode()
    assert "Ban Chỉ đạo Đà Nẵng" in page and "Ban Chỉ đạo Cần Thơ" not in page


def test_an_edit_keeps_what_is_not_changed(world: World, client_for: Any) -> None:
    conference = world.conferences().with_a
    data = form_data(
        world,
        title=conference.title,
        date="2025-08-02",
        participants=[world.committee_a.pk, world.hanoi_committee.pk],
        presenters=[world.committee_a.pk, world.hanoi_committee.pk],
    )
    response = client_for("secretariat").post(
        reverse("conferences:conference_edit", args=[conference.pk]), data
    )
    assert response.status_code == 302
    assert set(conference.presentations.values_list("body__code", flat=True)) == {"committee-a", "bcd-hanoi"}
    assert conference.documents.count() == 1 and conference.media_links.count() == 1


def test_a_document_and_an_article_are_added_from_the_page(world: World, client_for: Any) -> None:
    conference = world.conferences().with_b
    client = client_for("secretariat")
    upload = SimpleUploadedFile("Kết luận.pdf", MINIMAL_PDF, content_type="application/pdf")
    client.post(
        reverse("conferences:document_add", args=[conference.pk]), {"file": upload, "title": "Kết luận"}
    )
    (document,) = conference.documents.all()
    download = client_for("focal_b").get(reverse("conferences:document", args=[conference.pk, document.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    client.post(
        reverse("conferences:media_link_add", args=[conference.pk]),
        {"url": "https://example.org/a", "title": "Tin", "outlet": "Báo", "language": "vi"},
    )
    assert conference.media_links.get().url == "https://example.org/a"
    refused = client.post(
        reverse("conferences:media_link_add", args=[conference.pk]),
        {"url": "javascript:alert(1)", "title": "Tin", "language": "vi"},
    )
    assert refused.status_code == 302 and conference.media_links.count() == 1
    assert (
        client_for("focal_b")
        .post(reverse("conferences:document_delete", args=[conference.pk, document.pk]))
        .status_code
        == 403
    )


# API ----------------------------------------------------------------------------------------------------


def payload(world: World, **changes: Any) -> dict[str, Any]:
    return {
        "kind": "thematic_workshop",
        "title": "Hội thảo chuyên đề",
        "date": "2025-10-01",
        "organiser": world.office.pk,
        "chair": world.conferences().chair_seat.pk,
        "cycle": world.reporting().cycle.pk,
        "participants": [world.committee_a.pk, world.committee_b.pk],
        "presenters": [{"body": world.committee_a.pk}],
    } | changes


def test_the_api_lists_within_scope(world: World, api_for: Any) -> None:
    confs = world.conferences()
    ids = {row["id"] for row in api_for("focal_a").get("/api/conferences/").json()["results"]}
    assert ids == {confs.with_a.pk}
    detail = api_for("focal_a").get(f"/api/conferences/{confs.with_a.pk}/").json()
    assert detail["chair"]["person"] == "Võ Minh Chương"
    assert [p["body"]["code"] for p in detail["presentations"]] == ["committee-a"]
    assert {b["code"] for b in detail["participants"]} == {"committee-a", "bcd-hanoi"}
    assert api_for("focal_a").get(f"/api/conferences/{confs.with_b.pk}/").status_code == 404


def test_the_api_records_a_conference_and_refuses_bad_input(world: World, api_for: Any) -> None:
    client = api_for("secretariat")
    created = client.post("/api/conferences/", payload(world), format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["presentations"][0]["report"] == world.reporting().report_a.pk
    before = Conference.objects.count()
    bad = client.post(
        "/api/conferences/", payload(world, presenters=[{"body": world.hanoi_committee.pk}]), format="json"
    )
    assert bad.status_code == 400 and "presenters" in bad.json()
    early = client.post("/api/conferences/", payload(world, date="2024-06-01"), format="json")
    assert early.status_code == 400 and "date" in early.json()
    missing_cycle = client.post("/api/conferences/", payload(world, cycle=10**6), format="json")
    assert missing_cycle.status_code == 400 and "cycle" in missing_cycle.json()
    assert Conference.objects.count() == before
    assert api_for("focal_a").post("/api/conferences/", payload(world), format="json").status_code == 403


def test_the_api_changes_only_what_is_sent(world: World, api_for: Any) -> None:
    conference = world.conferences().with_a
    response = api_for("secretariat").patch(
        f"/api/conferences/{conference.pk}/", {"attendee_count": 140}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["attendee_count"] == 140
    assert conference.participants.count() == 2 and conference.presentations.count() == 1
    moved = api_for("secretariat").patch(
        f"/api/conferences/{conference.pk}/",
        {"date": CONFERENCE_DAY.replace(year=2024).isoformat()},
        format="json",
    )
    assert moved.status_code == 400 and "date" in moved.json()


def test_the_form_sets_the_order_of_presentation(world: World, client_for: Any) -> None:
    conference = world.conferences().with_a
    client = client_for("secretariat")
    url = reverse("conferences:conference_edit", args=[conference.pk])
    data = form_data(
        world,
        title=conference.title,
        date="2025-08-02",
        participants=[world.committee_a.pk, world.committee_b.pk, world.hanoi_committee.pk],
        presenters=[world.committee_a.pk, world.committee_b.pk, world.hanoi_committee.pk],
        presenter_order="Hà Nội\nCần Thơ",  # part of a name is enough; A, left out, follows
    )
    assert client.post(url, data).status_code == 302
    order = list(conference.presentations.order_by("order").values_list("body_id", flat=True))
    assert order == [world.hanoi_committee.pk, world.committee_b.pk, world.committee_a.pk]
    assert "Hà Nội" in client.get(url).content.decode().split('name="presenter_order"')[1][:400]
    unknown = client.post(url, data | {"presenter_order": "Hà Nội\nHải Phòng"})
    assert unknown.status_code == 200 and "Hải Phòng" in unknown.content.decode()
    ambiguous = client.post(url, data | {"presenter_order": "Ban"})
    assert ambiguous.status_code == 200
    assert list(conference.presentations.order_by("order").values_list("body_id", flat=True)) == order


def test_the_api_sets_the_order_of_presentation(world: World, api_for: Any) -> None:
    conference = world.conferences().with_a
    client = api_for("secretariat")
    response = client.patch(
        f"/api/conferences/{conference.pk}/",
        {
            "participants": [world.committee_a.pk, world.committee_b.pk],
            "presenters": [{"body": world.committee_a.pk}, {"body": world.committee_b.pk, "order": 1}],
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    presented = [p["body"]["id"] for p in response.json()["presentations"]]
    assert presented == [world.committee_b.pk, world.committee_a.pk]
    bad = client.patch(
        f"/api/conferences/{conference.pk}/",
        {"presenters": [{"body": world.committee_a.pk, "order": 0}]},
        format="json",
    )
    assert bad.status_code == 400 and "presenters" in bad.json()


def test_the_minutes_leave_as_an_official_word_document(world: World, client_for: Any) -> None:
    import io

    import docx

    from rightstrack.conferences.services import conference_update
    from rightstrack.exchange.official import MOTTO, NATIONAL_NAME

    conference = world.conferences().with_a
    conference_update(
        actor=None, conference=conference, agenda="1. Khai mạc\n2. Báo cáo", minutes="Hội nghị thống nhất."
    )
    client = client_for("focal_a")  # a participant reads the record
    assert "data-conference-minutes" in client.get(conference.get_absolute_url()).content.decode()
    response = client.get(reverse("conferences:conference_minutes", args=[conference.pk]))
    assert response.status_code == 200
    name = response["Content-Disposition"]
    assert "bien-ban-" in name and conference.date.isoformat() in name and f"-{conference.pk}." not in name
    word = docx.Document(io.BytesIO(response.content))
    heading = word.tables[0].rows[0].cells
    assert NATIONAL_NAME in heading[1].text and MOTTO in heading[1].text and "Số:" in heading[0].text
    texts = [p.text for p in word.paragraphs]
    assert "BIÊN BẢN" in texts and conference.title in texts
    assert "Hội nghị thống nhất." in texts and "2. Báo cáo" in texts
    chair = world.conferences().chair_seat
    assert chair.person.full_name in word.tables[-1].rows[0].cells[1].text  # signed by the chair
    assert "Nơi nhận:" in word.tables[-1].rows[0].cells[0].text
    other = world.conferences().with_b  # B's conference: not A's to read
    assert client.get(reverse("conferences:conference_minutes", args=[other.pk])).status_code == 404
