"""Assigning, planning and assessing through the pages and the API: the standing office assigns a
recommendation (or a whole cluster) to a ministry and a province; the ministry's focal point plans, changes
and deletes measures and records assessments citing its own task; a supporting province only reads; evidence
of a body that is not responsible, or out of the caller's scope, is refused and nothing is written."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rightstrack.core.models import AuditEntry
from rightstrack.followup.models import Task
from rightstrack.recommendations.models import Assessment, Assignment, Measure
from rightstrack.recommendations.services import (
    cluster_assign,
    cluster_create,
    measure_add,
    recommendation_assign,
)
from tests.world import World

pytestmark = pytest.mark.usefixtures("recommendations", "followup")


def url(name: str, *args: Any) -> str:
    return reverse(f"recommendations:{name}", args=args)


def test_the_office_assigns_on_the_page_from_scoped_choices(world: World, signed_in: Any) -> None:
    upr = world.recommendations().upr
    client = signed_in("secretariat", language="en")
    page = client.get(url("recommendation_assign", upr.pk)).content.decode()
    assert world.justice.name in page and world.committee_a.name in page
    assert f'value="{world.office.pk}"' not in page  # the keeper's own office is no one to assign to
    response = client.post(
        url("recommendation_assign", upr.pk),
        {"lead": world.justice.pk, "supporting": [world.committee_a.pk, world.justice.pk]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert sorted((a.body.code, a.role) for a in upr.assignments.all()) == [
        ("committee-a", "supporting"),
        ("justice", "lead"),
    ]
    detail = client.get(url("recommendation_detail", upr.pk)).content.decode()
    assert "Responsible bodies saved." in detail and "Lead body" in detail


def test_a_province_cannot_be_handed_a_body_outside_the_office_s_choices(
    world: World, signed_in: Any
) -> None:
    upr = world.recommendations().upr
    response = signed_in("secretariat", language="en").post(
        url("recommendation_assign", upr.pk), {"lead": world.office.pk}
    )
    assert response.status_code == 200 and "Not found, or not within your scope." in response.content.decode()
    assert not upr.assignments.exists()


def test_the_ministry_plans_changes_and_deletes_its_measures(world: World, signed_in: Any) -> None:
    upr = world.recommendations().upr
    recommendation_assign(
        actor=world.secretariat, recommendation=upr, lead=world.justice, supporting=[world.committee_a]
    )
    agency = signed_in("agency", language="vi")
    response = agency.post(
        url("measure_create", upr.pk),
        {
            "what": "Biên soạn tài liệu giáo dục quyền con người",
            "responsible": "Vụ Phổ biến, giáo dục pháp luật",
            "due_on": "30/06/2027",
            "budget_note": "Ngân sách nhà nước",
            "indicator": "Số trường sử dụng tài liệu",
        },
    )
    assert response.status_code == 302
    measure = Measure.objects.get(recommendation=upr)
    assert (measure.body, measure.due_on) == (world.justice, datetime.date(2027, 6, 30))
    response = agency.post(url("measure_edit", measure.pk), {"what": "Biên soạn và phát hành tài liệu"})
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.what == "Biên soạn và phát hành tài liệu" and measure.due_on is None
    assert AuditEntry.objects.for_object(measure).filter(action="update").exists()
    # The supporting province reads it and does not change it.
    assert signed_in("focal_a").get(url("measure_edit", measure.pk)).status_code == 403
    assert signed_in("focal_a").post(url("measure_create", upr.pk), {"what": "X"}).status_code == 403
    assert signed_in("focal_b").get(url("measure_edit", measure.pk)).status_code == 404
    assert agency.post(url("measure_delete", measure.pk)).status_code == 302
    assert not Measure.objects.exists()


def test_the_ministry_assesses_with_its_task_as_evidence(world: World, signed_in: Any) -> None:
    upr = world.recommendations().upr
    task = world.followup().task_justice
    recommendation_assign(actor=world.secretariat, recommendation=upr, lead=world.justice)
    agency = signed_in("agency", language="en")
    form = agency.get(url("assessment_create", upr.pk)).content.decode()
    assert f'value="{task.pk}"' in form
    other = Task.objects.exclude(body=world.justice).first()
    assert other is not None and f'value="{other.pk}"' not in form  # not the ministry's: not offered
    response = agency.post(
        url("assessment_create", upr.pk),
        {"status": "in_progress", "assessed_on": "15/01/2026", "note": "Đang soạn.", "tasks": [task.pk]},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assessment = Assessment.objects.get(recommendation=upr)
    assert list(assessment.evidence_tasks.all()) == [task] and assessment.body == world.justice
    page = agency.get(url("recommendation_detail", upr.pk)).content.decode()
    assert "Assessment recorded." in page and task.get_absolute_url() in page


def test_evidence_of_a_body_not_responsible_is_refused(world: World, signed_in: Any) -> None:
    upr = world.recommendations().upr
    recommendation_assign(actor=world.secretariat, recommendation=upr, lead=world.justice)
    province_task = world.followup().task_b  # the office sees it; B is not responsible for this one
    response = signed_in("secretariat", language="en").post(
        url("assessment_create", upr.pk),
        {"status": "implemented", "assessed_on": "15/01/2026", "tasks": [province_task.pk]},
    )
    assert response.status_code == 200
    assert "Not found, or not within your scope." in response.content.decode()  # not among the choices
    from rightstrack.recommendations.services import assessment_add

    with pytest.raises(ValidationError) as refused:
        assessment_add(
            actor=world.secretariat,
            recommendation=upr,
            status="implemented",
            assessed_on=datetime.date(2026, 1, 15),
            tasks=[province_task],
        )
    assert "is not responsible for this recommendation" in str(refused.value)
    assert not Assessment.objects.exists()


def test_a_cluster_is_assigned_at_once(world: World, signed_in: Any) -> None:
    recs = world.recommendations()
    cluster = cluster_create(actor=world.secretariat, name="Education")
    for recommendation in (recs.upr, recs.cedaw):
        recommendation.clusters.add(cluster)
    response = signed_in("secretariat", language="en").post(
        url("cluster_assign", cluster.pk), {"lead": world.justice.pk, "supporting": [world.committee_b.pk]}
    )
    assert response.status_code == 302
    assert set(
        Assignment.objects.filter(body=world.justice, role="lead").values_list("recommendation", flat=True)
    ) == {
        recs.upr.pk,
        recs.cedaw.pk,
    }
    assert Assignment.objects.filter(body=world.committee_b, role="supporting").count() == 2
    assert signed_in("agency").get(url("cluster_assign", cluster.pk)).status_code == 403
    recs.province.clusters.add(cluster)  # kept by A, which lies under the national committee
    result = cluster_assign(actor=world.users["admin"], cluster=cluster, lead=world.foreign)
    assert len(result.assigned) == 3 and result.not_kept == 0
    assert Assignment.objects.filter(body=world.foreign, role="lead").count() == 3
    empty = cluster_create(actor=world.secretariat, name="Nothing yet")
    with pytest.raises(ValidationError):
        cluster_assign(actor=world.secretariat, cluster=empty, lead=world.justice)


def test_the_api_assigns_plans_and_assesses(world: World, api_for: Any) -> None:
    upr = world.recommendations().upr
    task = world.followup().task_justice
    office = api_for("secretariat")
    answer = office.post(
        f"/api/recommendations/{upr.pk}/assign/",
        {"lead": world.justice.pk, "supporting": [world.committee_a.pk]},
        format="json",
    )
    assert answer.status_code == 200, answer.content
    assert {row["role"] for row in answer.json()} == {"lead", "supporting"}
    agency = api_for("agency")
    created = agency.post(
        f"/api/recommendations/{upr.pk}/measures/",
        {"what": "Tập huấn giáo viên", "due_on": "2027-06-30", "indicator": "Số giáo viên"},
        format="json",
    )
    assert created.status_code == 201, created.content
    measure_id = created.json()["id"]
    changed = agency.patch(
        f"/api/recommendation-measures/{measure_id}/", {"budget_note": "ODA"}, format="json"
    )
    assert changed.status_code == 200 and changed.json()["budget_note"] == "ODA"
    assessed = agency.post(
        f"/api/recommendations/{upr.pk}/assessments/",
        {"status": "partially_implemented", "assessed_on": "2026-02-01", "tasks": [task.pk]},
        format="json",
    )
    assert assessed.status_code == 201, assessed.content
    assert assessed.json()["tasks"] == [task.pk]
    listed = agency.get(f"/api/recommendation-assessments/?recommendation={upr.pk}").json()
    assert [row["id"] for row in listed["results"]] == [assessed.json()["id"]]
    other_province = world.recommendations().province  # A's: the ministry does not see it
    assert (
        agency.get(f"/api/recommendation-measures/?recommendation={other_province.pk}").json()["count"] == 0
    )
    assert agency.get("/api/recommendation-measures/?recommendation=abc").status_code == 400
    # The supporting province reads; it does not write. Province B does not even see it.
    focal_a = api_for("focal_a")
    assert focal_a.get(f"/api/recommendation-measures/{measure_id}/").status_code == 200
    assert (
        focal_a.patch(f"/api/recommendation-measures/{measure_id}/", {"what": "x"}, format="json").status_code
        == 403
    )
    assert api_for("focal_b").delete(f"/api/recommendation-measures/{measure_id}/").status_code == 404
    other = Task.objects.exclude(body=world.justice).first()
    assert other is not None
    refused = office.post(
        f"/api/recommendations/{upr.pk}/assessments/",
        {"status": "implemented", "assessed_on": "2026-03-01", "tasks": [other.pk]},
        format="json",
    )
    assert refused.status_code == 400 and Assessment.objects.count() == 1
    assert agency.delete(f"/api/recommendation-measures/{measure_id}/").status_code == 204
    assert not Measure.objects.exists()


def test_measure_add_and_the_home_list_of_the_lead(world: World, signed_in: Any) -> None:
    upr = world.recommendations().upr
    recommendation_assign(actor=world.secretariat, recommendation=upr, lead=world.justice)
    measure_add(actor=world.agency, recommendation=upr, what="Soạn tài liệu")
    home = signed_in("agency", language="en").get(reverse("home")).content.decode()
    assert (
        "UN recommendations assigned to you" in home and "Nothing is assigned to your body yet." not in home
    )


def test_a_published_recommendation_s_portal_page_shows_a_new_measure_at_once(
    world: World, signed_in: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from rightstrack.recommendations.services import recommendation_publish

    upr = world.recommendations().upr
    recommendation_assign(actor=world.secretariat, recommendation=upr, lead=world.justice)
    with django_capture_on_commit_callbacks(execute=True):
        recommendation_publish(actor=world.secretariat, recommendation=upr)
    portal = reverse("portal:recommendation_detail", args=[upr.pk])
    assert "Tập huấn giáo viên" not in client.get(portal).content.decode()  # now kept in the cache
    with django_capture_on_commit_callbacks(execute=True):
        measure_add(actor=world.agency, recommendation=upr, what="Tập huấn giáo viên")
    assert "Tập huấn giáo viên" in client.get(portal).content.decode()


def test_the_evidence_file_is_handed_to_those_who_see_the_recommendation(
    world: World, signed_in: Any, api_for: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rightstrack.recommendations.services import assessment_add
    from tests.world import MINIMAL_PDF

    upr = world.recommendations().upr
    recommendation_assign(actor=world.secretariat, recommendation=upr, lead=world.justice)
    assessment = assessment_add(
        actor=world.agency,
        recommendation=upr,
        status="implemented",
        assessed_on=datetime.date(2026, 3, 1),
        evidence_file=SimpleUploadedFile("Báo cáo kết quả.pdf", MINIMAL_PDF),
    )
    link = url("assessment_file", assessment.pk)
    assert link in signed_in("agency").get(url("recommendation_detail", upr.pk)).content.decode()
    response = signed_in("agency").get(link)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    assert "attachment" in response["Content-Disposition"]
    assert signed_in("focal_b").get(link).status_code == 404
    assert (
        api_for("agency").get(f"/api/recommendation-assessments/{assessment.pk}/").json()["file_url"] == link
    )


def test_a_province_that_leads_updates_its_own_and_a_ministry_that_supports_does_not(
    world: World, signed_in: Any
) -> None:
    upr = world.recommendations().upr
    recommendation_assign(
        actor=world.secretariat, recommendation=upr, lead=world.committee_a, supporting=[world.justice]
    )
    province = signed_in("focal_a", language="en")
    response = province.post(url("measure_create", upr.pk), {"what": "Tuyên truyền tại các xã"})
    assert response.status_code == 302
    assert Measure.objects.get(recommendation=upr).body == world.committee_a
    assert signed_in("agency").post(url("measure_create", upr.pk), {"what": "X"}).status_code == 403
    assert Measure.objects.filter(recommendation=upr).count() == 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    what=st.text(alphabet="Quyền cnườiđĐàáạảãâầấậẩẫăằắặẳẵêềếệểễ ,.\n\t-–", min_size=1, max_size=80),
    due=st.dates(min_value=datetime.date(2025, 1, 1), max_value=datetime.date(2035, 12, 31)),
)
def test_a_measure_typed_on_the_page_is_kept_as_typed_or_refused(
    world: World, signed_in: Any, what: str, due: datetime.date
) -> None:
    """Any text with Vietnamese letters, dashes and stray spaces, any day typed dd/mm/yyyy: saved with its
    spaces trimmed and the same day, or, when only spaces, refused with nothing saved."""
    upr = world.recommendations().upr
    if not upr.assignments.exists():
        recommendation_assign(actor=world.secretariat, recommendation=upr, lead=world.justice)
    before = Measure.objects.count()
    response = signed_in("agency", language="vi").post(
        url("measure_create", upr.pk), {"what": what, "due_on": due.strftime("%d/%m/%Y")}
    )
    if what.strip():
        assert response.status_code == 302
        measure = Measure.objects.latest("pk")
        assert (measure.what, measure.due_on) == (what.strip(), due)
    else:
        assert response.status_code == 200 and Measure.objects.count() == before
