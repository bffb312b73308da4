"""Directive and task pages, the API and the CLI: within scope, forms that refuse bad input with the reason
and change nothing, one journey from a directive to a confirmed task."""

from __future__ import annotations

import datetime
import io
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from rightstrack.followup.choices import TaskStatus
from rightstrack.followup.models import Directive, DirectiveKind, Task, TaskReminder
from rightstrack.followup.services import task_reminders_send
from rightstrack.notifications.models import Notification
from tests.world import MINIMAL_PDF, World

pytestmark = pytest.mark.usefixtures("followup")


def test_the_office_records_a_directive_fans_it_out_and_confirms_a_task(
    world: World, client_for: Any
) -> None:
    office = client_for("secretariat", language="vi")
    conference = world.conferences().with_a
    response = office.post(
        reverse("followup:directive_create"),
        {
            "issuer": world.national.pk,
            "kind": DirectiveKind.objects.get(code="education").pk,
            "text": "Đẩy mạnh tuyên truyền, phổ biến pháp luật.",
            "conference": conference.pk,
            "issued_by_name": "Võ Minh Chương",
        },
    )
    assert response.status_code == 302
    directive = Directive.objects.get(text__startswith="Đẩy mạnh tuyên truyền")
    assert directive.issued_on == conference.date
    assign = reverse("followup:directive_assign", args=[directive.pk])
    response = office.post(assign, {"mode": "conference", "due_on": "2030-01-31"}, follow=True)
    assert "Đã giao 2 nhiệm vụ." in response.content.decode()
    again = office.post(assign, {"mode": "conference", "due_on": "2030-01-31"}, follow=True)
    assert "2 cơ quan đã có nhiệm vụ này." in again.content.decode()
    task = Task.objects.get(directive=directive, body=world.committee_a)

    # The province sees it on its home page and proposes it done with a file.
    focal = client_for("focal_a", language="vi")
    assert directive.text in focal.get(reverse("home")).content.decode()
    response = focal.post(
        reverse("followup:task_update", args=[task.pk]),
        {
            "text": "Đã tổ chức 5 hội nghị phổ biến pháp luật.",
            "propose_done": "on",
            "file": SimpleUploadedFile("kết quả.pdf", MINIMAL_PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS and task.done_proposed_at is not None
    page = office.get(reverse("home")).content.decode()
    assert "Nhiệm vụ chờ xác nhận" in page and world.committee_a.name in page

    # Done cannot be set by the province; the office confirms it.
    refused = focal.post(reverse("followup:task_update", args=[task.pk]), {"status": "done"})
    assert refused.status_code == 200  # the form again: "done" is not among the assignee's choices
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS
    office.post(reverse("followup:task_update", args=[task.pk]), {"status": "done", "text": "Xác nhận."})
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    detail = office.get(reverse("followup:directive_detail", args=[directive.pk])).content.decode()
    assert "directive-chart-data" in detail and "1/2 nhiệm vụ hoàn thành" in detail
    evidence = task.updates.get(proposes_done=True).evidence.get()
    download = focal.get(reverse("followup:evidence", args=[task.pk, evidence.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_due_date_before_the_directive_is_refused_on_the_form(world: World, client_for: Any) -> None:
    directive = world.followup().to_b
    before = Task.objects.count()
    response = client_for("secretariat", language="vi").post(
        reverse("followup:directive_assign", args=[directive.pk]),
        {"mode": "bodies", "bodies": [world.committee_a.pk], "due_on": "2025-01-01"},
    )
    assert response.status_code == 200
    assert "không thể trước ngày ban hành chỉ đạo (10/09/2025)" in response.content.decode()
    assert Task.objects.count() == before


def test_a_province_sees_a_directive_with_its_own_tasks_only(world: World, client_for: Any) -> None:
    directive = world.followup().from_conference
    page = (
        client_for("focal_a").get(reverse("followup:directive_detail", args=[directive.pk])).content.decode()
    )
    assert world.committee_a.name in page and world.hanoi_committee.name not in page
    tasks = client_for("focal_a").get(reverse("followup:task_list")).content.decode()
    assert world.followup().to_b.text not in tasks


def rows(response: Any) -> str:
    """The table's body: what the list shows (the filter form names every body)."""
    return str(response.content.decode().split("<tbody", 1)[-1])


def test_the_overdue_list_and_its_filter(world: World, client_for: Any) -> None:
    url = reverse("followup:task_overdue")
    page = rows(client_for("secretariat").get(url))
    assert world.committee_a.name in page and world.hanoi_committee.name in page
    only_a = rows(client_for("secretariat").get(url + f"?body={world.committee_a.pk}"))
    assert world.hanoi_committee.name not in only_a


def test_the_task_list_filters_by_computed_status(world: World, client_for: Any) -> None:
    url = reverse("followup:task_list")
    overdue = rows(client_for("secretariat").get(url + "?status=overdue"))
    assert world.committee_b.name not in overdue and world.committee_a.name in overdue
    bad = client_for("secretariat").get(url + "?status=late")
    assert bad.status_code == 400


def select_of(page: str, name: str) -> str:
    start = page.index(f'<select name="{name}"')
    return page[start : page.index("</select>", start)]


def test_the_assigned_to_list_leaves_the_commune_level_out_and_still_filters_by_a_commune_body(
    world: World, client_for: Any
) -> None:
    from rightstrack.bodies.choices import BodyKind, BodyLevel
    from rightstrack.followup.services import Target, tasks_assign
    from tests.factories import BodyFactory

    police: list[Any] = [
        BodyFactory(
            code=f"police-filter-{n}",
            name=f"Công an phường lọc {n}",
            kind=BodyKind.POLICE,
            level=BodyLevel.COMMUNE,
            parent=world.committee_a,
            unit=world.commune_a,
        )
        for n in range(2)
    ]
    directive = world.followup().to_b
    tasks_assign(
        actor=world.secretariat,
        directive=directive,
        target=Target(communes_of=world.committee_a),
        due_on=datetime.date(2030, 6, 30),
    )
    office = client_for("secretariat")
    url = reverse("followup:task_list")
    offered = select_of(office.get(url).content.decode(), "body")
    assert world.committee_a.name in offered and "Công an phường lọc" not in offered
    chosen = office.get(url + f"?body={police[0].pk}")
    assert chosen.status_code == 200
    page = chosen.content.decode()
    assert f'value="{police[0].pk}" selected' in select_of(page, "body")
    assert "Công an phường lọc 0" in rows(chosen) and "Công an phường lọc 1" not in rows(chosen)
    issuers = select_of(office.get(reverse("followup:directive_list")).content.decode(), "issuer")
    assert world.national.name in issuers and world.justice.name not in issuers  # committees issue


def test_the_ministry_updates_its_task_over_the_api(world: World, api_for: Any) -> None:
    task = world.followup().task_justice
    api = api_for("agency")
    listed = api.get("/api/tasks/").json()
    assert {row["id"] for row in listed["results"]} == {task.pk}
    response = api.post(
        f"/api/tasks/{task.pk}/progress/", {"text": "Đang soạn dự thảo.", "status": "in_progress"}
    )
    assert response.status_code == 201, response.content
    assert api.post(f"/api/tasks/{task.pk}/progress/", {"status": "done"}).status_code == 400
    other = Task.objects.get(directive=task.directive, body=world.foreign)
    assert api.post(f"/api/tasks/{other.pk}/progress/", {"text": "x"}).status_code == 404


def test_the_ministry_home_shows_its_task_not_the_nothing_assigned_placeholder(
    world: World, client_for: Any
) -> None:
    task = world.followup().task_justice
    page = client_for("agency", language="en").get(reverse("home")).content.decode()
    assert task.directive.text in page
    assert "Nothing is assigned to your body yet." not in page  # the fallback panel gives way


def test_a_provinces_home_lists_its_own_tasks_and_counts_those_of_its_communes_apart(
    world: World, client_for: Any
) -> None:
    from rightstrack.bodies.choices import BodyKind, BodyLevel
    from rightstrack.followup.services import Target, directive_create, tasks_assign
    from tests.factories import BodyFactory

    for n in range(3):
        BodyFactory(
            code=f"police-home-{n}",
            name=f"Công an phường thử {n}",
            kind=BodyKind.POLICE,
            level=BodyLevel.COMMUNE,
            parent=world.committee_a,
            unit=world.commune_a,
        )
    directive = directive_create(
        actor=world.secretariat,
        issuer=world.national,
        kind=DirectiveKind.objects.get(code="grassroots"),
        text="Giao công an cấp xã bảo đảm quyền con người ở cơ sở.",
        issued_on=datetime.date(2025, 1, 10),
    )
    tasks_assign(
        actor=world.secretariat,
        directive=directive,
        target=Target(communes_of=world.committee_a),
        due_on=datetime.date(2025, 3, 1),  # overdue
    )
    own = Task.objects.filter(body=world.committee_a, status__in=["open", "in_progress"]).first()
    assert own is not None
    page = client_for("focal_a", language="en").get(reverse("home")).content.decode()
    panel = page[page.index('id="home-tasks-title"') :]
    panel = panel[: panel.index("</section>")]
    assert "Công an phường thử" not in panel  # the communes' tasks are not listed on the province's home
    assert own.get_absolute_url() in panel  # its own task is listed
    assert "3 tasks of the bodies under yours (for example the commune level) are waiting, " in panel
    assert "3 overdue" in panel and reverse("followup:task_list") in panel


def test_the_api_fans_out_and_refuses_a_body_outside_the_issuer(world: World, api_for: Any) -> None:
    office = api_for("secretariat")
    created = office.post(
        "/api/directives/",
        {
            "issuer": world.committee_a.pk,
            "kind": DirectiveKind.objects.get(code="other").pk,
            "text": "Chỉ đạo của tỉnh A.",
            "issued_on": "2026-01-05",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    outside = office.post(
        f"/api/directives/{pk}/assign/",
        {"bodies": [world.committee_b.pk], "due_on": "2026-03-01"},
        format="json",
    )
    assert outside.status_code == 400 and world.committee_b.name in outside.content.decode()
    inside = office.post(
        f"/api/directives/{pk}/assign/", {"bodies": [world.pc_a.pk], "due_on": "2026-03-01"}, format="json"
    )
    assert inside.status_code == 200 and len(inside.json()["created"]) == 1
    assert api_for("focal_b").get(f"/api/directives/{pk}/").status_code == 404


def test_the_cli_lists_overdue_tasks(world: World) -> None:
    out = io.StringIO()
    call_command("tasks_overdue", "--json", "--today", "2026-02-01", stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert {row["body"] for row in rows} == {world.committee_a.code, world.hanoi_committee.code}
    assert all(row["days_overdue"] == 32 for row in rows)
    out = io.StringIO()
    call_command(
        "tasks_overdue",
        "--body",
        world.committee_a.code,
        "--today",
        "2026-02-01",
        stdout=out,
        stderr=io.StringIO(),
    )
    assert world.hanoi_committee.code not in out.getvalue() and world.committee_a.code in out.getvalue()


def test_reminders_go_out_once(world: World) -> None:
    task_b = world.followup().task_b
    soon = task_b.due_on - datetime.timedelta(days=3)
    assert task_reminders_send(today=soon) >= 1
    assert TaskReminder.objects.filter(task=task_b, kind="due_soon").count() == 1
    mail = Notification.objects.filter(user=world.focal_b, kind="task_due_soon")
    assert mail.count() == 1
    assert task_reminders_send(today=soon) == 0
    later = task_b.due_on + datetime.timedelta(days=1)
    task_reminders_send(today=later)
    task_reminders_send(today=later + datetime.timedelta(days=5))
    assert Notification.objects.filter(user=world.focal_b, kind="task_overdue").count() == 1


def test_dates_are_typed_day_first_whatever_the_browser(world: World, client_for: Any) -> None:
    """The directive's date, the fan-out's due date and the task list's "due by" filter are the house's
    dd/mm/yyyy text boxes, never the browser's own date field, and a day-first date is read as such."""
    office = client_for("secretariat", language="vi")
    directive = Directive.objects.create(
        issuer=world.national,
        kind=DirectiveKind.objects.get(code="education"),
        text="Rà soát.",
        issued_on=datetime.date(2026, 1, 5),
    )
    pages = [
        reverse("followup:directive_create"),
        reverse("followup:directive_assign", args=[directive.pk]),
        reverse("followup:task_list"),
    ]
    for url in pages:
        html = office.get(url).content.decode()
        assert 'type="date"' not in html, url
        assert 'placeholder="dd/mm/yyyy"' in html, url
    response = office.post(
        reverse("followup:directive_assign", args=[directive.pk]),
        {"mode": "bodies", "bodies": [world.committee_a.pk], "due_on": "31/01/2030"},
    )
    assert response.status_code == 302
    assert Task.objects.get(directive=directive).due_on == datetime.date(2030, 1, 31)
    listed = office.get(reverse("followup:task_list"), {"due_before": "30/01/2030"}).content.decode()
    assert "Rà soát." not in listed
    listed = office.get(reverse("followup:task_list"), {"due_before": "31/01/2030"}).content.decode()
    assert "Rà soát." in listed
