"""The report pages: the workflow, reading and revisions, attachments (Word in, files out: another file)."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from rightstrack.core.models import AuditEntry
from rightstrack.reporting.choices import ReportStatus, RevisionReason
from rightstrack.reporting.models import Attachment, Report, ReportRevision, ReportSection, ReviewComment
from rightstrack.reporting.services import report_save, report_submit
from tests.world import signed_in

from .conftest import World
from .pages import (
    PDF_BYTES,
    content_of,
    messages_of,
    sections_of,
    url,
)

# The workflow ---------------------------------------------------------------------------------------


def test_a_submitted_report_is_read_only_for_the_focal_point(world: World, report: Report) -> None:
    client = signed_in(world.focal_hanoi)
    response = client.post(
        url("report_submit", report.pk), {"expected_version": "1", "confirm": "1"}, follow=True
    )
    assert "Report submitted to the standing office." in messages_of(response)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    edit = client.get(url("report_edit", report.pk), follow=True)
    assert edit.redirect_chain[-1][0] == url("report_detail", report.pk)
    assert any("can no longer be edited" in m for m in messages_of(edit))
    post = client.post(
        url("report_edit", report.pk), {"expected_version": str(report.version), "section_situation": "x"}
    )
    assert post.status_code == 302 and sections_of(report)["situation"] == ""
    autosave = client.post(
        url("report_autosave", report.pk),
        json.dumps({"version": report.version, "sections": {"situation": "x"}}),
        content_type="application/json",
    )
    assert autosave.status_code == 409 and autosave.json()["code"] == "read_only"
    assert client.get(url("report_import", report.pk)).status_code == 302
    detail = client.get(url("report_detail", report.pk)).content.decode()
    assert url("report_edit", report.pk) not in detail and url("report_submit", report.pk) not in detail
    assert "read-only while the standing office reviews it" in detail


def test_a_double_submit_is_one_transition(world: World, report: Report) -> None:
    client = signed_in(world.focal_hanoi)
    for _ in range(2):
        assert (
            client.post(
                url("report_submit", report.pk), {"expected_version": "1", "confirm": "1"}
            ).status_code
            == 302
        )
    assert ReportRevision.objects.filter(report=report, reason=RevisionReason.SUBMIT).count() == 1
    assert AuditEntry.objects.filter(action="submitted").count() == 1


def test_submitting_a_version_that_changed_meanwhile_is_refused(world: World, report: Report) -> None:
    report_save(
        actor=world.focal_hanoi_en,
        report=report,
        expected_version=1,
        sections={"lessons": "<p>B</p>"},
        figures={},
    )
    response = signed_in(world.focal_hanoi).post(
        url("report_submit", report.pk), {"expected_version": "1", "confirm": "1"}, follow=True
    )
    assert any("was changed after you opened this page" in m for m in messages_of(response))
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_save_and_submit_from_the_edit_page(world: World, report: Report) -> None:
    response = signed_in(world.focal_hanoi).post(
        url("report_edit", report.pk),
        {"expected_version": "1", "section_situation": "<p>Xong</p>", "action": "submit", "confirm": "1"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url("report_detail", report.pk)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and sections_of(report)["situation"] == "<p>Xong</p>"


def test_the_reviewer_returns_with_comments_shown_next_to_their_sections(
    world: World, report: Report
) -> None:
    report_submit(actor=world.focal_hanoi, report=report)
    reviewer = signed_in(world.reviewer)
    page = reviewer.get(url("report_return", report.pk))
    assert page.status_code == 200 and 'name="comment_situation"' in page.content.decode()
    empty = reviewer.post(url("report_return", report.pk), {"general": " "})
    assert empty.status_code == 200 and "at least one comment" in empty.content.decode()
    response = reviewer.post(
        url("report_return", report.pk),
        {"general": "Bổ sung số liệu.", "comment_situation": "Nêu rõ tình hình ở cơ sở."},
        follow=True,
    )
    assert "Report returned to the province with your comments." in messages_of(response)
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert {
        (c.section.key if c.section else None, c.text) for c in ReviewComment.objects.filter(report=report)
    } == {
        (None, "Bổ sung số liệu."),
        ("situation", "Nêu rõ tình hình ở cơ sở."),
    }
    writer = signed_in(world.focal_hanoi)
    for name in ("report_detail", "report_edit"):
        html = writer.get(url(name, report.pk)).content.decode()
        assert "Bổ sung số liệu." in html
        section = html.split('id="section-situation"')[1].split('id="section-results"')[0]
        assert "Nêu rõ tình hình ở cơ sở." in section  # beside its own section


def test_the_reviewer_accepts_after_confirming(world: World, report: Report) -> None:
    report_submit(actor=world.focal_hanoi, report=report)
    reviewer = signed_in(world.reviewer)
    assert reviewer.get(url("report_accept", report.pk)).status_code == 200
    response = reviewer.post(url("report_accept", report.pk), follow=True)
    assert "Report accepted." in messages_of(response)
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    assert reviewer.get(url("report_accept", report.pk)).status_code == 302  # nothing left to accept
    assert signed_in(world.focal_hanoi).get(url("report_edit", report.pk)).status_code == 302


@pytest.mark.parametrize(
    ("persona", "method", "name"),
    [
        ("focal_hanoi", "post", "report_accept"),
        ("focal_hanoi", "get", "report_return"),
        ("reviewer", "get", "report_edit"),
        ("reviewer", "post", "report_autosave"),
        ("reviewer", "post", "report_submit"),
        ("reviewer", "get", "report_import"),
        ("secretariat", "post", "report_attachment_add"),
    ],
)
def test_actions_outside_ones_role_are_forbidden(
    world: World, report: Report, persona: str, method: str, name: str
) -> None:
    if name in ("report_accept", "report_return"):
        report_submit(actor=world.focal_hanoi, report=report)
    client = signed_in(getattr(world, persona))
    assert getattr(client, method)(url(name, report.pk)).status_code == 403


def test_every_route_of_a_report_out_of_scope_is_not_found(world: World, report: Report) -> None:
    attachment = Attachment.objects.create(report=report, original_name="a.pdf", size=1, kind="pdf")
    report_save(
        actor=world.focal_hanoi,
        report=report,
        expected_version=1,
        sections={"lessons": "<p>1</p>"},
        figures={},
    )
    client = signed_in(world.focal_hue)
    routes = [
        ("get", "report_detail", [report.pk]),
        ("get", "report_edit", [report.pk]),
        ("post", "report_edit", [report.pk]),
        ("post", "report_autosave", [report.pk]),
        ("post", "report_submit", [report.pk]),
        ("get", "report_return", [report.pk]),
        ("post", "report_return", [report.pk]),
        ("get", "report_accept", [report.pk]),
        ("post", "report_accept", [report.pk]),
        ("get", "report_revision", [report.pk, 1]),
        ("get", "report_revision_diff", [report.pk]),
        ("post", "report_attachment_add", [report.pk]),
        ("get", "report_attachment", [report.pk, attachment.pk]),
        ("post", "report_attachment_delete", [report.pk, attachment.pk]),
        ("get", "report_import", [report.pk]),
        ("post", "report_import", [report.pk]),
        ("get", "report_import_preview", [report.pk]),
        ("post", "report_import_preview", [report.pk]),
        ("get", "report_export_docx", [report.pk]),
        ("get", "report_export_pdf", [report.pk]),
    ]
    for method, name, args in routes:
        assert getattr(client, method)(url(name, *args)).status_code == 404, name
    assert Client().get(url("report_detail", report.pk)).status_code == 302  # anonymous: sign in first


# Reading and revisions ------------------------------------------------------------------------------


def test_the_detail_page_shows_the_report_read_only(world: World, report: Report) -> None:
    report_save(
        actor=world.focal_hanoi,
        report=report,
        expected_version=1,
        sections={"situation": "<p>Ổn định.</p>"},
        figures={"awareness-sessions": "45"},
    )
    page = signed_in(world.reviewer, "vi").get(url("report_detail", report.pk)).content.decode()
    assert "Tình hình chung" in page and "<p>Ổn định.</p>" in page
    assert "I. Tình hình chung" in page and "1. Xây dựng, hoàn thiện thể chế" in page
    assert "45" in page and url("report_export_docx", report.pk) in page
    assert url("report_edit", report.pk) not in page  # the reviewer does not write the province's report


def test_the_page_cleans_html_again_before_showing_it(world: World, report: Report) -> None:
    ReportSection.objects.filter(report=report, section__key="situation").update(
        html='<p onclick="x()">Chữ</p><script>alert(1)</script><img src=x onerror=alert(2)>'
    )
    page = signed_in(world.focal_hanoi).get(url("report_detail", report.pk)).content.decode()
    assert "<p>Chữ</p>" in page
    assert "alert(" not in page and "onclick" not in page and "onerror" not in page


def test_revisions_are_listed_viewable_and_compared(world: World, report: Report) -> None:
    report_save(
        actor=world.focal_hanoi,
        report=report,
        expected_version=1,
        sections={"situation": "<p>Một</p><p>Hai</p>"},
        figures={},
    )
    report_save(
        actor=world.focal_hanoi,
        report=report,
        expected_version=2,
        sections={"situation": "<p>Một</p><p>Ba</p>"},
        figures={"staff-trained": "9"},
    )
    client = signed_in(world.reviewer)
    detail = client.get(url("report_detail", report.pk)).content.decode()
    assert url("report_revision", report.pk, 1) in detail and url("report_revision", report.pk, 2) in detail
    assert f"{url('report_revision_diff', report.pk)}?a=1&amp;b=2" in detail
    first = client.get(url("report_revision", report.pk, 1)).content.decode()
    assert "<p>Hai</p>" in first and "<p>Ba</p>" not in first
    diff = client.get(url("report_revision_diff", report.pk), {"a": 1, "b": 2})
    assert diff.status_code == 200
    html = diff.content.decode()
    assert "Tình hình chung" in html or "General situation" in html
    assert "Removed: </span>Hai</del>" in html and "Added: </span>Ba</ins>" in html
    assert "→ 9" in html  # the figure that changed
    assert client.get(url("report_revision_diff", report.pk)).status_code == 200  # the latest two by default
    assert client.get(url("report_revision_diff", report.pk), {"a": 99, "b": 1}).status_code == 404
    assert client.get(url("report_revision", report.pk, 99)).status_code == 404


# Attachments ----------------------------------------------------------------------------------------


def test_attachments_are_checked_served_as_downloads_and_removed(world: World, report: Report) -> None:
    client = signed_in(world.focal_hanoi)
    upload = SimpleUploadedFile("Phụ lục.pdf", PDF_BYTES, content_type="text/html")
    response = client.post(url("report_attachment_add", report.pk), {"file": upload}, follow=True)
    assert "“Phụ lục.pdf” attached." in messages_of(response)
    attachment = Attachment.objects.get(report=report)
    download = signed_in(world.reviewer).get(url("report_attachment", report.pk, attachment.pk))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"  # by the content, not what the browser claimed
    assert download["Content-Disposition"].startswith("attachment;")
    assert content_of(download) == PDF_BYTES
    assert (
        signed_in(world.focal_hue).get(url("report_attachment", report.pk, attachment.pk)).status_code == 404
    )
    renamed = SimpleUploadedFile(
        "photo.pdf", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, content_type="application/pdf"
    )
    mismatched = client.post(url("report_attachment_add", report.pk), {"file": renamed}, follow=True)
    assert any("a PNG image, not a PDF document" in m for m in messages_of(mismatched))  # name ≠ content
    assert Attachment.objects.filter(report=report).count() == 1
    exe = SimpleUploadedFile("report.pdf", b"MZ\x90\x00" + b"\0" * 64)
    refused = client.post(url("report_attachment_add", report.pk), {"file": exe}, follow=True)
    assert any("a program" in m for m in messages_of(refused))
    assert Attachment.objects.filter(report=report).count() == 1
    client.post(url("report_attachment_delete", report.pk, attachment.pk))
    assert not Attachment.objects.filter(pk=attachment.pk).exists()


def test_the_detail_and_edit_pages_cost_the_same_queries_with_more_comments_and_revisions(
    world: World, report: Report
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rightstrack.reporting.services import report_return

    client = signed_in(world.focal_hanoi)

    def count(name: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(name, report.pk)).status_code == 200
        return len(queries)

    def round_trip(times: int) -> None:
        for _ in range(times):
            current = Report.objects.get(pk=report.pk)
            submitted = report_submit(actor=world.focal_hanoi, report=current)
            report_return(
                actor=world.reviewer,
                report=submitted,
                comments=[(None, "Bổ sung."), ("situation", "Rõ hơn."), ("lessons", "Thêm ví dụ.")],
            )

    round_trip(1)
    count("report_detail")  # the session's first request may renew its idle limit (one write): not counted
    few = {name: count(name) for name in ("report_detail", "report_edit")}
    round_trip(3)
    assert {name: count(name) for name in ("report_detail", "report_edit")} == few
