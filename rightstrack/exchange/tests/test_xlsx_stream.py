"""The streamed sheet: every row written as it comes, text that stays text (never a formula), dates and
numbers typed, the header, the filter over every row and the totals row, like the sheet made in memory."""

from __future__ import annotations

import datetime
import io
import tempfile
import tracemalloc
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import openpyxl

from rightstrack.exchange.xlsx import Column, Sheet, write_sheet

COLUMNS = [
    Column("Tên"),
    Column("Ngày", kind="date"),
    Column("Số", kind="number", decimals=1, total=True),
]


def test_rows_are_written_typed_with_the_filter_and_totals() -> None:
    rows: list[list[Any]] = [
        ['=HYPERLINK("http://x")', datetime.date(2026, 12, 2), Decimal("1.5")],
        ["Hà Nội\x07", datetime.datetime(2026, 1, 1, 9, 30, tzinfo=datetime.UTC), 2],
        ["", None, None],
    ]
    sheet = Sheet(title="Khuyến nghị: [2026]", columns=COLUMNS, rows=(), total_label="Tổng", auto_filter=True)
    out = io.BytesIO()
    assert write_sheet(sheet, iter(rows), out) == 3
    worksheet = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    assert worksheet is not None and worksheet.title == "Khuyến nghị 2026"
    values = [[c.value for c in row] for row in worksheet.iter_rows()]
    assert values[0] == ["Tên", "Ngày", "Số"]
    assert values[1][0] == '=HYPERLINK("http://x")' and values[1][1].date() == datetime.date(2026, 12, 2)
    assert values[1][2] == 1.5
    assert worksheet["A2"].data_type == "s"  # text, not a formula
    assert values[2][0] == "Hà Nội" and values[2][1].date() == datetime.date(2026, 1, 1)
    assert values[2][2] == 2
    assert values[4] == ["Tổng", None, 3.5]
    assert worksheet.auto_filter.ref == "A1:C4" and worksheet.freeze_panes == "A2"


def test_memory_does_not_grow_with_the_rows() -> None:
    """10,000 rows take no more memory to write than 1,000 (each row is gone once written)."""

    def peak(count: int) -> int:
        def rows() -> Iterator[list[Any]]:
            for n in range(count):
                yield [f"Khuyến nghị số {n} về quyền con người " * 4, datetime.date(2026, 1, 1), n]

        tracemalloc.start()
        with tempfile.TemporaryFile() as out:
            write_sheet(Sheet(title="x", columns=COLUMNS, rows=()), rows(), out)
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    small, large = peak(1_000), peak(10_000)
    assert large < small * 2, (small, large)
