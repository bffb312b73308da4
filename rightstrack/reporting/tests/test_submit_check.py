"""Submitting with open eyes (issue 7, item 4): the check before submitting (page, editor, API), the version
number people see, "Compare" opening on what changed since the return, and the dashboard's two dates."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from rightstrack.reporting.choices import ReportStatus
from rightstrack.reporting.models import Report, TemplateIndicator, TemplateSection
from rightstrack.reporting.selectors import cycle_dashboard, report_revisions, submission_check
from rightstrack.reporting.services import report_return, report_save, report_submit
from tests.world import api_client, signed_in

from .conftest import World
from .pages import messages_of, url


def complete(report: Report, actor: Any) -> Report:
    """Every section written and every figure given."""
    sections = {
        s.key: f"<p>Nội dung {s.key}.</p>" for s in TemplateSection.objects.filter(template=report.template)
    }
    figures = {i.key: "1" for i in TemplateIndicator.objects.filter(template=report.template)}
    return report_save(
        actor=actor,
        report=report,
        expected_version=report.version,
        sections=sections,
        figures=figures,
        unplaced_html="",
    )


def test_the_check_lists_empty_sections_unplaced_text_and_blank_figures(world: World, report: Report) -> None:
    report = report_save(
        actor=world.focal_hanoi,
        report=report,
        expected_version=report.version,
        sections={"situation": "<p>Ổn định.</p>", "results-legal": "<p>Ban hành 3 văn bản.</p>"},
        figures={"awareness-sessions": "12"},
        unplaced_html="<p>Đoạn văn chưa xếp.</p>",
    )
    check = submission_check(report)
    assert not check.ready and check.unplaced
    assert check.empty_sections[0].startswith("2. ")  # "II. Results" counts as written through "1. Legal…"
    assert not any(
        "situation" in s or s.startswith("I. ") or s.startswith("II. ") for s in check.empty_sections
    )
    assert (
        len(check.missing_figures) == TemplateIndicator.objects.filter(template=report.template).count() - 1
    )
    assert (
        complete(report, world.focal_hanoi)
        and not submission_check(Report.objects.get(pk=report.pk)).unplaced
    )


def test_the_page_asks_before_submitting_an_incomplete_report(world: World, report: Report) -> None:
    client = signed_in(world.focal_hanoi_en)
    page = client.get(url("report_detail", report.pk)).content.decode()
    assert 'data-testid="submit-check"' in page and "sections have no text" in page
    refused = client.post(url("report_submit", report.pk), {"expected_version": report.version}, follow=True)
    assert any(m.startswith("Before submitting, check: sections with no text") for m in messages_of(refused))
    assert Report.objects.get(pk=report.pk).status == ReportStatus.DRAFT
    client.post(url("report_submit", report.pk), {"expected_version": report.version, "confirm": "1"})
    assert Report.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED


def test_a_complete_report_is_submitted_without_a_question(world: World, report: Report) -> None:
    report = complete(report, world.focal_hanoi)
    client = signed_in(world.focal_hanoi_en)
    assert 'data-testid="submit-check"' not in client.get(url("report_detail", report.pk)).content.decode()
    client.post(url("report_submit", report.pk), {"expected_version": report.version, "confirm": "1"})
    assert Report.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED


def test_the_editor_keeps_the_text_and_asks_when_save_and_submit_finds_gaps(
    world: World, report: Report
) -> None:
    client = signed_in(world.focal_hanoi_en)
    data = {
        "expected_version": report.version,
        "section_situation": "<p>Tình hình mới.</p>",
        "action": "submit",
    }
    refused = client.post(url("report_edit", report.pk), data)
    assert refused.status_code == 200 and "Before submitting, check" in refused.content.decode()
    assert "Tình hình mới." in refused.content.decode()  # what was typed is still on the page
    assert Report.objects.get(pk=report.pk).status == ReportStatus.DRAFT
    client.post(url("report_edit", report.pk), data | {"confirm": "1"})
    assert Report.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED


def test_the_api_gives_the_check_and_wants_a_confirmation(world: World, report: Report) -> None:
    api = api_client(world.focal_hanoi)
    check = api.get(f"/api/reports/{report.pk}/submit-check/").json()
    assert check["ready"] is False and check["empty_sections"] and check["missing_figures"]
    refused = api.post(f"/api/reports/{report.pk}/submit/", {}, format="json")
    assert refused.status_code == 400 and "Before submitting, check" in refused.content.decode()
    assert Report.objects.get(pk=report.pk).status == ReportStatus.DRAFT
    accepted = api.post(f"/api/reports/{report.pk}/submit/", {"confirm": True}, format="json")
    assert accepted.status_code == 200 and accepted.json()["status"] == ReportStatus.SUBMITTED
    assert api_client(world.focal_hue).get(f"/api/reports/{report.pk}/submit-check/").status_code == 404


def test_one_version_number_the_page_and_the_revision_list_agree_on(world: World, report: Report) -> None:
    for text in ("<p>Một.</p>", "<p>Hai.</p>"):
        report = report_save(
            actor=world.focal_hanoi,
            report=report,
            expected_version=report.version,
            sections={"situation": text},
            figures={},
        )
    report = report_submit(actor=world.focal_hanoi, report=report)
    newest = report_revisions(report).first()
    assert newest is not None and newest.number != report.version  # the lock counts differently
    page = signed_in(world.focal_hanoi_en).get(url("report_detail", report.pk))
    text = page.content.decode()
    assert f"version {newest.number}" in text and f"version {report.version}<" not in text
    assert page.context["shown_version"] == newest.number


def test_compare_opens_on_what_changed_since_the_report_was_returned(world: World, report: Report) -> None:
    report = report_submit(actor=world.focal_hanoi, report=report)
    report = report_return(actor=world.reviewer, report=report, comments=[(None, "Bổ sung số liệu.")])
    returned = report_revisions(report).first()
    report = report_save(
        actor=world.focal_hanoi,
        report=report,
        expected_version=report.version,
        sections={"situation": "<p>Đã bổ sung.</p>"},
        figures={},
    )
    report = report_submit(actor=world.focal_hanoi, report=report)
    page = signed_in(world.focal_hanoi_en).get(url("report_revision_diff", report.pk))
    assert page.context["a"].number == returned.number  # type: ignore[union-attr]
    assert page.context["b"].number == report_revisions(report).first().number  # type: ignore[union-attr]
    assert "What changed since the report was returned" in page.content.decode()


def test_compare_opens_on_the_last_two_submissions_without_a_return(world: World, report: Report) -> None:
    report = report_save(
        actor=world.focal_hanoi,
        report=report,
        expected_version=report.version,
        sections={"situation": "<p>A</p>"},
        figures={},
    )
    page = signed_in(world.focal_hanoi_en).get(url("report_revision_diff", report.pk))
    assert "What changed" not in page.content.decode()  # two saves: simply the last two versions


def test_the_dashboard_shows_first_and_latest_submission_and_judges_the_first(
    world: World, report: Report, cycle: Any
) -> None:
    report = report_submit(actor=world.focal_hanoi, report=report)
    report = report_return(actor=world.reviewer, report=report, comments=[(None, "Sửa lại.")])
    report = report_submit(actor=world.focal_hanoi, report=report)
    first = timezone.now() - datetime.timedelta(days=20)
    Report.objects.filter(pk=report.pk).update(first_submitted_at=first)
    (row,) = [
        r
        for r in cycle_dashboard(user=world.secretariat, cycle=cycle).rows
        if r.body == world.hanoi_committee
    ]
    assert row.resubmitted and row.first_submitted_at == first
    html = signed_in(world.secretariat).get(url("cycle_detail", cycle.pk)).content.decode()
    assert "judged on the first submission" in html and "latest " in html
    assert first.astimezone(timezone.get_current_timezone()).strftime("%d/%m/%Y") in html
