"""Grouping statements across provinces (rightstrack/nlp/grouping.py): splitting, features, clustering,
ranking, the addressee of a proposal, and the port that lets another similarity take over."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from rightstrack.nlp.grouping import (
    DEFAULT_THRESHOLD,
    Statement,
    addressee,
    cluster,
    features,
    group_statements,
    similarity,
    split_statements,
)


def test_sentences_and_semicolon_clauses_are_split_and_cleaned():
    text = (
        "- Đội ngũ cán bộ cấp xã chủ yếu kiêm nhiệm, thường xuyên thay đổi; chưa được bồi dưỡng chuyên sâu. "
        "TP. Hồ Chí Minh có 1.200 hộ được hỗ trợ. Nguyên nhân khách quan: nguồn lực của địa phương còn rất "
        "hạn chế trong khi nhu cầu đầu tư lớn. Ít.\nTỉnh kiến nghị, đề xuất một số nội dung sau:\n"
    )
    assert split_statements(text) == [
        "Đội ngũ cán bộ cấp xã chủ yếu kiêm nhiệm, thường xuyên thay đổi.",
        "Chưa được bồi dưỡng chuyên sâu.",
        "TP. Hồ Chí Minh có 1.200 hộ được hỗ trợ.",
        "Nguồn lực của địa phương còn rất hạn chế trong khi nhu cầu đầu tư lớn.",
    ]


def test_features_ignore_diacritics_and_case():
    def syllables(text: str) -> set[str]:
        return {term for term in features(text) if " " not in term}

    assert syllables("Kinh phí hoạt động còn HẠN HẸP") == syllables("kinh phi hoat dong con han hep")
    assert "kinh phi" in features("Kinh phí hoạt động còn HẠN HẸP")  # a segmented word


def test_english_features_are_stemmed():
    assert set(features("training officials")) & set(features("officials trained"))


def test_the_same_point_in_other_words_is_grouped_and_ranked_by_provinces():
    statements = [
        Statement(
            "Đội ngũ cán bộ làm công tác nhân quyền ở cấp xã chủ yếu kiêm nhiệm, thường xuyên thay đổi.", "A"
        ),
        Statement("Kinh phí bố trí cho hoạt động của Ban Chỉ đạo còn hạn hẹp.", "A"),
        Statement("Cán bộ cấp xã phụ trách công tác nhân quyền phần lớn kiêm nhiệm và hay thay đổi.", "B"),
        Statement("Nguồn kinh phí bố trí cho hoạt động của Ban Chỉ đạo nhân quyền còn hạn hẹp.", "C"),
        Statement("Cán bộ cấp xã kiêm nhiệm nhiều việc, hay luân chuyển công tác nhân quyền.", "D"),
        Statement("Áp lực dân số cơ học lên hạ tầng đô thị rất lớn.", "C"),
    ]
    groups = group_statements(statements)
    assert [g.sources for g in groups[:2]] == [("A", "B", "D"), ("A", "C")]
    assert groups[2].sources == ("C",) and groups[2].members[0].text.startswith("Áp lực")
    assert groups[0].representative in groups[0].members


def test_unrelated_statements_stay_apart():
    statements = [
        Statement("Tài liệu tuyên truyền bằng tiếng dân tộc thiểu số chưa đáp ứng nhu cầu.", "A"),
        Statement("Kinh phí cho hoạt động của Ban Chỉ đạo còn thấp.", "B"),
        Statement("Việc rà soát văn bản quy phạm pháp luật chưa thường xuyên.", "C"),
    ]
    assert [len(g.members) for g in group_statements(statements)] == [1, 1, 1]


def test_average_linkage_does_not_chain():
    # 0~1 and 1~2 are close, 0 and 2 are not: the average keeps 2 out of {0, 1}
    clusters = cluster(3, {(0, 1): 0.9, (1, 2): 0.3, (0, 2): 0.0}, threshold=0.25)
    assert sorted(clusters) == [[0, 1], [2]]


def test_similarity_is_pluggable():
    class Everything:
        version = "all-the-same"

        def pairs(self, texts: Sequence[str], *, floor: float) -> dict[tuple[int, int], float]:
            return {(i, j): 1.0 for i in range(len(texts)) for j in range(i + 1, len(texts))}

    statements = [Statement("Một câu.", "A"), Statement("Câu khác hẳn.", "B")]
    (group,) = group_statements(statements, adapter=Everything())
    assert group.sources == ("A", "B")


def test_no_statements_no_groups():
    assert group_statements([]) == []


def test_the_addressee_of_a_proposal():
    assert addressee("Đề nghị Bộ Tư pháp sớm ban hành hướng dẫn.") == "Bộ Tư pháp"
    assert addressee("Kiến nghị Chính phủ xem xét bổ sung nguồn lực.") == "Chính phủ"
    assert (
        addressee("De nghi Van phong Thuong truc ve nhan quyen tap huan")
        == "Văn phòng Thường trực về nhân quyền"
    )
    assert addressee("Đề nghị Ban Chỉ đạo nhân quyền của Chính phủ ban hành bộ chỉ số.") == (
        "Ban Chỉ đạo nhân quyền của Chính phủ"
    )
    assert addressee("We recommend that the Ministry of Justice issue guidance.") == "Ministry of Justice"
    assert addressee("Cần tăng kinh phí cho cấp xã.") == ""


def test_similarity_is_symmetric_and_bounded():
    a, b = "Kinh phí còn hạn hẹp.", "Nguồn kinh phí còn hạn chế."
    assert similarity(a, b) == similarity(b, a)
    assert 0.0 < similarity(a, b) <= 1.0


@settings(deadline=None, max_examples=50)  # pyvi and scipy load on the first example
@given(st.lists(st.text(min_size=0, max_size=60), max_size=12))
def test_grouping_never_loses_or_duplicates_a_statement(texts):
    statements = [Statement(text, str(index % 3), key=str(index)) for index, text in enumerate(texts)]
    groups = group_statements(statements)
    keys = sorted(m.key for g in groups for m in g.members)
    assert keys == sorted(s.key for s in statements)


def test_the_labelled_set_is_grouped_with_the_measured_precision():
    """The benchmark's set (benchmarks/bench_grouping.py): a guard against a change that quietly merges
    different points; the figures themselves are in docs/benchmarks.md."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[3] / "benchmarks" / "bench_grouping.py"
    spec = importlib.util.spec_from_file_location("bench_grouping", path)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    vietnamese = [p for p in bench.load() if p["lang"] == "vi"]
    result = bench.evaluate(vietnamese, DEFAULT_THRESHOLD)
    assert result["precision"] >= 0.5 and result["recall"] >= 0.6, result
