"""The Decree 30/2020/NĐ-CP layout, read back from the files the writers make (python-docx, pypdf)."""

from __future__ import annotations

import datetime
import io
import unicodedata
from typing import Any

import docx
import pypdf
import pytest
from docx.shared import Mm
from hypothesis import given
from hypothesis import strategies as st

from rightstrack.exchange.document import Document, Section, Table
from rightstrack.exchange.docx_reader import parse_docx
from rightstrack.exchange.official import (
    FONT,
    MARGINS_MM,
    MOTTO,
    NATIONAL_NAME,
    OfficialHeading,
    official_to_docx,
    official_to_html,
    official_to_pdf,
    place_and_date,
)

HEADING = OfficialHeading(
    issuing_body="Ban Chỉ đạo về nhân quyền",
    parent_body="Ủy ban nhân dân thành phố Hồ Chí Minh",
    number="17",
    symbol="BC-BCĐ",
    place="Hồ Chí Minh",
    date=datetime.date(2025, 2, 5),
    summary="Kết quả công tác bảo đảm quyền con người năm 2024",
    recipients=["Văn phòng thường trực Ban Chỉ đạo về nhân quyền của Chính phủ;", "- Thường trực Thành ủy"],
    signer_authority="TM. Ban Chỉ đạo",
    signer_position="Trưởng ban",
    signer_name="Lê Thị Mai",
)
DOCUMENT = Document(
    title="Báo cáo",
    sections=[
        Section("Tình hình chung", 1, "<p>Tổ chức 12 hội nghị cho hơn 3.000 lượt người.</p>"),
        Section("Kết quả thực hiện", 1, "<p>Nội dung.</p><ul><li>Một</li></ul>"),
        Section("Xây dựng thể chế", 2, "<p>Chi tiết.</p>"),
    ],
    tables=[Table("Số liệu", ("Chỉ tiêu", "Giá trị"), [("Hội nghị", "12")], frozenset({1}))],
)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def all_paragraphs(document: Any) -> list[Any]:
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    return paragraphs


@pytest.fixture(scope="module")
def word() -> Any:
    return docx.Document(io.BytesIO(official_to_docx(DOCUMENT, HEADING)))


def paragraph_with(word: Any, text: str) -> Any:
    found = [p for p in all_paragraphs(word) if p.text.strip() == text]
    assert found, f"no paragraph reads {text!r}"
    return found[0]


def test_the_word_file_has_the_national_header_in_bold_with_its_rule(word: Any) -> None:
    national, motto = paragraph_with(word, NATIONAL_NAME), paragraph_with(word, MOTTO)
    assert all(run.bold for run in national.runs) and all(run.bold for run in motto.runs)
    rule = motto._p.getnext()
    assert rule is not None and rule.find(".//{*}pBdr/{*}top") is not None  # the line under the motto
    heading_cells = word.tables[0].rows[0].cells
    assert NATIONAL_NAME in heading_cells[1].text and "BAN CHỈ ĐẠO VỀ NHÂN QUYỀN" in heading_cells[0].text
    assert "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH" in heading_cells[0].text  # the parent body above it


def test_the_word_file_has_number_symbol_place_and_italic_date(word: Any) -> None:
    paragraph_with(word, "Số: 17/BC-BCĐ")
    date = paragraph_with(word, "Hồ Chí Minh, ngày 05 tháng 02 năm 2025")
    assert all(run.italic for run in date.runs)
    kind = paragraph_with(word, "BÁO CÁO")
    assert kind.runs[0].bold
    paragraph_with(word, HEADING.summary)


def test_the_word_file_closes_with_recipients_and_the_signature_block(word: Any) -> None:
    closing = word.tables[-1].rows[0].cells
    recipients = [p.text for p in closing[0].paragraphs]
    assert recipients == [
        "Nơi nhận:",
        "- Văn phòng thường trực Ban Chỉ đạo về nhân quyền của Chính phủ;",
        "- Thường trực Thành ủy;",
        "- Lưu: VT.",
    ]
    assert closing[0].paragraphs[0].runs[0].italic and closing[0].paragraphs[0].runs[0].bold
    signature = [p.text for p in closing[1].paragraphs if p.text]
    assert signature == ["TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN", "Lê Thị Mai"]


def test_the_word_file_is_times_new_roman_on_the_decrees_margins(word: Any) -> None:
    assert word.styles["Normal"].font.name == FONT
    assert 13 <= word.styles["Normal"].font.size.pt <= 14
    for paragraph in all_paragraphs(word):
        for run in paragraph.runs:
            assert run.font.name in (None, FONT)  # None: the style's, Times New Roman
    section = word.sections[0]
    for side, millimetres in MARGINS_MM.items():
        assert abs(getattr(section, f"{side}_margin") - Mm(millimetres)) < Mm(0.1), side
    assert 20 <= MARGINS_MM["top"] <= 25 and 20 <= MARGINS_MM["bottom"] <= 25
    assert 30 <= MARGINS_MM["left"] <= 35 and 15 <= MARGINS_MM["right"] <= 20
    assert abs(section.page_width - Mm(210)) < Mm(0.1)


def test_the_page_number_is_at_the_top_but_not_on_the_first_page(word: Any) -> None:
    section = word.sections[0]
    assert section.different_first_page_header_footer
    assert (
        section.header._element.find(".//{*}fldSimple").get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}instr"
        )
        == "PAGE"
    )
    assert not section.first_page_header.paragraphs[0].text


def test_the_body_keeps_its_outline_so_it_imports_back_into_the_same_sections(word: Any) -> None:
    titles = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert titles[:3] == ["I. Tình hình chung", "II. Kết quả thực hiện", "1. Xây dựng thể chế"]
    body = paragraph_with(word, "Tổ chức 12 hội nghị cho hơn 3.000 lượt người.")
    assert body.paragraph_format.first_line_indent is not None and body.paragraph_format.first_line_indent > 0
    parsed = parse_docx(official_to_docx(DOCUMENT, HEADING))
    certain = [block.text for block in parsed.headings if block.certain]
    assert certain[:3] == ["I. Tình hình chung", "II. Kết quả thực hiện", "1. Xây dựng thể chế"]


def test_without_a_number_the_line_leaves_room_to_write_it() -> None:
    heading = OfficialHeading(issuing_body="Ban Chỉ đạo", symbol="/BC-BCĐ")
    assert heading.number_line.startswith("Số: \u00a0") and heading.number_line.endswith("/BC-BCĐ")
    assert "//" not in heading.number_line


def test_the_pdf_shows_the_national_header_on_page_one() -> None:
    reader = pypdf.PdfReader(io.BytesIO(official_to_pdf(DOCUMENT, HEADING)))
    first = nfc(reader.pages[0].extract_text())
    for text in (NATIONAL_NAME, MOTTO, "Số: 17/BC-BCĐ", "Hồ Chí Minh, ngày 05 tháng 02 năm 2025", "BÁO CÁO"):
        assert text in first, text
    everything = nfc(" ".join(page.extract_text() for page in reader.pages))
    assert "Nơi nhận:" in everything and "Lê Thị Mai" in everything and "- Lưu: VT." in everything
    resources: list[Any] = [page["/Resources"] for page in reader.pages]
    fonts = {str(font.get_object()["/BaseFont"]) for r in resources for font in r.get("/Font", {}).values()}
    assert fonts and all("Serif" in name or "Times" in name for name in fonts), fonts


def test_the_html_escapes_what_it_is_given() -> None:
    heading = OfficialHeading(issuing_body="<script>x</script>", summary="a & b")
    page = official_to_html(DOCUMENT, heading)
    assert "<script>x" not in page and "&lt;SCRIPT&gt;" in page and "a &amp; b" in page


@given(st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_dates_take_a_leading_zero_below_ten_and_in_january_and_february(day: datetime.date) -> None:
    text = place_and_date("Huế", day)
    words = text.split()
    assert words[0] == "Huế," and words[1] == "ngày" and words[3] == "tháng" and words[5] == "năm"
    assert words[2] == f"{day.day:02d}" and int(words[4]) == day.month and words[6] == str(day.year)
    assert words[4].startswith("0") == (day.month <= 2)


@given(st.lists(st.text(min_size=1, max_size=40), max_size=6))
def test_recipient_lines_are_marked_and_the_registry_copy_is_last(lines: list[str]) -> None:
    heading = OfficialHeading(issuing_body="X", recipients=lines)
    marked = heading.recipient_lines
    assert marked[-1] == "- Lưu: VT."
    assert all(line.startswith("- ") and line.endswith(";") for line in marked[:-1])


def test_a_long_pdf_laid_out_in_parts_numbers_its_pages_on_and_has_one_heading_and_one_closing() -> None:
    long = Document(
        title="Báo cáo",
        sections=[
            Section(f"Phần {n}", 1, "".join(f"<p>Đoạn {n}.{k}: {'nội dung ' * 60}</p>" for k in range(12)))
            for n in range(1, 5)
        ],
    )
    seen: list[tuple[int, int]] = []
    data = official_to_pdf_in_parts(long, progress=lambda done, parts: seen.append((done, parts)))
    assert seen[-1][0] == seen[-1][1] >= 3  # laid out in parts, each reported
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = [nfc(page.extract_text()) for page in reader.pages]
    assert NATIONAL_NAME in pages[0] and sum(NATIONAL_NAME in page for page in pages) == 1
    assert "Nơi nhận:" in pages[-1] and sum("Nơi nhận:" in page for page in pages) == 1
    for number, text in enumerate(pages[1:], start=2):  # the number at the top of every page but the first
        assert text.split()[-1] == str(number) or text.split()[0] == str(number), (number, text[:80])
    assert all(f"Phần {n}" in " ".join(pages) for n in range(1, 5))


def official_to_pdf_in_parts(document: Document, *, progress: Any) -> bytes:
    from rightstrack.exchange.official import official_document
    from rightstrack.exchange.pdf import document_to_pdf

    return document_to_pdf(official_document(document, HEADING), progress=progress, part_chars=5_000)


def test_merged_cells_and_body_text_as_the_decree_sets_it(word: Any) -> None:
    table = Document(
        title="Bảng",
        sections=[
            Section(
                "Số liệu",
                1,
                "<p>Đoạn văn.</p><table><tr><th colspan='2'>Hai cột</th><th>C</th></tr>"
                "<tr><td rowspan='2'>Hai hàng</td><td>b1</td><td>c1</td></tr><tr><td>b2</td><td>c2</td></tr>"
                "</table><ul><li>Mục</li></ul>",
            )
        ],
    )
    written = docx.Document(io.BytesIO(official_to_docx(table, HEADING)))
    grid = written.tables[1]
    assert grid.cell(0, 0).text == grid.cell(0, 1).text == "Hai cột" and grid.cell(0, 2).text == "C"
    assert grid.cell(1, 0).text == grid.cell(2, 0).text == "Hai hàng" and grid.cell(2, 1).text == "b2"
    paragraph = paragraph_with(written, "Đoạn văn.")
    assert paragraph.alignment == 3 and paragraph.paragraph_format.first_line_indent > 0  # justified
    item = paragraph_with(written, "Mục")
    assert item.style.name == "List Bullet" and item.paragraph_format.first_line_indent is None
