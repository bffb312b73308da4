"""Vietnamese alphabetical order: a, ă, â, b, c, d, đ, e, ê, …; tones after their base letter; stable."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rightstrack.core.text import vi_sort_key, vi_sorted

LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # none, huyền, hỏi, ngã, sắc, nặng
syllables = st.text(alphabet=LETTERS + "àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ",
                    min_size=1, max_size=6)  # fmt: skip
names = st.lists(syllables, min_size=1, max_size=4).map(" ".join).map(lambda name: name[0].upper() + name[1:])


def test_provinces_in_dictionary_order() -> None:
    provinces = ["Đồng Tháp", "Điện Biên", "Bắc Ninh", "Bạc Liêu", "An Giang", "Cà Mau", "Cao Bằng",
                 "Cần Thơ", "Đắk Lắk", "Đà Nẵng", "Bà Rịa–Vũng Tàu", "Bến Tre", "Bình Định", "Bình Dương",
                 "Hà Nội", "Hà Giang", "Ea Súp", "Hưng Yên", "Huế", "Hải Phòng", "Hòa Bình", "Ô Môn", "Ơ Môn",
                 "Oa"]  # fmt: skip
    assert vi_sorted(provinces) == [
        "An Giang", "Bà Rịa–Vũng Tàu", "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Dương", "Bình Định", "Cà Mau",
        "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Điện Biên", "Đồng Tháp", "Ea Súp", "Hà Giang", "Hà Nội",
        "Hải Phòng", "Hòa Bình", "Huế", "Hưng Yên", "Oa", "Ô Môn", "Ơ Môn",
    ]  # fmt: skip


def test_tones_follow_the_level_tone_in_dictionary_order() -> None:
    assert vi_sorted(["Hạ", "Há", "Hã", "Hả", "Hà", "Ha"]) == ["Ha", "Hà", "Hả", "Hã", "Há", "Hạ"]


@settings(max_examples=200)
@given(st.text(alphabet="aAbBcCdD", max_size=5), st.text(alphabet=LETTERS, max_size=5))
def test_d_with_stroke_comes_after_every_d_and_before_e(head: str, tail: str) -> None:
    for after_d in ("Đ" + tail, "đ" + tail):
        assert vi_sort_key("D" + head) < vi_sort_key(after_d) < vi_sort_key("E")
        assert vi_sort_key("d" + tail + "z") < vi_sort_key(after_d) or tail == ""


@settings(max_examples=300)
@given(names, st.sampled_from("aeiouy"), st.sampled_from(TONES[1:]))
def test_a_tone_sorts_after_the_same_word_without_it_and_before_the_next_letter(
    name: str, vowel: str, tone: str
) -> None:
    plain = name + vowel
    toned = unicodedata.normalize("NFC", plain + tone)
    next_letter = LETTERS[LETTERS.index(vowel) + 1] if vowel != "y" else "z"
    assert vi_sort_key(plain) < vi_sort_key(toned) < vi_sort_key(name + next_letter)


@settings(max_examples=200)
@given(st.lists(names, max_size=12))
def test_the_order_is_total_stable_and_ignores_how_the_text_was_composed(items: list[str]) -> None:
    ordered = vi_sorted(items)
    assert vi_sorted(reversed(items)) == ordered
    assert vi_sorted(ordered) == ordered
    decomposed = [unicodedata.normalize("NFD", item) for item in items]
    assert [unicodedata.normalize("NFC", item) for item in vi_sorted(decomposed)] == [
        unicodedata.normalize("NFC", item) for item in ordered
    ]


@pytest.mark.parametrize(
    ("earlier", "later"),
    [("a", "ă"), ("ă", "â"), ("â", "b"), ("o", "ô"), ("ô", "ơ"), ("ơ", "p"), ("u", "ư"), ("ư", "v"),
     ("e", "ê"), ("Ha Noi", "Ha Tinh"), ("Ha Tinh", "Hai"), ("Ha", "Ha Noi"),
     ("ha", "Ha"), ("9", "a"), ("10", "9")],
)  # fmt: skip
def test_letters_spaces_and_digits(earlier: str, later: str) -> None:
    assert vi_sort_key(earlier) < vi_sort_key(later)
