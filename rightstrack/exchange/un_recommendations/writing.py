"""Recommendations written out as UHRI writes them: JSON, CSV (UTF-8 with a BOM) and XLSX."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any


def _cell(value: Any) -> Any:
    """A list as one value per line, each starting with "- " (as UHRI writes them); None as empty."""
    if isinstance(value, list):
        return "\n".join(f"- {v}" for v in value)
    return "" if value is None else value


def records_to_json(records: Iterable[Mapping[str, Any]]) -> bytes:
    return json.dumps(list(records), ensure_ascii=False, indent=1).encode("utf-8")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet reads as the start of a formula


def csv_safe(value: Any) -> Any:
    """A cell a spreadsheet shows as text: one that would start a formula ("=HYPERLINK(…)", "@SUM(…)", and
    UHRI's own "- item" lists) gets a leading apostrophe, which Excel and LibreOffice hide and
    ``tables.read_csv_table`` takes off again. The file is public (the portal's CSV), so what anyone typed
    into a published field must never run in a reader's spreadsheet."""
    if isinstance(value, str) and needs_guard(value):
        return "'" + value
    return value


def needs_guard(text: str) -> bool:
    """``text`` would start a formula, or is apostrophes before one (guarded too, so that it reads back)."""
    return text.lstrip("'").startswith(FORMULA_STARTS)


def records_to_csv(records: Iterable[Mapping[str, Any]], fields: tuple[str, ...]) -> bytes:
    """UTF-8 with a BOM (Excel then reads Vietnamese correctly), one header row of ``fields``; every cell
    guarded against being read as a formula (``csv_safe``)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(fields)
    for record in records:
        writer.writerow([csv_safe(_cell(record.get(name))) for name in fields])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


ROWS_PER_PIECE = 200  # records written into one piece of a streamed file


def _pieces(lines: Iterable[str], *, size: int = ROWS_PER_PIECE) -> Iterator[bytes]:
    buffer: list[str] = []
    for line in lines:
        buffer.append(line)
        if len(buffer) >= size:
            yield "".join(buffer).encode("utf-8")
            buffer.clear()
    if buffer:
        yield "".join(buffer).encode("utf-8")


def stream_json(records: Iterable[Mapping[str, Any]]) -> Iterator[bytes]:
    """``records_to_json`` in pieces of a few hundred records, the same bytes, each record gone once
    written: the memory of a file of any length is one piece's."""

    def lines() -> Iterator[str]:
        first = True
        for record in records:
            text = json.dumps(record, ensure_ascii=False, indent=1).replace("\n", "\n ")
            yield ("[\n " if first else ",\n ") + text
            first = False
        yield "[]" if first else "\n]"

    return _pieces(lines())


def stream_csv(records: Iterable[Mapping[str, Any]], fields: tuple[str, ...]) -> Iterator[bytes]:
    """``records_to_csv`` in pieces of a few hundred rows, the same bytes (the BOM, the header, every cell
    guarded), each row gone once written."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)

    def row(values: Iterable[Any]) -> str:
        out.seek(0)
        out.truncate()
        writer.writerow(values)
        return out.getvalue()

    def lines() -> Iterator[str]:
        yield "\ufeff" + row(fields)
        for record in records:
            yield row([csv_safe(_cell(record.get(name))) for name in fields])

    return _pieces(lines())


def records_to_xlsx(records: Iterable[Mapping[str, Any]], fields: tuple[str, ...], *, title: str) -> bytes:
    from rightstrack.exchange.xlsx import Column, Sheet, sheet_to_xlsx

    rows = [[_cell(record.get(name)) for name in fields] for record in records]
    columns = [
        Column(name, width=60 if name in ("text", "text_vi", "response_text") else None) for name in fields
    ]
    return sheet_to_xlsx(Sheet(title=title, columns=columns, rows=rows, auto_filter=True, styled_header=True))
