"""Dates as people write them (issue 7, item 7): one helper for the pages and every exported file."""

from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from rightstrack.core.dates import EN_MONTHS, format_date


def test_english_writes_the_month_in_words() -> None:
    assert format_date(datetime.date(2025, 8, 2), "en") == "2 August 2025"
    assert format_date(datetime.date(2025, 8, 2), "en-gb", official=True) == "2 August 2025"


def test_vietnamese_writes_day_first_and_the_decree_form_in_the_place_and_date_line() -> None:
    assert format_date(datetime.date(2025, 8, 2), "vi") == "02/08/2025"
    assert format_date(datetime.date(2025, 8, 2), "vi", official=True) == "ngày 02 tháng 8 năm 2025"
    assert format_date(datetime.date(2025, 2, 13), "vi", official=True) == "ngày 13 tháng 02 năm 2025"


def test_nothing_is_a_dash_and_a_moment_is_its_day() -> None:
    assert format_date(None, "en") == "—"
    assert format_date(datetime.datetime(2025, 8, 2, 23, 0), "vi") == "02/08/2025"  # noqa: DTZ001


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_never_iso_and_always_readable_back(day: datetime.date) -> None:
    english, vietnamese = format_date(day, "en"), format_date(day, "vi")
    assert day.isoformat() not in (english, vietnamese)
    d, month, y = english.split(" ")
    assert datetime.date(int(y), EN_MONTHS.index(month) + 1, int(d)) == day
    assert datetime.datetime.strptime(vietnamese, "%d/%m/%Y").date() == day  # noqa: DTZ007
