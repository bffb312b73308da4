"""Meeting facts from articles the rules were not written on: varied wording, both languages, nothing guessed.

The place resolver is the places app's data file (``DataFilePlaceResolver``), so these tests need no
database; the database adapter is tested in test_cli.py.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rightstrack.nlp.events import compare, event_facts, group_meetings
from rightstrack.nlp.meeting import CONTRACT_KEYS, extract_meeting
from rightstrack.nlp.persons import NameList
from rightstrack.nlp_cli import DataFilePlaceResolver

# Made-up articles in the style of the press, for rules never written on them.
DATA = Path(__file__).parent / "data"

VI_REVIEW = (DATA / "vi-quangnam-review.txt").read_text(encoding="utf-8")

VI_REGIONAL = (DATA / "vi-daklak-regional-review.txt").read_text(encoding="utf-8")

EN_REGIONAL = (DATA / "en-daklak-regional-review.txt").read_text(encoding="utf-8")

EN_OTHER = (DATA / "en-quangninh-training.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def places() -> DataFilePlaceResolver:
    return DataFilePlaceResolver()


def test_contract_keys_are_exactly_those_promised(places: DataFilePlaceResolver) -> None:
    contract = extract_meeting(VI_REVIEW, source="a.txt", places=places).as_contract()
    assert tuple(contract) == CONTRACT_KEYS
    assert set(contract["date"]) == {"year", "month", "day"}
    assert set(contract["place"]) == {"text", "unit", "current_unit"}
    assert set(contract["chair"]) == {"name", "name_folded", "position"}
    assert set(contract["participants"]) == {"count_units", "count_people", "description"}


def test_a_provincial_review(places: DataFilePlaceResolver) -> None:
    facts = extract_meeting(VI_REVIEW, places=places)
    assert facts.language == "vi" and facts.kind == "review"
    assert facts.title == "Hội nghị sơ kết công tác nhân quyền 6 tháng đầu năm 2024"
    assert (facts.year, facts.month, facts.day) == (2024, 7, 5)  # an interim review is held in its year
    assert facts.place and facts.place.unit and facts.place.unit.name == "Quảng Nam"
    assert facts.place.current_unit and facts.place.current_unit.name == "Đà Nẵng"  # merged on 1 July 2025
    assert facts.chair and facts.chair.name == "Trần Văn Tân" and facts.chair.name_folded == "tran van tan"
    assert facts.chair.position == "Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo"
    assert facts.organiser == "Ban Chỉ đạo về nhân quyền tỉnh Quảng Nam"
    assert (facts.participants.count_people, facts.participants.count_units) == (120, 18)
    assert any("hạn chế" in s for s in facts.shortcomings)
    assert any("đề nghị" in s for s in facts.directives)
    assert any("kiến nghị" in s for s in facts.proposals)
    assert "results-education" in facts.work_areas
    assert facts.evidence["chair"].startswith("Đồng chí Trần Văn Tân")  # every fact keeps its sentence


def test_venue_city_then_province_and_presenting_provinces(places: DataFilePlaceResolver) -> None:
    facts = extract_meeting(VI_REGIONAL, places=places)
    assert facts.place and facts.place.text == "thành phố Buôn Ma Thuột, tỉnh Đắk Lắk"
    assert facts.place.unit and facts.place.unit.name == "Đắk Lắk"
    assert [text for text, _unit in facts.presenting_units] == ["Gia Lai", "Lâm Đồng", "Khánh Hòa"]
    assert all(unit is not None for _text, unit in facts.presenting_units)
    assert facts.chair and facts.chair.name == "Trần Minh Quang"


def test_english_with_the_vietnamese_spelling_of_a_known_person(places: DataFilePlaceResolver) -> None:
    persons = NameList(["Trần Minh Quang"])
    facts = extract_meeting(EN_REGIONAL, places=places, persons=persons)
    assert facts.language == "en" and facts.kind == "review"
    assert (facts.year, facts.month, facts.day) == (2024, 10, 3)
    assert (
        facts.chair and facts.chair.name == "Trần Minh Quang" and facts.chair.name_folded == "tran minh quang"
    )
    assert facts.chair.position == "Deputy Head of the Standing Office of the Steering Committee"
    assert facts.organiser == "Government's Steering Committee on Human Rights"
    assert facts.place and facts.place.unit and facts.place.unit.name == "Đắk Lắk"
    assert [unit.name for _text, unit in facts.presenting_units if unit] == [
        "Gia Lai",
        "Lâm Đồng",
        "Khánh Hòa",
    ]
    assert (facts.participants.count_people, facts.participants.count_units) == (150, 12)
    assert facts.shortcomings and facts.directives and facts.proposals


def test_without_a_known_person_the_name_stays_as_written(places: DataFilePlaceResolver) -> None:
    facts = extract_meeting(EN_REGIONAL, places=places, persons=NameList())
    assert facts.chair and facts.chair.name == "Tran Minh Quang"


def test_an_ambiguous_spelling_finds_nobody() -> None:
    persons = NameList(["Nguyễn Văn Thành", "Nguyễn Văn Thanh"])
    assert persons.find("nguyen van thanh") is None
    assert NameList(["Lê Quốc Hùng"]).find("Le Quoc Hung") is not None


class TestNothingIsInvented:
    def test_no_year_in_the_text_stays_unknown(self, places: DataFilePlaceResolver) -> None:
        facts = extract_meeting(
            "Sáng 20/4, tỉnh Kon Tum tổ chức hội nghị tập huấn về công tác nhân quyền.", places=places
        )
        assert (facts.year, facts.month, facts.day) == (None, 4, 20)

    def test_the_publication_date_gives_the_year(self, places: DataFilePlaceResolver) -> None:
        text = "Sáng 20/4, tỉnh Kon Tum tổ chức hội nghị tập huấn về công tác nhân quyền."
        assert extract_meeting(text, places=places, published=datetime.date(2023, 5, 2)).year == 2023
        # published in January about a meeting in December: the year before
        assert (
            extract_meeting(text.replace("20/4", "28/12"), published=datetime.date(2024, 1, 3)).year == 2023
        )

    def test_a_cited_document_date_is_not_the_meetings(self) -> None:
        text = "Hội nghị quán triệt Kết luận số 57 ngày 15/6/2023 của Bộ Chính trị về thông tin đối ngoại."
        facts = extract_meeting(text)
        assert (facts.year, facts.month, facts.day) == (None, None, None)

    def test_a_review_of_a_year_is_not_dated_by_that_year(self) -> None:
        facts = extract_meeting(
            "Ban Chỉ đạo tổ chức Hội nghị tổng kết công tác nhân quyền năm 2023 của tỉnh."
        )
        assert facts.kind == "review" and facts.year is None

    def test_unknown_place_chair_and_counts_are_null(self, places: DataFilePlaceResolver) -> None:
        facts = extract_meeting(
            "Hội nghị tập huấn về quyền con người đã diễn ra với nhiều ý kiến sôi nổi.", places=places
        )
        contract = facts.as_contract()
        assert contract["place"] == {"text": None, "unit": None, "current_unit": None}
        assert contract["chair"] == {"name": None, "name_folded": None, "position": None}
        assert contract["participants"]["count_people"] is None and contract["presenting_units"] == []

    def test_an_attendee_is_not_the_chair(self, places: DataFilePlaceResolver) -> None:
        text = "Tham dự hội nghị có đồng chí Lê Văn Hai, Phó Chủ tịch UBND tỉnh Bình Định và 80 đại biểu."
        facts = extract_meeting(text, places=places)
        assert facts.chair is None and facts.participants.count_people == 80

    def test_peace_is_not_a_province(self, places: DataFilePlaceResolver) -> None:
        facts = extract_meeting(
            "Hội nghị tập huấn tại hội trường bàn về hòa bình và phát triển bền vững.", places=places
        )
        assert facts.place is None


class TestSameEvent:
    def test_one_meeting_in_two_languages_and_another_with_the_same_chair(
        self, places: DataFilePlaceResolver
    ) -> None:
        persons = NameList(["Trần Minh Quang"])
        articles = [
            extract_meeting(VI_REGIONAL, source="vi", places=places),
            extract_meeting(EN_OTHER, source="other", places=places, persons=persons),
            extract_meeting(EN_REGIONAL, source="en", places=places, persons=persons),
        ]
        assert group_meetings(articles) == [[0, 2], [1]]
        assert compare(articles[0], articles[1]).conflict  # same chair, another day and place

    def test_event_facts_take_names_from_the_vietnamese_article(self, places: DataFilePlaceResolver) -> None:
        english = extract_meeting(EN_REGIONAL, places=places)
        vietnamese = extract_meeting(VI_REGIONAL, places=places)
        merged = event_facts([english, vietnamese])
        assert merged["languages"] == ["en", "vi"] and merged["language"] == "vi"
        assert merged["chair"]["name"] == "Trần Minh Quang"  # type: ignore[index]
        assert merged["date"] == {"year": 2024, "month": 10, "day": 3}

    def test_a_look_alike_title_on_another_day_is_another_meeting(self) -> None:
        base = "Ngày {day}/8, tại Kiên Giang, Văn phòng Thường trực tổ chức Hội nghị tập huấn nhân quyền."
        first = extract_meeting(base.format(day=16))
        second = extract_meeting(base.format(day=28))
        assert group_meetings([first, second]) == [[0], [1]]


@pytest.mark.parametrize(
    ("text", "chair"),
    [
        (
            "Hội nghị diễn ra dưới sự chủ trì của đồng chí Nguyễn Văn Nam, Phó Chủ tịch UBND tỉnh, "
            "hội nghị đã thảo luận.",
            ("Nguyễn Văn Nam", "Phó Chủ tịch UBND tỉnh"),
        ),
        (
            "Tham dự có ông Lê Văn An, Bộ trưởng, dưới sự chủ trì của ông Trần Văn Bình, Thứ trưởng.",
            ("Trần Văn Bình", "Thứ trưởng"),
        ),
        ("Chủ trì hội nghị là đồng chí Phạm Văn Cường, Giám đốc Sở.", ("Phạm Văn Cường", "Giám đốc Sở")),
        (
            "The meeting was held under the chairmanship of Deputy Minister Nguyen Van Thanh, "
            "Vice Head of the Committee.",
            ("Nguyen Van Thanh", "Vice Head of the Committee"),
        ),
        (
            "The conference, presided over by Mr. Le Quoc Hung, Deputy Minister, opened on Monday.",
            ("Le Quoc Hung", "Deputy Minister"),
        ),
        ("Sở Tư pháp chủ trì, phối hợp với Công an tỉnh tổ chức hội nghị.", None),  # a lead agency, no person
    ],
)
def test_chair_wordings(text: str, chair: tuple[str, str] | None) -> None:
    found = extract_meeting(text).chair
    assert (found.name, found.position) == chair if found else chair is None


def test_dates_written_with_a_dash_after_a_time_of_day() -> None:
    facts = extract_meeting("Sáng 29-5, Ban Chỉ đạo tổ chức hội nghị tập huấn cho 5-7 đơn vị.")
    assert (facts.month, facts.day) == (5, 29)


@given(st.text(max_size=400))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_text_gives_facts_or_nulls_never_an_error(text: str) -> None:
    contract = extract_meeting(text).as_contract()
    assert tuple(contract) == CONTRACT_KEYS


@pytest.mark.parametrize(
    ("text", "province"),
    [
        ("HCM CITY — The city Steering Committee for Human Rights held a training on May 29.", "79"),
        ("Kon Tum (TTXVN) - Ngày 20/4, Ban Chỉ đạo tổ chức hội nghị tập huấn.", "62"),
        ("(Chinhphu.vn) - Sáng 29/5, tại Hà Nội, Bộ Công an tổ chức Hội nghị tập huấn nhân quyền.", "01"),
        ("HA NOI (VNA) — A workshop on human rights was held on Tuesday.", "01"),
    ],
)
def test_datelines(text: str, province: str, places: DataFilePlaceResolver) -> None:
    facts = extract_meeting(text, places=places)
    assert facts.place and facts.place.unit and facts.place.unit.code == province


@pytest.mark.parametrize(
    ("text", "chair"),
    [
        ("Deputy Minister Nguyen Van Thanh chaired the meeting.", ("Nguyen Van Thanh", "Deputy Minister")),
        (
            "Thứ trưởng Bộ Công an Nguyễn Văn Thành chủ trì hội nghị.",
            ("Nguyễn Văn Thành", "Thứ trưởng Bộ Công an"),
        ),
        (
            "Thượng tướng Nguyễn Văn Thành chủ trì hội nghị.",
            ("Nguyễn Văn Thành", None),
        ),  # a rank is no position
        ("Hội nghị do đồng chí Phan Văn Nam chủ trì.", ("Phan Văn Nam", None)),
    ],
)
def test_a_title_before_the_name_is_the_position(text: str, chair: tuple[str, str | None]) -> None:
    found = extract_meeting(text).chair
    assert found and (found.name, found.position) == chair
