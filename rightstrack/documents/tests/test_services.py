"""Documents in: each format read to its text, duplicates refused with a link, near-duplicates flagged, bad
files refused with a translated reason and nothing kept; scope (404 outside it)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import translation

from rightstrack.core.models import AuditEntry
from rightstrack.documents.models import Document
from rightstrack.documents.selectors import search
from rightstrack.documents.services import DuplicateDocument, document_ingest
from rightstrack.documents.tests.files import (
    ARTICLE_EN,
    ARTICLE_VI,
    docx_bytes,
    html_page,
    pdf_bytes,
    upload,
)
from tests.world import World


def ingest(world: World, name: str, data: bytes, **kwargs: Any) -> Document:
    fields = {"actor": world.secretariat, "body": world.committee_a} | kwargs
    return document_ingest(uploaded_file=upload(name, data), name=name, **fields)


def counts() -> tuple[int, int]:
    return Document.objects.count(), AuditEntry.objects.count()


def test_plain_text_is_kept_with_language_title_and_meeting_facts(world: World, media_root: Any) -> None:
    document = ingest(world, "tap-huan.txt", ARTICLE_VI.encode())
    assert document.language == "vi"
    assert document.title == "Hội nghị tập huấn công tác nhân quyền năm 2024"
    assert document.file_kind == "txt"
    assert document.facts is not None
    assert document.facts["date"] == {"year": 2024, "month": 5, "day": 29}
    assert document.facts["participants"]["count_people"] == 200
    assert AuditEntry.objects.for_object(document).exists()


def test_word_keeps_its_headings_as_sections(world: World, media_root: Any) -> None:
    data = docx_bytes(
        "Báo cáo kết quả hội nghị",
        [
            "Hội nghị đã đánh giá kết quả công tác nhân quyền sáu tháng đầu năm.",
            "Các tỉnh tiếp tục triển khai.",
        ],
        headings=["I. Kết quả", "II. Nhiệm vụ"],
    )
    document = ingest(world, "bao-cao.docx", data, kind="meeting_report")
    assert document.title == "Báo cáo kết quả hội nghị"
    assert [s["title"] for s in document.sections] == ["I. Kết quả", "II. Nhiệm vụ"]
    assert document.text[document.sections[1]["offset"] :].startswith("II. Nhiệm vụ")


def test_a_word_files_creation_date_is_not_its_publication_date(world: World, media_root: Any) -> None:
    """Word keeps when the file (or its template) was made: a meeting on "2 tháng 8" must not get it."""
    import datetime
    import io

    import docx

    word = docx.Document(io.BytesIO(docx_bytes("Hội nghị sơ kết", ["Ngày 2 tháng 8, Ban Chỉ đạo họp."])))
    word.core_properties.created = datetime.datetime(2013, 12, 23, 23, 15, tzinfo=datetime.UTC)
    buffer = io.BytesIO()
    word.save(buffer)
    document = ingest(world, "so-ket.docx", buffer.getvalue())
    assert document.published_on is None
    assert document.facts is not None and document.facts["date"]["year"] is None
    assert document.facts["date"]["month"] == 8 and document.facts["date"]["day"] == 2


def test_pdf_text_layer_is_read(world: World, media_root: Any) -> None:
    document = ingest(world, "article.pdf", pdf_bytes("Training in Da Nang", ARTICLE_EN))
    assert document.file_kind == "pdf"
    assert document.language == "en"
    assert "200 delegates" in document.text


def test_html_keeps_the_article_not_the_menu_footer_or_related_links(world: World, media_root: Any) -> None:
    title = "Hội nghị tập huấn công tác nhân quyền năm 2024"
    document = ingest(world, "page.html", html_page(title, ARTICLE_VI.split("\n\n", 1)[1]))
    assert document.file_kind == "html"
    assert "200 đại biểu" in document.text
    for junk in ("MENUWORD", "RELATEDLINK", "FOOTERWORD"):
        assert junk not in document.text
    assert document.published_on is not None and document.published_on.isoformat() == "2024-05-29"


def test_the_same_text_again_is_refused_with_a_link_to_the_copy(world: World, media_root: Any) -> None:
    first = ingest(world, "a.txt", ARTICLE_VI.encode())
    before = counts()
    respaced = ARTICLE_VI.replace(". ", ".\n").upper().encode()  # other line breaks and case: the same text
    with translation.override("vi"), pytest.raises(DuplicateDocument) as caught:
        ingest(world, "b.txt", respaced)
    assert caught.value.existing == first
    assert first.get_absolute_url() in caught.value.messages[0]
    assert counts() == before


def test_nearly_the_same_text_is_kept_and_flagged(world: World, media_root: Any) -> None:
    first = ingest(world, "a.txt", ARTICLE_VI.encode())
    edited = ARTICLE_VI.replace("chưa kịp thời", "chưa thật sự kịp thời") + " (Theo báo Công an)"
    second = ingest(world, "b.txt", edited.encode())
    assert second.near_duplicate_of == first
    other = ingest(world, "c.txt", ARTICLE_EN.encode())
    assert other.near_duplicate_of is None


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.txt", b"", "empty"),
        ("short.txt", "Ngắn quá.".encode(), "no_text"),
        ("junk.bin", bytes(range(256)) * 20, "wrong_type"),
        ("menu.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no_article"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_kept(
    world: World, media_root: Any, name: str, data: bytes, code: str
) -> None:
    before, files = counts(), set(media_root.rglob("*"))
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        ingest(world, name, data)
    assert caught.value.error_list[0].code == code
    assert counts() == before
    assert set(media_root.rglob("*")) == files  # no file stored either


def test_a_scanned_pdf_without_text_is_refused(world: World, media_root: Any) -> None:
    from weasyprint import HTML

    blank = bytes(
        HTML(string="<html><body><div style='height:20px;background:#000'></div></body></html>").write_pdf()
    )
    with pytest.raises(ValidationError) as caught:
        ingest(world, "scan.pdf", blank)
    assert caught.value.error_list[0].code == "no_text_layer"


def test_scope_another_province_cannot_add_or_see(world: World, media_root: Any) -> None:
    document = ingest(world, "a.txt", ARTICLE_VI.encode())
    with pytest.raises(Http404):
        ingest(world, "b.txt", ARTICLE_EN.encode(), actor=world.users["focal_b"])
    with pytest.raises(PermissionDenied):
        ingest(world, "b.txt", ARTICLE_EN.encode(), actor=world.users["reviewer"])
    from rightstrack.core.scope import scoped

    assert list(scoped(world.users["focal_b"], Document.objects.all())) == []
    assert list(scoped(world.users["focal_a"], Document.objects.all())) == [document]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("tập huấn", True),
        ("tap huan", True),
        ("TAP HUAN nhan quyen", True),
        ("đối ngoại", True),
        ("doi ngoai", True),
        ("Đà Nẵng", True),
        ("da nang", True),
        ("nhan quy", True),  # a word's beginning
        ("tap huan bong da", False),
        ('" OR 1=1 --', False),
    ],
)
def test_search_ignores_diacritics_and_case(world: World, media_root: Any, query: str, found: bool) -> None:
    document = ingest(world, "a.txt", ARTICLE_VI.encode())
    ingest(world, "b.txt", ARTICLE_EN.replace("Da Nang", "Hue").encode())
    results = list(search(Document.objects.all(), query))
    assert (document in results) is found


def test_search_follows_edits_and_deletes(world: World, media_root: Any) -> None:
    from rightstrack.documents.services import document_delete, document_update

    document = ingest(world, "a.txt", ARTICLE_VI.encode())
    document_update(actor=world.secretariat, document=document, title="Biên bản Quảng Trị")
    assert list(search(Document.objects.all(), "quang tri")) == [document]
    document_delete(actor=world.secretariat, document=document)
    assert list(search(Document.objects.all(), "tap huan")) == []


SILENT_EN = (
    "Speaking at the conference, the deputy director of the provincial police affirmed that human rights "
    "work in the province has been carried out in a coordinated and effective manner."
)
TRAINING_ADDRESS = "https://news.example.vn/en/hoi-nghi-tap-huan-cong-tac-nhan-quyen-nam-2025-post4711.html"


def test_the_source_address_gives_the_kind_the_text_does_not_state(world: World, media_root: Any) -> None:
    plain = ingest(world, "silent.txt", SILENT_EN.encode())
    assert plain.facts is not None and plain.facts["kind"] == "other" and plain.facts["from_address"] == []
    plain.delete()
    document = ingest(world, "silent.txt", SILENT_EN.encode(), source_url=TRAINING_ADDRESS)
    assert document.facts is not None and document.facts["kind"] == "training"
    assert (
        document.facts["from_address"] == ["kind"] and document.facts["evidence"]["kind"] == TRAINING_ADDRESS
    )
    stating = ingest(world, "stating.txt", ARTICLE_VI.encode(), source_url=TRAINING_ADDRESS)
    assert stating.facts is not None and stating.facts["from_address"] == []  # the text's own kind wins


def test_a_web_pages_own_address_is_kept_when_none_is_given(world: World, media_root: Any) -> None:
    page = html_page("Human rights", f"{SILENT_EN}\n\n{SILENT_EN}").replace(
        b"<head>", f'<head><link rel="canonical" href="{TRAINING_ADDRESS}">'.encode(), 1
    )
    document = ingest(world, "page.html", page)
    assert document.source_url == TRAINING_ADDRESS
    assert document.facts is not None and document.facts["kind"] == "training"
    given = ingest(
        world, "page2.html", page.replace(b"Human rights", b"Other"), source_url="https://a.example/x"
    )
    assert given.source_url == "https://a.example/x"  # what the person gives wins


def test_a_100_mb_file_is_refused_by_its_size_and_nothing_is_kept(
    world: World, media_root: Any, tmp_path: Any
) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # 100 MB without writing them
    before, files = counts(), set(media_root.rglob("*"))
    with huge.open("rb") as handle, pytest.raises(ValidationError) as caught:
        document_ingest(
            actor=world.secretariat, body=world.committee_a, uploaded_file=handle, name="huge.txt"
        )
    assert caught.value.error_list[0].code == "too_large"
    assert "100" in caught.value.messages[0]
    assert counts() == before and set(media_root.rglob("*")) == files


def test_a_source_address_given_later_reads_the_facts_again(world: World, media_root: Any) -> None:
    from rightstrack.documents.services import document_update

    document = ingest(world, "silent.txt", SILENT_EN.encode())
    assert document.facts is not None and document.facts["kind"] == "other"
    updated = document_update(actor=world.secretariat, document=document, source_url=TRAINING_ADDRESS)
    assert updated.facts is not None and updated.facts["kind"] == "training"
    assert updated.facts["from_address"] == ["kind"]
    updated = document_update(
        actor=world.secretariat, document=updated, published_on=datetime.date(2025, 6, 1)
    )
    assert updated.facts is not None and updated.facts["kind"] == "training"  # read again, with the address
    Document.objects.filter(pk=document.pk).update(facts={"kind": "kept"})
    untouched = document_update(actor=world.secretariat, document=document, title="Another title")
    assert untouched.facts == {"kind": "kept"}  # a title changes nothing the facts were read with
