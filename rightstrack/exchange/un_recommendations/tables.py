"""A spreadsheet's cells as a table, whatever holds them: a CSV text (any of the encodings ``text`` reads,
its delimiter sniffed from the header line), the first sheet of an Excel workbook, or a JSON list of objects
(their keys as the columns). Both the UHRI reader and the reader with a chosen column mapping stand on it."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from rightstrack.exchange.un_recommendations.fields import clean
from rightstrack.exchange.un_recommendations.rows import Problem
from rightstrack.exchange.un_recommendations.text import decode_text
from rightstrack.exchange.un_recommendations.writing import needs_guard

# a broken XML part raises ParseError (xml.etree) or XMLSyntaxError (lxml): both are SyntaxErrors
_BROKEN = (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, EOFError, SyntaxError)


@dataclass
class Table:
    """The header row and the numbered rows under it (row numbers as the user sees them: the header is 1);
    ``problems`` when the table could not be read past a point (no header, a broken CSV line)."""

    headers: list[str]
    rows: Iterable[tuple[int, list[Any]]] = field(default_factory=list)
    encoding: str = ""
    problems: list[Problem] = field(default_factory=list)


def _no_header(encoding: str = "") -> Table:
    return Table(
        [], encoding=encoding, problems=[Problem(_("The file has no header row."), row=1, code="no_header")]
    )


PREVIEW_BYTES = 256 * 1024  # what a preview decodes of a CSV: enough for its first rows


def _head(data: bytes, size: int = PREVIEW_BYTES) -> bytes:
    """The first ``size`` bytes of a text file cut after a line feed (never inside a UTF-8 or Windows-1258
    character; a UTF-16 file keeps an even length)."""
    if len(data) <= size:
        return data
    cut = data.rfind(b"\n", 0, size)
    head = data[: cut + 1] if cut > 0 else data[:size]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:4096].count(0) >= len(head[:4096]) // 4:
        head = data[: len(head) + len(head) % 2]
    return head


def unguarded(cell: str) -> str:
    """A cell as written before ``writing.csv_safe`` guarded it: the apostrophe before a formula's first
    character taken off (a spreadsheet hides it)."""
    return cell[1:] if cell[:1] == "'" and needs_guard(cell[1:]) else cell


def read_csv_table(data: bytes, *, limit: int | None = None) -> Table:
    """The CSV's header and rows: the first ``limit`` rows (a preview, read from the file's head), or all of
    them, read as they are used (a broken line then adds its problem to ``problems`` and ends the rows)."""
    text, encoding = decode_text(_head(data) if limit is not None else data)
    sample = text[:10_000]
    try:
        dialect: Any = csv.Sniffer().sniff(sample.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), dialect)
    del text
    table = Table([], encoding=encoding)

    def broken(exc: csv.Error) -> Problem:
        return Problem(
            _("The CSV text cannot be read at line %(line)s: %(error)s")
            % {"line": reader.line_num, "error": exc},
            row=reader.line_num,
            code="bad_csv",
        )

    try:
        headers = next(reader, [])
    except csv.Error as exc:
        table.problems.append(broken(exc))
        return table
    if not [h for h in headers if clean(h)]:
        return _no_header(encoding)
    table.headers = [clean(h) for h in headers]

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            for index, cells in enumerate(reader, start=2):
                if limit is not None and index - 1 > limit:
                    return
                yield index, [unguarded(cell) for cell in cells]
        except csv.Error as exc:
            table.problems.append(broken(exc))

    table.rows = list(rows()) if limit is not None else rows()
    return table


def _damaged(exc: BaseException) -> ValidationError:
    return ValidationError(
        _(
            "This Excel workbook is damaged and cannot be read (%(error)s). Open it in Excel, save it "
            "again, "
            "and import the saved copy."
        )
        % {"error": type(exc).__name__},
        code="corrupt",
    )


def read_xlsx_table(data: bytes, *, limit: int | None = None) -> Table:
    """The first sheet's header and rows (``ValidationError`` when the workbook is damaged)."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except _BROKEN as exc:
        raise _damaged(exc) from None
    try:
        sheet = workbook.worksheets[0]
        cells: Iterator[tuple[Any, ...]] = sheet.iter_rows(values_only=True)
        headers = list(next(cells, ()) or ())
        if not [h for h in headers if clean(h)]:
            return _no_header()
        rows: list[tuple[int, list[Any]]] = []
        for index, row in enumerate(cells, start=2):
            if limit is not None and len(rows) >= limit:
                break
            rows.append((index, list(row)))
    except _BROKEN as exc:
        raise _damaged(exc) from None
    finally:
        workbook.close()
    return Table([clean(h) for h in headers], rows)


def read_json_table(data: bytes, *, limit: int | None = None) -> Table:
    """A JSON list of objects (or an object holding one, as UHRI's export wraps it) as a table: every key met,
    in the order met, is a column; each object a row, numbered from 1 as the objects are counted. A value
    stays as JSON gave it (a list is a multi-valued cell). ``limit``: the first rows only (a preview)."""
    text, encoding = decode_text(data)
    try:
        value = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        problem = Problem(
            _("The JSON text is not valid at line %(line)s, column %(col)s: %(error)s")
            % {"line": exc.lineno, "col": exc.colno, "error": exc.msg},
            row=exc.lineno,
            code="bad_json",
        )
        return Table([], encoding=encoding, problems=[problem])
    del text
    if isinstance(value, dict):
        value = next((v for v in value.values() if isinstance(v, list)), [value])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        problem = Problem(
            _("The JSON file must hold a list of objects, one per recommendation."), code="bad_json"
        )
        return Table([], encoding=encoding, problems=[problem])
    keys = list(dict.fromkeys(str(k) for item in value for k in item))
    items = value if limit is None else value[:limit]
    rows = [(index, [item.get(k) for k in keys]) for index, item in enumerate(items, 1)]
    return Table(keys, rows, encoding=encoding)
