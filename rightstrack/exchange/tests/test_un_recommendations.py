"""Reading the UN's files of recommendations: the field parsers (hypothesis varies their inputs), the UHRI
export in its three formats and their encodings (files built here, as UHRI writes them), the OHCHR thematic
lists (the real ones in ../shared/data/upr, skipped where that folder is absent, and a Word file of the later
layout built here), and every kind of bad input reported with its row and column."""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections import Counter
from pathlib import Path

import docx
import openpyxl
import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from rightstrack.exchange import un_recommendations as un
from rightstrack.exchange.un_recommendations.tables import read_csv_table

UPR = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "upr"
UPR20_DOCX = UPR / "UPR20_Slovenia_Thematic_List_of_Recommendations.docx"
UPR48_MD = UPR / "UPR48_Slovenia_Thematic_List_of_Recommendations.md"
needs_shared = pytest.mark.skipif(
    not UPR20_DOCX.exists() or not UPR48_MD.exists(),
    reason="the real OHCHR thematic lists are in ../shared/data/upr, which this checkout does not have",
)

HEADERS: list[str] = [
    "Text",
    "Countries Concerned",
    "Regions Concerned",
    "Reccomending Body",
    "Type",
    "Document Symbol",
    "Document Publication Date",
    "Themes",
    "Affected Persons",
    "Sdgs",
    "OHCHR Annotation Id",
    "UPR Session",
    "UPR Reccomending States",
    "UPR Position",
]
ROWS: list[list[object]] = [
    [
        "46.12 Tăng cường trợ giúp pháp lý cho người nghèo",
        "Viet Nam",
        "Asia-Pacific",
        "UPR",
        "Recommendation",
        "A/HRC/57/6",
        45463,
        "- Administration of justice & fair trial\n- Right to an effective remedy",
        "- Persons living in poverty",
        "- 16.3 - Promote the rule of law at the national and international levels\n- 1.4 - By 2030, ensure",
        "a1b2c3",
        "46",
        "- Egypt\n- Iran (Islamic Republic of)",
        "Supported",
    ],
    [
        "Adopt measures to prevent violence against women",
        "Viet Nam",
        "Asia-Pacific",
        "Committee on the Elimination of Discrimination against Women",
        "Concluding Observations",
        "CEDAW/C/VNM/CO/9",
        "2024-03-01",
        "- Violence against women\n- 3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "- Women & girls",
        "- 5.2 - Eliminate all forms of violence against all women and girls",
        "d4e5f6",
        "",
        "",
        "",
    ],
]


def xlsx_bytes(headers: list[str], rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_text(headers: list[str], rows: list[list[object]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue()


def to_cp1258(text: str) -> bytes:
    """Text as Windows writes it in code page 1258: a precomposed letter where the code page has one, else
    the base letter and combining tone marks (what makes this code page hard to read right)."""
    import unicodedata

    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], list(decomposed[1:])
        ways = [(base + m, [x for j, x in enumerate(marks) if j != i]) for i, m in enumerate(marks)]
        for head, rest in [*ways, (base, marks)]:
            try:
                out.append(
                    unicodedata.normalize("NFC", head).encode("cp1258") + "".join(rest).encode("cp1258")
                )
                break
            except UnicodeEncodeError:
                continue
        else:
            raise UnicodeEncodeError("cp1258", ch, 0, 1, "no form in code page 1258")
    return b"".join(out)


def read(data: bytes) -> un.ParsedFile:
    return un.read_file(io.BytesIO(data))


# Field parsers --------------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1), max_size=8
    )
)
def test_a_multi_valued_cell_gives_back_its_values(values: list[str]) -> None:
    expected = list(dict.fromkeys(v for v in (un.clean(v) for v in values) if v and v != "-"))
    expected = [v for v in expected if not v.startswith(("- ", "• ", "* "))]
    cell = "\n".join(f"- {v}" for v in expected)
    assert un.split_multi(cell) == expected


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=datetime.date(1900, 3, 1), max_value=datetime.date(9999, 12, 31)))
def test_an_excel_serial_date_reads_as_the_day_excel_shows(day: datetime.date) -> None:
    serial = (day - datetime.date(1899, 12, 30)).days
    assert un.parse_excel_date(serial) == day
    assert un.parse_excel_date(float(serial) + 0.5) == day  # a time of day is dropped
    assert un.parse_excel_date(str(serial)) == day
    assert un.parse_excel_date(day.isoformat()) == day


@pytest.mark.parametrize("value", ["yesterday", "0", "-5", "99999999", True, "31/02/2024"])
def test_a_value_that_is_no_date_is_refused(value: object) -> None:
    with pytest.raises(ValueError):
        un.parse_excel_date(value)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 17), st.one_of(st.integers(1, 20).map(str), st.sampled_from("abcd")), st.text(max_size=40)
)
def test_an_sdg_label_gives_its_goal_and_target(goal: int, target: str, title: str) -> None:
    assert un.parse_sdg(f"{goal}.{target} - {title}") == (goal, f"{goal}.{target}")
    assert un.parse_sdg(f"{goal} - {title.upper()}") == (goal, "")


@pytest.mark.parametrize("value", ["18 - NOT A GOAL", "0 - NONE", "Peace", ""])
def test_a_label_that_names_no_goal_gives_none(value: str) -> None:
    assert un.parse_sdg(value) is None


@pytest.mark.parametrize(
    ("text", "expected_text", "states"),
    [
        ("Ratify X (Maldives) (Portugal);", "Ratify X", ["Maldives", "Portugal"]),
        ("Ratify X (Portugal, Slovakia);", "Ratify X", ["Portugal", "Slovakia"]),
        ("Do X (Iran (Islamic Republic of), Spain);", "Do X", ["Iran (Islamic Republic of)", "Spain"]),
        ("Implement the plan (2021–2025) (Chile)", "Implement the plan (2021–2025)", ["Chile"]),
        ("Implement the plan (2021–2025)", "Implement the plan (2021–2025)", []),
        ("No brackets at all.", "No brackets at all.", []),
    ],
)
def test_the_recommending_states_are_the_brackets_at_the_end(
    text: str, expected_text: str, states: list[str]
) -> None:
    assert un.split_states(text) == (expected_text, states)


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.characters(whitelist_categories=("L", "Zs")), min_size=1, max_size=60).filter(
        str.strip
    ),
    st.lists(st.from_regex(r"[A-Z][a-z]{2,12}( [A-Z][a-z]{2,10})?", fullmatch=True), min_size=1, max_size=4),
)
def test_states_written_after_any_text_come_back(text: str, states: list[str]) -> None:
    body, found = un.split_states(f"{text} ({', '.join(states)});")
    assert found == list(dict.fromkeys(states))
    assert body == text.strip()


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Supported", "supported"), ("Noted", "noted"), ("accepted", "supported"), ("", ""), ("Maybe", None)],
)
def test_positions(value: str, expected: str | None) -> None:
    assert un.parse_position(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("UPR", "UPR"),
        ("Committee on the Rights of the Child", "CRC"),
        ("Human Rights Committee", "CCPR"),
        ("Special Rapporteur on the right to food", "SP"),
        ("Someone else", None),
    ],
)
def test_mechanisms_by_uhri_names(value: str, expected: str | None) -> None:
    assert un.parse_mechanism(value) == expected


@pytest.mark.parametrize(
    ("session", "cycle"), [("1", 1), ("12", 1), ("20", 2), ("40", 3), ("46", 4), ("48", 4)]
)
def test_the_cycle_of_a_upr_session(session: str, cycle: int) -> None:
    assert un.cycle_of_session(session) == cycle


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdđêôơưăâáàảãạếềểễệ ĐƯƠ,.-", min_size=1, max_size=80))
def test_vietnamese_text_reads_back_from_every_legacy_encoding(text: str) -> None:
    import unicodedata

    nfc = unicodedata.normalize("NFC", text)
    for data in (nfc.encode("utf-8"), nfc.encode("utf-16"), to_cp1258(nfc)):
        assert un.decode_text(data)[0] == nfc


# UHRI exports ---------------------------------------------------------------------------------------------


def check_uhri(parsed: un.ParsedFile, *, second_row: int = 3) -> None:
    """The two rows of ``ROWS`` read right; ``second_row``: where the second is (a JSON object counts 1, "
    "2)."""
    assert not parsed.errors, parsed.errors
    first, second = parsed.rows
    assert (first.number, first.mechanism, first.session, first.cycle) == ("46.12", "UPR", "46", 4)
    assert first.text == "Tăng cường trợ giúp pháp lý cho người nghèo"
    assert first.document_date == datetime.date(2024, 6, 20)
    assert first.recommending_states == ["Egypt", "Iran (Islamic Republic of)"]
    assert first.themes == ["Administration of justice & fair trial", "Right to an effective remedy"]
    assert (first.sdg_goals, first.sdg_targets) == ([16, 1], ["16.3", "1.4"])
    assert (first.position, first.external_id) == ("supported", "a1b2c3")
    assert (second.mechanism, second.position, second.session) == ("CEDAW", "", "CEDAW/C/VNM/CO/9")
    assert second.themes == ["Violence against women"]  # the UUID left out, with a warning
    assert [(p.row, p.column, p.code) for p in parsed.warnings] == [(second_row, "Themes", "uuid_label")]


def test_a_uhri_excel_export() -> None:
    parsed = read(xlsx_bytes(HEADERS, ROWS))
    assert parsed.format == un.UHRI_XLSX
    check_uhri(parsed)


@pytest.mark.parametrize(
    ("encoding", "name"), [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8"), ("utf-16", "UTF-16")]
)
def test_a_uhri_csv_export_in_unicode(encoding: str, name: str) -> None:
    parsed = read(csv_text(HEADERS, ROWS).encode(encoding))
    assert (parsed.format, parsed.encoding) == (un.UHRI_CSV, name)
    check_uhri(parsed)


def test_a_uhri_csv_in_windows_1258_is_read_as_such() -> None:
    parsed = read(to_cp1258(csv_text(HEADERS, ROWS)))
    assert (parsed.format, parsed.encoding) == (un.UHRI_CSV, "Windows-1258")
    check_uhri(parsed)


def test_a_uhri_json_export() -> None:
    records = [dict(zip(HEADERS, row, strict=True)) for row in ROWS]
    parsed = read(json.dumps(records, ensure_ascii=False).encode())
    assert parsed.format == un.UHRI_JSON
    check_uhri(parsed, second_row=2)


def test_the_correctly_spelt_headers_are_read_too() -> None:
    headers = [h.replace("Reccomending", "Recommending") for h in HEADERS]
    check_uhri(read(xlsx_bytes(headers, ROWS)))


# Bad input ------------------------------------------------------------------------------------------------


def test_a_missing_column_is_named_with_the_columns_found() -> None:
    headers = [h if h != "Reccomending Body" else "Author" for h in HEADERS]
    parsed = read(xlsx_bytes(headers, ROWS))
    assert not parsed.rows
    [problem] = parsed.errors
    assert (problem.row, problem.code) == (1, "missing_column")
    assert "Reccomending Body" in problem.message and "Author" in problem.message


def test_a_broken_workbook_is_refused_as_damaged() -> None:
    data = xlsx_bytes(HEADERS, ROWS)
    with pytest.raises(ValidationError) as caught:
        read(data[: len(data) // 2])
    assert caught.value.code in {"corrupt", "wrong_type"}


def test_duplicate_ids_are_errors_with_both_rows() -> None:
    rows = [ROWS[0], [*ROWS[1][:10], "a1b2c3", *ROWS[1][11:]]]
    parsed = read(xlsx_bytes(HEADERS, rows))
    [problem] = parsed.errors
    assert (problem.row, problem.column, problem.code) == (3, "OHCHR Annotation Id", "duplicate_id")
    assert "2" in problem.message


def test_a_number_repeated_with_another_text_is_an_error() -> None:
    other = ["46.12 Something else entirely", *ROWS[0][1:10], "", *ROWS[0][11:]]
    first = [*ROWS[0][:10], "", *ROWS[0][11:]]
    parsed = read(xlsx_bytes(HEADERS, [first, other]))
    assert [p.code for p in parsed.errors] == ["number_conflict"]
    assert parsed.errors[0].row == 3


def test_bad_cells_are_reported_by_row_and_column() -> None:
    rows = [[*ROWS[0][:6], "someday", *ROWS[0][7:]], [*ROWS[1][:3], "Nobody", *ROWS[1][4:]]]
    parsed = read(xlsx_bytes(HEADERS, rows))
    assert sorted((p.row, p.column, p.code) for p in parsed.errors) == [
        (2, "Document Publication Date", "bad_date"),
        (3, "Reccomending Body", "unknown_mechanism"),
    ]


def test_a_file_too_large_is_refused_before_it_is_read() -> None:
    class Huge(io.BytesIO):
        size = 300 * 1024 * 1024

        def read(self, *args: object) -> bytes:  # noqa: ARG002
            raise AssertionError("read before its size was checked")

    with pytest.raises(ValidationError) as caught:
        un.read_file(Huge(b"x"))
    assert caught.value.code == "too_large"
    assert "300 MB" in caught.value.messages[0]


def test_a_word_document_that_is_not_a_thematic_list_is_refused() -> None:
    document = docx.Document()
    document.add_paragraph("Báo cáo công tác nhân quyền năm 2024")
    out = io.BytesIO()
    document.save(out)
    with pytest.raises(ValidationError) as caught:
        read(out.getvalue())
    assert caught.value.code == "not_thematic_list"


def test_a_pdf_is_refused_for_what_it_is() -> None:
    with pytest.raises(ValidationError) as caught:
        read(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    assert caught.value.code in {"wrong_type", "corrupt"}


# OHCHR thematic lists -------------------------------------------------------------------------------------


@needs_shared
def test_the_real_upr20_thematic_list() -> None:
    parsed = read(UPR20_DOCX.read_bytes())
    assert (parsed.format, parsed.session, parsed.country) == (un.THEMATIC_DOCX, "20", "Slovenia")
    assert not parsed.problems
    assert len(parsed.rows) == 163
    assert Counter(r.position for r in parsed.rows) == {"supported": 142, "noted": 21}
    first = next(r for r in parsed.rows if r.number == "115.3")
    assert (
        first.text == "Ratify the Optional Protocol to the Rights of the Child on a communications procedure"
    )
    assert first.recommending_states == ["Portugal", "Slovakia"]
    assert (first.position_source, first.document_symbol, first.cycle) == (
        "A/HRC/28/15/Add.1 - Para. 3",
        "A/HRC/28/15",
        2,
    )
    assert first.theme_codes == {"Acceptance of international norms": "A12"}
    assert first.affected_persons == ["Children"]
    assert all(r.recommending_states and r.themes for r in parsed.rows)
    assert [r.number for r in parsed.rows if not r.affected_persons] == ["115.34"]  # the list names none


@needs_shared
def test_the_real_upr48_thematic_list_as_markdown() -> None:
    parsed = read(UPR48_MD.read_bytes())
    assert (parsed.format, parsed.session) == (un.THEMATIC_MARKDOWN, "48")
    assert not parsed.problems
    assert len(parsed.rows) == 254
    assert Counter(r.position for r in parsed.rows) == {"supported": 217, "noted": 37}
    last = parsed.rows[-1]
    assert last.number == "140.253" and last.recommending_states == ["Costa Rica"]
    assert last.themes == ["Refugees & asylum seekers", "Rights related to name, identity & nationality"]
    assert last.affected_persons == ["Public officials", "Stateless persons"]
    assert last.sdg_goals == [10, 16]
    assert all(r.recommending_states and r.themes for r in parsed.rows)


def later_layout_docx() -> bytes:
    """A thematic list in the later sessions' Word layout: no theme codes, an SDGs block in the themes "
    "cell."""
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[
        0
    ].text = "UPR of Viet Nam (4th Cycle – 46th session) Thematic list of recommendations"
    table = document.add_table(rows=1, cols=4)
    for cell, title in zip(
        table.rows[0].cells,
        [
            "Recommendation",
            "Position",
            "Full list of themes",
            "Assessment/comments on level of implementation",
        ],
        strict=True,
    ):
        cell.text = title
    group = table.add_row().cells
    merged = group[0].merge(group[3])
    merged.text = "Theme: Right to education"
    row = table.add_row().cells
    row[0].text = "120.7 Include human rights in school curricula (Morocco) (Iran (Islamic Republic of));"
    row[0].add_paragraph("Source of position: A/HRC/57/6/Add.1 - Para. 4")
    row[1].text = "Supported"
    row[2].text = "Right to education"
    for line in [
        "Affected persons:",
        "- Children",
        "SDGs:",
        "- 4 - QUALITY EDUCATION",
        "- 16.10 - Ensure public access",
    ]:
        row[2].add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_the_later_word_layout_keeps_sdgs_and_states() -> None:
    parsed = read(later_layout_docx())
    assert not parsed.problems
    [row] = parsed.rows
    assert (row.number, row.session, row.cycle, row.position) == ("120.7", "46", 4, "supported")
    assert row.recommending_states == ["Morocco", "Iran (Islamic Republic of)"]
    assert (row.themes, row.affected_persons) == (["Right to education"], ["Children"])
    assert (row.sdg_goals, row.sdg_targets) == ([4, 16], ["16.10"])
    assert row.theme_group == "Right to education"


def test_exports_write_lists_as_uhri_does() -> None:
    records = [{"number": "1.1", "themes": ["A", "B"], "text": "Làm X"}]
    data = un.records_to_csv(records, ("number", "text", "themes")).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data)))
    assert rows == [["number", "text", "themes"], ["1.1", "Làm X", "'- A\n- B"]]  # guarded: csv_safe
    assert json.loads(un.records_to_json(records)) == records


@given(st.text(alphabet="=+-@\t\r'abc ", max_size=12))
def test_no_csv_cell_starts_a_formula_and_every_cell_reads_back(value: str) -> None:
    records = [{"number": "1.1", "text": value, "themes": ["=A", "B"]}]
    data = un.records_to_csv(records, ("number", "text", "themes"))
    written = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in written for cell in row)
    table = read_csv_table(data)
    [(_line, cells)] = list(table.rows)
    assert cells == ["1.1", value, "- =A\n- B"]
