"""Every version stays viewable, with a section-by-section diff between any two."""

from __future__ import annotations

from django.utils import translation

from rightstrack.exchange.html import html_to_text
from rightstrack.reporting.content import text_diff
from rightstrack.reporting.models import ReportRevision
from rightstrack.reporting.selectors import report_revisions, revision_diff
from rightstrack.reporting.services import report_save, report_submit


def test_diff_between_two_revisions_names_the_changed_sections(world, report) -> None:
    report = report_save(
        actor=world.focal_hanoi,
        report=report,
        expected_version=report.version,
        sections={"situation": "<p>Dòng một</p><p>Dòng hai</p>", "lessons": "<p>Không đổi</p>"},
        figures={"staff-trained": "10"},
    )
    report = report_save(
        actor=world.focal_hanoi,
        report=report,
        expected_version=report.version,
        sections={"situation": "<p>Dòng một</p><p>Dòng hai, sửa</p>"},
        figures={"staff-trained": "12", "awareness-sessions": "3"},
        unplaced_html="<p>Đoạn lạc</p>",
    )
    report = report_submit(actor=world.focal_hanoi, report=report)
    first, second, third = ReportRevision.objects.filter(report=report).order_by("number")
    assert [r.number for r in report_revisions(report)] == [3, 2, 1]

    with translation.override("en"):
        diffs = revision_diff(first, second)
    titles = [d.title for d in diffs]
    assert titles == ["General situation", "Figures", "Text not yet placed in a section"]
    situation = diffs[0].diff
    assert "-Dòng hai" in situation and "+Dòng hai, sửa" in situation and " Dòng một" in situation
    assert "Staff trained: 10 → 12" in diffs[1].diff
    assert "Awareness sessions held: — → 3" in diffs[1].diff
    assert revision_diff(second, third) == []  # submitting changes the status, not the content
    with translation.override("vi"):
        assert revision_diff(first, second)[0].title == "Tình hình chung"


def test_text_helpers() -> None:
    assert html_to_text("<h2>Tiêu đề</h2><p>A &amp; B</p><table><tr><td>1</td><td>2</td></tr></table>") == (
        "Tiêu đề\nA & B\n1\t2"
    )
    assert text_diff("a\nb", "a\nb") == ""
