"""Dates as people write them: "2 August 2025" in English; "02/08/2025" in Vietnamese, and in the
place-and-date line of an official document "ngày 02 tháng 8 năm 2025" (Decree 30/2020/NĐ-CP: a day below 10
and the months 1 and 2 take a leading zero, so that nobody can add a digit).

No Django here (the language is an argument), as in ``core.numbers``: the exchange formats and the pages use
the same function.
"""

from __future__ import annotations

import datetime

from rightstrack.core.numbers import EN, language_of

EN_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def format_date(day: datetime.date | None, language: str, *, official: bool = False, empty: str = "—") -> str:
    """``day`` in ``language``: "2 August 2025" (en), "02/08/2025" (vi) or, with ``official``, the decree's
    "ngày 02 tháng 8 năm 2025" (vi; English keeps "2 August 2025"). A datetime is taken as its date."""
    if day is None:
        return empty
    if isinstance(day, datetime.datetime):
        day = day.date()
    if language_of(language) == EN:
        return f"{day.day} {EN_MONTHS[day.month - 1]} {day.year}"
    if official:
        month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
        return f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{day.day:02d}/{day.month:02d}/{day.year}"
