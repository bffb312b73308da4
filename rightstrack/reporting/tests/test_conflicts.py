"""The three-way merge is one service (``services.conflicts.find_conflicts``): the writing page, the autosave
endpoint and the API's 409 all answer from it, and the editor applies the merge the server sends."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from rightstrack.reporting.choices import CycleStatus, ReportStatus
from rightstrack.reporting.exceptions import StaleReport
from rightstrack.reporting.models import Report, ReportingCycle
from rightstrack.reporting.services import cycle_create, cycle_update, report_save
from rightstrack.reporting.services.conflicts import find_conflicts, same_figure

from .conftest import DEADLINE, PERIOD_END, PERIOD_START, World


def _colleague_saves(world: World, report: Report) -> None:
    report_save(
        actor=world.focal_hanoi_en,
        report=report,
        expected_version=1,
        sections={"situation": "<p>Bản của đồng nghiệp</p>", "results": "<p>Kết quả mới</p>"},
        figures={"staff-trained": "7"},
    )


def _stale(world: World, report: Report, **sent: Any) -> StaleReport:
    with pytest.raises(StaleReport) as caught:
        report_save(actor=world.focal_hanoi, report=report, expected_version=1, **sent)
    return caught.value


def test_figures_compare_as_numbers() -> None:
    assert same_figure("1,5", "1.5") and same_figure(" 7 ", 7) and same_figure("", None)
    assert not same_figure("7", "8") and same_figure("n/a", " n/a")


def test_a_clash_a_refresh_and_an_agreement(world: World, report: Report) -> None:
    _colleague_saves(world, report)
    sections, figures = {"situation": "<p>Bản của tôi</p>"}, {"staff-trained": "7,0"}
    stale = _stale(world, report, sections=sections, figures=figures)
    merge = find_conflicts(stale=stale, expected_version=1, sections=sections, figures=figures)
    assert merge.version == 2
    assert merge.section_conflicts == {"situation": "<p>Bản của đồng nghiệp</p>"}  # both changed it
    assert merge.refreshed_sections["results"] == "<p>Kết quả mới</p>"  # only the colleague did
    assert "staff-trained" not in merge.figure_conflicts  # 7,0 and 7 are the same figure
    assert merge.conflict_count == 1


def test_a_value_sent_unchanged_takes_the_newer_one(world: World, report: Report) -> None:
    _colleague_saves(world, report)
    sections, figures = {"situation": ""}, {"staff-trained": ""}  # as read at version 1
    stale = _stale(world, report, sections=sections, figures=figures)
    merge = find_conflicts(stale=stale, expected_version=1, sections=sections, figures=figures)
    assert merge.conflict_count == 0
    assert merge.refreshed_sections["situation"] == "<p>Bản của đồng nghiệp</p>"
    assert merge.refreshed_figures["staff-trained"] == "7"


def test_autosave_and_api_answer_the_same_merge(world: World, report: Report) -> None:
    _colleague_saves(world, report)
    sent = {"sections": {"situation": "<p>Bản của tôi</p>"}, "figures": {"staff-trained": "9"}}
    page = Client()
    page.force_login(world.focal_hanoi)
    autosave = page.post(
        reverse("reporting:report_autosave", args=[report.pk]),
        json.dumps({"version": 1} | sent),
        content_type="application/json",
    )
    api = APIClient()
    api.force_authenticate(world.focal_hanoi)
    content = api.patch(f"/api/reports/{report.pk}/content/", {"expected_version": 1} | sent, format="json")
    assert autosave.status_code == content.status_code == 409
    merge = autosave.json()["merge"]
    assert merge == content.json()["merge"]
    assert merge["conflicts"]["sections"] == {"situation": "<p>Bản của đồng nghiệp</p>"}
    assert merge["conflicts"]["figures"] == {"staff-trained": "7"}
    assert merge["refreshed"]["sections"]["results"] == "<p>Kết quả mới</p>"


def test_save_and_submit_is_one_service_call(world: World, report: Report) -> None:
    page = Client()
    page.force_login(world.focal_hanoi)
    response = page.post(
        reverse("reporting:report_edit", args=[report.pk]),
        {"expected_version": 1, "section_situation": "<p>Xong</p>", "action": "submit", "confirm": "1"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert report.sections.get(section__key="situation").html == "<p>Xong</p>"


def test_cycle_update_changes_fields_and_participants_at_once(world: World, template: Any) -> None:
    cycle = cycle_create(
        actor=world.secretariat,
        name="Kỳ thử",
        period_start=PERIOD_START,
        period_end=PERIOD_END,
        deadline=DEADLINE,
        template=template,
        participants=[world.hanoi_committee, world.ministry],
    )
    offered = [world.hanoi_committee, world.hue_committee]  # the ministry was not offered: it stays
    updated = cycle_update(
        actor=world.secretariat,
        cycle=cycle,
        name="Kỳ thử (sửa)",
        participants=[world.hue_committee],
        chosen_from=offered,
    )
    assert updated.name == "Kỳ thử (sửa)" and updated.status == CycleStatus.PLANNED
    bodies = set(ReportingCycle.objects.get(pk=cycle.pk).participants.values_list("body_id", flat=True))
    assert bodies == {world.hue_committee.pk, world.ministry.pk}
