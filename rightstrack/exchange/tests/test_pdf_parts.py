"""A long PDF laid out in parts by worker processes (``exchange.pdf_parts``), read back with pypdf: the pages
numbered on across the parts where the document's layout puts the number, the outline pointing at the
pages the headings are on, the Vietnamese text extractable, every font embedded, and the same pages whether
one process or two laid it out."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import unicodedata
from typing import Any

import pypdf
import pytest

from rightstrack.exchange.document import Document, Section
from rightstrack.exchange.official import official_document
from rightstrack.exchange.pdf import document_to_pdf
from rightstrack.exchange.pdf_parts import Layout
from rightstrack.exchange.tests.test_official import HEADING, NATIONAL_NAME

MM = 72 / 25.4
SENTENCE = (
    "Bảo đảm quyền của đồng bào dân tộc thiểu số ở vùng sâu, vùng xa được chú trọng; "
    "công tác tuyên truyền, phổ biến pháp luật được đẩy mạnh với nhiều hình thức phong phú."
)
TITLES = [f"Lĩnh vực thứ {n}: quyền được học tập và chăm sóc sức khỏe" for n in range(1, 5)]


def long_document(*, official: bool) -> Document:
    sections = []
    for n, title in enumerate(TITLES, start=1):
        sections.append(Section(title, 1, f"<p>Mở đầu phần {n}. {SENTENCE}</p>"))
        for k in range(1, 3):
            paragraphs = "".join(f"<p>Đoạn {n}.{k}.{p}: {SENTENCE * 3}</p>" for p in range(9))
            sections.append(Section(f"Tỉnh số {n}.{k}", 2, paragraphs))
    document = Document(title="Báo cáo tổng hợp", sections=sections, author="rightstrack")
    return official_document(document, HEADING) if official else document


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def runs(page: Any) -> list[tuple[float, float, str]]:
    """Every piece of text on the page with where it starts (x, y in points from the bottom left)."""
    found: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, _size: float) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((round(x, 1), round(y, 1), nfc(text.strip())))

    page.extract_text(visitor_text=visit)
    return found


def in_margin(page: Any, *, top: bool) -> list[tuple[float, float, str]]:
    """The text in the page's top (or bottom) 20 mm, where the page number goes."""
    height = float(page.mediabox.top)
    return [r for r in runs(page) if (r[1] > height - 20 * MM if top else r[1] < 20 * MM)]


def outline(reader: pypdf.PdfReader) -> list[tuple[str, int]]:
    entries: list[tuple[str, int]] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                page = reader.get_destination_page_number(item)
                assert page is not None, item.title
                entries.append((nfc(item.title), page + 1))

    walk(reader.outline)
    return entries


@pytest.fixture(scope="module")
def official_in_parts() -> tuple[pypdf.PdfReader, list[tuple[int, int]]]:
    seen: list[tuple[int, int]] = []
    data = document_to_pdf(
        long_document(official=True),
        part_chars=6_000,
        workers=2,
        progress=lambda done, parts: seen.append((done, parts)),
    )
    return pypdf.PdfReader(io.BytesIO(data)), seen


def test_two_workers_lay_out_every_part_and_each_is_reported(official_in_parts: Any) -> None:
    reader, seen = official_in_parts
    parts = seen[-1][1]
    assert parts >= 4 and [done for done, _parts in seen] == list(range(1, parts + 1))
    assert len(reader.pages) > parts  # the parts have several pages each


def test_the_pages_are_numbered_on_at_the_top_centre_and_the_first_has_none(official_in_parts: Any) -> None:
    reader, _seen = official_in_parts
    assert NATIONAL_NAME in nfc(reader.pages[0].extract_text())
    assert not [text for _x, _y, text in in_margin(reader.pages[0], top=True) if text.isdigit()]
    centres = set()
    for number, page in enumerate(reader.pages[1:], start=2):
        header = in_margin(page, top=True)
        assert [text for _x, _y, text in header] == [str(number)], (number, header)
        centres.add(header[0][1])
    assert len(centres) == 1  # at the same height on every page


def test_the_number_sits_where_a_document_laid_out_in_one_piece_has_it(official_in_parts: Any) -> None:
    reader, _seen = official_in_parts
    whole = pypdf.PdfReader(io.BytesIO(document_to_pdf(long_document(official=True), part_chars=10**9)))
    assert in_margin(whole.pages[1], top=True) == in_margin(reader.pages[1], top=True)
    assert in_margin(whole.pages[1], top=True)[0][2] == "2"


def test_the_outline_points_at_the_page_each_heading_is_on(official_in_parts: Any) -> None:
    reader, _seen = official_in_parts
    texts = [nfc(page.extract_text()) for page in reader.pages]
    entries = outline(reader)
    assert [title for title, _page in entries if "Lĩnh vực" in title] == [
        f"{roman}. {title}" for roman, title in zip(("I", "II", "III", "IV"), TITLES, strict=True)
    ]
    assert len(entries) == len(TITLES) * 3
    for title, page in entries:
        first = next(number for number, text in enumerate(texts, start=1) if title in text.replace("\n", " "))
        assert page == first, (title, page, first)
    assert [page for _title, page in entries] == sorted(page for _title, page in entries)


def test_the_vietnamese_text_reads_back_and_every_font_is_embedded(official_in_parts: Any) -> None:
    reader, _seen = official_in_parts
    text = " ".join(nfc(page.extract_text()).replace("\n", " ") for page in reader.pages)
    assert "đồng bào dân tộc thiểu số ở vùng sâu, vùng xa" in text
    assert "Đoạn 4.2.8" in text and "Nơi nhận:" in text
    fonts = []
    for page in reader.pages:
        resources = page["/Resources"]
        fonts += list(resources.get("/Font", {}).values())
        for xobject in resources.get("/XObject", {}).values():  # the page numbers are form XObjects
            fonts += list(xobject.get_object().get("/Resources", {}).get("/Font", {}).values())
    assert fonts
    for font in {id(f.get_object()): f.get_object() for f in fonts}.values():
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]


def test_one_worker_and_two_lay_out_the_same_pages(official_in_parts: Any) -> None:
    reader, _seen = official_in_parts
    data = document_to_pdf(long_document(official=True), part_chars=6_000, workers=1)
    alone = pypdf.PdfReader(io.BytesIO(data))
    assert len(alone.pages) == len(reader.pages)
    for one, two in zip(alone.pages, reader.pages, strict=True):
        assert sorted(runs(one)) == sorted(runs(two))


def test_a_plain_document_in_parts_says_page_n_of_all_at_the_bottom() -> None:
    data = document_to_pdf(long_document(official=False), part_chars=6_000, workers=1)
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = len(reader.pages)
    assert pages >= 4
    for number, page in enumerate(reader.pages, start=1):
        footer = " ".join(text for _x, _y, text in in_margin(page, top=False))
        assert footer.replace(" ", "") == f"{number}/{pages}", (number, footer)
    assert reader.metadata is not None and reader.metadata.title == "Báo cáo tổng hợp"


def test_layout_returns_each_page_in_the_order_given_and_counts_its_pages() -> None:
    pages = ["<p>một</p>", "<p>hai</p>" + '<p style="break-before: page">ba</p>' * 2]
    finished: list[int] = []
    with Layout(2) as layout:
        results = layout.run(pages, finished.append)
    assert [count for _pdf, count in results] == [1, 3] and sorted(finished) == [0, 1]
    assert "ba" in nfc(pypdf.PdfReader(io.BytesIO(results[1][0])).pages[2].extract_text())


UNGUARDED_SCRIPT = """
import sys

from rightstrack.bootstrap import prepare

prepare()
import django

django.setup()
from rightstrack.exchange.document import Document, Section
from rightstrack.exchange.pdf import document_to_pdf

sections = [Section(f"Phần {n}", 1, "<p>" + "Nội dung báo cáo. " * 300 + "</p>") for n in range(1, 4)]
document = Document(title="Báo cáo", sections=sections)
sys.stdout.buffer.write(document_to_pdf(document, part_chars=3_000, workers=2))
"""


def test_a_script_without_a_main_guard_still_gets_its_pdf_laid_out_in_its_own_process(tmp_path: Any) -> None:
    # Spawned workers import the script again and fail; the pool breaks and the parts are laid out here.
    script = tmp_path / "unguarded.py"
    script.write_text(UNGUARDED_SCRIPT, encoding="utf-8")
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "rightstrack.settings"}
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, env=environment, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert b"PDF workers lost" in done.stderr
    reader = pypdf.PdfReader(io.BytesIO(done.stdout))
    pages = len(reader.pages)
    assert pages >= 3 and "Phần 3" in " ".join(page.extract_text() for page in reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        footer = " ".join(text for _x, _y, text in in_margin(page, top=False))
        assert footer.replace(" ", "") == f"{number}/{pages}", (number, footer)
