"""Activities' fixtures on top of the shared world (``tests/world.py``: ``world.activities()``)."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable, Sequence
from typing import Any

import openpyxl
import pytest

HEADERS = (
    "Ngày / Date",
    "Đến ngày / Until",
    "Loại hoạt động / Kind",
    "Chủ đề / Topic",
    "Số người tham dự / Participants",
    "Số cán bộ được tập huấn / Officials trained",
    "Đối tượng / Audience groups",
    "Địa điểm / Place",
)


def workbook(rows: Sequence[Sequence[Any]], headers: Sequence[str] = HEADERS) -> io.BytesIO:
    """A real .xlsx made with openpyxl: the header row, then ``rows`` as cells (dates stay dates)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "activities.xlsx"  # type: ignore[attr-defined]
    return buffer


def good_row(day: Any = None, topic: str = "Tuyên truyền pháp luật", participants: Any = 50) -> list[Any]:
    return [
        day or datetime.date(2025, 6, 1),
        None,
        "Tuyên truyền",
        topic,
        participants,
        0,
        "Phụ nữ; Trẻ em",
        "Xã Hải Châu",
    ]


@pytest.fixture
def xlsx() -> Callable[..., io.BytesIO]:
    return workbook


@pytest.fixture(autouse=True)
def _in_english() -> Any:
    """Services speak the language of the request; outside one, these tests read their messages in English."""
    from django.utils import translation

    with translation.override("en"):
        yield
