"""The home page is each role's work list (decision 0018): what a writer, a reviewer, an administrator and an
agency focal point find there."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from rightstrack.accounts.services import user_create
from rightstrack.core.jobs.models import Job, JobState
from rightstrack.reporting.models import Report
from rightstrack.reporting.selectors.home import review_panel, writer_panel
from rightstrack.reporting.services import report_return, report_save, report_submit
from tests.world import Reporting, World


def home(client: Any) -> str:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def panels(client: Any) -> dict[str, Any]:
    response = client.get(reverse("home"))
    return {item["template"]: item["data"] for item in response.context["home_panels"]}


def test_the_writer_finds_the_due_report_with_sections_written_and_figures_missing(
    world: World, reporting: Reporting, signed_in: Any
) -> None:
    today = datetime.date(2025, 7, 10)
    (row,) = writer_panel(user=world.focal_a, today=today)["rows"]  # type: ignore[index]
    assert row.report.pk == reporting.report_a.pk
    assert row.days_left == 5
    assert (row.sections_written, row.sections_total) == (1, reporting.template.sections.count())
    assert row.figures_missing == reporting.template.indicators.count()
    assert row.latest_comment is None

    page = home(signed_in("focal_a"))
    assert "Your report for First half of 2025" in page
    assert f"1 of {row.sections_total} sections written" in page
    assert "figures missing" in page
    assert "Was due on 15/07/2025" in page  # the deadline has passed by today


def test_the_writer_sees_the_latest_reviewer_comment_and_a_submitted_report_stays(
    world: World, reporting: Reporting, signed_in: Any
) -> None:
    report = report_submit(actor=world.focal_a, report=reporting.report_a)
    page = home(signed_in("focal_a"))
    assert "Submitted" in page and "Sent on" in page  # still on the writer's home, with its status

    report_return(actor=world.reviewer, report=report, comments=[(None, "Bổ sung số liệu về tập huấn.")])
    page = home(signed_in("focal_a"))
    assert "Returned for revision" in page
    assert "Bổ sung số liệu về tập huấn." in page
    assert "Latest comment from" in page


def test_the_vietnamese_writer_reads_it_in_vietnamese(reporting: Reporting, signed_in: Any) -> None:
    page = home(signed_in("focal_a", language="vi"))
    assert ">Báo cáo 6 tháng đầu năm 2025<" in page
    assert "Đã viết 1/" in page and "mục" in page


def test_the_reviewer_finds_the_queue_the_overdue_and_the_late(
    world: World, reporting: Reporting, signed_in: Any
) -> None:
    data = panels(signed_in("reviewer"))["reporting/home/review.html"]
    assert [r.pk for r in data["queue"].rows] == [reporting.report_b.pk]  # submitted, waiting
    assert [r.pk for r in data["overdue"].rows] == [reporting.report_a.pk]  # never sent, deadline passed
    assert [r.pk for r in data["late"].rows] == [reporting.report_b.pk]  # sent after the deadline
    page = home(signed_in("reviewer"))
    assert "Waiting for review" in page and "Not sent" in page and "waiting for" in page


def test_the_review_queue_keeps_to_the_scope(world: World, reporting: Reporting) -> None:
    assert review_panel(user=world.secretariat)["queue"].total == 1
    # A focal point never gets the review panel; the selector itself keeps to the scope as well.
    assert review_panel(user=world.focal_a)["queue"].total == 0


def test_what_changed_since_the_last_visit(world: World, reporting: Reporting) -> None:
    later = timezone.now()
    assert review_panel(user=world.reviewer, since=later)["changed"].total == 0
    report_save(
        actor=world.focal_a,
        report=Report.objects.get(pk=reporting.report_a.pk),
        expected_version=Report.objects.get(pk=reporting.report_a.pk).version,
        sections={"situation": "<p>Thêm một đoạn.</p>"},
        figures={},
    )
    changed = review_panel(user=world.reviewer, since=later)["changed"]
    assert [r.pk for r in changed.rows] == [reporting.report_a.pk]


def test_signing_in_remembers_the_previous_visit(world: World, client: Any) -> None:
    from rightstrack.core.views.pages import PREVIOUS_VISIT_SESSION_KEY

    user = world.reviewer
    user.set_password("a long passphrase 2025")
    user.save()
    user.last_login = timezone.now() - datetime.timedelta(days=3)
    user.save(update_fields=["last_login"])
    client.post(reverse("login"), {"username": user.username, "password": "a long passphrase 2025"})
    kept = datetime.datetime.fromisoformat(client.session[PREVIOUS_VISIT_SESSION_KEY])
    assert abs((kept - user.last_login).total_seconds()) < 1
    assert "Thay đổi từ lần truy cập trước" in home(client)  # the default language is Vietnamese


def test_the_administrator_finds_users_without_a_body_failed_jobs_and_reference_issues(
    world: World, signed_in: Any
) -> None:
    user_create(actor=None, username="lost", body=None, role="reviewer", superuser=True)
    Job.objects.create(
        actor=world.admin, kind="report-pdf", state=JobState.FAILED, error="Không đọc được tệp."
    )
    data = panels(signed_in("admin"))
    assert [u.username for u in data["accounts/home_panel.html"]["latest"]] == ["lost"]
    assert data["core/home_failed_jobs.html"]["total"] == 1
    assert "bodies/home_reference.html" in data
    page = home(signed_in("admin"))
    assert "Users without a body" in page and "Không đọc được tệp." in page


def test_the_agency_focal_point_is_told_plainly_that_nothing_is_assigned(signed_in: Any) -> None:
    page = home(signed_in("agency"))
    assert "Nothing is assigned to your body yet." in page
    assert "UN recommendations" in page


def test_each_role_sees_only_its_panels(reporting: Reporting, signed_in: Any) -> None:
    assert "reporting/home/review.html" not in panels(signed_in("focal_a"))
    assert "reporting/home/writer.html" not in panels(signed_in("reviewer"))
    assert "accounts/home_panel.html" not in panels(signed_in("secretariat"))
    assert "reporting/home/writer.html" not in panels(signed_in("agency"))  # agencies have no report here
