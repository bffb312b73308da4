"""Any table of recommendations (CSV, the first sheet of an XLSX, or a JSON list of objects whose keys are
the columns), read with the columns the user chose: which column holds the number, the text, the
mechanism… A preview of the first rows comes with a guess of that choice from the headers (UHRI's names,
the export's field names, common Vietnamese ones).

A mapping is ``{field: column}``: ``field`` one of ``TARGETS`` (the names the JSON export uses), ``column``
the header's text or its position (0 for the first). A file without a mechanism column takes ``mechanism``
(UPR, CRC…) for every row. The rows are read by the UHRI reader's row parser, so a mapped file gets the same
checks and the same problems, named by the user's own column headers.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from rightstrack.core.text import fold
from rightstrack.exchange.un_recommendations.columns import UHRI_COLUMNS
from rightstrack.exchange.un_recommendations.fields import clean, parse_mechanism
from rightstrack.exchange.un_recommendations.rows import MAPPED_JSON, MAPPED_XLSX, ParsedFile, Problem
from rightstrack.exchange.un_recommendations.tables import (
    Table,
    read_csv_table,
    read_json_table,
    read_xlsx_table,
)
from rightstrack.exchange.un_recommendations.uhri import read_records

PREVIEW_ROWS = 5
MAX_PREVIEW_CHARS = 120

# field (as the JSON export names it) -> (the reader's record key, its label)
TARGETS: dict[str, tuple[str, StrOrPromise]] = {
    "number": ("number", gettext_lazy("Number")),
    "text": ("text", gettext_lazy("Text")),
    "text_vi": ("text_vi", gettext_lazy("Vietnamese text")),
    "mechanism": ("body", gettext_lazy("Mechanism")),
    "session": ("session", gettext_lazy("Session")),
    "position": ("position", pgettext_lazy("UN recommendation", "Position")),
    "recommending_states": ("states", gettext_lazy("Recommending States")),
    "themes": ("themes", gettext_lazy("Themes")),
    "affected_persons": ("persons", gettext_lazy("Affected persons")),
    "sdgs": ("sdgs", gettext_lazy("SDGs")),
    "external_id": ("id", gettext_lazy("External id")),
    "document_symbol": ("symbol", gettext_lazy("Document symbol")),
    "document_date": ("date", gettext_lazy("Document date")),
    "response_text": ("response", gettext_lazy("Response of the Government")),
    "countries": ("countries", gettext_lazy("Countries concerned")),
}
REQUIRED = ("text",)

# Headers a person (or another tool) writes, beside UHRI's own (folded when compared).
_ALIASES: dict[str, tuple[str, ...]] = {
    "number": (
        "Số",
        "Số hiệu",
        "Số khuyến nghị",
        "Số hiệu khuyến nghị",
        "No.",
        "No",
        "#",
        "Para",
        "Paragraph",
    ),
    "text": (
        "Nội dung",
        "Nội dung khuyến nghị",
        "Khuyến nghị",
        "Text (English)",
        "English text",
        "Tiếng Anh",
    ),
    "text_vi": (
        "Vietnamese text",
        "Text (Vietnamese)",
        "Text VI",
        "Tiếng Việt",
        "Bản tiếng Việt",
        "Nội dung tiếng Việt",
        "Nội dung (tiếng Việt)",
        "Khuyến nghị (tiếng Việt)",
    ),
    "mechanism": ("Cơ chế", "Reccomending Body", "Recommending Body", "Body", "Mechanism"),
    "session": ("Phiên", "Phiên họp", "Khóa họp", "UPR Session", "Session"),
    "position": ("Lập trường", "Quan điểm", "Trả lời", "UPR Position", "Position"),
    "recommending_states": (
        "Quốc gia khuyến nghị",
        "Nước khuyến nghị",
        "Quốc gia đưa ra khuyến nghị",
        "Recommending State",
        "States",
    ),
    "themes": ("Chủ đề", "Lĩnh vực", "Theme"),
    "affected_persons": ("Nhóm đối tượng", "Đối tượng", "Nhóm người bị ảnh hưởng", "Affected groups"),
    "sdgs": ("Mục tiêu phát triển bền vững", "SDG", "Sdg goals", "Sdg targets"),
    "external_id": ("Mã", "Mã định danh", "Id", "UHRI id", "Identifier"),
    "document_symbol": ("Ký hiệu", "Ký hiệu văn bản", "Symbol"),
    "document_date": ("Ngày", "Ngày văn bản", "Date"),
    "response_text": ("Phản hồi", "Trả lời của Chính phủ", "Response"),
    "countries": ("Quốc gia liên quan", "Country"),
}


def _aliases(target: str) -> list[str]:
    """Every header that names ``target``: the field's own name, UHRI's headers for it, the others."""
    key = TARGETS[target][0]
    names = [target, target.replace("_", " "), *UHRI_COLUMNS.get(key, ()), *_ALIASES.get(target, ())]
    return list(dict.fromkeys(fold(name, separators=True) for name in names))


def guess_mapping(headers: list[str]) -> dict[str, int]:
    """{field: column position} from the headers: an exact (folded) name first, then a header that starts
    with one; each column given to one field at most, in the order of ``TARGETS``."""
    folded = [fold(clean(h), separators=True) for h in headers]
    taken: set[int] = set()
    found: dict[str, int] = {}
    for exact in (True, False):
        for target in TARGETS:
            if target in found:
                continue
            for alias in _aliases(target):
                index = next(
                    (
                        i
                        for i, header in enumerate(folded)
                        if header
                        and i not in taken
                        and (header == alias if exact else len(alias) > 3 and header.startswith(alias + " "))
                    ),
                    None,
                )
                if index is not None:
                    found[target] = index
                    taken.add(index)
                    break
    return {target: found[target] for target in TARGETS if target in found}


@dataclass
class TablePreview:
    """What the mapping page shows: the headers, the first rows (cells as short text), and the columns chosen
    for each field (the user's, or guessed from the headers)."""

    format: str
    headers: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)
    encoding: str = ""
    mechanism: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "headers": self.headers,
            "rows": self.rows,
            "columns": self.columns,
            "encoding": self.encoding,
            "mechanism": self.mechanism,
        }


def read_table(data: bytes, fmt: str, *, limit: int | None = None) -> Table:
    """The table of a ``MAPPED_CSV``, ``MAPPED_XLSX`` or ``MAPPED_JSON`` file."""
    if fmt == MAPPED_XLSX:
        return read_xlsx_table(data, limit=limit)
    if fmt == MAPPED_JSON:
        return read_json_table(data, limit=limit)
    return read_csv_table(data, limit=limit)


def _short(value: Any) -> str:
    text = "; ".join(clean(v) for v in value) if isinstance(value, list) else clean(value)
    return text if len(text) <= MAX_PREVIEW_CHARS else text[: MAX_PREVIEW_CHARS - 1] + "…"


def preview_table(
    data: bytes,
    fmt: str,
    *,
    limit: int = PREVIEW_ROWS,
    mapping: Mapping[str, Any] | None = None,
    mechanism: str = "",
) -> TablePreview | None:
    """The headers and the first ``limit`` rows of a CSV (``MAPPED_CSV``), XLSX (``MAPPED_XLSX``) or JSON
    (``MAPPED_JSON``), with the columns ``mapping`` chose (else those guessed from the headers); None when it
    has no header row."""
    return table_preview(
        read_table(data, fmt, limit=limit), fmt, limit=limit, mapping=mapping, mechanism=mechanism
    )


def table_preview(
    table: Table,
    fmt: str,
    *,
    limit: int = PREVIEW_ROWS,
    mapping: Mapping[str, Any] | None = None,
    mechanism: str = "",
) -> TablePreview | None:
    """``preview_table`` of a table already read (its rows a list)."""
    if table.problems or not table.headers:
        return None
    rows = [
        {
            "row": number,
            "cells": [_short(cells[i] if i < len(cells) else "") for i in range(len(table.headers))],
        }
        for number, cells in list(table.rows)[:limit]
    ]
    chosen = (
        resolve_mapping(mapping, table.headers, mechanism=mechanism)[0]
        if mapping is not None
        else guess_mapping(table.headers)
    )
    return TablePreview(fmt, table.headers, rows, chosen, table.encoding, mechanism)


def _header_label(headers: list[str], index: int) -> str:
    return headers[index] if headers[index] else _("column %(n)s") % {"n": index + 1}


def resolve_mapping(
    mapping: Mapping[str, Any], headers: list[str], *, mechanism: str = ""
) -> tuple[dict[str, int], list[Problem]]:
    """{field: column position} from the user's mapping (columns named by header or position), with a
    problem for each field that is unknown, each column not in the file, and each required field left out."""
    problems: list[Problem] = []
    folded = [fold(h, separators=True) for h in headers]
    found: dict[str, int] = {}
    listed = ", ".join(h for h in headers if h) or "—"
    for target, column in mapping.items():
        if column in (None, ""):
            continue
        if target not in TARGETS:
            problems.append(
                Problem(
                    _("“%(field)s” is not a field of a recommendation; the fields are: %(fields)s.")
                    % {"field": target, "fields": ", ".join(TARGETS)},
                    column=str(column),
                    code="unknown_field",
                )
            )
            continue
        index: int | None
        if isinstance(column, int) or (
            isinstance(column, str) and column.isdigit() and column not in headers
        ):
            index = int(column)
            index = index if 0 <= index < len(headers) else None
        else:
            wanted = clean(column)
            index = next((i for i, h in enumerate(headers) if h == wanted), None)
            if index is None:
                index = next(
                    (i for i, h in enumerate(folded) if h and h == fold(wanted, separators=True)), None
                )
        if index is None:
            problems.append(
                Problem(
                    _(
                        "The column “%(column)s” chosen for %(field)s is not in the file (its columns are: "
                        "%(found)s)."
                    )
                    % {"column": column, "field": TARGETS[target][1], "found": listed},
                    row=1,
                    column=str(column),
                    code="missing_column",
                )
            )
            continue
        found[target] = index
    for target in REQUIRED:
        if target not in found and not any(p.code == "missing_column" for p in problems):
            problems.append(
                Problem(
                    _("Choose the column that holds the text of each recommendation."),
                    row=1,
                    code="unmapped_field",
                )
            )
    if "mechanism" not in found:
        if not mechanism:
            problems.append(
                Problem(
                    _(
                        "Choose the column that holds the mechanism, or the mechanism of every row "
                        "(UPR, a treaty body or special procedures)."
                    ),
                    row=1,
                    code="unmapped_field",
                )
            )
        elif parse_mechanism(mechanism) is None:
            problems.append(
                Problem(
                    _(
                        "“%(value)s” is not a mechanism this import knows (UPR, a treaty body or special "
                        "procedures)."
                    )
                    % {"value": mechanism},
                    code="unknown_mechanism",
                )
            )
    return found, problems


def read_mapped(
    data: bytes, fmt: str, mapping: Mapping[str, Any], *, mechanism: str = "", table: Table | None = None
) -> ParsedFile:
    """Every row of the table (``table``, when it was read already), read with the user's column mapping."""
    table = table if table is not None else read_table(data, fmt)
    if table.problems:
        return ParsedFile(format=fmt, problems=table.problems, encoding=table.encoding)
    columns, problems = resolve_mapping(mapping, table.headers, mechanism=mechanism)
    if problems:
        return ParsedFile(format=fmt, problems=problems, encoding=table.encoding)
    keys = {TARGETS[target][0]: index for target, index in columns.items()}
    names = {TARGETS[target][0]: _header_label(table.headers, index) for target, index in columns.items()}

    def column_of(key: str) -> str:
        return names.get(key, "")

    def records() -> Iterator[tuple[int, dict[str, Any]]]:
        for number, cells in table.rows:
            record = {key: (cells[i] if i < len(cells) else None) for key, i in keys.items()}
            if "body" not in keys and any(clean(v) for v in record.values()):
                record["body"] = mechanism
            yield number, record

    parsed = read_records(records(), fmt, table.encoding, column_of=column_of)
    parsed.problems.extend(table.problems)  # a line the CSV reader could not read, met on the way
    return parsed


def parse_mapping_text(text: str) -> dict[str, str]:
    """``"Text=text,Số=number"`` (column=field, comma-separated) as {field: column}; ValidationError for an
    item without "=" or a field named twice."""
    mapping: dict[str, str] = {}
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        column, sep, target = item.rpartition("=")
        if not sep or not column.strip() or not target.strip():
            raise ValidationError(
                _("“%(item)s” is not COLUMN=FIELD (for instance Text=text).") % {"item": item},
                code="bad_mapping",
            )
        target = target.strip()
        if target in mapping:
            raise ValidationError(
                _("The field “%(field)s” is given two columns.") % {"field": target}, code="bad_mapping"
            )
        mapping[target] = column.strip()
    return mapping


def mapping_from_columns(columns: Mapping[str, Any]) -> dict[str, Any]:
    """{column: field}, as the CLI's mapping file and the API write it, turned into {field: column}."""
    mapping: dict[str, Any] = {}
    for column, target in columns.items():
        if not isinstance(target, str) or not target:
            continue
        if target in mapping:
            raise ValidationError(
                _("The field “%(field)s” is given two columns.") % {"field": target}, code="bad_mapping"
            )
        mapping[target] = column
    return mapping
