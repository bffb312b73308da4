"""Word import of what officials write: the letter's furniture kept aside, combined headings feeding two
sections. Real DOCX files built here with python-docx; hypothesis varies the names, places and numbers."""

from __future__ import annotations

import datetime
import io
import string

import docx
from docx.document import Document as DocumentObject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rightstrack.exchange.document import Document, Section
from rightstrack.exchange.import_plan import LETTER, UNPLACED, ImportPlan, apply_moves, import_docx
from rightstrack.exchange.official import OfficialHeading, official_to_docx
from rightstrack.exchange.tests.files import SECTIONS, bold, save, table

LIMITATIONS = "Hạn chế, thiếu sót"
DIFFICULTIES = "Khó khăn, thách thức và nguyên nhân"
VIETNAMESE_LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
)
syllables = st.text(alphabet=VIETNAMESE_LETTERS, min_size=2, max_size=6)
proper_names = st.lists(syllables, min_size=2, max_size=4).map(
    lambda ws: " ".join(w.capitalize() for w in ws)
)
places = st.lists(syllables, min_size=1, max_size=3).map(lambda ws: " ".join(w.capitalize() for w in ws))
symbols = st.text(alphabet=string.ascii_uppercase + "Đ", min_size=2, max_size=6)
numbers = st.one_of(st.just(""), st.integers(min_value=1, max_value=99999).map(str))
dates = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2099, 12, 31))


def targets(plan: ImportPlan) -> dict[str, str]:
    return {part.heading or part.text[:30]: part.target for part in plan.parts}


def letter_text(plan: ImportPlan) -> str:
    return " ".join(part.text for part in plan.parts if part.target == LETTER)


def content_text(plan: ImportPlan) -> str:
    return " ".join(part.text for part in plan.parts if part.target != LETTER)


def header_table(
    document: DocumentObject, *, body: str, number: str, symbol: str, place: str, day: datetime.date
) -> None:
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    table(
        document,
        [
            [f"ỦY BAN NHÂN DÂN TỈNH {place.upper()}", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
            [body.upper(), "Độc lập - Tự do - Hạnh phúc"],
            [
                f"Số: {number or '     '}/BC-{symbol}",
                f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}",
            ],
        ],
    )


def closing_paragraphs(document: DocumentObject, *, signer: str, place: str) -> None:
    bold(document, "Nơi nhận:")
    document.add_paragraph("- Văn phòng thường trực;")
    document.add_paragraph(f"- UBND tỉnh {place};")
    document.add_paragraph("- Lưu: VT, VP.")
    bold(document, "KT. TRƯỞNG BAN")
    bold(document, "PHÓ TRƯỞNG BAN")
    document.add_paragraph("(Đã ký)")
    bold(document, signer)


def letter(
    *,
    body: str = "Ban Chỉ đạo về quyền con người",
    number: str = "25",
    symbol: str = "BCĐ",
    place: str = "Lâm Đồng",
    day: datetime.date = datetime.date(2025, 7, 10),
    signer: str = "Hoàng Thị Thu",
    closing_as_table: bool = False,
    combined: str = "split",
) -> bytes:
    """An official report as provinces send it: the header table, "BÁO CÁO" and its summary, an opening
    paragraph, the outline, then "Nơi nhận", "Lưu: VT" and the signature."""
    document = docx.Document()
    header_table(document, body=body, number=number, symbol=symbol, place=place, day=day)
    bold(document, "BÁO CÁO")
    bold(document, "Kết quả công tác bảo đảm quyền con người 6 tháng đầu năm")
    document.add_paragraph(f"Thực hiện chỉ đạo của cấp trên, {body} {place} báo cáo như sau:")
    bold(document, "I. TÌNH HÌNH CHUNG")
    document.add_paragraph("Tình hình kinh tế - xã hội ổn định, đời sống người dân được cải thiện.")
    if combined == "split":
        bold(document, "II. HẠN CHẾ, KHÓ KHĂN")
        bold(document, "1. Hạn chế")
        document.add_paragraph("Công tác phối hợp có lúc chưa kịp thời.")
        bold(document, "2. Khó khăn")
        document.add_paragraph("Kinh phí cho công tác tuyên truyền còn hạn hẹp.")
    elif combined == "lead-in":
        bold(document, "II. HẠN CHẾ, KHÓ KHĂN")
        document.add_paragraph("- Hạn chế: công tác phối hợp có lúc chưa kịp thời.")
        document.add_paragraph("- Về khó khăn: kinh phí cho công tác tuyên truyền còn hạn hẹp.")
    else:
        bold(document, "II. HẠN CHẾ, KHÓ KHĂN")
        document.add_paragraph("Công tác phối hợp có lúc chưa kịp thời; kinh phí còn hạn hẹp.")
    bold(document, "III. KIẾN NGHỊ, ĐỀ XUẤT")
    document.add_paragraph("Đề nghị bổ sung kinh phí cho công tác tuyên truyền.")
    if closing_as_table:
        table(
            document,
            [
                [
                    "Nơi nhận:\n- Văn phòng thường trực;\n- Lưu: VT.",
                    "TM. BAN CHỈ ĐẠO\nTRƯỞNG BAN\n\n\n" + signer,
                ],
            ],
        )
    else:
        closing_paragraphs(document, signer=signer, place=place)
    return save(document)


def test_the_letters_furniture_is_kept_aside_and_the_content_placed() -> None:
    plan = import_docx(letter(), SECTIONS)
    furniture = letter_text(plan)
    for piece in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 25/BC-BCĐ",
        "Lâm Đồng, ngày 10 tháng 7 năm 2025",
        "BÁO CÁO",
        "Kết quả công tác bảo đảm quyền con người 6 tháng đầu năm",
        "Nơi nhận:",
        "- Lưu: VT, VP.",
        "KT. TRƯỞNG BAN",
        "(Đã ký)",
        "Hoàng Thị Thu",
    ):
        assert piece in furniture, piece
    assignments = plan.assignments
    assert "ổn định" in assignments["situation"] and "bổ sung kinh phí" in assignments["proposals"]
    for html in [*assignments.values(), plan.unplaced_html]:
        assert "Nơi nhận" not in html and "CỘNG HÒA" not in html and "Hoàng Thị Thu" not in html
    # The opening paragraph is content: it stays, unplaced, for the writer to place.
    assert "báo cáo như sau" in plan.unplaced_html
    assert plan.letter_html and all(p.kind == "letter" for p in plan.parts if p.target == LETTER)


def test_a_closing_laid_out_as_a_table_is_furniture_too() -> None:
    plan = import_docx(letter(closing_as_table=True), SECTIONS)
    assert "Nơi nhận:" in letter_text(plan) and "TM. BAN CHỈ ĐẠO" in letter_text(plan)
    assert "Nơi nhận" not in content_text(plan)


def test_furniture_can_be_moved_like_any_part() -> None:
    plan = import_docx(letter(), SECTIONS)
    closing = [part for part in plan.parts if part.target == LETTER][-1]
    moved = apply_moves(plan, {closing.id: UNPLACED})
    assert "Nơi nhận:" in moved.unplaced_html
    assert apply_moves(moved, {closing.id: LETTER}).letter_html == plan.letter_html


def test_a_combined_heading_feeds_each_section_from_its_sub_headings() -> None:
    plan = import_docx(letter(combined="split"), SECTIONS)
    assert "phối hợp có lúc chưa kịp thời" in plan.assignments["limitations"]
    assert "Kinh phí cho công tác tuyên truyền" in plan.assignments["difficulties"]
    assert "Kinh phí" not in plan.assignments["limitations"]
    match = next(m for m in plan.matches if m.text == "II. HẠN CHẾ, KHÓ KHĂN")
    assert match.section_key == "limitations" and match.also == ("difficulties",)


def test_a_combined_heading_feeds_each_section_from_its_lead_ins() -> None:
    plan = import_docx(letter(combined="lead-in"), SECTIONS)
    assert "phối hợp có lúc chưa kịp thời" in plan.assignments["limitations"]
    assert "kinh phí cho công tác tuyên truyền" in plan.assignments["difficulties"]
    assert "kinh phí" not in plan.assignments["limitations"]


def test_a_combined_heading_that_cannot_be_split_goes_whole_with_a_note_on_the_other() -> None:
    plan = import_docx(letter(combined="whole"), SECTIONS)
    assert "kinh phí còn hạn hẹp" in plan.assignments["limitations"]
    note = plan.assignments["difficulties"]
    assert "II. HẠN CHẾ, KHÓ KHĂN" in note and LIMITATIONS in note and "kinh phí" not in note
    assert [p.kind for p in plan.parts if p.target == "difficulties"] == ["note"]


def test_a_title_with_a_comma_is_still_one_section() -> None:
    document = docx.Document()
    bold(document, "I. Hạn chế, thiếu sót")
    document.add_paragraph("Một số việc chưa làm được.")
    plan = import_docx(save(document), SECTIONS)
    assert plan.assignments == {"limitations": "<p>Một số việc chưa làm được.</p>"}
    assert plan.matches[0].how == "exact" and plan.matches[0].also == ()


def test_the_official_export_imports_back_without_its_furniture() -> None:
    heading = OfficialHeading(
        issuing_body="Ban Chỉ đạo",
        parent_body="Ủy ban nhân dân tỉnh Gia Lai",
        symbol="BC-BCĐ",
        place="Gia Lai",
        date=datetime.date(2025, 1, 9),
        summary="Kết quả thực hiện năm 2024",
        recipients=["Như trên"],
        signer_authority="TM. Ban Chỉ đạo",
        signer_position="Trưởng ban",
        signer_name="Đinh Văn Khoa",
    )
    exported = official_to_docx(
        Document(title="x", sections=[Section("Tình hình chung", 1, "<p>Ổn định.</p>")]), heading
    )
    plan = import_docx(exported, SECTIONS)
    assert plan.assignments == {"situation": "<p>Ổn định.</p>"}
    assert "Đinh Văn Khoa" in letter_text(plan) and "Kết quả thực hiện năm 2024" in letter_text(plan)
    assert not plan.unplaced_html


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    body=proper_names,
    number=numbers,
    symbol=symbols,
    place=places,
    day=dates,
    signer=proper_names,
    closing_as_table=st.booleans(),
)
def test_whatever_the_names_places_and_numbers_the_furniture_is_found(
    body: str, number: str, symbol: str, place: str, day: datetime.date, signer: str, closing_as_table: bool
) -> None:
    plan = import_docx(
        letter(
            body=body,
            number=number,
            symbol=symbol,
            place=place,
            day=day,
            signer=signer,
            closing_as_table=closing_as_table,
        ),
        SECTIONS,
    )
    furniture, content = letter_text(plan), content_text(plan)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in furniture and f"/BC-{symbol}" in furniture
    assert "Nơi nhận:" in furniture and signer in furniture
    assert "CỘNG HÒA" not in content and "Nơi nhận" not in content and f"BC-{symbol}" not in content
    assert "ổn định" in plan.assignments["situation"] and "bổ sung kinh phí" in plan.assignments["proposals"]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Tổ chức 12 hội nghị tuyên truyền cho hơn 3.000 lượt người.",
                "Ngày 15 tháng 3 năm 2024, Ban Chỉ đạo tổ chức hội nghị sơ kết.",
                "Tại Hà Nội, ngày 2 tháng 9 năm 2024, đoàn công tác đã làm việc với các sở.",
                "Lưu ý: số liệu tính đến hết tháng 6.",
                "Công văn số 125/UBND-NC ngày 3 tháng 4 năm 2024 đã hướng dẫn thực hiện.",
                "NHỮNG KẾT QUẢ NỔI BẬT",
                "Nguyễn Văn A",
                "- Hỗ trợ 1.250 hộ nghèo;",
            ]
        ),
        min_size=1,
        max_size=6,
    )
)
def test_ordinary_report_text_is_never_taken_for_furniture(paragraphs: list[str]) -> None:
    document = docx.Document()
    bold(document, "I. Tình hình chung")
    for text in paragraphs:
        document.add_paragraph(text)
    bold(document, "II. Kiến nghị, đề xuất")
    document.add_paragraph("Đề nghị bổ sung kinh phí cho công tác tuyên truyền, phổ biến pháp luật.")
    plan = import_docx(save(document), SECTIONS)
    assert not plan.letter_html
    for text in paragraphs:
        assert text.split()[0] in plan.assignments["situation"]


def test_docx_files_are_real() -> None:
    assert docx.Document(io.BytesIO(letter())).paragraphs


# What the furniture says (kept with the report: issue 7, item 5) -----------------------------------------


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    number=st.integers(min_value=1, max_value=99999).map(str),
    symbol=symbols,
    place=places,
    day=dates,
    signer=proper_names,
)
def test_the_number_place_date_and_signer_are_read_from_the_furniture(
    number: str, symbol: str, place: str, day: datetime.date, signer: str
) -> None:
    plan = import_docx(letter(number=number, symbol=symbol, place=place, day=day, signer=signer), SECTIONS)
    kept = plan.letter_details
    assert (kept["number"], kept["symbol"]) == (number, f"BC-{symbol}")
    assert (kept["place"], kept["date"]) == (place, day.isoformat())
    assert kept["signer_name"] == signer and kept["signer_position"] == "PHÓ TRƯỞNG BAN"


def test_a_document_without_furniture_says_nothing() -> None:
    document = docx.Document()
    bold(document, "I. TÌNH HÌNH CHUNG")
    document.add_paragraph("Tình hình ổn định.")
    assert import_docx(save(document), SECTIONS).letter_details == {}
