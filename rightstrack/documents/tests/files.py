"""Real files for the documents' tests: Word, PDF (WeasyPrint's, with a text layer), HTML pages and ZIPs."""

from __future__ import annotations

import io
import zipfile

import docx
from django.core.files.uploadedfile import SimpleUploadedFile

ARTICLE_VI = (
    "Hội nghị tập huấn công tác nhân quyền năm 2024\n\n"
    "Sáng 29/5/2024, tại Đà Nẵng, Ban Chỉ đạo Nhân quyền thành phố tổ chức Hội nghị tập huấn công tác nhân "
    "quyền năm 2024 cho 200 đại biểu là lãnh đạo các sở, ban, ngành. Đồng chí Nguyễn Văn Đức, Phó Chủ tịch "
    "UBND thành phố, chủ trì hội nghị. Hội nghị yêu cầu các địa phương tiếp tục nâng cao chất lượng "
    "thông tin "
    "đối ngoại về nhân quyền. Công tác phối hợp còn hạn chế, chưa kịp thời."
)
ARTICLE_EN = (
    "Human rights training conference held in Da Nang\n\n"
    "On May 29, 2024, the city's Steering Committee for Human Rights held a training conference on human "
    "rights work for 200 delegates in Da Nang. Nguyen Van Duc, Vice Chairman of the city People's Committee, "
    "chaired the conference. He asked agencies to improve external information on human rights."
)


def docx_bytes(title: str, paragraphs: list[str], headings: list[str] = ()) -> bytes:  # type: ignore[assignment]
    document = docx.Document()
    document.add_heading(title, level=0)
    for index, paragraph in enumerate(paragraphs):
        if index < len(headings):
            document.add_heading(headings[index], level=1)
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(title: str, body: str) -> bytes:
    from weasyprint import HTML

    html = (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><h1>{title}</h1>"
        + "".join(f"<p>{p}</p>" for p in body.split("\n") if p)
        + "</body></html>"
    )
    return bytes(HTML(string=html).write_pdf())


def html_page(title: str, body: str) -> bytes:
    """A news page: the article between a menu, a footer and related links, which must not be kept."""
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n") if p)
    return (
        "<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>" + title + "</title>"
        "<meta property='article:published_time' content='2024-05-29T10:00:00+07:00'></head><body>"
        "<nav><ul><li><a href='/'>Trang chủ</a></li><li><a href='/thoi-su'>Thời sự "
        "MENUWORD</a></li></ul></nav>"
        "<article><h1>" + title + "</h1>" + paragraphs + "</article>"
        "<aside><h3>Tin liên quan</h3><ul><li><a href='/x'>RELATEDLINK bài khác</a></li></ul></aside>"
        "<footer>FOOTERWORD Bản quyền thuộc về tòa soạn</footer></body></html>"
    ).encode()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()
