"""The page's address as a weak headline (``nlp/address.py``): its slug's words give the meeting's kind only
when the text states none; the text's kind always wins; addresses that are ids, dates or queries give
nothing. Made-up texts and addresses, in both languages."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rightstrack.nlp.address import MIN_SLUG_WORDS, slug_words
from rightstrack.nlp.meeting import extract_meeting

# Texts that state a kind, with the kind they state.
STATING = [
    ("Sáng 12/3, Ban Chỉ đạo về nhân quyền tỉnh tổ chức hội nghị sơ kết công tác nhân quyền.", "review"),
    ("Ngày 5/6, Sở Tư pháp tổ chức hội thảo về quyền của người khuyết tật.", "workshop"),
    ("Chiều 9/10, Công an tỉnh tổ chức lớp tập huấn nghiệp vụ cho 120 cán bộ.", "training"),
    (
        "The provincial steering committee held a workshop on the rights of persons with disabilities.",
        "workshop",
    ),
    ("The committee held its review conference of human rights work in 2024 on March 12.", "review"),
    ("More than 100 officials attended the training course on human rights.", "training"),
]
# Texts about a meeting that never say which kind it was (as an article that starts after its headline).
SILENT = [
    "Speaking at the conference, the deputy director affirmed that human rights work in the province "
    "has been carried out in a coordinated and effective manner.",
    "Phát biểu tại hội nghị, đồng chí Phó Giám đốc Công an tỉnh khẳng định công tác bảo đảm quyền con người "
    "thời gian qua được triển khai đồng bộ, hiệu quả.",
    "At the meeting, delegates discussed the limitations in the dissemination of achievements and the "
    "untimely reporting of information by some agencies.",
]
# News addresses whose slug names a kind, with that kind.
SLUGS = [
    (
        "https://news.example.vn/thoi-su/hoi-nghi-tap-huan-cong-tac-nhan-quyen-nam-2025-post12345.html",
        "training",
    ),
    ("https://www.example.vn/en/hoi-nghi-so-ket-cong-tac-nhan-quyen-6-thang-dau-nam", "review"),
    ("http://example.gov.vn/tin-tuc/Hoi-thao-ve-quyen-tre-em-tai-tinh-12345/", "workshop"),
    ("https://example.com/en/police-hold-human-rights-training-for-officers-t998.html", "training"),
    ("https://example.vn/chinh-tri/tong-ket-cong-tac-nhan-quyen-nam-2024_778899.htm", "review"),
]
KINDS = {"review", "workshop", "training"}


@pytest.mark.parametrize(("address", "kind"), SLUGS)
@pytest.mark.parametrize("text", SILENT)
def test_the_address_gives_the_kind_only_when_the_text_says_nothing(
    address: str, kind: str, text: str
) -> None:
    assert extract_meeting(text).kind == "other"
    facts = extract_meeting(text, address=address)
    assert facts.kind == kind
    assert facts.from_address == ["kind"] and facts.evidence["kind"] == address  # it says where it came from


@given(stated=st.sampled_from(STATING), slug=st.sampled_from(SLUGS))
def test_the_texts_kind_wins_over_the_address(stated: tuple[str, str], slug: tuple[str, str]) -> None:
    text, kind = stated
    facts = extract_meeting(text, address=slug[0])
    assert facts.kind == kind
    assert facts.from_address == [] and facts.evidence.get("kind") != slug[0]
    assert extract_meeting(text).kind == kind  # the same with or without the address


_ID = st.one_of(
    st.integers(0, 10**9).map(str),
    st.tuples(st.sampled_from(["post", "p", "t", "c", "id", "a"]), st.integers(0, 10**9).map(str)).map(
        "".join
    ),
    st.dates().map(lambda d: f"{d:%Y-%m-%d}"),
    st.dates().map(lambda d: f"{d:%Y%m}"),
)
_NOT_A_HEADLINE = st.one_of(
    # ids and dates only, with or without an extension, and section names before them
    st.tuples(
        st.lists(st.sampled_from(["tap-huan", "tin-tuc", "en", "news", "2024", "09"]), max_size=3),
        st.lists(_ID, min_size=1, max_size=3),
        st.sampled_from(["", ".html", ".htm", ".php", ".aspx", "/"]),
    ).map(lambda t: "/".join([*t[0], "-".join(t[1])]) + t[2]),
    # a query and no path
    st.integers(1, 10**7).map(lambda n: f"?p={n}"),
    # fewer words than a headline has
    st.tuples(st.sampled_from(["index", "tap-huan", "hoi-thao", "review", "training-2024"]), _ID).map(
        lambda t: f"{t[0]}-{t[1]}.php"
    ),
)


@given(path=_NOT_A_HEADLINE, text=st.sampled_from(SILENT))
def test_addresses_that_are_ids_or_dates_give_nothing(path: str, text: str) -> None:
    address = "https://example.vn/" + path.lstrip("/")
    assert slug_words(address) is None
    facts = extract_meeting(text, address=address)
    assert facts.kind == "other" and facts.from_address == []


def test_slug_words_of_news_addresses_and_of_others() -> None:
    assert slug_words(SLUGS[0][0]) == "hoi nghi tap huan cong tac nhan quyen nam"
    assert (
        slug_words("https://example.vn/tphcm-tap-huan-ve-nhan-quyen_162828.html")
        == "tphcm tap huan ve nhan quyen"
    )
    assert slug_words("https://example.vn/tap-huan/1234.html") is None  # a section's name is not the headline
    assert slug_words("https://example.vn/") is None
    assert slug_words("") is None and slug_words(None) is None
    assert slug_words("not an address") is None  # a web address has its scheme and host
    assert slug_words("/tin/hoi-nghi-tap-huan-nhan-quyen") is None
    assert slug_words("http://[broken/hoi-nghi-tap-huan-nhan-quyen") is None


@given(st.text())
def test_any_address_is_read_without_error_and_gives_words_only(address: str) -> None:
    words = slug_words(address)
    if words is not None:
        assert len(words.split()) >= MIN_SLUG_WORDS
        assert not any(char.isdigit() for char in words)


def test_a_kind_read_from_an_address_never_splits_a_meeting() -> None:
    """Two reports of one meeting: one states a review, the other states nothing and its address says
    training. The address's kind is too weak to veto the pair, and the group takes the text's kind."""
    from rightstrack.nlp.events import compare, event_facts

    review = extract_meeting(
        "Sáng 12/3/2024, tại thành phố Huế, Ban Chỉ đạo về nhân quyền tỉnh tổ chức hội nghị tổng kết "
        "công tác nhân quyền năm 2023. Đồng chí Nguyễn Văn An, Phó Chủ tịch UBND tỉnh chủ trì hội nghị."
    )
    silent = extract_meeting(
        "On March 12, 2024, Mr. Nguyen Van An, Vice Chairman of the Provincial People's Committee, "
        "chaired the conference in Hue city.",
        address=SLUGS[0][0],
    )
    assert (review.kind, silent.kind, silent.from_address) == ("review", "training", ["kind"])
    comparison = compare(review, silent)
    assert comparison.conflict is None and comparison.same
    assert event_facts([silent, review])["kind"] == "review"
