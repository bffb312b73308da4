"""The audit log and history read as sentences, in the reader's language and time zone; the standing office
reads its own subtree's log (decision 0019)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from rightstrack.accounts.choices import Role
from rightstrack.accounts.services import user_create
from rightstrack.bodies.services import body_update
from rightstrack.core.models import AuditEntry
from rightstrack.reporting.services import report_save, report_submit
from tests.world import Reporting, World


def lan(world: World) -> Any:
    return user_create(
        actor=None,
        username="lan",
        first_name="Lan",
        last_name="Trần Thị",
        body=world.committee_a,
        role=Role.PROVINCIAL_FOCAL_POINT,
        validate=False,
    )


def page(client: Any, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_submission_reads_as_a_sentence_with_the_persons_name(
    world: World, reporting: Reporting, signed_in: Any
) -> None:
    report_submit(actor=lan(world), report=reporting.report_a)
    text = page(signed_in("admin", language="en"), reverse("core:audit_log") + "?object_type=report")
    assert "Trần Thị Lan submitted the report “" in text
    text = page(signed_in("admin", language="vi"), reverse("core:audit_log") + "?object_type=report")
    assert "Trần Thị Lan đã gửi báo cáo “" in text


def test_rich_text_and_snapshots_are_shown_as_text_never_as_dicts_or_html(
    world: World, reporting: Reporting, signed_in: Any
) -> None:
    report = reporting.report_a
    report_save(
        actor=world.focal_a,
        report=report,
        expected_version=report.version,
        sections={"situation": "<p>Tổ chức <strong>12</strong> lớp tập huấn.</p>"},
        figures={},
    )
    history = page(
        signed_in("admin", language="vi"), reverse("core:history", args=["reporting", "report", report.pk])
    )
    assert "Tổ chức 12 lớp tập huấn." in history
    assert "&lt;p&gt;" not in history and "<strong>12" not in history
    assert "{&#x27;" not in history and "{'" not in history


def test_field_names_and_choices_are_translated(world: World, signed_in: Any) -> None:
    body_update(actor=world.admin, body=world.committee_a, name_en="Committee A, renamed")
    text = page(
        signed_in("admin", language="vi"),
        reverse("core:history", args=["bodies", "body", world.committee_a.pk]),
    )
    assert "Tên tiếng Anh:" in text or "tên tiếng Anh:" in text.lower()
    assert "name_en" not in text


def test_times_are_shown_in_the_local_time_zone(world: World, signed_in: Any) -> None:
    body_update(actor=world.admin, body=world.committee_a, name_en="Committee A, renamed")
    text = page(signed_in("admin"), reverse("core:audit_log") + "?object_type=body")
    assert "+07" in text  # Asia/Ho_Chi_Minh, the site's time zone
    assert "(UTC)" not in text


def test_the_standing_office_reads_its_subtree_and_nothing_else(
    world: World, reporting: Reporting, signed_in: Any
) -> None:
    report_submit(actor=world.focal_a, report=reporting.report_a)
    response = signed_in("secretariat").get(reverse("core:audit_log"))
    assert response.status_code == 200
    shown = {entry.pk for entry in response.context["table"].rows}
    submitted = AuditEntry.objects.get(action="submitted", object_id=str(reporting.report_a.pk))
    assert submitted.pk in shown
    assert submitted.scope_path == world.committee_a.path
    unscoped = AuditEntry.objects.filter(scope_path__isnull=True).values_list("pk", flat=True)
    assert not shown & set(unscoped)  # reference data and sign-in events stay with administrators
    assert signed_in("focal_a").get(reverse("core:audit_log")).status_code == 403


def test_history_is_paginated(world: World, signed_in: Any) -> None:
    for n in range(55):
        body_update(actor=world.admin, body=world.committee_a, name_en=f"Committee A, version {n}")
    url = reverse("core:history", args=["bodies", "body", world.committee_a.pk])
    first = signed_in("admin", language="en").get(url)
    assert len(first.context["entries"]) == 50
    assert "Page 1 of 2" in first.content.decode()
    second = signed_in("admin", language="en").get(url + "?page=2")
    assert len(second.context["entries"]) >= 5
