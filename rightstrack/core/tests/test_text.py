"""One folder for the whole code base: Vietnamese typed any way folds alike; Roman numerals; file names."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rightstrack.core.text import (
    MAX_ROMAN,
    ascii_file_name,
    clean_file_name,
    fold,
    from_roman,
    outline_numbers,
    to_roman,
)

VIETNAMESE = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợ"
                     "ùủũúụừửữứựỳỷỹýỵ ĐĂÂÊÔƠƯÀÁẢÃẠ-,.")  # fmt: skip


def test_fold_removes_diacritics_including_d_with_stroke_and_case() -> None:
    assert fold("Đặc điểm tình hình ĐỒNG BẰNG") == "dac diem tinh hinh dong bang"
    assert fold("Đặc điểm tình hình ĐỒNG BẰNG", keep_case=True) == "Dac diem tinh hinh DONG BANG"
    assert fold("Hoà Bình") == fold("Hòa Bình") == fold(unicodedata.normalize("NFD", "Hòa Bình"))


def test_fold_with_separators_reads_dashes_as_spaces() -> None:
    assert fold("  Bà Rịa–Vũng Tàu ", separators=True) == "ba ria vung tau"
    assert fold("T.P. Hồ Chí Minh", separators=True) == "t p ho chi minh"


@settings(max_examples=400)
@given(st.text())
def test_fold_is_idempotent_and_leaves_no_marks_or_capitals(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert folded == unicodedata.normalize("NFC", folded)
    assert folded == folded.casefold()
    assert not any(unicodedata.combining(ch) for ch in folded)
    assert "đ" not in folded and "Đ" not in folded


@settings(max_examples=300)
@given(VIETNAMESE)
def test_vietnamese_with_or_without_marks_and_in_any_case_folds_alike(text: str) -> None:
    stripped = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    assert fold(text) == fold(stripped.replace("đ", "d").replace("Đ", "D")) == fold(text.upper())
    assert fold(text).isascii()


@settings(max_examples=300)
@given(st.text())
def test_fold_keeping_case_changes_only_marks(text: str) -> None:
    kept = fold(text, keep_case=True)
    assert fold(kept, keep_case=True) == kept
    assert fold(kept) == fold(text)


@settings(max_examples=300)
@given(st.text())
def test_fold_with_separators_has_no_loose_spaces(text: str) -> None:
    folded = fold(text, separators=True)
    assert folded == folded.strip() and "  " not in folded and "-" not in folded
    assert fold(folded, separators=True) == folded


@given(st.integers(min_value=1, max_value=MAX_ROMAN))
def test_roman_numerals_round_trip(number: int) -> None:
    assert from_roman(to_roman(number)) == number


def test_roman_numerals() -> None:
    assert [to_roman(n) for n in (1, 4, 9, 14, 40, 90, 400, 2025)] == [
        "I", "IV", "IX", "XIV", "XL", "XC", "CD", "MMXXV"
    ]  # fmt: skip
    assert [from_roman(s) for s in ("IIII", "iv", "", "VX", "IC", "MMMM")] == [None] * 6
    with pytest.raises(ValueError):
        to_roman(0)


def test_outline_numbers_restart_under_each_top_level_entry() -> None:
    assert outline_numbers([1, 2, 2, 1, 1, 2]) == ["I.", "1.", "2.", "II.", "III.", "1."]


def test_ascii_file_names() -> None:
    assert ascii_file_name("Thừa Thiên Huế / 46") == "Thua-Thien-Hue-46"
    assert ascii_file_name("///", default="report") == "report"
    assert ascii_file_name("Đắk Lắk") == "Dak-Lak"


@pytest.mark.parametrize(
    ("name", "extensions", "expected"),
    [
        ("x.pdf\x00.html", ["pdf"], "x.pdf"),
        ("x.pdf\x00.html", [], "x_pdf.html"),
        ("x.html", ["pdf"], "x.pdf"),
        ("invoice.exe.pdf", ["pdf"], "invoice_exe.pdf"),
        ("C:\\Users\\a\\Báo cáo.DOCX", ["docx"], "Báo cáo.docx"),
        ("../../etc/passwd", [], "passwd"),
        ("Báo cáo v1.2", ["docx"], "Báo cáo v1.2.docx"),
        ("ex\u202egpj.pdf", ["pdf"], "exgpj.pdf"),
        ("tab\tand\x1fbell\x07.txt", ["txt"], "tabandbell.txt"),
        (".pdf", ["pdf"], "pdf.pdf"),
        ("", [], "file"),
        ('a<b>:c"d|e?f*.pdf', ["pdf"], "a_b__c_d_e_f.pdf"),
    ],
)
def test_clean_file_name(name: str, extensions: list[str], expected: str) -> None:
    assert clean_file_name(name, extensions=extensions) == expected


@settings(max_examples=300)
@given(st.text(max_size=300), st.sampled_from([[], ["pdf"], ["docx", "doc"]]))
def test_clean_file_names_have_no_control_characters_or_folders(name: str, extensions: list[str]) -> None:
    cleaned = clean_file_name(name, extensions=extensions)
    assert cleaned and len(cleaned) <= 255
    assert not any(unicodedata.category(ch).startswith("C") for ch in cleaned)
    assert "/" not in cleaned and "\\" not in cleaned and cleaned == unicodedata.normalize("NFC", cleaned)
    if extensions:
        assert cleaned.rsplit(".", 1)[1] in extensions
