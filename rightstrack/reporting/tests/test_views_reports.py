"""The report pages: writing on a version, the workflow, revisions, attachments, Word in, Word and PDF out."""

from __future__ import annotations

import io
import json
import re
import zipfile
from typing import Any

import docx
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from openpyxl import load_workbook

from rightstrack.core.models import AuditEntry
from rightstrack.exchange.tests import files as report_files
from rightstrack.reporting.choices import ReportStatus, RevisionReason
from rightstrack.reporting.models import Attachment, Report, ReportRevision, ReportSection, ReviewComment
from rightstrack.reporting.services import report_save, report_submit
from rightstrack.reporting.views.imports import IMPORT_SESSION_KEY
from tests.world import signed_in

from .conftest import World

PDF_BYTES = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def url(name: str, *args: Any) -> str:
    return reverse(f"reporting:{name}", args=args)


def sections_of(report: Report) -> dict[str, str]:
    return {
        row.section.key: row.html
        for row in ReportSection.objects.filter(report=report).select_related("section")
    }


def figures_of(report: Report) -> dict[str, str]:
    report.refresh_from_db()
    return {row.indicator.key: row.display_value for row in report.figures.select_related("indicator")}


def content_of(response: Any) -> bytes:
    """The body of a file download (a streaming response)."""
    return b"".join(response.streaming_content)


def via_job(client: Client, path: str) -> Any:
    """Start an export: the request answers at once with the job's page (the job runs at once here), whose
    link downloads the file."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        started = client.get(path)
    assert started.status_code == 302 and started["Location"].startswith("/jobs/"), started
    page = client.get(started["Location"]).content.decode()
    link = re.search(r'href="(/jobs/\d+/download/)"', page)
    assert link is not None, page
    return client.get(link.group(1))


def messages_of(response: Any) -> list[str]:
    return [str(message) for message in response.context["messages"]] if response.context else []


def translated(text: str, language: str = "vi", **params: Any) -> str:
    with translation.override(language):
        message = translation.gettext(text)
    return message % params if params else message


# Writing --------------------------------------------------------------------------------------------


def test_the_edit_page_shows_every_section_with_its_guidance_and_the_version(
    world: World, report: Report
) -> None:
    response = signed_in(world.focal_hanoi).get(url("report_edit", report.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="expected_version" value="1"' in page
    for key in ("situation", "results-legal", "directives"):
        assert f'name="section_{key}"' in page
    assert 'name="figure_awareness-sessions"' in page and 'inputmode="decimal"' in page
    assert "Summarise the socio-economic situation" in page  # the writer's guidance beside the section
    assert (
        'id="rt-editor-config"' in page
        and "reporting/editor.js" in page
        and "rightstrack/forms.js" in page
        and "quill.js" in page
    )
    config = json.loads(page.split('id="rt-editor-config" type="application/json">')[1].split("</script>")[0])
    assert config["version"] == 1 and config["autosaveUrl"] == url("report_autosave", report.pk)


def test_saving_the_form_writes_sanitised_text_and_figures_on_a_new_version(
    world: World, report: Report
) -> None:
    client = signed_in(world.focal_hanoi)
    response = client.post(
        url("report_edit", report.pk),
        {
            "expected_version": "1",
            "section_situation": (
                '<h2>Tổng quan</h2><p>Ổn định <script>alert(1)</script><a href="javascript:x">x</a></p>'
            ),
            "section_lessons": "<ul><li>Phối hợp sớm</li></ul>",
            "figure_awareness-sessions": "45",
            "figure_poverty-rate": "3,25",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url("report_edit", report.pk)
    assert "Report saved (version 2)." in messages_of(response)
    text = sections_of(report)
    assert text["situation"].startswith("<h2>Tổng quan</h2><p>Ổn định")
    assert "<script" not in text["situation"] and "javascript" not in text["situation"]
    assert text["lessons"] == "<ul><li>Phối hợp sớm</li></ul>"
    assert figures_of(report)["awareness-sessions"] == "45" and figures_of(report)["poverty-rate"] == "3.25"
    report.refresh_from_db()
    assert report.version == 2
    revision = ReportRevision.objects.get(report=report)
    assert revision.reason == RevisionReason.SAVE and not revision.autosave


def test_only_the_sections_posted_are_written(world: World, report: Report) -> None:
    report_save(
        actor=world.focal_hanoi,
        report=report,
        expected_version=1,
        sections={"lessons": "<p>Giữ nguyên</p>"},
        figures={},
    )
    response = signed_in(world.focal_hanoi).post(
        url("report_edit", report.pk), {"expected_version": "2", "section_situation": "<p>Mới</p>"}
    )
    assert response.status_code == 302
    assert (
        sections_of(report)["lessons"] == "<p>Giữ nguyên</p>"
        and sections_of(report)["situation"] == "<p>Mới</p>"
    )


@pytest.mark.parametrize("language", ["en", "vi"])
def test_figures_that_are_not_numbers_or_negative_are_refused_in_the_users_language(
    world: World, report: Report, language: str
) -> None:
    client = signed_in(world.focal_hanoi, language)
    response = client.post(
        url("report_edit", report.pk),
        {
            "expected_version": "1",
            "section_situation": "<p>Văn bản đang viết</p>",
            "figure_awareness-sessions": "nhiều",
            "figure_staff-trained": "-3",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    with translation.override(language):
        sessions = response.context["form"].fields["figure_awareness-sessions"].label
        trained = response.context["form"].fields["figure_staff-trained"].label
    assert escape(translated("“%(indicator)s” cannot be negative.", language, indicator=trained)) in page
    assert "nhiều" in page  # what was typed stays in the box
    assert "Văn bản đang viết" in page
    expected = translated(
        "“%(indicator)s”: “%(value)s” is not a number. Write digits only, such as 1250 or 12,5.",
        language,
        indicator=sessions,
        value="nhiều",
    )
    assert escape(expected) in page
    report.refresh_from_db()
    assert report.version == 1 and sections_of(report)["situation"] == ""  # nothing was written


def test_autosave_saves_what_changed_and_answers_the_new_version(world: World, report: Report) -> None:
    client = signed_in(world.focal_hanoi)
    response = client.post(
        url("report_autosave", report.pk),
        json.dumps(
            {"version": 1, "sections": {"situation": "<p>Nháp</p>"}, "figures": {"staff-trained": "12"}}
        ),
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["version"] == 2
    assert sections_of(report)["situation"] == "<p>Nháp</p>" and figures_of(report)["staff-trained"] == "12"
    again = client.post(
        url("report_autosave", report.pk),
        json.dumps({"version": 2, "sections": {"situation": "<p>Nháp 2</p>"}}),
        content_type="application/json",
    )
    assert again.json()["version"] == 3
    revisions = ReportRevision.objects.filter(report=report)
    assert revisions.count() == 1 and revisions.get().autosave  # consecutive autosaves make one checkpoint


def test_autosave_on_a_stale_version_answers_409_with_the_newer_text(world: World, report: Report) -> None:
    report_save(
        actor=world.focal_hanoi_en,
        report=report,
        expected_version=1,
        sections={"situation": "<p>Bản của đồng nghiệp</p>"},
        figures={"staff-trained": "7"},
    )
    response = signed_in(world.focal_hanoi).post(
        url("report_autosave", report.pk),
        json.dumps({"version": 1, "sections": {"situation": "<p>Bản của tôi</p>"}}),
        content_type="application/json",
    )
    assert response.status_code == 409
    answer = response.json()
    assert answer["code"] == "stale" and answer["version"] == 2
    assert answer["sections"]["situation"] == "<p>Bản của đồng nghiệp</p>"
    assert answer["figures"]["staff-trained"] == "7"
    assert "version 2" in answer["message"]
    assert sections_of(report)["situation"] == "<p>Bản của đồng nghiệp</p>"  # nothing overwritten


def test_autosave_refuses_what_it_cannot_read_and_bad_figures(world: World, report: Report) -> None:
    client = signed_in(world.focal_hanoi)
    garbled = client.post(url("report_autosave", report.pk), "{not json", content_type="application/json")
    assert garbled.status_code == 400 and garbled.json()["code"] == "bad_request"
    bad = client.post(
        url("report_autosave", report.pk),
        json.dumps({"version": 1, "sections": {"situation": "<p>x</p>"}, "figures": {"staff-trained": "-1"}}),
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert bad.json()["code"] == "invalid" and "figures.staff-trained" in bad.json()["errors"]
    assert sections_of(report)["situation"] == ""
    assert client.get(url("report_autosave", report.pk)).status_code == 405


def test_a_stale_form_save_shows_both_texts_and_keeps_what_was_typed(world: World, report: Report) -> None:
    writer = signed_in(world.focal_hanoi)
    assert writer.get(url("report_edit", report.pk)).status_code == 200  # read at version 1
    report_save(
        actor=world.focal_hanoi_en,
        report=report,
        expected_version=1,
        sections={"situation": "<p>Bản mới của đồng nghiệp</p>", "lessons": "<p>Bài học của đồng nghiệp</p>"},
        figures={},
    )
    response = writer.post(
        url("report_edit", report.pk),
        {
            "expected_version": "1",
            "section_situation": "<p>Bản của tôi, chưa lưu</p>",
            "section_lessons": "",  # the writer did not touch it: the colleague's text is simply taken
            "section_proposals": "<p>Kiến nghị của tôi</p>",  # only the writer changed it: kept, no clash
        },
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone saved this report after you opened it" in page
    assert "Bản của tôi, chưa lưu" in page  # the writer's text, still in its box
    assert "Bản mới của đồng nghiệp" in page  # the newer text beside it
    assert 'name="expected_version" value="2"' in page  # the page now bases on the newer version
    conflicts = {item["view"].key for item in response.context["sections"] if item["conflict"]}
    assert conflicts == {"situation"}
    form = response.context["form"]
    assert form["section_lessons"].value() == "<p>Bài học của đồng nghiệp</p>"
    assert form["section_proposals"].value() == "<p>Kiến nghị của tôi</p>"
    assert sections_of(report)["situation"] == "<p>Bản mới của đồng nghiệp</p>"  # nothing was saved

    # Keeping one's own text is an explicit second save on the newer version.
    again = writer.post(
        url("report_edit", report.pk),
        {"expected_version": "2", "section_situation": "<p>Bản của tôi, chưa lưu</p>"},
    )
    assert again.status_code == 302
    assert sections_of(report)["situation"] == "<p>Bản của tôi, chưa lưu</p>"
    assert sections_of(report)["lessons"] == "<p>Bài học của đồng nghiệp</p>"


def test_without_the_revision_of_the_version_read_any_difference_is_a_conflict(
    world: World, report: Report
) -> None:
    report_save(
        actor=world.focal_hanoi_en,
        report=report,
        expected_version=1,
        sections={"lessons": "<p>A</p>"},
        figures={},
    )
    report_save(
        actor=world.focal_hanoi_en,
        report=report,
        expected_version=2,
        sections={"lessons": "<p>B</p>"},
        figures={},
    )
    ReportRevision.objects.filter(report=report).delete()
    response = signed_in(world.focal_hanoi).post(
        url("report_edit", report.pk),
        {"expected_version": "2", "section_lessons": "<p>A</p>", "figure_staff-trained": ""},
    )
    assert response.status_code == 409
    assert {item["view"].key for item in response.context["sections"] if item["conflict"]} == {"lessons"}


# The workflow ---------------------------------------------------------------------------------------


def test_a_submitted_report_is_read_only_for_the_focal_point(world: World, report: Report) -> None:
    client = signed_in(world.focal_hanoi)
    response = client.post(url("report_submit", report.pk), {"expected_version": "1"}, follow=True)
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
        assert client.post(url("report_submit", report.pk), {"expected_version": "1"}).status_code == 302
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
        url("report_submit", report.pk), {"expected_version": "1"}, follow=True
    )
    assert any("was changed after you opened this page" in m for m in messages_of(response))
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_save_and_submit_from_the_edit_page(world: World, report: Report) -> None:
    response = signed_in(world.focal_hanoi).post(
        url("report_edit", report.pk),
        {"expected_version": "1", "section_situation": "<p>Xong</p>", "action": "submit"},
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
    accepted = client.post(url("report_attachment_add", report.pk), {"file": renamed}, follow=True)
    assert (
        Attachment.objects.filter(report=report).count() == 2 and accepted.status_code == 200
    )  # a PNG is fine
    exe = SimpleUploadedFile("report.pdf", b"MZ\x90\x00" + b"\0" * 64)
    refused = client.post(url("report_attachment_add", report.pk), {"file": exe}, follow=True)
    assert any("a program" in m for m in messages_of(refused))
    assert Attachment.objects.filter(report=report).count() == 2
    client.post(url("report_attachment_delete", report.pk, attachment.pk))
    assert not Attachment.objects.filter(pk=attachment.pk).exists()


# Word in --------------------------------------------------------------------------------------------


def upload(client: Client, report: Report, data: bytes, name: str = "bao-cao.docx") -> Any:
    """Upload a Word file. Reading it is a job (run at once here): its page's fragment leads on to the
    preview, whose first answer takes the job's plan into the session; a file it refused stays on its page."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url("report_import", report.pk), {"file": SimpleUploadedFile(name, data)})
    if response.status_code == 302 and response["Location"].startswith("/jobs/"):
        progress = client.get(response["Location"] + "progress/", HTTP_HX_REQUEST="true")
        if "HX-Redirect" in progress:
            return client.get(progress["HX-Redirect"])
        return client.get(response["Location"])
    return response


def test_a_word_report_is_previewed_moved_and_imported(world: World, report: Report) -> None:
    report_save(
        actor=world.focal_hanoi,
        report=report,
        expected_version=1,
        sections={"lessons": "<p>Đã có</p>"},
        figures={},
    )
    client = signed_in(world.focal_hanoi)
    response = upload(client, report, report_files.bold_numbered_vietnamese())
    assert response.status_code == 302 and response["Location"] == url("report_import_preview", report.pk)
    report.refresh_from_db()
    assert report.version == 2 and sections_of(report)["situation"] == ""  # nothing saved before confirming

    preview = client.get(url("report_import_preview", report.pk))
    assert preview.status_code == 200
    parts = {p.part.heading: p.part for p in preview.context["parts"]}
    assert parts["I. TÌNH HÌNH CHUNG"].target == "situation"
    other = parts["IV. MỘT SỐ NỘI DUNG KHÁC"]
    assert other.target == "unplaced"
    html = preview.content.decode()
    assert "No matching section" in html and "Text before the first heading" in html

    moves = {f"move_{p.id}": p.target for p in parts.values()}
    moves[f"move_{other.id}"] = "lessons"
    updated = client.post(url("report_import_preview", report.pk), moves | {"action": "preview"})
    assert updated.status_code == 200
    lessons = next(o for o in updated.context["outcome"] if o["view"].key == "lessons")
    assert [p.part.id for p in lessons["parts"]] == [other.id] and lessons["replaces"]

    done = client.post(url("report_import_preview", report.pk), moves | {"action": "confirm"}, follow=True)
    assert done.redirect_chain[-1][0] == url("report_edit", report.pk)
    text = sections_of(report)
    assert "ổn định" in text["situation"]
    assert "<table>" in text["results-education"] and "Tuyên truyền" in text["results-education"]
    assert "Nội dung không thuộc mục nào" in text["lessons"] and "Đã có" not in text["lessons"]
    report.refresh_from_db()
    assert "Thực hiện Kế hoạch số 45/KH-BCĐ" in report.unplaced_html  # kept aside, never dropped
    assert ReportRevision.objects.filter(report=report, reason=RevisionReason.IMPORT).count() == 1
    assert str(report.pk) not in client.session.get(IMPORT_SESSION_KEY, {})
    assert "Thực hiện Kế hoạch số 45/KH-BCĐ" in client.get(url("report_edit", report.pk)).content.decode()


def test_an_import_confirmed_after_someone_saved_asks_again(world: World, report: Report) -> None:
    client = signed_in(world.focal_hanoi)
    upload(client, report, report_files.styled_english())
    report_save(
        actor=world.focal_hanoi_en,
        report=report,
        expected_version=1,
        sections={"lessons": "<p>B</p>"},
        figures={},
    )
    response = client.post(url("report_import_preview", report.pk), {"action": "confirm"}, follow=True)
    assert response.redirect_chain[-1][0] == url("report_import_preview", report.pk)
    assert any("after you uploaded the document" in m for m in messages_of(response))
    assert sections_of(report)["lessons"] == "<p>B</p>"
    client.post(url("report_import_preview", report.pk), {"action": "confirm"})
    assert "Coordinate early." in sections_of(report)["lessons"]


def test_cancelling_an_import_changes_nothing(world: World, report: Report) -> None:
    client = signed_in(world.focal_hanoi)
    assert client.get(url("report_import_preview", report.pk)).status_code == 302  # nothing uploaded yet
    upload(client, report, report_files.styled_english())
    response = client.post(url("report_import_preview", report.pk), {"action": "cancel"}, follow=True)
    assert "Import cancelled: nothing was changed." in messages_of(response)
    report.refresh_from_db()
    assert report.version == 1 and all(html == "" for html in sections_of(report).values())


BAD_FILES = {
    "empty": (b"", "The file is empty. Choose the file again and upload it."),
    "pdf": (
        PDF_BYTES,
        "This file is %(found)s, not %(expected)s. Save it in that format and upload it again.",
    ),
    "corrupt": (
        b"PK\x03\x04" + b"\x00garbage" * 200,
        "This file is damaged or unreadable. Open it in your office software, save it again and upload it.",
    ),
    "no_headings": (
        None,
        "No headings found in this document, so its text cannot be matched to the report's sections. "
        "Mark the section titles with Word's Heading styles, or number them in bold "
        "(“I.”, “1.”, “1.1.”), then upload it again.",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
@pytest.mark.parametrize("language", ["vi", "en"])
def test_bad_word_files_are_refused_with_a_translated_message(
    world: World, report: Report, case: str, language: str
) -> None:
    data, message = BAD_FILES[case]
    if data is None:
        data = report_files.no_headings()
    client = signed_in(world.focal_hanoi, language)
    response = upload(client, report, data)
    assert response.status_code == 200
    with translation.override(language):
        expected = translation.gettext(message)
        if case == "pdf":
            from rightstrack.exchange.uploads import kind_label

            expected = expected % {"found": kind_label("pdf"), "expected": kind_label("docx")}
    assert escape(expected) in response.content.decode()
    report.refresh_from_db()
    assert report.version == 1 and str(report.pk) not in client.session.get(IMPORT_SESSION_KEY, {})


def test_a_word_file_over_the_size_limit_is_refused_before_it_is_read(world: World, report: Report) -> None:
    from rightstrack.exchange.uploads import DEFAULT_MAX_BYTES

    response = upload(signed_in(world.focal_hanoi), report, b"PK\x03\x04" + b"\0" * DEFAULT_MAX_BYTES)
    assert response.status_code == 200 and "files of at most" in response.content.decode()
    report.refresh_from_db()
    assert report.version == 1


# Word, PDF, ZIP and XLSX out ------------------------------------------------------------------------


def test_one_report_exports_as_word_and_pdf(world: World, report: Report) -> None:
    report_save(
        actor=world.focal_hanoi,
        report=report,
        expected_version=1,
        sections={"situation": "<p>Ổn định.</p><table><tr><td>a</td><td>1</td></tr></table>"},
        figures={"awareness-sessions": "45"},
    )
    client = signed_in(world.focal_hanoi, "vi")
    word = client.get(url("report_export_docx", report.pk))
    assert word.status_code == 200 and word["Content-Disposition"].startswith("attachment;")
    assert word["Content-Disposition"].endswith('.docx"') and "bcd-hanoi" in word["Content-Disposition"]
    document = docx.Document(io.BytesIO(content_of(word)))
    texts = [p.text for p in document.paragraphs]
    assert any("Tình hình chung" in t for t in texts) and any("Ổn định." in t for t in texts)
    assert document.tables  # the section's table and the figures
    pdf = via_job(client, url("report_export_pdf", report.pk))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert content_of(pdf).startswith(b"%PDF")


def test_a_cycle_exports_as_a_zip_of_word_files_and_one_workbook(
    world: World, cycle: Any, report: Report, hue_report: Report
) -> None:
    report_save(
        actor=world.focal_hanoi,
        report=report,
        expected_version=1,
        sections={},
        figures={"staff-trained": "12"},
    )
    report_save(
        actor=world.focal_hue,
        report=hue_report,
        expected_version=1,
        sections={},
        figures={"staff-trained": "3"},
    )
    office = signed_in(world.secretariat)
    archive = via_job(office, url("cycle_export_zip", cycle.pk))
    assert archive.status_code == 200 and archive["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(content_of(archive))) as zipped:
        names = sorted(zipped.namelist())
        assert names == ["bcd-hanoi.docx", "bcd-hue.docx"]
        for name in names:
            docx.Document(io.BytesIO(zipped.read(name)))
    workbook = office.get(url("cycle_export_figures", cycle.pk))
    assert workbook.status_code == 200
    sheet = load_workbook(io.BytesIO(content_of(workbook))).active
    rows = [row for row in sheet.iter_rows(values_only=True)]
    bodies = [row[1] for row in rows[1:] if row[1]]
    assert sorted(bodies) == ["bcd-hanoi", "bcd-hue"]  # one row per body (then the totals)
    # A focal point gets their own body's report only.
    own = via_job(signed_in(world.focal_hue), url("cycle_export_zip", cycle.pk))
    with zipfile.ZipFile(io.BytesIO(content_of(own))) as zipped:
        assert zipped.namelist() == ["bcd-hue.docx"]
    agency = signed_in(world.agency).get(url("cycle_export_zip", cycle.pk), follow=True)
    assert any("no reports in this cycle" in m for m in messages_of(agency))


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


# In a real browser ----------------------------------------------------------------------------------

TABLE = (
    "<p>Hoạt động:</p><table><tr><th>Hoạt động</th><th>Số buổi</th></tr>"
    "<tr><td>Tập huấn</td><td>12</td></tr></table>"
)


@pytest.fixture(scope="session")
def plain_http() -> Any:
    """The live server speaks plain HTTP: no redirect to HTTPS, cookies without the secure flag. Session-wide
    because the live server builds its middleware once (the root conftest sets the same for every test)."""
    from django.test import override_settings

    with override_settings(SECURE_SSL_REDIRECT=False, SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False):
        yield


@pytest.fixture
def chromium(browser: Any) -> Any:
    """The root conftest's browser, under the name these tests know it by."""
    return browser


def editor_page(browser: Any, live_server: Any, user: Any, report: Report) -> Any:
    client = signed_in(user)
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            },
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url},
        ]
    )
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(live_server.url + url("report_edit", report.pk))
    page.wait_for_selector("#section-situation .ql-editor")
    return page


def saved(page: Any) -> None:
    """Wait until the page says everything is saved (the database is read only once the server is idle:
    SQLite's shared in-memory database refuses a read while another thread writes)."""
    # An expectation, not wait_for_function: a string predicate is evaluated as code, which the page's
    # Content-Security-Policy refuses.
    from playwright.sync_api import expect

    expect(page.locator("#rt-save-status")).to_contain_text("saved at", timeout=15_000)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_two_writers_in_browsers_never_overwrite_each_other(
    plain_http: Any, world: World, report: Report, live_server: Any, chromium: Any, monkeypatch: Any
) -> None:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the ORM is called beside Playwright's loop
    report_save(
        actor=world.focal_hanoi,
        report=report,
        expected_version=1,
        sections={"results-education": TABLE},
        figures={},
    )
    table = sections_of(report)["results-education"]
    first = editor_page(chromium, live_server, world.focal_hanoi, report)
    second = editor_page(chromium, live_server, world.focal_hanoi_en, report)
    assert not first.evaluate("rightstrackEditor.anyDirty()")  # loading a table does not rewrite it

    first.locator("#section-situation .ql-editor").click()
    first.keyboard.type("Text of the first writer.")
    first.locator("#id_figure_staff-trained").click()  # leaving the section saves it
    saved(first)
    assert "first writer" in sections_of(report)["situation"]

    second.locator("#section-situation .ql-editor").click()
    second.keyboard.type("Text of the second writer.")
    second.locator("#id_figure_staff-trained").click()
    panel = second.locator("#section-situation [data-role=conflict]")
    panel.wait_for(state="visible")
    assert "Text of the first writer." in panel.inner_text()
    assert "Text of the second writer." in second.locator("#section-situation .ql-editor").inner_text()
    assert "first writer" in sections_of(report)["situation"]  # refused, not overwritten

    second.click("button[name=action][value=save]")  # saving waits until the writer has chosen
    assert "Choose which text to keep" in second.locator("#rt-save-status").inner_text()
    second.locator("#section-situation [data-role=keep-mine]").click()
    second.evaluate("rightstrackEditor.save()")
    saved(second)
    assert "second writer" in sections_of(report)["situation"]
    assert sections_of(report)["results-education"] == table  # never sent, so never rewritten

    second.close()
    first.reload()
    first.wait_for_selector("#section-situation .ql-editor")
    first.locator("#section-lessons .ql-editor").click()
    first.keyboard.type("Lessons.")
    posts: list[str] = []
    first.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    first.locator("button[name=action][value=submit]").dblclick()  # the second click sends nothing
    first.wait_for_url(live_server.url + url("report_detail", report.pk))
    assert posts.count(live_server.url + url("report_edit", report.pk)) == 1
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert ReportRevision.objects.filter(report=report, reason=RevisionReason.SUBMIT).count() == 1
    assert "Lessons." in sections_of(report)["lessons"]
