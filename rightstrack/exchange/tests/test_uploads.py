"""Uploads are checked by content, not by name, before anything parses them; each refusal has a code."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterator

import docx
import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rightstrack.exchange import uploads
from rightstrack.exchange.tests.files import docx_with, save, zip_bytes
from rightstrack.exchange.uploads import check_bytes, check_upload, clean_upload_name

MB = 1024 * 1024
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
EVERYTHING = {"docx", "xlsx", "pdf", "png", "jpeg", "txt", "odt", "ods"}
CODES = {"empty", "too_large", "wrong_type", "corrupt", "archive_bomb", "encrypted", "macros"}


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Messages are asserted in English here; the Vietnamese ones are checked by the catalogue tests."""
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def real_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Tình hình chung", level=1)
    document.add_paragraph("Ổn định.")
    return save(document)


def _xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Số liệu"  # type: ignore[index]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _code(error: pytest.ExceptionInfo[ValidationError]) -> str | None:
    return error.value.code


def test_a_real_docx_is_a_docx_and_the_upload_is_rewound(real_docx: bytes) -> None:
    upload = SimpleUploadedFile("báo cáo.docx", real_docx)
    assert check_upload(upload, allowed={"docx"}) == "docx"
    assert upload.tell() == 0


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (PDF, "pdf"),
        (PNG, "png"),
        (JPEG, "jpeg"),
        ("Báo cáo tình hình\nđã gửi.\n".encode(), "txt"),
        (zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}), "odt"),
    ],
)
def test_kinds_are_told_by_content(content: bytes, kind: str) -> None:
    assert check_bytes(content, allowed=EVERYTHING) == kind


def test_a_workbook_is_an_xlsx_and_not_a_word_document() -> None:
    data = _xlsx()
    assert check_bytes(data, allowed={"xlsx"}) == "xlsx"
    with pytest.raises(ValidationError) as error:
        check_bytes(data, allowed={"docx"})
    assert _code(error) == "wrong_type"
    assert "Excel" in error.value.messages[0] and "Word" in error.value.messages[0]


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("report.docx", b""), allowed={"docx"})
    assert _code(error) == "empty"
    with pytest.raises(ValidationError) as error:
        check_bytes(b"", allowed={"docx"})
    assert _code(error) == "empty"


class _Huge:
    """A 60 MB upload that fails the test if anyone reads it: the size alone must refuse it."""

    size = 60 * MB
    name = "report.docx"

    def read(self, size: int = -1) -> bytes:
        raise AssertionError("a file over the limit was read")

    def seek(self, offset: int, whence: int = 0) -> int:
        return 0


def test_a_60_mb_upload_is_refused_before_it_is_read() -> None:
    with pytest.raises(ValidationError) as error:
        check_upload(_Huge(), allowed={"docx"})
    assert _code(error) == "too_large"
    assert "60 MB" in error.value.messages[0] and "20 MB" in error.value.messages[0]


def test_60_mb_in_memory_is_refused_too() -> None:
    with pytest.raises(ValidationError) as error:
        check_bytes(bytes(60 * MB), allowed={"docx"})
    assert _code(error) == "too_large"


@pytest.mark.parametrize(("content", "named"), [(PDF, "PDF"), (PNG, "PNG"), (JPEG, "JPEG")])
def test_a_pdf_or_image_renamed_docx_says_what_it_is(content: bytes, named: str) -> None:
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("report.docx", content), allowed={"docx"})
    assert _code(error) == "wrong_type"
    message = error.value.messages[0]
    assert named in message and "not a Word document" in message


def test_an_old_doc_file_is_refused_with_a_hint() -> None:
    with pytest.raises(ValidationError) as error:
        check_bytes(OLE, allowed={"docx"})
    assert _code(error) == "wrong_type"
    assert ".doc" in error.value.messages[0]


def test_a_plain_zip_is_not_a_word_document() -> None:
    with pytest.raises(ValidationError) as error:
        check_bytes(zip_bytes({"notes.txt": b"hello"}), allowed={"docx"})
    assert _code(error) == "wrong_type"
    assert "ZIP" in error.value.messages[0]


def test_unknown_content_is_refused_listing_what_is_accepted() -> None:
    with pytest.raises(ValidationError) as error:
        check_bytes(b"MZ\x90\x00" + bytes(100), allowed={"docx", "pdf"})
    assert _code(error) == "wrong_type"
    assert "PDF" in error.value.messages[0] and "Word" in error.value.messages[0]


def test_a_truncated_docx_is_corrupt(real_docx: bytes) -> None:
    with pytest.raises(ValidationError) as error:
        check_bytes(real_docx[: len(real_docx) // 2], allowed={"docx"})
    assert _code(error) == "corrupt"


def test_a_docx_with_a_damaged_document_part_is_corrupt(real_docx: bytes) -> None:
    archive = zipfile.ZipFile(io.BytesIO(real_docx))
    info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    damaged = bytearray(real_docx)
    for offset in range(start + 10, start + 30):
        damaged[offset] ^= 0xFF
    with pytest.raises(ValidationError) as error:
        check_bytes(bytes(damaged), allowed={"docx"})
    assert _code(error) == "corrupt"


def test_a_zip_with_office_types_but_no_document_part_is_corrupt() -> None:
    content_types = (
        b'<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    with pytest.raises(ValidationError) as error:
        check_bytes(zip_bytes({"[Content_Types].xml": content_types}), allowed={"docx"})
    assert _code(error) == "corrupt"


def test_a_compression_bomb_is_refused(real_docx: bytes) -> None:
    bomb = docx_with({"word/media/image1.bin": bytes(20 * MB)})  # 20 MB of zeros: about 20 KB compressed
    assert len(bomb) < MB
    with pytest.raises(ValidationError) as error:
        check_bytes(bomb, allowed={"docx"})
    assert _code(error) == "archive_bomb"


def test_a_small_member_may_compress_well() -> None:
    padded = docx_with({"word/media/blank.bin": bytes(512 * 1024)})  # 500:1 but under 1 MB
    assert check_bytes(padded, allowed={"docx"}) == "docx"


def test_too_much_unpacked_data_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uploads, "MAX_UNCOMPRESSED_BYTES", 64 * 1024)
    data = docx_with({f"word/media/{n}.txt": bytes(range(256)) * 100 for n in range(5)})  # 5 × 25 KB
    with pytest.raises(ValidationError) as error:
        check_bytes(data, allowed={"docx"})
    assert _code(error) == "archive_bomb"


def test_too_many_members_are_refused() -> None:
    data = docx_with({f"word/media/{n}.txt": b"x" for n in range(uploads.MAX_ARCHIVE_MEMBERS)})
    with pytest.raises(ValidationError) as error:
        check_bytes(data, allowed={"docx"})
    assert _code(error) == "archive_bomb"


@pytest.mark.parametrize("name", ["../evil.txt", "word/../../evil.txt", "C:/Windows/evil.txt"])
def test_member_names_that_climb_out_are_refused(name: str) -> None:
    with pytest.raises(ValidationError) as error:
        check_bytes(docx_with({name: b"x"}), allowed={"docx"})
    assert _code(error) == "corrupt"


def _encrypted_flag(data: bytes) -> bytes:
    """Set the 'encrypted' bit in every local and central header."""
    out = bytearray(data)
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := out.find(signature, start)) != -1:
            (flags,) = struct.unpack_from("<H", out, start + flag_offset)
            struct.pack_into("<H", out, start + flag_offset, flags | 0x1)
            start += 4
    return bytes(out)


def test_a_password_protected_archive_is_refused(real_docx: bytes) -> None:
    with pytest.raises(ValidationError) as error:
        check_bytes(_encrypted_flag(real_docx), allowed={"docx"})
    assert _code(error) == "encrypted"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(
        [b"", b"PK\x03\x04", b"PK\x05\x06", b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xd0\xcf\x11\xe0"]
    ),
    body=st.binary(max_size=2048),
)
def test_arbitrary_bytes_only_ever_raise_validation_errors(prefix: bytes, body: bytes) -> None:
    try:
        kind = check_bytes(prefix + body, allowed=EVERYTHING, max_bytes=4096)
    except ValidationError as error:
        assert error.code in CODES
    else:
        assert kind in EVERYTHING


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_damaged_real_documents_only_ever_raise_validation_errors(data: st.DataObject) -> None:
    original = _DOCX_FOR_FUZZING
    damaged = bytearray(original)
    for _ in range(data.draw(st.integers(min_value=1, max_value=8))):
        position = data.draw(st.integers(min_value=0, max_value=len(original) - 1))
        damaged[position] = data.draw(st.integers(min_value=0, max_value=255))
    cut = data.draw(st.integers(min_value=1, max_value=len(original)))
    try:
        kind = check_bytes(bytes(damaged[:cut]), allowed=EVERYTHING)
    except ValidationError as error:
        assert error.code in CODES
    else:
        assert kind in EVERYTHING


_DOCX_FOR_FUZZING = save(docx.Document())


def test_an_upload_spooled_to_disk_is_checked_in_place(real_docx: bytes) -> None:
    from django.core.files.uploadedfile import TemporaryUploadedFile

    upload = TemporaryUploadedFile("báo cáo.docx", "application/octet-stream", len(real_docx), None)
    upload.write(real_docx)
    upload.seek(0)
    try:
        assert check_upload(upload, allowed={"docx"}) == "docx"
        assert upload.tell() == 0
    finally:
        upload.close()


# Issue 8: crafted archives, macros, polyglots, names ------------------------------------------------------


def test_a_document_part_that_unpacks_far_past_the_xml_budget_is_refused() -> None:
    """The crafted file of issue 8: word/document.xml unpacks to ~199 MB at ~39:1, within other limits."""
    body = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * (40 * MB // 34)
    crafted = docx_with({"word/document.xml": b"<w:document><w:body>" + body + b"</w:body></w:document>"})
    with pytest.raises(ValidationError) as error:
        check_bytes(crafted, allowed={"docx"})
    assert _code(error) == "archive_bomb"
    assert "32 MB" in error.value.messages[0]


def _docm(real_docx: bytes, *, part: str | None, content_type: bytes | None) -> bytes:
    archive = zipfile.ZipFile(io.BytesIO(real_docx))
    members = {info.filename: archive.read(info) for info in archive.infolist()}
    if part:
        members[part] = b"\xd0\xcf\x11\xe0 macro project"
    if content_type:
        members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
            b"</Types>", b'<Default Extension="bin" ContentType="' + content_type + b'"/></Types>'
        )
    return zip_bytes(members)


@pytest.mark.parametrize(
    ("part", "content_type"),
    [
        ("word/vbaProject.bin", b"application/vnd.ms-office.vbaProject"),  # a .docm, renamed or not
        ("word/vbaProject.bin", None),
        (None, b"application/vnd.ms-word.document.macroEnabled.main+xml"),
        ("word/activeX/activeX1.bin", None),
    ],
)
def test_a_macro_enabled_word_file_is_refused_however_it_is_named(
    real_docx: bytes, part: str | None, content_type: bytes | None
) -> None:
    data = _docm(real_docx, part=part, content_type=content_type)
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("report.docx", data), allowed={"docx"})
    assert _code(error) == "macros"
    assert "macros" in error.value.messages[0]


def test_an_html_file_with_a_pdf_header_in_a_comment_is_not_a_pdf() -> None:
    page = b"<!DOCTYPE html><html><!-- %PDF-1.7 --><body><script>alert(1)</script></body></html>\n%%EOF\n"
    with pytest.raises(ValidationError) as error:
        check_bytes(page, allowed={"pdf", "txt"})
    assert _code(error) == "wrong_type"
    assert "HTML" in error.value.messages[0]


def test_a_pdf_that_is_also_a_web_page_or_an_archive_is_refused(real_docx: bytes) -> None:
    for data in (b"%PDF-1.7\n<html><script>alert(1)</script></html>\n%%EOF\n", PDF + real_docx):
        with pytest.raises(ValidationError) as error:
            check_bytes(data, allowed={"pdf"})
        assert _code(error) == "wrong_type"
        assert "two kinds" in error.value.messages[0]


def test_an_image_with_a_zip_appended_is_refused(real_docx: bytes) -> None:
    with pytest.raises(ValidationError) as error:
        check_bytes(PNG + real_docx, allowed={"png"})
    assert _code(error) == "wrong_type"


def test_a_pdf_without_its_end_marker_is_corrupt() -> None:
    with pytest.raises(ValidationError) as error:
        check_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8, allowed={"pdf"})
    assert _code(error) == "corrupt"


@pytest.mark.parametrize(
    ("name", "kind", "stored"),
    [
        ("x.pdf\x00.html", "pdf", "x.pdf"),
        ("Phụ lục 1.pdf", "pdf", "Phụ lục 1.pdf"),
        ("ảnh.JPG", "jpeg", "ảnh.jpg"),
        ("ảnh.png", "jpeg", "ảnh.jpg"),
        ("bảng\r\n.xlsx.exe", "xlsx", "bảng.xlsx"),
        ("../../báo cáo.docx", "docx", "báo cáo.docx"),
    ],
)
def test_stored_names_are_normalised_to_the_kind_found(name: str, kind: str, stored: str) -> None:
    assert clean_upload_name(name, kind) == stored
