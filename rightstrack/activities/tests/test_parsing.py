"""Dates and numbers from cells, whatever Excel or a person typed (hypothesis)."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rightstrack.exchange.xlsx_reader import EXCEL_EPOCH, parse_date, parse_whole

days = st.dates(min_value=datetime.date(1900, 3, 1), max_value=datetime.date(9999, 12, 31))


@given(days)
def test_every_written_form_of_a_day_reads_as_that_day(day: datetime.date) -> None:
    serial = (day - EXCEL_EPOCH).days
    for form in (
        day.strftime("%d/%m/%Y"),
        f"{day.day}/{day.month}/{day.year:04d}",
        f"{day.year:04d}-{day.month:02d}-{day.day:02d}",
        f"{day.day:02d}.{day.month:02d}.{day.year:04d}",
        str(serial),
        serial,
        float(serial),
        day,
        datetime.datetime.combine(day, datetime.time(0, 0)),
    ):
        assert parse_date(form if not isinstance(form, str) else f" {form} ") == day


@given(st.text(max_size=30))
def test_any_text_is_a_day_or_a_value_error(text: str) -> None:
    try:
        result = parse_date(text)
    except ValueError:
        return
    assert isinstance(result, datetime.date)


@pytest.mark.parametrize(
    "text", ["5 March 2025", "03/15/2025", "2025/03/15", "31/02/2025", "0", "-3", "1.5", ""]
)
def test_other_forms_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


@given(st.integers(min_value=0, max_value=10**12))
def test_whole_numbers_read_in_every_form(number: int) -> None:
    grouped = f"{number:,}"
    for form in (
        number,
        float(number) if number < 2**53 else number,
        str(number),
        grouped,
        grouped.replace(",", "."),
    ):
        assert parse_whole(form) == number
    assert parse_whole(grouped.replace(",", " ")) == number


@given(st.one_of(st.text(max_size=20), st.floats(allow_nan=True), st.integers(max_value=-1), st.booleans()))
def test_anything_else_is_a_value_error_or_a_whole_number(value: object) -> None:
    try:
        result = parse_whole(value)
    except ValueError:
        return
    assert isinstance(result, int) and result >= 0
    assert not isinstance(value, bool)
    if isinstance(value, float):
        assert value == int(value)


@pytest.mark.parametrize("value", ["12,5", "1.2.3", "mười", "12 người", "1e3", True, -1, 12.5, "١٢"])
def test_not_whole_numbers(value: object) -> None:
    with pytest.raises(ValueError):
        parse_whole(value)
