"""Excel in: a table from the first sheet of a workbook, its columns found by their headers, each cell read
as the column's kind, and every problem named by row and column.

The caller says which columns it knows (``InColumn``: a key, the headers it may have in Vietnamese or English,
text, a whole number or a date); this module knows Excel: headers matched without regard to diacritics, case
or a bilingual "Ngày / Date", dates typed as dates, as text in three formats (dd/mm/yyyy, yyyy-mm-dd, an
Excel serial number) or as serial numbers, whole numbers typed as text ("1.200"), blank rows. It reads with a
budget (``check_upload``, the XML element count, a row limit, a clock) and never stops at the first bad cell:
``ReadTable.errors`` lists them all so the person fixes the file once. Pure: bytes in, values out.
"""

from __future__ import annotations

import datetime
import io
import math
import re
import time
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import IO, Any, Literal

import openpyxl
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from rightstrack.core.text import fold
from rightstrack.exchange.uploads import XLSX, check_upload, check_xml_budget

MAX_ROWS = 20_000  # far beyond a year of a province's activities
MAX_COLUMNS = 60
MAX_ELEMENTS = 2_000_000  # a cell is ~3 elements: ~600,000 cells before openpyxl parses anything
READ_SECONDS = 60.0
MAX_TEXT_CHARS = 5_000
EXCEL_EPOCH = datetime.date(1899, 12, 30)  # serial 1 = 1 January 1900 (Excel's 1900 leap-year bug included)
MAX_SERIAL = 2_958_465  # 31 December 9999
MAX_WHOLE = 10**12

CellKind = Literal["text", "whole", "date"]

_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_SERIAL = re.compile(r"^\d{1,7}(?:\.0+)?$")
_GROUPED = re.compile(r"^\d{1,3}(?:[.,\s\u00a0\u202f]\d{3})+$")
_HEADER_PARTS = re.compile(r"[/()\[\]\n|]+")


@dataclass(frozen=True)
class InColumn:
    """A column the reader looks for: its ``key``, the ``headers`` it may carry (any language; matched
    folded), what its cells hold, and whether the file must have it."""

    key: str
    headers: tuple[str, ...]
    kind: CellKind = "text"
    required: bool = False
    max_chars: int = MAX_TEXT_CHARS

    @property
    def label(self) -> str:
        return " / ".join(self.headers[:2])


@dataclass(frozen=True)
class CellError:
    """One problem: the sheet's row number (as Excel shows it), the column's letter and header, why."""

    row: int
    column: str  # the header as the file writes it (or the expected one, for a missing column)
    letter: str
    message: str

    def __str__(self) -> str:
        where = _("Row %(row)s, column %(letter)s (%(column)s)") % {
            "row": self.row,
            "letter": self.letter,
            "column": self.column,
        }
        return f"{where}: {self.message}"


@dataclass
class ReadTable:
    """The rows read (sheet row number, values by key; an empty cell is None) and every problem found."""

    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # key -> the column's letter


def parse_date(value: Any) -> datetime.date:
    """A date from a cell: a date or datetime, an Excel serial number, or text as dd/mm/yyyy, yyyy-mm-dd
    or a serial number. Anything else raises ValueError."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return _serial(value)
    if not isinstance(value, str):
        raise ValueError(value)
    text = value.strip()
    if match := _DMY.match(text):
        day, month, year = (int(part) for part in match.groups())
        return datetime.date(year, month, day)
    if match := _YMD.match(text):
        year, month, day = (int(part) for part in match.groups())
        return datetime.date(year, month, day)
    if _SERIAL.match(text):
        return _serial(float(text))
    raise ValueError(value)


def _serial(number: float) -> datetime.date:
    if not math.isfinite(number) or not 1 <= number <= MAX_SERIAL or number != int(number):
        raise ValueError(number)
    return EXCEL_EPOCH + datetime.timedelta(days=int(number))


def parse_whole(value: Any) -> int:
    """A whole number of at least zero from a cell: a number without a fraction, or text such as "1200",
    "1.200", "1,200" or "1 200" (thousands grouped). Anything else raises ValueError."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not math.isfinite(value) or value != int(value):
            raise ValueError(value)
        number = int(value)
    elif isinstance(value, str):
        text = value.strip()
        if _GROUPED.match(text):
            text = re.sub(r"[.,\s\u00a0\u202f]", "", text)
        if not text.isascii() or not text.isdigit():
            raise ValueError(value)
        number = int(text)
    else:
        raise ValueError(value)
    if not 0 <= number <= MAX_WHOLE:
        raise ValueError(value)
    return number


def _header_keys(text: str) -> set[str]:
    """The folded forms a header answers to: the whole, and each part of "Ngày / Date" or "Ngày (Date)"."""
    whole = fold(text, separators=True)
    parts = {fold(part, separators=True) for part in _HEADER_PARTS.split(text)}
    return {key for key in {whole, *parts} if key}


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_table(file: IO[bytes], columns: Sequence[InColumn], *, max_rows: int = MAX_ROWS) -> ReadTable:
    """Read the first sheet of the workbook ``file``: its first non-empty row is the header.

    Raises ``ValidationError`` for a file that is not a readable workbook, one past the budget, or one
    whose required columns are missing (each named, with the headers it may have); the cell problems are
    returned, all of them, in ``ReadTable.errors``."""
    check_upload(file, allowed={XLSX})
    file.seek(0)
    data = file.read()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if not check_xml_budget(archive, MAX_ELEMENTS):
                raise ValidationError(_too_big(), code="too_complex")
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ValidationError:
        raise
    except Exception as error:  # noqa: BLE001 - a damaged workbook fails inside openpyxl in many ways
        raise ValidationError(
            _("This spreadsheet cannot be read. Open it in Excel, save it again as .xlsx and upload it."),
            code="corrupt",
        ) from error
    try:
        return _read(workbook, columns, max_rows=max_rows)
    finally:
        workbook.close()


def _too_big() -> str:
    return _(
        "This spreadsheet is too large to read here (at most %(rows)s rows). Split it into several files."
    ) % {"rows": f"{MAX_ROWS:,}".replace(",", ".")}


def _read(workbook: Any, columns: Sequence[InColumn], *, max_rows: int) -> ReadTable:
    sheet = workbook.worksheets[0] if workbook.worksheets else None
    if sheet is None:
        raise ValidationError(_("This spreadsheet has no sheet."), code="empty")
    deadline = time.monotonic() + READ_SECONDS
    rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
    header: tuple[Any, ...] | None = None
    header_row = 0
    for number, values in enumerate(rows, start=1):
        if any(not _empty(v) for v in values):
            header, header_row = values, number
            break
    if header is None:
        raise ValidationError(_("This spreadsheet is empty: it has no header row."), code="empty")
    found: dict[str, int] = {}
    written: dict[str, str] = {}
    for index, cell in enumerate(header):
        if _empty(cell):
            continue
        keys = _header_keys(str(cell))
        for column in columns:
            if column.key not in found and keys & {fold(h, separators=True) for h in column.headers}:
                found[column.key] = index
                written[column.key] = str(cell).strip()
                break
    missing = [c for c in columns if c.required and c.key not in found]
    if missing:
        raise ValidationError(
            [
                ValidationError(
                    _("Row %(row)s: the column “%(column)s” is missing. Add it (the template has it).")
                    % {"row": header_row, "column": column.label},
                    code="missing_column",
                )
                for column in missing
            ]
        )
    table = ReadTable(columns={key: get_column_letter(index + 1) for key, index in found.items()})
    by_key = {c.key: c for c in columns}
    for number, values in enumerate(rows, start=header_row + 1):
        if number - header_row > max_rows:
            raise ValidationError(_too_big(), code="too_many_rows")
        if number % 200 == 0 and time.monotonic() > deadline:
            raise ValidationError(_too_big(), code="too_slow")
        cells = {key: values[index] if index < len(values) else None for key, index in found.items()}
        if all(_empty(v) for v in cells.values()):
            continue
        row: dict[str, Any] = {}
        for key, raw in cells.items():
            column = by_key[key]
            problem = None
            if _empty(raw):
                row[key] = None
                continue
            try:
                row[key] = _cell(column, raw)
            except ValueError:
                problem = _problem(column)
            except OverflowError:
                problem = _problem(column)
            if problem:
                row[key] = None
                table.errors.append(CellError(number, written[key], table.columns[key], problem))
        table.rows.append((number, row))
    return table


def _cell(column: InColumn, raw: Any) -> Any:
    if column.kind == "date":
        return parse_date(raw)
    if column.kind == "whole":
        return parse_whole(raw)
    text = raw.strftime("%d/%m/%Y") if isinstance(raw, datetime.date) else str(raw)
    if isinstance(raw, float) and raw == int(raw):
        text = str(int(raw))
    text = text.strip()
    if len(text) > column.max_chars:
        raise ValueError(raw)
    return text


def _problem(column: InColumn) -> str:
    if column.kind == "date":
        return _("not a date: write it as dd/mm/yyyy (e.g. 15/03/2026) or yyyy-mm-dd, or type it as a date.")
    if column.kind == "whole":
        return _("not a whole number: write a number of people such as 120, without text.")
    return _("too long: at most %(count)s characters.") % {"count": column.max_chars}
