"""Assignment, measures and assessments: the secretariat assigns a recommendation to a ministry (lead) and a
province (supporting); both then see it; the ministry's focal point plans a measure and assesses it with a
report section as evidence; a supporting body, or a section out of scope, is refused and nothing changes."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse

from rightstrack.core.scope import scoped
from rightstrack.recommendations.models import Assessment, Measure, Recommendation
from rightstrack.recommendations.services import assessment_add, measure_add, recommendation_assign
from tests.world import MINIMAL_PDF, World

pytestmark = pytest.mark.usefixtures("recommendations", "reporting")


def test_assigned_bodies_see_it_and_the_lead_reports_on_it(world: World, signed_in: Any) -> None:
    upr = world.recommendations().upr
    assert not scoped(world.agency, Recommendation.objects.filter(pk=upr.pk)).exists()
    recommendation_assign(
        actor=world.secretariat, recommendation=upr, lead=world.justice, supporting=[world.committee_a]
    )
    for user in (world.agency, world.focal_a):
        assert scoped(user, Recommendation.objects.filter(pk=upr.pk)).exists()
    assert not scoped(world.focal_b, Recommendation.objects.filter(pk=upr.pk)).exists()

    measure = measure_add(
        actor=world.agency,
        recommendation=upr,
        what="Soạn tài liệu giáo dục quyền con người cho trường phổ thông",
        due_on=datetime.date(2026, 6, 30),
        indicator="Số trường sử dụng tài liệu",
    )
    assert measure.body == world.justice
    section = world.reporting().report_a.sections.first()
    assessment = assessment_add(
        actor=world.secretariat,
        recommendation=upr,
        status="in_progress",
        assessed_on=datetime.date(2026, 1, 15),
        sections=[section],
        evidence_file=SimpleUploadedFile("Kế hoạch.pdf", MINIMAL_PDF),
    )
    assert list(assessment.evidence_sections.all()) == [section]
    assert assessment.evidence_file_name.endswith(".pdf")
    page = signed_in("agency", language="vi").get(
        reverse("recommendations:recommendation_detail", args=[upr.pk])
    )
    html = page.content.decode()
    assert "Soạn tài liệu giáo dục quyền con người" in html and "Bộ Tư pháp" in html


def test_a_supporting_body_or_an_outsider_cannot_report(world: World) -> None:
    upr = world.recommendations().upr
    recommendation_assign(
        actor=world.secretariat, recommendation=upr, lead=world.justice, supporting=[world.committee_a]
    )
    with pytest.raises(PermissionDenied):
        measure_add(actor=world.focal_a, recommendation=upr, what="X")
    with pytest.raises(Http404):
        measure_add(actor=world.focal_b, recommendation=upr, what="X")
    assert not Measure.objects.exists()


def test_evidence_out_of_scope_and_bad_status_are_refused(world: World) -> None:
    upr = world.recommendations().upr
    recommendation_assign(actor=world.secretariat, recommendation=upr, lead=world.justice)
    section_of_b = world.reporting().report_b.sections.first()
    with pytest.raises(Http404):
        assessment_add(
            actor=world.agency,
            recommendation=upr,
            status="in_progress",
            assessed_on=datetime.date(2026, 1, 1),
            sections=[section_of_b],
        )
    with pytest.raises(ValidationError):
        assessment_add(
            actor=world.agency, recommendation=upr, status="done", assessed_on=datetime.date(2026, 1, 1)
        )
    assert not Assessment.objects.exists()


def test_only_the_keeper_assigns_and_a_lead_is_required(world: World) -> None:
    upr = world.recommendations().upr
    with pytest.raises(Http404):  # the ministry does not see it before it is assigned to it
        recommendation_assign(actor=world.agency, recommendation=upr, lead=world.justice)
    with pytest.raises(PermissionDenied):  # the reviewer sees it, but does not keep the record
        recommendation_assign(actor=world.reviewer, recommendation=upr, lead=world.justice)
    with pytest.raises(ValidationError):
        recommendation_assign(actor=world.secretariat, recommendation=upr, lead=None)
    with pytest.raises(ValidationError):
        measure_add(actor=world.secretariat, recommendation=upr, what="X")  # not assigned yet


def test_the_lead_ministry_finds_it_on_its_home_page(world: World, signed_in: Any) -> None:
    upr = world.recommendations().upr
    recommendation_assign(actor=world.secretariat, recommendation=upr, lead=world.justice)
    assessment_add(
        actor=world.agency,
        recommendation=upr,
        status="partially_implemented",
        assessed_on=datetime.date(2026, 2, 1),
    )
    home = signed_in("agency", language="vi").get(reverse("home")).content.decode()
    assert "Khuyến nghị của Liên hợp quốc được giao" in home
    assert "Đã thực hiện một phần (01/02/2026)" in home
    other = signed_in("focal_b", language="vi").get(reverse("home")).content.decode()
    assert "Khuyến nghị của Liên hợp quốc được giao" not in other
