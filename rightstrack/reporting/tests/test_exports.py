"""Word and PDF out: a report as DOCX (editable, the template's headings) and PDF (Vietnamese renders);
a cycle as a ZIP of DOCX and one XLSX of figures."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
import zlib
from decimal import Decimal

import docx
import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from docx.text.paragraph import Paragraph

from rightstrack.exchange.document import format_number
from rightstrack.exchange.import_plan import import_docx
from rightstrack.exchange.specs import IndicatorSpec
from rightstrack.exchange.tests.files import SECTIONS
from rightstrack.exchange.xlsx import safe_sheet_title
from rightstrack.reporting.services.exports import (
    ExportFigure,
    ExportReport,
    ExportSection,
    FiguresRow,
    cycle_figures_to_xlsx,
    cycle_to_zip,
    report_to_docx,
    report_to_html,
    report_to_pdf,
)

CONTENT = {
    "situation": (
        "<p>Tình hình kinh tế - xã hội <strong>ổn định</strong>; đời sống người dân được cải thiện.</p>"
    ),
    "results": (
        "<p>Ban Chỉ đạo triển khai đồng bộ các nhiệm vụ.</p><h3>Điểm nổi bật</h3><p>Đối thoại ở cơ sở.</p>"
    ),
    "results-legal": (
        "<p>Ban hành <em>12 văn bản</em>.</p>"
        "<ul><li>Nghị quyết về an sinh</li><li>Quyết định hỗ trợ</li></ul>"
    ),
    "results-education": (
        "<ol><li>Tập huấn cán bộ</li><li>Phát hành tài liệu</li></ol>"
        "<table><tbody><tr><th>Hoạt động</th><th>Số buổi</th></tr><tr><td>Tuyên truyền</td><td>45</td></tr>"
        '<tr><td colspan="2">Tổng hợp chung</td></tr></tbody></table>'
    ),
    "limitations": "<p>Một số địa phương báo cáo chậm.</p>",
    "proposals": (
        '<p>Đề nghị sửa đổi Nghị định; xem <a href="https://quyenconnguoi.vn">cổng thông tin</a>.</p>'
    ),
}


def _report(**changes: object) -> ExportReport:
    values: dict[str, object] = {
        "title": "Báo cáo kết quả công tác quyền con người 6 tháng đầu năm 2025",
        "body_name": "Ban Chỉ đạo về quyền con người tỉnh Thừa Thiên Huế",
        "body_code": "46",
        "cycle_name": "Báo cáo 6 tháng đầu năm 2025",
        "period_start": datetime.date(2025, 1, 1),
        "period_end": datetime.date(2025, 6, 30),
        "status": "Đã nộp",
        "sections": [ExportSection(s.key, s.title, s.level, CONTENT.get(s.key, "")) for s in SECTIONS],
        "figures": [
            ExportFigure("Số buổi tuyên truyền", 1234, "buổi"),
            ExportFigure("Tỷ lệ hộ nghèo", Decimal("2.45"), "%"),
            ExportFigure("Số hộ được hỗ trợ", None, "hộ"),
        ],
        "unplaced_html": "<p>Phụ lục: danh sách đơn vị phối hợp.</p>",
        "language": "vi",
    }
    values.update(changes)
    return ExportReport(**values)  # type: ignore[arg-type]


def _style(paragraph: Paragraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def _open(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


# DOCX ---------------------------------------------------------------------------------------------------


def test_the_docx_has_the_template_headings_in_order_as_heading_styles() -> None:
    document = _open(report_to_docx(_report()))
    headings = [
        (_style(p), p.text) for p in document.paragraphs if _style(p).startswith(("Heading", "Title"))
    ]
    assert headings[0] == ("Title", "Báo cáo kết quả công tác quyền con người 6 tháng đầu năm 2025")
    template_headings = [h for h in headings if h[0] in ("Heading 1", "Heading 2")]
    assert template_headings[: len(SECTIONS)] == [
        ("Heading 1", "I. Tình hình chung"),
        ("Heading 1", "II. Kết quả thực hiện theo lĩnh vực"),
        ("Heading 2", "1. Xây dựng, hoàn thiện thể chế, chính sách pháp luật"),
        ("Heading 2", "2. Giáo dục, đào tạo, tuyên truyền, nâng cao nhận thức về quyền con người"),
        ("Heading 2", "3. Thực hiện chính sách an sinh xã hội"),
        ("Heading 2", "4. Công tác tôn giáo, dân tộc"),
        ("Heading 2", "5. Công tác phối hợp giữa các cơ quan"),
        ("Heading 2", "6. Hợp tác quốc tế và báo cáo quốc gia"),
        ("Heading 1", "III. Hạn chế, thiếu sót"),
        ("Heading 1", "IV. Khó khăn, thách thức và nguyên nhân"),
        ("Heading 1", "V. Bài học kinh nghiệm"),
        ("Heading 1", "VI. Kiến nghị, đề xuất"),
        ("Heading 1", "VII. Kết quả thực hiện các chỉ đạo trước đây"),
    ]
    assert ("Heading 3", "Điểm nổi bật") in headings  # a heading inside a section's text sits below it
    assert document.core_properties.title == "Báo cáo kết quả công tác quyền con người 6 tháng đầu năm 2025"


def test_the_docx_carries_the_body_period_text_lists_tables_and_figures() -> None:
    document = _open(report_to_docx(_report()))
    texts = [p.text for p in document.paragraphs]
    assert "Ban Chỉ đạo về quyền con người tỉnh Thừa Thiên Huế" in " ".join(texts)
    assert any("01/01/2025 – 30/06/2025" in t for t in texts)
    emphasised = next(p for p in document.paragraphs if p.text.startswith("Tình hình kinh tế"))
    assert [(r.text, r.bold) for r in emphasised.runs if r.bold] == [("ổn định", True)]
    bullets = [p.text for p in document.paragraphs if _style(p) == "List Bullet"]
    numbers = [p.text for p in document.paragraphs if _style(p) == "List Number"]
    assert bullets == ["Nghị quyết về an sinh", "Quyết định hỗ trợ"]
    assert numbers == ["Tập huấn cán bộ", "Phát hành tài liệu"]
    activities, figures = document.tables
    assert [c.text for c in activities.rows[1].cells] == ["Tuyên truyền", "45"]
    assert [c.text for c in activities.rows[2].cells] == ["Tổng hợp chung", "Tổng hợp chung"]  # merged
    assert [[c.text for c in row.cells] for row in figures.rows][1:] == [
        ["Số buổi tuyên truyền", "1.234", "buổi"],
        ["Tỷ lệ hộ nghèo", "2,45", "%"],
        ["Số hộ được hỗ trợ", "—", "hộ"],
    ]
    assert texts[-1] == "Phụ lục: danh sách đơn vị phối hợp."  # the unplaced text comes last
    assert "https://quyenconnguoi.vn" in {rel.target_ref for rel in document.part.rels.values()}


def test_the_docx_labels_follow_the_active_language() -> None:
    with translation.override("en"):
        document = _open(report_to_docx(_report(language="en")))
    texts = [p.text for p in document.paragraphs]
    assert any(t.startswith("Period: 1 January 2025 – 30 June 2025") for t in texts)  # never ISO
    assert "Figures" in texts
    assert [c.text for c in document.tables[-1].rows[1].cells] == ["Số buổi tuyên truyền", "1,234", "buổi"]


def test_hostile_html_never_reaches_the_docx() -> None:
    report = _report(
        sections=[
            ExportSection("situation", "Tình hình chung", 1, '<script>x()</script><p onclick="y">Ổn</p>')
        ]
    )
    document = _open(report_to_docx(report))
    xml = document.element.xml
    assert "x()" not in xml and "onclick" not in xml
    assert "Ổn" in [p.text for p in document.paragraphs]


def test_a_report_exported_to_docx_imports_back_into_the_same_sections() -> None:
    plan = import_docx(report_to_docx(_report()), SECTIONS)
    # Every section with text comes back whole: paragraphs, emphasis, sub-headings, lists, tables and links.
    without_rel = {
        key: html.replace(' rel="noopener noreferrer"', "") for key, html in plan.assignments.items()
    }
    assert without_rel == CONTENT
    assert plan.unplaced_html.endswith("<p>Phụ lục: danh sách đơn vị phối hợp.</p>")
    assert {m.section_key for m in plan.matches if m.section_key} == {s.key for s in SECTIONS}


def test_an_english_report_round_trips_too() -> None:
    sections = [ExportSection(s.key, s.title_en, s.level, CONTENT.get(s.key, "")) for s in SECTIONS]
    with translation.override("en"):
        data = report_to_docx(_report(sections=sections, language="en", unplaced_html=""))
    assignments = import_docx(data, SECTIONS).assignments
    assert list(assignments) == list(CONTENT)


# PDF ----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return report_to_pdf(_report())


def _pdf_text_facts(data: bytes) -> tuple[set[str], set[str]]:
    """Font names and every character the fonts' ToUnicode maps name (what a PDF reader can extract)."""
    blob = data
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            blob += zlib.decompress(stream)
        except zlib.error:
            continue
    fonts = {name.decode() for name in re.findall(rb"/BaseFont\s*/([^\s/<>\[\]]+)", blob)}
    characters: set[str] = set()
    for cmap in re.findall(rb"begincmap(.*?)endcmap", blob, re.S):
        for section in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
            for _glyph, code in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", section):
                characters.add(bytes.fromhex(code.decode()).decode("utf-16-be"))
        for section in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
            for low, high, start in re.findall(
                rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", section
            ):
                first = int(start, 16)
                for offset in range(int(high, 16) - int(low, 16) + 1):
                    characters.add(chr(first + offset))
    return fonts, characters


def test_the_pdf_is_a_pdf_with_dejavu_fonts_embedded(pdf: bytes) -> None:
    assert pdf.startswith(b"%PDF-")
    fonts, _characters = _pdf_text_facts(pdf)
    assert fonts and all("DejaVu" in name for name in fonts)


def test_vietnamese_diacritics_render_in_the_pdf(pdf: bytes) -> None:
    _fonts, characters = _pdf_text_facts(pdf)
    vietnamese = "ạảấầẩậắằẳặẹẻẽếềểệỉịọỏốồổộớờởợụủứừửựỳỷđĐưƯơƠ"
    expected = {
        ch for ch in "".join(CONTENT.values()) + _report().title + _report().body_name if ch in vietnamese
    }
    assert {"ệ", "đ", "ư", "ơ", "ả", "ộ"} <= expected
    assert expected <= characters


def test_the_pdf_text_can_be_extracted_when_pypdf_is_installed(pdf: bytes) -> None:
    import pypdf

    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "Tình hình chung" in text and "Thừa Thiên Huế" in text


def test_the_print_html_escapes_and_marks_empty_sections() -> None:
    page = report_to_html(_report(title="<b>Báo cáo</b>", unplaced_html=""))
    assert "<h1>&lt;b&gt;Báo cáo&lt;/b&gt;</h1>" in page
    assert page.count('class="empty"') == sum(1 for s in SECTIONS if s.key not in CONTENT)
    assert "<h3>1. Xây dựng, hoàn thiện thể chế, chính sách pháp luật</h3>" in page
    assert '<td class="number">1.234</td>' in page


# A cycle ------------------------------------------------------------------------------------------------


def test_a_cycle_zip_holds_one_docx_per_report_with_safe_unique_names() -> None:
    reports = [
        _report(file_stem="bao-cao-2024-hue", body_name="Huế"),
        _report(file_stem="../../etc/Đà Nẵng", body_name="Đà Nẵng"),
        _report(file_stem="bao-cao-2024-hue", body_name="Huế (bản 2)"),
        _report(file_stem="", body_name="Ủy ban"),
    ]
    archive = zipfile.ZipFile(io.BytesIO(cycle_to_zip(reports)))
    names = ["bao-cao-2024-hue.docx", "etc-Da-Nang.docx", "bao-cao-2024-hue-2.docx", "Uy-ban.docx"]
    assert archive.namelist() == names
    for name in archive.namelist():
        document = _open(archive.read(name))
        assert _style(document.paragraphs[0]) == "Title"
    assert _open(archive.read("Uy-ban.docx")).core_properties.author == "Ủy ban"


def test_safe_sheet_titles() -> None:
    assert (
        safe_sheet_title("Báo cáo 6 tháng đầu năm 2025: [tổng hợp] / các tỉnh")
        == "Báo cáo 6 tháng đầu năm 2025 tổ"  # 31 characters at most, without : [ ] /
    )
    assert safe_sheet_title("''") == "Figures"


INDICATORS = [
    IndicatorSpec("sessions", "Số buổi tuyên truyền", unit="buổi"),
    IndicatorSpec("households", "Số hộ được hỗ trợ", unit="hộ"),
    IndicatorSpec("poverty-rate", "Tỷ lệ hộ nghèo", unit="%", sums_across_bodies=False, decimals=2),
]
ROWS = [
    FiguresRow(
        "Hà Nội",
        "01",
        "Đã nộp",
        datetime.date(2025, 7, 10),
        {"sessions": 120, "households": 3400, "poverty-rate": Decimal("1.25")},
    ),
    FiguresRow('=HYPERLINK("http://x")', "46", "Bản nháp", None, {"sessions": "15", "households": None}),
]


def _sheet(data: bytes) -> openpyxl.worksheet.worksheet.Worksheet:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return workbook.worksheets[0]


def test_the_figures_workbook_has_one_row_per_body_with_numbers_as_numbers() -> None:
    with translation.override("en"):
        sheet = _sheet(cycle_figures_to_xlsx("Báo cáo 6 tháng/2025", INDICATORS, ROWS))
    assert sheet.title == "Báo cáo 6 tháng 2025"
    assert [c.value for c in sheet[1]] == [
        "Body",
        "Code",
        "Status",
        "Submitted on",
        "Số buổi tuyên truyền (buổi)",
        "Số hộ được hỗ trợ (hộ)",
        "Tỷ lệ hộ nghèo (%)",
    ]
    assert [c.value for c in sheet[2]][:3] == ["Hà Nội", "01", "Đã nộp"]
    assert sheet["D2"].value.date() == datetime.date(2025, 7, 10) and sheet["D3"].value is None
    assert [c.value for c in sheet[2]][4:] == [120, 3400, 1.25]
    assert sheet["G2"].number_format == "#,##0.00"
    assert [c.value for c in sheet[3]][4:] == [15, None, None]
    assert sheet.freeze_panes == "B2"
    assert sheet.column_dimensions["A"].width >= 12


def test_the_totals_row_adds_only_what_adds_up() -> None:
    with translation.override("en"):
        sheet = _sheet(cycle_figures_to_xlsx("Cycle", INDICATORS, ROWS))
    assert [c.value for c in sheet[4]] == ["Total", None, None, None, 135, 3400, None]


def test_a_body_name_that_looks_like_a_formula_stays_text() -> None:
    sheet = _sheet(cycle_figures_to_xlsx("Cycle", INDICATORS, ROWS))
    assert sheet["A3"].value == '=HYPERLINK("http://x")' and sheet["A3"].data_type == "s"


def test_a_figure_that_is_not_a_number_is_refused_with_a_clear_message() -> None:
    rows = [FiguresRow("Huế", "46", "Đã nộp", None, {"sessions": "mười hai"})]
    with translation.override("en"), pytest.raises(ValidationError) as error:
        cycle_figures_to_xlsx("Cycle", INDICATORS, rows)
    assert error.value.code == "invalid_figure"
    assert "Huế" in error.value.messages[0] and "mười hai" in error.value.messages[0]


@pytest.mark.parametrize(
    ("value", "language", "text"),
    [
        (1234567, "vi", "1.234.567"),
        (1234567, "en", "1,234,567"),
        (Decimal("2.45"), "vi", "2,45"),
        (None, "vi", "—"),
    ],
)
def test_numbers_are_written_as_readers_expect(value: object, language: str, text: str) -> None:
    assert format_number(value, language) == text  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "abc", True])
def test_non_numbers_are_refused(value: object) -> None:
    with pytest.raises(ValidationError):
        format_number(value, "vi")  # type: ignore[arg-type]
