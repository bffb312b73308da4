"""Normalisation, sentences, words and language: the pieces every reader of text in this package builds on."""

from __future__ import annotations

import unicodedata

import pytest

from rightstrack.nlp.language import EN, UNKNOWN, VI, detect_language
from rightstrack.nlp.segment import PyviSegmenter, WhitespaceSegmenter, default_segmenter, segment_words
from rightstrack.nlp.sentences import split_sentences
from rightstrack.nlp.text import fold, fold_words, normalize, paragraphs


class TestNormalize:
    def test_composes_and_cleans_spaces_and_lines(self) -> None:
        raw = unicodedata.normalize("NFD", "Hội\u00a0nghị\u200b  tập huấn\r\n\r\n\r\n  Kiên Giang\u00ad ")
        assert normalize(raw) == "Hội nghị tập huấn\n\nKiên Giang"
        assert unicodedata.is_normalized("NFC", normalize(raw))

    def test_control_characters_become_spaces(self) -> None:
        assert normalize("a\x00b\x07c") == "a b c"

    def test_paragraphs_are_the_non_empty_lines(self) -> None:
        assert paragraphs("Tiêu đề\n\nĐoạn một.\n \nĐoạn hai.") == ["Tiêu đề", "Đoạn một.", "Đoạn hai."]

    def test_empty(self) -> None:
        assert normalize("") == "" and paragraphs("  \n ") == []

    def test_fold_is_the_core_one(self) -> None:
        assert fold("Hoà Bình") == fold("Hòa Bình") == "hoa binh"
        assert fold_words("Bà Rịa–Vũng Tàu") == ["ba", "ria", "vung", "tau"]


class TestSentences:
    def test_line_ends_and_full_stops(self) -> None:
        text = "Tiêu đề bài báo\nNgày 16/8, hội nghị diễn ra. Hơn 250 đại biểu dự! Có không? Có."
        assert split_sentences(text) == [
            "Tiêu đề bài báo",
            "Ngày 16/8, hội nghị diễn ra.",
            "Hơn 250 đại biểu dự!",
            "Có không?",
            "Có.",
        ]

    @pytest.mark.parametrize(
        "text",
        [
            "Ông ở Q. 1, TP. Hồ Chí Minh và dự họp.",
            "PGS.TS. Nguyễn Thị Thanh Hải phát biểu.",
            "PGS. TS. Lê Hải Bình dự và chỉ đạo.",
            "Đ/c. Nguyễn V. Khóa báo cáo.",
            "Ngày 21.3.2018 có 1.079 người dự.",
            "Mr. Smith met Dr. Jones in St. Louis.",
            "The meeting was held on Aug. 8 in Tay Ninh.",
        ],
    )
    def test_abbreviations_initials_dates_and_numbers_do_not_end_a_sentence(self, text: str) -> None:
        assert split_sentences(text) == [text]

    def test_numbered_headings_stay_with_their_text(self) -> None:
        text = "1. Tình hình chung. Kết quả tốt.\nII. Nhiệm vụ năm 2024\na. Tuyên truyền."
        assert split_sentences(text) == [
            "1. Tình hình chung.",
            "Kết quả tốt.",
            "II. Nhiệm vụ năm 2024",
            "a. Tuyên truyền.",
        ]

    def test_a_dot_before_a_lower_case_word_does_not_end_a_sentence(self) -> None:
        assert split_sentences("Theo Quyết định số 1079/QĐ-TTg. của Thủ tướng.") == [
            "Theo Quyết định số 1079/QĐ-TTg. của Thủ tướng."
        ]

    def test_quotes_after_the_stop_go_with_the_sentence(self) -> None:
        expected = ['He said: "It works."', "Then he left."]
        assert split_sentences('He said: "It works." Then he left.') == expected

    def test_empty(self) -> None:
        assert split_sentences("") == [] and split_sentences(" \n\n ") == []


class TestWords:
    def test_pyvi_joins_the_syllables_of_a_word(self) -> None:
        words = PyviSegmenter().segment("Hội nghị tập huấn công tác nhân quyền")
        assert words[:2] == ["Hội nghị", "tập huấn"] and len(words) < 7

    def test_default_is_pyvi_and_empty_text_has_no_words(self) -> None:
        assert default_segmenter().name == "pyvi"
        assert segment_words("  ") == []

    def test_whitespace_fallback(self) -> None:
        assert WhitespaceSegmenter().segment("Hội nghị, 2024.") == ["Hội", "nghị", ",", "2024", "."]


class TestLanguage:
    @pytest.mark.parametrize(
        ("text", "language"),
        [
            ("Ngày 16/8, Văn phòng Thường trực Ban Chỉ đạo về Nhân quyền tổ chức hội nghị tập huấn.", VI),
            ("Hoi nghi tap huan cong tac nhan quyen nam 2024 duoc to chuc tai thanh pho voi dai bieu", VI),
            ("The conference was jointly organized by the Standing Office of the Steering Committee.", EN),
            ("Le Quoc Hung affirmed that human rights is an important issue in world political life.", EN),
            ("La réunion des comités a été très intéressante pour les élèves et le professeur.", UNKNOWN),
            ("Die Konferenz wurde vom Ministerium organisiert und es waren viele Leute da.", UNKNOWN),
            ("这是一个中文句子，用于测试语言检测功能是否正常工作的例子。", UNKNOWN),
            ("12345 67890 !!! ???", UNKNOWN),
            ("Hội nghị", UNKNOWN),  # too short to tell
            ("", UNKNOWN),
        ],
    )
    def test_detects(self, text: str, language: str) -> None:
        assert detect_language(text) == language

    def test_binary_junk_is_unknown(self) -> None:
        junk = bytes(range(256)).decode("latin-1") * 4
        assert detect_language(junk) == UNKNOWN
