"""Reports over the API: content, the workflow's steps, conflicts (409) and scope (404)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from rightstrack.core.models import AuditEntry
from rightstrack.reporting.choices import ReportStatus, RevisionReason
from rightstrack.reporting.models import Report, ReportingCycle, ReportRevision, ReportTemplate
from tests.world import api_client as client_for

from .conftest import World

# Content, workflow, conflicts --------------------------------------------------------------------------


def test_a_save_returns_the_new_version_and_content(world: World, report: Report) -> None:
    client = client_for(world.focal_hanoi)
    response = client.patch(
        f"/api/reports/{report.pk}/content/",
        {
            "expected_version": 1,
            "sections": {"situation": "<p>Ổn định.</p><script>alert(1)</script>"},
            "figures": {"awareness-sessions": "45", "staff-trained": 12},
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["version"] == 2
    assert body["sections"]["situation"] == "<p>Ổn định.</p>"
    assert body["figures"]["awareness-sessions"] == "45" and body["figures"]["staff-trained"] == "12"
    assert body["sections"]["limitations"] == ""  # keys left out stay as they were
    assert [r["reason"] for r in body["revisions"]] == [RevisionReason.SAVE]


def test_a_stale_save_answers_409_with_the_current_content(world: World, report: Report) -> None:
    first, second = client_for(world.focal_hanoi), client_for(world.focal_hanoi_en)
    saved = first.put(
        f"/api/reports/{report.pk}/content/",
        {"expected_version": 1, "sections": {"situation": "<p>Bản của chị Lan.</p>"}},
        format="json",
    )
    assert saved.status_code == 200
    stale = second.patch(
        f"/api/reports/{report.pk}/content/",
        {"expected_version": 1, "sections": {"situation": "<p>Bản của anh Minh.</p>"}, "figures": {}},
        format="json",
    )
    assert stale.status_code == 409
    body = stale.json()
    assert body["code"] == "stale" and "version 2" in body["detail"]
    assert body["current"]["version"] == 2
    assert body["current"]["sections"]["situation"] == "<p>Bản của chị Lan.</p>"
    assert body["attempted"]["sections"] == {"situation": "<p>Bản của anh Minh.</p>"}
    report.refresh_from_db()
    assert report.version == 2
    assert report.sections.get(section__key="situation").html == "<p>Bản của chị Lan.</p>"


def test_bad_figures_and_unknown_keys_answer_400_with_every_error(world: World, report: Report) -> None:
    response = client_for(world.focal_hanoi).patch(
        f"/api/reports/{report.pk}/content/",
        {
            "expected_version": 1,
            "sections": {"no-such-section": "x"},
            "figures": {"awareness-sessions": "1.250", "staff-trained": -3, "poverty-rate": True},
        },
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()
    assert (
        "sections" in errors and "figures.awareness-sessions" in errors and "figures.staff-trained" in errors
    )
    assert "figures.poverty-rate" in errors
    report.refresh_from_db()
    assert report.version == 1


def test_a_double_submit_makes_one_transition(world: World, report: Report) -> None:
    client = client_for(world.focal_hanoi)
    first = client.post(
        f"/api/reports/{report.pk}/submit/", {"expected_version": 1, "confirm": True}, format="json"
    )
    second = client.post(
        f"/api/reports/{report.pk}/submit/", {"expected_version": 1, "confirm": True}, format="json"
    )
    assert first.status_code == second.status_code == 200
    assert first.json()["status"] == second.json()["status"] == ReportStatus.SUBMITTED
    assert first.json()["version"] == second.json()["version"] == 2
    assert ReportRevision.objects.filter(report=report, reason=RevisionReason.SUBMIT).count() == 1
    assert AuditEntry.objects.filter(action="submitted", object_id=str(report.pk)).count() == 1


def test_a_submit_on_an_older_version_is_refused_with_409(world: World, report: Report) -> None:
    client = client_for(world.focal_hanoi)
    client.patch(
        f"/api/reports/{report.pk}/content/",
        {"expected_version": 1, "sections": {"situation": "<p>Mới.</p>"}},
        format="json",
    )
    response = client.post(
        f"/api/reports/{report.pk}/submit/", {"expected_version": 1, "confirm": True}, format="json"
    )
    assert response.status_code == 409 and response.json()["code"] == "stale"
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_steps_the_status_does_not_allow_answer_409_with_a_translated_message(
    world: World, report: Report
) -> None:
    response = client_for(world.reviewer).post(f"/api/reports/{report.pk}/accept/")
    assert response.status_code == 409
    assert response.json() == {
        "detail": "A report that is “Draft” cannot become “Accepted”.",
        "code": "invalid_transition",
    }
    with translation.override("vi"):
        vietnamese = client_for(world.reviewer)
        vietnamese.defaults["HTTP_ACCEPT_LANGUAGE"] = "vi"
        response = vietnamese.post(f"/api/reports/{report.pk}/accept/")
    assert response.status_code == 409 and "Draft" not in response.json()["detail"]

    client_for(world.focal_hanoi).post(f"/api/reports/{report.pk}/submit/", {"confirm": True}, format="json")
    edit = client_for(world.focal_hanoi).patch(
        f"/api/reports/{report.pk}/content/",
        {"expected_version": 2, "sections": {"situation": "<p>Sửa sau khi gửi.</p>"}},
        format="json",
    )
    assert edit.status_code == 409 and edit.json()["code"] == "read_only"


def test_a_return_needs_a_comment(world: World, report: Report) -> None:
    client_for(world.focal_hanoi).post(f"/api/reports/{report.pk}/submit/", {"confirm": True}, format="json")
    reviewer = client_for(world.reviewer)
    empty = reviewer.post(
        f"/api/reports/{report.pk}/return/", {"comments": [{"section": None, "text": " "}]}, format="json"
    )
    assert empty.status_code == 400 and "comments" in empty.json()
    unknown = reviewer.post(
        f"/api/reports/{report.pk}/return/",
        {"comments": [{"section": "nowhere", "text": "Bổ sung."}]},
        format="json",
    )
    assert unknown.status_code == 400
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_roles_that_may_not_act_get_403(world: World, report: Report, template: ReportTemplate) -> None:
    reviewer, focal = client_for(world.reviewer), client_for(world.focal_hanoi)
    assert (
        reviewer.patch(
            f"/api/reports/{report.pk}/content/", {"expected_version": 1, "sections": {}}, format="json"
        ).status_code
        == 403
    )
    assert (
        reviewer.post(f"/api/reports/{report.pk}/submit/", {"confirm": True}, format="json").status_code
        == 403
    )
    focal.post(f"/api/reports/{report.pk}/submit/", {"confirm": True}, format="json")
    assert focal.post(f"/api/reports/{report.pk}/accept/").status_code == 403
    assert (
        focal.post(
            f"/api/reports/{report.pk}/return/", {"comments": [{"text": "Tự trả lại"}]}, format="json"
        ).status_code
        == 403
    )
    assert focal.post("/api/cycles/", {"name": "x"}, format="json").status_code == 403
    assert focal.post(f"/api/report-templates/{template.pk}/revise/", {}, format="json").status_code == 403
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_mass_assignment_of_body_status_or_version_is_ignored(world: World, report: Report) -> None:
    client = client_for(world.focal_hanoi)
    response = client.patch(
        f"/api/reports/{report.pk}/content/",
        {
            "expected_version": 1,
            "sections": {"situation": "<p>Nội dung.</p>"},
            "status": ReportStatus.ACCEPTED,
            "body": world.hue_committee.pk,
            "cycle": 999,
            "version": 50,
            "submitted_by": world.reviewer.pk,
        },
        format="json",
    )
    assert response.status_code == 200
    report.refresh_from_db()
    assert (report.status, report.body_id, report.version, report.submitted_by_id) == (
        ReportStatus.DRAFT,
        world.hanoi_committee.pk,
        2,
        None,
    )
    # The report itself has no generic write: only the content and workflow actions change it.
    for method in ("put", "patch", "delete"):
        assert (
            getattr(client, method)(f"/api/reports/{report.pk}/", {"status": "accepted"}).status_code == 405
        )
    assert client.post("/api/reports/", {"body": world.hanoi_committee.pk}).status_code == 405


def test_token_authentication_works_and_anonymous_requests_are_refused(world: World, report: Report) -> None:
    anonymous = client_for(None)
    assert anonymous.get("/api/reports/").status_code in {401, 403}
    token = Token.objects.create(user=world.focal_hanoi)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    listed = client.get("/api/reports/")
    assert listed.status_code == 200
    assert [row["id"] for row in listed.json()["results"]] == [report.pk]
    saved = client.patch(
        f"/api/reports/{report.pk}/content/",
        {"expected_version": 1, "sections": {"situation": "<p>Qua token.</p>"}},
        format="json",
    )
    assert saved.status_code == 200
    entry = AuditEntry.objects.filter(action="content_saved").latest("id")
    assert entry.actor_id == world.focal_hanoi.pk and entry.source == "api"


# Scope -------------------------------------------------------------------------------------------------

REPORT_ENDPOINTS = [
    ("get", "/api/reports/{id}/", None),
    ("put", "/api/reports/{id}/content/", {"expected_version": 1, "sections": {}}),
    ("patch", "/api/reports/{id}/content/", {"expected_version": 1, "sections": {}}),
    ("post", "/api/reports/{id}/submit/", {"confirm": True}),
    ("post", "/api/reports/{id}/return/", {"comments": [{"text": "x"}]}),
    ("post", "/api/reports/{id}/accept/", {}),
    ("get", "/api/reports/{id}/revisions/", None),
    ("get", "/api/reports/{id}/revisions/1/", None),
    ("get", "/api/reports/{id}/diff/?from=1&to=1", None),
    ("post", "/api/reports/{id}/import-docx/", {}),
    ("get", "/api/reports/{id}/export/?format=docx", None),
    ("get", "/api/reports/{id}/export/?format=pdf", None),
]


@pytest.mark.parametrize(("method", "url", "data"), REPORT_ENDPOINTS)
def test_reports_of_another_province_answer_404_on_every_endpoint(
    world: World, report: Report, hue_report: Report, method: str, url: str, data: Any
) -> None:
    ReportRevision.objects.create(
        report=hue_report, number=1, report_version=1, status="draft", reason="save"
    )
    for user in (world.focal_hanoi, world.agency):
        response = getattr(client_for(user), method)(url.format(id=hue_report.pk), data, format="json")
        assert response.status_code == 404, (user.username, response.content)
    hue_report.refresh_from_db()
    assert (hue_report.status, hue_report.version) == (ReportStatus.DRAFT, 1)


def test_lists_and_dashboards_show_only_what_is_in_scope(world: World, cycle: ReportingCycle) -> None:
    listed = client_for(world.focal_hue).get("/api/reports/").json()
    assert [row["body"]["code"] for row in listed["results"]] == ["bcd-hue"]
    assert client_for(world.agency).get("/api/reports/").json()["count"] == 0
    everyone = client_for(world.secretariat).get(f"/api/reports/?cycle={cycle.pk}").json()
    assert everyone["count"] == 2
    board = client_for(world.focal_hue).get(f"/api/cycles/{cycle.pk}/dashboard/").json()
    assert [row["body"]["code"] for row in board["rows"]] == ["bcd-hue"] and board["total"] == 1
    cycle_detail = client_for(world.focal_hue).get(f"/api/cycles/{cycle.pk}/").json()
    assert [body["code"] for body in cycle_detail["participants"]] == ["bcd-hue"]
