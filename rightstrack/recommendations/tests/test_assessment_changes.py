"""Changing and deleting an assessment: the ministry that recorded it (or the standing office) corrects its
status, date, note and evidence on the page or through the API; what it cannot read of the evidence stays
cited; a new file replaces the old one, which leaves the storage; a published assessment changed by the
ministry leaves the portal until the office publishes it again; a deleted one leaves the audit log its
words. Other bodies get 403 (they read it) or 404 (they do not)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rightstrack.core.models import AuditEntry
from rightstrack.recommendations.models import Assessment
from rightstrack.recommendations.services import (
    assessment_add,
    recommendation_assign,
    recommendation_publish,
)
from tests.world import MINIMAL_PDF, World

pytestmark = pytest.mark.usefixtures("recommendations", "followup")


def url(name: str, *args: Any) -> str:
    return reverse(f"recommendations:{name}", args=args)


def justice_assessment(world: World, **kwargs: Any) -> Assessment:
    """The UPR recommendation led by the Ministry of Justice, supported by A, and one assessment of it."""
    upr = world.recommendations().upr
    recommendation_assign(
        actor=world.secretariat, recommendation=upr, lead=world.justice, supporting=[world.committee_a]
    )
    arguments: dict[str, Any] = {"status": "in_progress", "assessed_on": datetime.date(2026, 1, 15)}
    return assessment_add(actor=world.secretariat, recommendation=upr, **(arguments | kwargs))


def test_the_ministry_corrects_its_assessment_on_the_page(world: World, signed_in: Any) -> None:
    task = world.followup().task_justice
    assessment = justice_assessment(world, note="Đang soạn.")
    agency = signed_in("agency", language="en")
    form = agency.get(url("assessment_edit", assessment.pk)).content.decode()
    assert "Đang soạn." in form and f'value="{task.pk}"' in form
    response = agency.post(
        url("assessment_edit", assessment.pk),
        {"status": "implemented", "assessed_on": "01/03/2026", "note": "Đã ban hành.", "tasks": [task.pk]},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assessment.refresh_from_db()
    assert (assessment.status, assessment.assessed_on, assessment.note) == (
        "implemented",
        datetime.date(2026, 3, 1),
        "Đã ban hành.",
    )
    assert list(assessment.evidence_tasks.all()) == [task] and assessment.body == world.justice
    entry = AuditEntry.objects.for_object(assessment).get(action="update")
    before, after = entry.before or {}, entry.after or {}
    assert before["status"] == "in_progress" and after["status"] == "implemented"
    assert before["evidence"]["tasks"] == [] and after["evidence"]["tasks"] == [task.pk]
    page = agency.get(url("recommendation_detail", assessment.recommendation_id)).content.decode()
    assert "Assessment saved." in page and url("assessment_edit", assessment.pk) in page


def test_a_refused_change_changes_nothing(world: World, signed_in: Any) -> None:
    other = world.followup().task_b  # B is not responsible for this recommendation
    assessment = justice_assessment(world)
    response = signed_in("secretariat", language="en").post(
        url("assessment_edit", assessment.pk),
        {"status": "implemented", "assessed_on": "01/03/2026", "tasks": [other.pk]},
    )
    assert response.status_code == 200
    assert "Not found, or not within your scope." in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == "in_progress" and not assessment.evidence_tasks.exists()
    assert not AuditEntry.objects.for_object(assessment).filter(action="update").exists()


def test_who_may_change_or_delete_it(world: World, signed_in: Any, api_for: Any) -> None:
    assessment = justice_assessment(world)
    for name in ("assessment_edit", "assessment_delete"):
        assert signed_in("focal_a").get(url(name, assessment.pk)).status_code == 403  # supports: reads
        assert signed_in("focal_b").get(url(name, assessment.pk)).status_code == 404  # out of scope
        assert signed_in("agency").get(url(name, assessment.pk)).status_code == 200
        assert signed_in("secretariat").get(url(name, assessment.pk)).status_code == 200
    api = f"/api/recommendation-assessments/{assessment.pk}/"
    assert api_for("focal_b").patch(api, {"note": "x"}, format="json").status_code == 404
    assert api_for("focal_b").delete(api).status_code == 404
    assert api_for("focal_a").patch(api, {"note": "x"}, format="json").status_code == 403
    assert api_for("focal_a").delete(api).status_code == 403
    # A province that leads now does not rewrite the ministry's record; the ministry no longer sees it.
    recommendation_assign(
        actor=world.secretariat, recommendation=assessment.recommendation, lead=world.committee_a
    )
    assert signed_in("focal_a").get(url("assessment_edit", assessment.pk)).status_code == 403
    assert signed_in("agency").get(url("assessment_edit", assessment.pk)).status_code == 404
    assert Assessment.objects.get(pk=assessment.pk).note == ""


def test_evidence_the_changer_cannot_read_stays_cited(world: World, api_for: Any) -> None:
    tasks = world.followup()
    assessment = justice_assessment(world, tasks=[tasks.task_a])  # A supports: the office cites its task
    answer = api_for("agency").patch(
        f"/api/recommendation-assessments/{assessment.pk}/",
        {"tasks": [tasks.task_justice.pk], "note": "Bộ Tư pháp bổ sung."},
        format="json",
    )
    assert answer.status_code == 200, answer.content
    assert set(assessment.evidence_tasks.values_list("pk", flat=True)) == {
        tasks.task_a.pk,
        tasks.task_justice.pk,
    }
    answer = api_for("secretariat").patch(
        f"/api/recommendation-assessments/{assessment.pk}/", {"tasks": []}, format="json"
    )
    assert answer.status_code == 200 and not assessment.evidence_tasks.exists()  # the office reads both
    assert Assessment.objects.get(pk=assessment.pk).note == "Bộ Tư pháp bổ sung."


def test_a_new_file_replaces_the_old_one_and_a_delete_removes_it(
    world: World, api_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        assessment = justice_assessment(world, evidence_file=SimpleUploadedFile("Cũ.pdf", MINIMAL_PDF))
    old = str(assessment.evidence_file.name)
    assert default_storage.exists(old)
    api = f"/api/recommendation-assessments/{assessment.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        answer = api_for("agency").patch(
            api, {"file": SimpleUploadedFile("Mới.pdf", MINIMAL_PDF)}, format="multipart"
        )
    assert answer.status_code == 200, answer.content
    assert answer.json()["file_name"] == "Mới.pdf" and not default_storage.exists(old)
    new = str(Assessment.objects.get(pk=assessment.pk).evidence_file.name)
    assert default_storage.exists(new)
    refused = api_for("agency").patch(
        api, {"file": SimpleUploadedFile("x.exe", b"MZ\x90\x00not a document")}, format="multipart"
    )
    assert refused.status_code == 400 and Assessment.objects.get(pk=assessment.pk).evidence_file.name == new
    with django_capture_on_commit_callbacks(execute=True):
        assert api_for("agency").delete(api).status_code == 204
    assert not Assessment.objects.filter(pk=assessment.pk).exists() and not default_storage.exists(new)
    before = AuditEntry.objects.for_object(assessment).get(action="delete").before or {}
    assert before["status"] == "in_progress" and before["evidence_file_name"] == "Mới.pdf"


def test_the_file_is_taken_off_on_the_page(
    world: World, signed_in: Any, django_capture_on_commit_callbacks: Any
) -> None:
    assessment = justice_assessment(world, evidence_file=SimpleUploadedFile("Báo cáo.pdf", MINIMAL_PDF))
    old = str(assessment.evidence_file.name)
    agency = signed_in("agency", language="en")
    assert "Now: Báo cáo.pdf" in agency.get(url("assessment_edit", assessment.pk)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = agency.post(
            url("assessment_edit", assessment.pk),
            {"status": "in_progress", "assessed_on": "15/01/2026", "remove_file": "on"},
        )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert not assessment.evidence_file and assessment.evidence_file_name == ""
    assert not default_storage.exists(old)


def test_a_published_assessment_changed_by_the_ministry_leaves_the_portal(
    world: World, signed_in: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    assessment = justice_assessment(world, note="Đang soạn thảo nghị định.")
    with django_capture_on_commit_callbacks(execute=True):
        recommendation_publish(actor=world.secretariat, recommendation=assessment.recommendation)
    portal = reverse("portal:recommendation_detail", args=[assessment.recommendation_id])
    assert "Đang soạn thảo nghị định." in client.get(portal).content.decode()
    office = signed_in("secretariat", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        office.post(
            url("assessment_edit", assessment.pk),
            {"status": "in_progress", "assessed_on": "15/01/2026", "note": "Đã trình Chính phủ."},
        )
    assessment.refresh_from_db()
    assert assessment.is_published  # the keeper's own change stays public, and shows at once
    assert "Đã trình Chính phủ." in client.get(portal).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in("agency", language="en").post(
            url("assessment_edit", assessment.pk),
            {"status": "implemented", "assessed_on": "15/02/2026", "note": "Đã ban hành."},
            follow=True,
        )
    assert "no longer shown on the public portal" in response.content.decode()
    assessment.refresh_from_db()
    assert not assessment.is_published
    shown = client.get(portal).content.decode()
    assert "Đã ban hành." not in shown and "Đã trình Chính phủ." not in shown
    entry = AuditEntry.objects.for_object(assessment).filter(action="update").latest("pk")
    assert (entry.before or {})["is_published"] and not (entry.after or {})["is_published"]


def test_deleting_a_published_assessment_takes_it_off_the_portal_at_once(
    world: World, signed_in: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    assessment = justice_assessment(world, note="Đã tổ chức 12 lớp tập huấn.")
    with django_capture_on_commit_callbacks(execute=True):
        recommendation_publish(actor=world.secretariat, recommendation=assessment.recommendation)
    portal = reverse("portal:recommendation_detail", args=[assessment.recommendation_id])
    assert "Đã tổ chức 12 lớp tập huấn." in client.get(portal).content.decode()
    agency = signed_in("agency", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        response = agency.post(url("assessment_delete", assessment.pk), follow=True)
    assert "Assessment deleted." in response.content.decode()
    assert "Đã tổ chức 12 lớp tập huấn." not in client.get(portal).content.decode()
    assert AuditEntry.objects.for_object(assessment).filter(action="delete").exists()
