"""Dates are shown and read day first in both languages: what a date field shows reads back as the same day,
and a month-first reading never happens (01/07/2025 is 1 July in English too)."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.utils import translation
from django.utils.formats import date_format
from hypothesis import given, settings
from hypothesis import strategies as st

from rightstrack.core.forms import DateInput, TimeInput

days = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2199, 12, 31))


class DayForm(forms.Form):
    day = forms.DateField(widget=DateInput())


@settings(max_examples=200, deadline=None)
@given(days, st.sampled_from(["vi", "en"]))
def test_what_the_field_shows_reads_back_as_the_same_day(day: datetime.date, language: str) -> None:
    with translation.override(language):
        html = str(DayForm(initial={"day": day})["day"])
        shown = day.strftime("%d/%m/%Y")
        assert f'value="{shown}"' in html and 'type="text"' in html
        form = DayForm({"day": shown})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == day
        assert date_format(day, "SHORT_DATE_FORMAT") == shown


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("01/07/2025", datetime.date(2025, 7, 1)),
        ("1/7/2025", datetime.date(2025, 7, 1)),
        ("01-07-2025", datetime.date(2025, 7, 1)),
        ("01.07.2025", datetime.date(2025, 7, 1)),
        ("2025-07-01", datetime.date(2025, 7, 1)),  # links and machines
    ],
)
def test_typed_dates_are_day_first(language: str, typed: str, day: datetime.date) -> None:
    with translation.override(language):
        form = DayForm({"day": typed})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == day


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_month_first_date_is_refused_not_misread(language: str) -> None:
    with translation.override(language):
        assert not DayForm({"day": "12/31/2025"}).is_valid()


def test_vietnamese_pages_show_dates_day_first() -> None:
    with translation.override("vi"):
        assert date_format(datetime.date(2025, 7, 1)) == "01/07/2025"


class TimeForm(forms.Form):
    at = forms.TimeField(widget=TimeInput())


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_time_is_a_text_box_on_the_24_hour_clock(language: str) -> None:
    with translation.override(language):
        html = str(TimeForm(initial={"at": datetime.time(14, 30)})["at"])
    assert 'type="text"' in html and 'value="14:30"' in html and 'type="time"' not in html
    assert 'placeholder="hh:mm"' in html


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(
    ("typed", "at"),
    [
        ("14:30", datetime.time(14, 30)),
        ("14h30", datetime.time(14, 30)),
        ("8h", datetime.time(8, 0)),
        ("08:00:00", datetime.time(8, 0)),
        ("7:05", datetime.time(7, 5)),
    ],
)
def test_times_are_read_as_officials_write_them(language: str, typed: str, at: datetime.time) -> None:
    with translation.override(language):
        form = TimeForm({"at": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["at"] == at


@pytest.mark.parametrize("typed", ["2:30 PM", "25:00", "14:75"])
def test_a_twelve_hour_or_impossible_time_is_refused(typed: str) -> None:
    with translation.override("en"):
        assert not TimeForm({"at": typed}).is_valid()
