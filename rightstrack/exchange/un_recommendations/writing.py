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


def records_to_csv(records: Iterable[Mapping[str, Any]], fields: tuple[str, ...]) -> bytes:
    """UTF-8 with a BOM (Excel then reads Vietnamese correctly), one header row of ``fields``."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(fields)
    for record in records:
        writer.writerow([_cell(record.get(name)) for name in fields])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def records_to_xlsx(records: Iterable[Mapping[str, Any]], fields: tuple[str, ...], *, title: str) -> bytes:
    from rightstrack.exchange.xlsx import Column, Sheet, sheet_to_xlsx

    rows = [[_cell(record.get(name)) for name in fields] for record in records]
    columns = [
        Column(name, width=60 if name in ("text", "text_vi", "response_text") else None) for name in fields
    ]
    return sheet_to_xlsx(Sheet(title=title, columns=columns, rows=rows, auto_filter=True, styled_header=True))
