"""Excel out: a table as a one-sheet workbook, with text that stays text and numbers and dates as such.

The caller says what the columns are (``Column``) and gives the rows; this module knows Excel: sheet-title
rules, number formats, widths, a totals row, frozen headers, and that a cell starting with "=" written from
someone's input must never become a formula. Pure: values in, bytes out.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any, Literal

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from rightstrack.exchange.document import xml_text

MAX_SHEET_TITLE_CHARS = 31  # Excel's limit
MAX_COLUMN_WIDTH = 60
MIN_COLUMN_WIDTH = 12
_SHEET_TITLE_UNSAFE = re.compile(r"[\[\]:*?/\\]")
_HEADER_FILL = "E8ECF2"

ColumnKind = Literal["text", "number", "date", "datetime"]


@dataclass(frozen=True)
class Column:
    """One column: its header, what its cells hold, and how it looks.

    ``number`` cells take Decimal, int or float (None: empty); ``date`` cells a date (a local date: Excel
    has no time zones); ``datetime`` cells a naive local date and time. ``total``: sum it in a totals row.
    ``width``: fixed, or None to fit the header and the longest value within limits."""

    header: str
    kind: ColumnKind = "text"
    decimals: int = 0
    number_format: str = ""
    width: float | None = None
    total: bool = False


@dataclass(frozen=True)
class Sheet:
    """A sheet of ``rows`` under a header row of ``columns``; ``total_label`` starts the totals row, written
    when any column has ``total``."""

    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Any]]
    total_label: str = ""
    freeze: str = "A2"
    auto_filter: bool = False
    styled_header: bool = False  # bold on a tinted, wrapped, taller header row
    workbook_title: str = ""


def sheet_to_xlsx(sheet: Sheet) -> bytes:
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.title = safe_sheet_title(sheet.title)
    workbook.properties.title = xml_text(sheet.workbook_title or sheet.title)[:255]
    bold = Font(bold=True)
    for index, column in enumerate(sheet.columns, start=1):
        cell = worksheet.cell(row=1, column=index)
        _text_cell(cell, column.header)
        cell.font = bold
        if sheet.styled_header:
            cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    totals: dict[int, Decimal] = {}
    for row_index, values in enumerate(sheet.rows, start=2):
        for index, (column, value) in enumerate(zip(sheet.columns, values, strict=True), start=1):
            cell = worksheet.cell(row=row_index, column=index)
            _write(cell, column, value)
            if column.total and value is not None:
                totals[index] = totals.get(index, Decimal(0)) + Decimal(str(value))
    totalled = [i for i, column in enumerate(sheet.columns, start=1) if column.total]
    if sheet.rows and totalled:
        total_row = len(sheet.rows) + 2
        label = worksheet.cell(row=total_row, column=1)
        _text_cell(label, sheet.total_label)
        label.font = bold
        for index in totalled:
            column = sheet.columns[index - 1]
            cell = worksheet.cell(
                row=total_row, column=index, value=_excel_number(totals.get(index, Decimal(0)))
            )
            cell.number_format = column.number_format or _number_format(column.decimals)
            cell.font = bold
    for index, column in enumerate(sheet.columns, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = column.width or _fit(
            column, sheet, index
        )
    if sheet.styled_header:
        worksheet.row_dimensions[1].height = 45
    worksheet.freeze_panes = sheet.freeze
    if sheet.auto_filter:
        worksheet.auto_filter.ref = worksheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def safe_sheet_title(text: str, *, default: str = "Figures") -> str:
    """At most 31 characters, without the characters Excel refuses in a sheet title."""
    title = _SHEET_TITLE_UNSAFE.sub(" ", xml_text(text))
    title = " ".join(title.split()).strip("'")[:MAX_SHEET_TITLE_CHARS].strip().strip("'")
    return title or default


def _write(cell: Any, column: Column, value: Any) -> None:
    if value is None:
        return
    if column.kind == "number":
        cell.value = _excel_number(Decimal(str(value)))
        cell.number_format = column.number_format or _number_format(column.decimals)
    elif column.kind in ("date", "datetime"):
        if column.kind == "date" and isinstance(value, datetime.datetime):
            value = value.date()
        cell.value = value
        cell.number_format = column.number_format or (
            "yyyy-mm-dd" if column.kind == "date" else "yyyy-mm-dd hh:mm"
        )
    else:
        _text_cell(cell, value)


def _text_cell(cell: Any, value: object) -> None:
    """Text stays text: a body named "=HYPERLINK(...)" must not become a formula in the reader's Excel."""
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", str(value or ""))
    cell.data_type = "s"


def _fit(column: Column, sheet: Sheet, index: int) -> float:
    if column.kind != "text":
        return max(MIN_COLUMN_WIDTH, min(30, len(column.header) // 2 + 4))
    longest = max((len(str(row[index - 1] or "")) for row in sheet.rows), default=0)
    return max(MIN_COLUMN_WIDTH, min(MAX_COLUMN_WIDTH, longest + 2))


def _excel_number(number: Decimal) -> int | float:
    return int(number) if number == number.to_integral_value() and abs(number) < 2**53 else float(number)


def _number_format(decimals: int) -> str:
    return "#,##0" if decimals <= 0 else "#,##0." + "0" * min(decimals, 10)


def write_sheet(sheet: Sheet, rows: Iterable[Sequence[Any]], out: IO[bytes]) -> int:
    """The sheet ``sheet_to_xlsx`` makes (``sheet.rows`` ignored), its ``rows`` written one at a time to
    ``out`` through openpyxl's write-only workbook: the memory stays flat however many rows there are.
    A column's width is its ``width``, or fits its header (the rows are not known beforehand). Returns the
    number of rows written."""
    workbook = openpyxl.Workbook(write_only=True)
    workbook.properties.title = xml_text(sheet.workbook_title or sheet.title)[:255]
    worksheet = workbook.create_sheet(safe_sheet_title(sheet.title))
    for index, column in enumerate(sheet.columns, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = column.width or max(
            MIN_COLUMN_WIDTH, min(MAX_COLUMN_WIDTH, len(column.header) + 2)
        )
    if sheet.styled_header:
        worksheet.row_dimensions[1].height = 45
    worksheet.freeze_panes = sheet.freeze
    bold = Font(bold=True)
    header = []
    for column in sheet.columns:
        cell = WriteOnlyCell(worksheet)
        _text_cell(cell, column.header)
        cell.font = bold
        if sheet.styled_header:
            cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        header.append(cell)
    worksheet.append(header)
    totals: dict[int, Decimal] = {}
    count = 0
    for values in rows:
        cells = []
        for index, (column, value) in enumerate(zip(sheet.columns, values, strict=True)):
            cell = WriteOnlyCell(worksheet)
            _write(cell, column, value)
            if column.total and value is not None:
                totals[index] = totals.get(index, Decimal(0)) + Decimal(str(value))
            cells.append(cell)
        worksheet.append(cells)
        count += 1
    totalled = [i for i, column in enumerate(sheet.columns) if column.total]
    if count and totalled:
        last = []
        for index, column in enumerate(sheet.columns):
            cell = WriteOnlyCell(worksheet)
            if index == 0:
                _text_cell(cell, sheet.total_label)
            if index in totalled:
                cell.value = _excel_number(totals.get(index, Decimal(0)))
                cell.number_format = column.number_format or _number_format(column.decimals)
            cell.font = bold
            last.append(cell)
        worksheet.append(last)
    if sheet.auto_filter:
        worksheet.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{count + 1}"
    workbook.save(out)
    return count
