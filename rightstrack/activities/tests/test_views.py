"""Activity pages: the list within scope with its filters and totals; the list form saves twenty rows at
once, shows every problem by row and column and saves nothing then; edit and delete; the import pages."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from rightstrack.activities.models import Activity
from rightstrack.activities.tests.conftest import good_row, workbook
from rightstrack.core.jobs.models import Job
from rightstrack.core.models import AuditEntry
from tests.world import Activities, World

pytestmark = pytest.mark.usefixtures("activities")
LIST = "activities:activity_list"


def grid(world: World, rows: list[dict[str, Any]], *, total: int = 20, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "body": world.committee_a.pk,
        "rows-TOTAL_FORMS": str(max(total, len(rows))),
        "rows-INITIAL_FORMS": str(extra.pop("rows_initial", 0)),
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "500",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"rows-{index}-{name}"] = value
    return data | extra


def entry(n: int, **changes: Any) -> dict[str, Any]:
    return {
        "date": "15/06/2025",
        "kind": "awareness",
        "topic": f"Buổi tuyên truyền {n}",
        "participants": str(10 + n),
        "officials_trained": "",
        "place_text": "Xã Hải Châu",
    } | changes


def test_the_list_shows_a_province_its_own_activities_with_totals(world: World, signed_in: Any) -> None:
    acts = world.activities()
    page = signed_in("focal_a").get(reverse(LIST)).content.decode()
    assert acts.a_training.topic in page and acts.pc_a_dissemination.topic in page
    assert acts.b_awareness.topic not in page
    assert 'data-total="count">3<' in page and 'data-total="participants">400<' in page
    assert 'data-total="officials">30<' in page


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("?kind=training", 1),
        ("?body={pc_a}", 1),
        ("?audience={women}", 1),
        ("?cycle={cycle}", 4),
        ("?date_from=2025-04-01", 2),
        ("?q=tôn giáo", 1),
    ],
)
def test_filters(world: World, signed_in: Any, query: str, count: int) -> None:
    from rightstrack.activities.models import AudienceGroup

    query = query.format(
        pc_a=world.pc_a.pk,
        women=AudienceGroup.objects.get(code="women").pk,
        cycle=world.reporting().cycle.pk,
    )
    response = signed_in("admin").get(reverse(LIST) + query)
    assert response.status_code == 200
    assert f'data-total="count">{count}<' in response.content.decode()


def test_a_bad_filter_answers_400(signed_in: Any) -> None:
    assert signed_in("admin").get(reverse(LIST) + "?date_from=31/31/2025").status_code == 400


def test_the_list_form_offers_twenty_rows(world: World, signed_in: Any) -> None:
    page = signed_in("focal_a").get(reverse("activities:activity_entry")).content.decode()
    assert 'name="rows-TOTAL_FORMS" value="20"' in page
    assert 'name="rows-19-topic"' in page and world.committee_a.name in page


def test_twenty_rows_are_saved_by_one_post(world: World, signed_in: Any) -> None:
    response = signed_in("focal_a").post(
        reverse("activities:activity_entry"), grid(world, [entry(n) for n in range(20)])
    )
    assert response.status_code == 302
    assert Activity.objects.filter(topic__startswith="Buổi tuyên truyền ").count() == 20


def test_blank_rows_are_skipped(world: World, signed_in: Any) -> None:
    signed_in("focal_a").post(reverse("activities:activity_entry"), grid(world, [entry(1), {}, entry(2)]))
    assert Activity.objects.filter(topic__startswith="Buổi tuyên truyền ").count() == 2


def test_errors_are_shown_by_row_and_column_and_nothing_is_saved(world: World, signed_in: Any) -> None:
    rows = [entry(1), entry(2, participants="nhiều"), entry(3, date="32/01/2025"), entry(4, kind="")]
    response = signed_in("focal_a").post(reverse("activities:activity_entry"), grid(world, rows))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_rows-1-participants"' in page and 'href="#id_rows-2-date"' in page
    assert 'href="#id_rows-3-kind"' in page
    assert "Row 2, Participants" in page
    assert not Activity.objects.filter(topic__startswith="Buổi tuyên truyền ").exists()
    assert 'value="Buổi tuyên truyền 1"' in page  # what was typed stays


def test_a_duplicate_row_is_refused_by_the_service_and_shown_on_its_row(world: World, signed_in: Any) -> None:
    response = signed_in("focal_a").post(
        reverse("activities:activity_entry"), grid(world, [entry(1), entry(1)])
    )
    assert response.status_code == 400
    assert "as row 1" in response.content.decode()
    assert not Activity.objects.filter(topic="Buổi tuyên truyền 1").exists()


def test_add_rows_without_script_keeps_what_was_typed(world: World, signed_in: Any) -> None:
    response = signed_in("focal_a").post(
        reverse("activities:activity_entry"), grid(world, [entry(1)], add_rows="1")
    )
    page = response.content.decode()
    assert 'name="rows-TOTAL_FORMS" value="30"' in page and 'value="Buổi tuyên truyền 1"' in page
    assert not Activity.objects.filter(topic="Buổi tuyên truyền 1").exists()


def test_a_month_of_activities_is_changed_and_deleted_in_the_list_form(world: World, signed_in: Any) -> None:
    acts: Activities = world.activities()
    client = signed_in("focal_a")
    page = client.get(reverse("activities:activity_entry") + f"?body={world.committee_a.pk}&month=2025-03")
    assert f'value="{acts.a_training.topic}"' in page.content.decode()
    data = grid(
        world,
        [
            {
                "id": str(acts.a_training.pk),
                "date": "10/03/2025",
                "kind": "training",
                "topic": acts.a_training.topic,
                "participants": "125",
                "officials_trained": "31",
            },
        ],
        rows_initial=1,
    )
    assert client.post(reverse("activities:activity_entry"), data).status_code == 302
    acts.a_training.refresh_from_db()
    assert (acts.a_training.participants, acts.a_training.officials_trained) == (125, 31)
    data["rows-0-DELETE"] = "on"
    assert client.post(reverse("activities:activity_entry"), data).status_code == 302
    assert not Activity.objects.filter(topic=acts.a_training.topic).exists()


def test_the_month_is_typed_as_people_write_it(world: World, signed_in: Any) -> None:
    acts: Activities = world.activities()
    client = signed_in("focal_a", language="vi")
    base = reverse("activities:activity_entry") + f"?body={world.committee_a.pk}&month="
    page = client.get(base + "03/2025").content.decode()
    assert f'value="{acts.a_training.topic}"' in page
    assert 'type="month"' not in page and 'name="month" value="03/2025" placeholder="mm/yyyy"' in page
    assert 'value="03/2025"' in client.get(base + "2025-03").content.decode()  # older links still open it
    assert f'value="{acts.a_training.topic}"' not in client.get(base + "13/2025").content.decode()


def test_the_list_form_cannot_change_another_bodys_activity(world: World, signed_in: Any) -> None:
    acts: Activities = world.activities()
    data = grid(
        world,
        [
            {
                "id": str(acts.b_awareness.pk),
                "date": "14/02/2025",
                "kind": "awareness",
                "topic": "X",
                "participants": "1",
            }
        ],
        rows_initial=1,
    )
    response = signed_in("focal_a").post(reverse("activities:activity_entry"), data)
    assert response.status_code == 400
    acts.b_awareness.refresh_from_db()
    assert acts.b_awareness.topic == "Truyền thông về quyền trẻ em"


def test_the_list_form_for_a_body_outside_scope_is_not_found(world: World, signed_in: Any) -> None:
    client = signed_in("focal_a")
    assert (
        client.get(reverse("activities:activity_entry") + f"?body={world.committee_b.pk}").status_code == 404
    )
    data = grid(world, [entry(1)], body=world.committee_b.pk)
    assert client.post(reverse("activities:activity_entry"), data).status_code == 404


def test_one_activity_is_edited_and_deleted(world: World, signed_in: Any) -> None:
    acts: Activities = world.activities()
    client = signed_in("focal_a")
    url = reverse("activities:activity_edit", args=[acts.a_awareness.pk])
    response = client.post(
        url,
        {
            "date": "2025-04-02",
            "kind": "awareness",
            "topic": "Đã sửa",
            "participants": "81",
            "officials_trained": "",
        },
    )
    assert response.status_code == 302
    acts.a_awareness.refresh_from_db()
    assert acts.a_awareness.topic == "Đã sửa" and not acts.a_awareness.audiences.exists()
    pk = acts.a_awareness.pk
    assert client.post(reverse("activities:activity_delete", args=[pk])).status_code == 302
    assert AuditEntry.objects.filter(action="delete", object_id=str(pk)).exists()


def test_the_template_downloads(signed_in: Any) -> None:
    response = signed_in("focal_a").get(reverse("activities:import_template"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")


def test_an_upload_is_checked_then_imported_on_confirmation(
    world: World, signed_in: Any, django_capture_on_commit_callbacks: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    client = signed_in("focal_a")
    file = workbook([good_row(topic=f"Từ tệp {n}") for n in range(3)])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("activities:import"), {"body": world.committee_a.pk, "file": file, "dry_run": "on"}
        )
    job = Job.objects.filter(kind="activities.import_xlsx").latest("pk")
    assert response.status_code == 302 and job.state == "succeeded"
    page = client.get(job.success_url()).content.decode()
    assert 'data-import="checked"' in page and "Từ tệp 2" in page
    assert not Activity.objects.filter(topic__startswith="Từ tệp").exists()
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(reverse("activities:import_confirm", args=[job.pk]))
    assert confirmed.status_code == 302
    assert Activity.objects.filter(topic__startswith="Từ tệp").count() == 3
    # Someone else's job is not found.
    assert signed_in("focal_b").get(reverse("activities:import_result", args=[job.pk])).status_code == 404


def test_an_upload_with_problems_lists_them_and_cannot_be_confirmed(
    world: World, signed_in: Any, django_capture_on_commit_callbacks: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    client = signed_in("focal_a", language="vi")
    file = workbook([good_row(), good_row(topic="B", participants="năm mươi")])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("activities:import"), {"body": world.committee_a.pk, "file": file})
    job = Job.objects.filter(kind="activities.import_xlsx").latest("pk")
    page = client.get(reverse("activities:import_result", args=[job.pk])).content.decode()
    assert 'data-import="refused"' in page and 'data-error-row="3" data-error-column="E"' in page
    client.post(reverse("activities:import_confirm", args=[job.pk]))
    assert not Activity.objects.filter(topic="B").exists()


def test_a_file_that_is_not_a_workbook_is_refused_on_the_form(world: World, signed_in: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    file = SimpleUploadedFile("a.xlsx", b"%PDF-1.4\n%%EOF\n")
    response = signed_in("focal_a").post(
        reverse("activities:import"), {"body": world.committee_a.pk, "file": file}
    )
    assert response.status_code == 400
    assert not Job.objects.filter(kind="activities.import_xlsx").exists()


def test_dates_in_the_list_form_take_three_formats(world: World, signed_in: Any) -> None:
    rows = [entry(1, date="2025-06-16"), entry(2, date="45824"), entry(3, date="17/06/2025")]
    assert (
        signed_in("focal_a").post(reverse("activities:activity_entry"), grid(world, rows)).status_code == 302
    )
    days = dict(Activity.objects.filter(topic__startswith="Buổi tuyên truyền ").values_list("topic", "date"))
    assert days == {
        "Buổi tuyên truyền 1": datetime.date(2025, 6, 16),
        "Buổi tuyên truyền 2": datetime.date(2025, 6, 16),  # Excel's day 45824
        "Buổi tuyên truyền 3": datetime.date(2025, 6, 17),
    }
