"""Any CSV/XLSX/JSON of recommendations read with the columns the user chose: the guess from the headers
(UHRI's, the export's, Vietnamese ones), the rows read as the UHRI reader reads them whatever the order of
the columns (hypothesis shuffles them), the problems named by the user's own headers, and a mapping that
cannot apply refused with its reason."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict

import docx
import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from rightstrack.exchange import un_recommendations as un
from rightstrack.exchange.tests.test_un_recommendations import HEADERS, ROWS, to_cp1258, xlsx_bytes

VI_HEADERS = [
    "Số",
    "Nội dung",
    "Nội dung tiếng Việt",
    "Phiên",
    "Quốc gia khuyến nghị",
    "Lập trường",
    "Chủ đề",
]
VI_ROWS: list[list[object]] = [
    [
        "140.9",
        "Ratify the Optional Protocol",
        "Phê chuẩn Nghị định thư tùy chọn",
        "46",
        "- Chile\n- Peru",
        "Ủng hộ",
        "Acceptance of international norms",
    ],
    [
        "140.116",
        "Strengthen legal aid",
        "Tăng cường trợ giúp pháp lý",
        "46",
        "Egypt",
        "Ghi nhận",
        "Administration of justice",
    ],
]
VI_MAPPING = {
    "number": "Số",
    "text": "Nội dung",
    "text_vi": "Nội dung tiếng Việt",
    "session": "Phiên",
    "recommending_states": "Quốc gia khuyến nghị",
    "position": "Lập trường",
    "themes": "Chủ đề",
}


def csv_bytes(headers: list[str], rows: list[list[object]], encoding: str = "utf-8") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def test_vietnamese_headers_are_guessed() -> None:
    guess = un.guess_mapping(VI_HEADERS + ["Ghi chú"])
    assert (
        guess
        == {
            "number": 0,
            "text": 1,
            "text_vi": 2,
            "session": 3,
            "position": 5,
            "recommending_states": 4,
            "themes": 6,
        }
        | {}
    )  # "Ghi chú" (a note) is no field
    assert un.guess_mapping(HEADERS)["mechanism"] == HEADERS.index("Reccomending Body")
    assert un.guess_mapping(["number", "text", "mechanism", "external_id"]) == {
        "number": 0,
        "text": 1,
        "mechanism": 2,
        "external_id": 3,
    }


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1258"])
def test_a_csv_with_its_own_headers_reads_with_the_columns_chosen(encoding: str) -> None:
    text = csv_bytes(VI_HEADERS, VI_ROWS).decode()
    data = to_cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    parsed = un.read_file(io.BytesIO(data), mapping=VI_MAPPING, mechanism="UPR")
    assert parsed.format == un.MAPPED_CSV and not parsed.errors, parsed.problems
    first, second = parsed.rows
    assert (first.number, first.mechanism, first.session, first.position) == (
        "140.9",
        "UPR",
        "46",
        "supported",
    )
    assert first.text_vi == "Phê chuẩn Nghị định thư tùy chọn"
    assert first.recommending_states == ["Chile", "Peru"]
    assert (second.number, second.position, second.themes) == (
        "140.116",
        "noted",
        ["Administration of justice"],
    )
    assert parsed.table.headers == VI_HEADERS
    assert parsed.table.columns["text_vi"] == 2
    assert parsed.table.rows[0]["cells"][1] == "Ratify the Optional Protocol"


def test_a_mapped_file_names_its_problems_by_the_users_headers() -> None:
    rows: list[list[object]] = [VI_ROWS[0], ["140.9", "Another text", "", "46", "", "Maybe", ""]]
    parsed = un.read_file(io.BytesIO(xlsx_bytes(VI_HEADERS, rows)), mapping=VI_MAPPING, mechanism="UPR")
    assert parsed.format == un.MAPPED_XLSX
    assert [(p.row, p.column, p.level, p.code) for p in parsed.problems] == [
        (3, "Lập trường", "warning", "unknown_position"),
        (3, "Nội dung", "error", "number_conflict"),
    ]


def test_a_mapping_that_cannot_apply_says_why() -> None:
    data = csv_bytes(VI_HEADERS, VI_ROWS)
    with translation.override("vi"):
        parsed = un.read_file(io.BytesIO(data), mapping={"text": "Text", "number": "Số"})
    assert not parsed.rows
    assert [(p.row, p.column, p.code) for p in parsed.errors] == [
        (1, "Text", "missing_column"),
        (1, "", "unmapped_field"),
    ]
    assert "Nội dung" in parsed.errors[0].message  # the columns the file has
    assert "cơ chế" in parsed.errors[1].message  # in Vietnamese
    parsed = un.read_file(io.BytesIO(data), mapping={"txt": "Nội dung"}, mechanism="UPR")
    assert [p.code for p in parsed.errors] == ["unknown_field", "unmapped_field"]
    parsed = un.read_file(io.BytesIO(data), mapping={"text": 1}, mechanism="Nobody")
    assert [p.code for p in parsed.errors] == ["unknown_mechanism"]


def test_columns_can_be_chosen_only_in_a_table() -> None:
    document = docx.Document()
    document.add_paragraph("Báo cáo")
    out = io.BytesIO()
    document.save(out)
    with pytest.raises(ValidationError) as caught:
        un.read_file(io.BytesIO(out.getvalue()), mapping={"text": "Text"}, mechanism="UPR")
    assert caught.value.code == "not_a_table"


def test_the_command_lines_mapping() -> None:
    assert un.parse_mapping_text("Nội dung=text, Số=number ,") == {"text": "Nội dung", "number": "Số"}
    assert un.parse_mapping_text("A=B=text") == {"text": "A=B"}
    for bad in ("Nội dung", "=text", "A=text,B=text"):
        with pytest.raises(ValidationError):
            un.parse_mapping_text(bad)
    assert un.mapping_from_columns({"Số": "number", "Ghi chú": ""}) == {"number": "Số"}


@settings(max_examples=25, deadline=None)
@given(st.permutations(list(range(len(HEADERS)))), st.booleans())
def test_any_order_of_renamed_columns_reads_as_the_uhri_export_does(order: list[int], as_xlsx: bool) -> None:
    """The UHRI file's columns renamed and shuffled, mapped back by the user: the same rows."""
    renamed = [f"Cột {i}" for i in order]
    rows = [[row[i] for i in order] for row in ROWS]
    targets = {
        "Text": "text",
        "Reccomending Body": "mechanism",
        "Document Symbol": "document_symbol",
        "Document Publication Date": "document_date",
        "Themes": "themes",
        "Affected Persons": "affected_persons",
        "Sdgs": "sdgs",
        "OHCHR Annotation Id": "external_id",
        "UPR Session": "session",
        "UPR Reccomending States": "recommending_states",
        "UPR Position": "position",
        "Countries Concerned": "countries",
    }
    mapping = {targets[HEADERS[i]]: f"Cột {i}" for i in order if HEADERS[i] in targets}
    data = xlsx_bytes(renamed, rows) if as_xlsx else csv_bytes(renamed, rows)
    mapped = un.read_file(io.BytesIO(data), mapping=mapping)
    uhri = un.read_file(io.BytesIO(xlsx_bytes(HEADERS, ROWS)))
    assert [asdict(r) for r in mapped.rows] == [asdict(r) for r in uhri.rows]
    assert [(p.row, p.code) for p in mapped.problems] == [(p.row, p.code) for p in uhri.problems]


def _listed(value: object) -> object:
    if isinstance(value, str) and "\n" in value:
        return [line.removeprefix("- ") for line in value.split("\n")]
    return value


def json_bytes(headers: list[str], rows: list[list[object]]) -> bytes:
    """The rows as a JSON list of objects, each keyed by the headers (a multi-valued cell as a list)."""
    items = [{h: _listed(v) for h, v in zip(headers, row, strict=True)} for row in rows]
    return json.dumps(items, ensure_ascii=False).encode()


def test_a_json_list_of_objects_reads_with_the_columns_chosen_its_keys_as_columns() -> None:
    parsed = un.read_file(io.BytesIO(json_bytes(VI_HEADERS, VI_ROWS)), mapping=VI_MAPPING, mechanism="UPR")
    assert parsed.format == un.MAPPED_JSON and not parsed.errors, parsed.problems
    first, second = parsed.rows
    assert (first.row, first.number, first.session, first.position) == (1, "140.9", "46", "supported")
    assert first.recommending_states == ["Chile", "Peru"]  # a JSON list is a multi-valued cell
    assert first.text_vi == "Phê chuẩn Nghị định thư tùy chọn"
    assert (second.row, second.number, second.position) == (2, "140.116", "noted")
    assert parsed.table.headers == VI_HEADERS
    assert parsed.table.rows[0]["cells"][4] == "Chile; Peru"


def test_a_json_file_not_in_uhris_keys_gets_a_preview_with_its_columns_guessed() -> None:
    wrapped = json.dumps({"data": json.loads(json_bytes(VI_HEADERS, VI_ROWS))}).encode()
    parsed = un.read_file(io.BytesIO(wrapped))
    assert parsed.format == un.UHRI_JSON and not parsed.rows
    assert {p.code for p in parsed.errors} == {"missing_column"}
    assert parsed.table.headers == VI_HEADERS
    assert parsed.table.columns == {
        "number": 0,
        "text": 1,
        "text_vi": 2,
        "session": 3,
        "position": 5,
        "recommending_states": 4,
        "themes": 6,
    }


def test_a_json_mapping_that_cannot_apply_says_why_in_the_readers_language() -> None:
    data = json_bytes(VI_HEADERS, VI_ROWS)
    with translation.override("vi"):
        parsed = un.read_file(io.BytesIO(data), mapping={"text": "Text", "number": "Số"})
    assert not parsed.rows
    assert [(p.row, p.column, p.code) for p in parsed.errors] == [
        (1, "Text", "missing_column"),
        (1, "", "unmapped_field"),
    ]
    assert "Nội dung" in parsed.errors[0].message and "cơ chế" in parsed.errors[1].message
    rows: list[list[object]] = [VI_ROWS[0], ["140.9", "Another text", "", "46", "", "Maybe", ""]]
    parsed = un.read_file(io.BytesIO(json_bytes(VI_HEADERS, rows)), mapping=VI_MAPPING, mechanism="UPR")
    assert [(p.row, p.column, p.level, p.code) for p in parsed.problems] == [
        (2, "Lập trường", "warning", "unknown_position"),
        (2, "Nội dung", "error", "number_conflict"),
    ]  # the object's place in the list, and its key
    parsed = un.read_file(io.BytesIO(b'[{"a": 1}, 2]'), mapping=VI_MAPPING, mechanism="UPR")
    assert [p.code for p in parsed.errors] == ["bad_json"]
