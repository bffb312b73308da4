"""Recommendations written out as UHRI writes them: JSON, CSV (UTF-8 with a BOM) and XLSX."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
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


def records_to_xlsx(records: Iterable[Mapping[str, Any]], fields: tuple[str, ...], *, title: str) -> bytes:
    from rightstrack.exchange.xlsx import Column, Sheet, sheet_to_xlsx

    rows = [[_cell(record.get(name)) for name in fields] for record in records]
    columns = [
        Column(name, width=60 if name in ("text", "text_vi", "response_text") else None) for name in fields
    ]
    return sheet_to_xlsx(Sheet(title=title, columns=columns, rows=rows, auto_filter=True, styled_header=True))
