"""Writing a report: sanitised sections, validated figures, the optimistic lock, autosave revisions, scope."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone, translation

from rightstrack.core.models import AuditEntry
from rightstrack.core.scope import get_scoped_or_404
from rightstrack.reporting.choices import RevisionReason
from rightstrack.reporting.exceptions import ReportNotEditable, StaleReport
from rightstrack.reporting.models import Report, ReportRevision
from rightstrack.reporting.selectors import report_content, report_detail
from rightstrack.reporting.services import report_import_content, report_save, report_submit


def _save(world, report, *, user=None, version=None, sections=None, figures=None, **kwargs):
    return report_save(
        actor=user or world.focal_hanoi,
        report=report,
        expected_version=report.version if version is None else version,
        sections=sections or {},
        figures=figures or {},
        **kwargs,
    )


def test_a_focal_point_saves_sections_and_figures(world, report: Report) -> None:
    saved = _save(
        world,
        report,
        sections={
            "situation": "<p>Tình hình <strong>ổn định</strong>.</p>",
            "lessons": "<p>Phối hợp sớm.</p>",
        },
        figures={"awareness-sessions": "12", "poverty-rate": "3,25", "staff-trained": Decimal("40")},
    )
    assert saved.version == 2
    content = report_content(saved)
    assert content["sections"]["situation"] == "<p>Tình hình <strong>ổn định</strong>.</p>"
    assert content["figures"]["awareness-sessions"] == "12"
    assert content["figures"]["poverty-rate"] == "3.25"
    assert content["figures"]["staff-trained"] == "40"
    revision = ReportRevision.objects.get(report=report)
    assert (revision.number, revision.reason, revision.report_version) == (1, RevisionReason.SAVE, 2)
    assert revision.snapshot["sections"]["lessons"] == "<p>Phối hợp sớm.</p>"
    entry = AuditEntry.objects.filter(action="content_saved", object_id=str(report.pk)).get()
    assert entry.actor_id == world.focal_hanoi.pk
    assert entry.after is not None and entry.before is not None
    assert entry.after["figures"]["awareness-sessions"] == "12"
    assert entry.before["sections"]["situation"] == ""


def test_html_is_sanitised(world, report: Report) -> None:
    saved = _save(
        world,
        report,
        sections={
            "situation": '<p onclick="x()">A<script>alert(1)</script> <a href="javascript:evil()">b</a> '
            '<a href="https://example.org">c</a></p><h1>Big</h1><img src=x>'
        },
    )
    html = report_content(saved)["sections"]["situation"]
    assert "script" not in html and "onclick" not in html and "javascript" not in html and "<img" not in html
    assert '<a href="https://example.org" rel="noopener noreferrer">c</a>' in html
    assert "<h1>" not in html and "Big" in html


def test_a_save_that_changes_nothing_writes_nothing(world, report: Report) -> None:
    report = _save(world, report, sections={"situation": "<p>A</p>"})
    audit_rows = AuditEntry.objects.count()
    again = _save(world, report, sections={"situation": "<p>A</p>"})
    assert again.version == report.version
    assert AuditEntry.objects.count() == audit_rows
    assert ReportRevision.objects.filter(report=report).count() == 1


def test_a_save_on_a_stale_version_is_refused_and_shows_both_texts(world, report: Report) -> None:
    opened_at = report.version
    _save(world, report, user=world.focal_hanoi_en, sections={"situation": "<p>Their text</p>"})
    with pytest.raises(StaleReport) as caught:
        _save(
            world,
            report,
            version=opened_at,
            sections={"situation": "<p>My text</p>"},
            figures={"staff-trained": "7"},
        )
    error = caught.value
    assert isinstance(error, ValidationError)
    assert error.report.version == opened_at + 1
    assert error.sections["situation"] == "<p>Their text</p>"
    assert error.attempted_sections == {"situation": "<p>My text</p>"}
    assert error.attempted_figures == {"staff-trained": "7"}
    assert str(opened_at + 1) in error.messages[0]
    assert report_content(Report.objects.get(pk=report.pk))["sections"]["situation"] == "<p>Their text</p>"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("mười hai", "not_a_number"),
        ("1.250.000", "not_a_number"),
        ("12abc", "not_a_number"),
        ("NaN", "not_a_number"),
        ("-3", "negative"),
        ("12.5", "decimals"),
        ("3,254", "decimals"),
        ("1" * 17, "too_large"),
    ],
)
def test_bad_figures_are_refused_with_a_message_naming_the_indicator(world, report, value, code) -> None:
    key = "poverty-rate" if code in {"decimals", "too_large"} and "," in value else "staff-trained"
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        _save(world, report, figures={key: value})
    errors = caught.value.error_dict[f"figures.{key}"]
    assert errors[0].code == code
    with translation.override("en"):
        label = report.template.indicators.get(key=key).display_label
        assert label in caught.value.message_dict[f"figures.{key}"][0]
    assert Report.objects.get(pk=report.pk).version == report.version


def test_every_problem_is_reported_at_once_and_nothing_is_saved(world, report: Report) -> None:
    with pytest.raises(ValidationError) as caught:
        _save(
            world,
            report,
            sections={"situation": "<p>Should not be saved</p>", "no-such-section": "x"},
            figures={"staff-trained": "-1", "awareness-sessions": "many", "no-such-figure": "1"},
        )
    assert set(caught.value.error_dict) == {
        "sections",
        "figures",
        "figures.staff-trained",
        "figures.awareness-sessions",
    }
    fresh = Report.objects.get(pk=report.pk)
    assert fresh.version == report.version
    assert report_content(fresh)["sections"]["situation"] == ""
    assert not ReportRevision.objects.filter(report=report).exists()
    assert not AuditEntry.objects.filter(action="content_saved").exists()


def test_blank_figures_clear_the_value_and_negatives_pass_where_allowed(world, report: Report) -> None:
    report = _save(world, report, figures={"staff-trained": " 1 250 "})
    assert report_content(report)["figures"]["staff-trained"] == "1250"
    report = _save(world, report, figures={"staff-trained": ""})
    assert report_content(report)["figures"]["staff-trained"] is None
    indicator = report.template.indicators.get(key="poverty-rate")
    indicator.allow_negative = True  # a change of population can be negative in a custom template
    indicator.save()
    report = _save(world, report, figures={"poverty-rate": "-0,5"})
    assert report.figures.get(indicator=indicator).value == Decimal("-0.5")


def test_autosaves_by_one_person_within_ten_minutes_share_a_revision(world, report: Report) -> None:
    report = _save(world, report, sections={"situation": "<p>1</p>"}, autosave=True)
    report = _save(world, report, sections={"situation": "<p>12</p>"}, autosave=True)
    revisions = list(ReportRevision.objects.filter(report=report))
    assert len(revisions) == 1
    assert revisions[0].snapshot["sections"]["situation"] == "<p>12</p>"
    assert revisions[0].report_version == report.version == 3

    ReportRevision.objects.filter(pk=revisions[0].pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    report = _save(world, report, sections={"situation": "<p>123</p>"}, autosave=True)
    report = _save(
        world, report, user=world.focal_hanoi_en, sections={"situation": "<p>1234</p>"}, autosave=True
    )
    report = _save(world, report, sections={"situation": "<p>12345</p>"})
    report = _save(world, report, sections={"situation": "<p>123456</p>"}, autosave=True)
    assert ReportRevision.objects.filter(report=report).count() == 5
    assert AuditEntry.objects.filter(action="content_saved", object_id=str(report.pk)).count() == 6


def test_submitted_reports_are_read_only_to_the_province(world, report: Report) -> None:
    report = report_submit(actor=world.focal_hanoi, report=report)
    with pytest.raises(ReportNotEditable):
        _save(world, report, sections={"situation": "<p>after</p>"})
    assert report_content(Report.objects.get(pk=report.pk))["sections"]["situation"] == ""


def test_another_province_cannot_see_or_save_the_report(world, report: Report) -> None:
    with pytest.raises(Http404):
        get_scoped_or_404(world.focal_hue, report_detail(), pk=report.pk)
    with pytest.raises(Http404):
        _save(world, report, user=world.focal_hue, sections={"situation": "<p>x</p>"})
    with pytest.raises(Http404):
        _save(world, report, user=world.agency, sections={"situation": "<p>x</p>"})
    assert get_scoped_or_404(world.focal_hanoi, report_detail(), pk=report.pk) == report
    assert get_scoped_or_404(world.reviewer, report_detail(), pk=report.pk) == report


def test_reviewers_read_but_do_not_write(world, report: Report) -> None:
    with pytest.raises(PermissionDenied):
        _save(world, report, user=world.reviewer, sections={"situation": "<p>x</p>"})
    with pytest.raises(PermissionDenied):
        _save(world, report, user=world.secretariat, sections={"situation": "<p>x</p>"})


def test_an_import_keeps_text_that_matched_no_section(world, report: Report) -> None:
    imported = report_import_content(
        actor=world.focal_hanoi,
        report=report,
        expected_version=report.version,
        sections={"situation": "<p>Từ tệp Word</p>"},
        figures={},
        unplaced_html="<p>Phụ lục không khớp mục nào</p>",
    )
    assert imported.unplaced_html == "<p>Phụ lục không khớp mục nào</p>"
    revision = ReportRevision.objects.get(report=report)
    assert revision.reason == RevisionReason.IMPORT
    assert revision.snapshot["unplaced"] == "<p>Phụ lục không khớp mục nào</p>"
