"""The UHRI export in its three formats (XLSX, CSV, JSON): a header row matched by ``columns``, then one
recommendation per row, multi-valued cells one value a line."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from django.utils.translation import gettext as _

from rightstrack.exchange.un_recommendations.checks import check_duplicates
from rightstrack.exchange.un_recommendations.columns import column_name, header_map
from rightstrack.exchange.un_recommendations.fields import (
    clean,
    cycle_of_session,
    is_uuid,
    label,
    parse_excel_date,
    parse_mechanism,
    parse_position,
    parse_sdg,
    split_multi,
    split_number,
    split_top_level,
)
from rightstrack.exchange.un_recommendations.rows import (
    ERROR,
    MAX_CELL_CHARS,
    MAX_ROWS,
    UHRI_CSV,
    UHRI_JSON,
    UHRI_XLSX,
    WARNING,
    ParsedFile,
    Problem,
    Row,
)
from rightstrack.exchange.un_recommendations.tables import read_csv_table, read_json_table, read_xlsx_table

_NOT_DIGIT = re.compile(r"\D")


def read_records(
    records: Iterable[tuple[int, Mapping[str, Any]]],
    fmt: str,
    encoding: str = "",
    *,
    column_of: Callable[[str], str] = column_name,
) -> ParsedFile:
    """Rows from (row number, {field: raw value}) for the UHRI formats and mapped tables; ``column_of``
    names a field's column in the problems (UHRI's header, or the one the user chose)."""
    parsed = ParsedFile(format=fmt, encoding=encoding)
    for number, record in records:
        if len(parsed.rows) >= MAX_ROWS:
            parsed.problems.append(
                Problem(
                    _("The file has more than %(max)s rows; split it and import the parts.")
                    % {"max": MAX_ROWS},
                    row=number,
                    code="too_many_rows",
                )
            )
            break
        row = _uhri_row(number, record, parsed.problems, column_of)
        if row is not None:
            parsed.rows.append(row)
    if column_of is column_name:
        check_duplicates(parsed)
    else:
        check_duplicates(parsed, id_column=column_of("id"), text_column=column_of("text"))
    return parsed


def _uhri_row(
    number: int,
    record: Mapping[str, Any],
    problems: list[Problem],
    column_of: Callable[[str], str] = column_name,
) -> Row | None:
    def problem(name: str, message: str, level: str = ERROR, code: str = "") -> None:
        problems.append(Problem(message, row=number, column=column_of(name), level=level, code=code))

    if not any(clean(v) for v in record.values() if not isinstance(v, list)) and not any(
        v for v in record.values() if isinstance(v, list)
    ):
        return None  # an empty line
    for name, value in record.items():
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            problem(name, _("This cell holds more than %(max)s characters.") % {"max": MAX_CELL_CHARS})
            return None
    raw_text = clean(record.get("text"))
    if not raw_text:
        problem("text", _("The recommendation's text is empty."), code="empty_text")
        return None
    given, text = split_number(raw_text)
    if clean(record.get("number")):
        given, text = clean(record.get("number")), raw_text
    mechanism = parse_mechanism(record.get("body"))
    if mechanism is None:
        problem(
            "body",
            _("“%(value)s” is not a mechanism this import knows (UPR, a treaty body or special procedures).")
            % {"value": clean(record.get("body")) or "—"},
            code="unknown_mechanism",
        )
        return None
    try:
        document_date = parse_excel_date(record.get("date"))
    except ValueError:
        problem(
            "date",
            _("“%(value)s” is not a date (expected an Excel date number or a date such as 2021-12-31).")
            % {"value": clean(record.get("date"))},
            code="bad_date",
        )
        return None
    position = parse_position(record.get("position"))
    if position is None:
        problem(
            "position",
            _("“%(value)s” is not a position (Supported or Noted); the position is left empty.")
            % {"value": clean(record.get("position"))},
            level=WARNING,
            code="unknown_position",
        )
        position = ""
    row = Row(
        row=number,
        text=text,
        text_vi=clean(record.get("text_vi")),
        mechanism=mechanism,
        number=given,
        session=_NOT_DIGIT.sub("", clean(record.get("session")))[:8] if mechanism == "UPR" else "",
        document_symbol=clean(record.get("symbol"))[:100],
        document_date=document_date,
        recommending_states=[s for v in split_multi(record.get("states")) for s in split_top_level(v)],
        position=position,
        response_text=clean(record.get("response")),
        countries=split_multi(record.get("countries")),
        external_id=clean(record.get("id"))[:100],
    )
    if row.mechanism == "UPR" and row.session:
        row.cycle = cycle_of_session(row.session)
    if not row.session and row.document_symbol:
        row.session = row.document_symbol[:64]
    for name, target in (("themes", row.themes), ("persons", row.affected_persons)):
        for value in split_multi(record.get(name)):
            if is_uuid(value):
                problem(
                    name,
                    _("“%(value)s” is an identifier, not a name; it was left out.") % {"value": value},
                    level=WARNING,
                    code="uuid_label",
                )
                continue
            target.append(label(value))
    for value in split_multi(record.get("sdgs")):
        sdg = parse_sdg(value)
        if sdg is None:
            problem(
                "sdgs",
                _("“%(value)s” names no SDG goal or target; it was left out.") % {"value": value[:80]},
                level=WARNING,
                code="unknown_sdg",
            )
            continue
        goal, code = sdg
        if goal not in row.sdg_goals:
            row.sdg_goals.append(goal)
        if code and code not in row.sdg_targets:
            row.sdg_targets.append(code)
    return row


def read_uhri_rows(
    headers: list[Any], rows: Iterable[tuple[int, list[Any]]], fmt: str, encoding: str = ""
) -> ParsedFile:
    """A table (headers, then numbered rows of cells) as UHRI exports it."""
    header_names = [clean(h) for h in headers]
    columns, problems = header_map(header_names)
    if problems:
        return ParsedFile(format=fmt, problems=problems, encoding=encoding)

    def records() -> Iterator[tuple[int, dict[str, Any]]]:
        for number, cells in rows:
            yield number, {name: (cells[i] if i < len(cells) else None) for name, i in columns.items()}

    return read_records(records(), fmt, encoding)


def read_uhri_csv(data: bytes) -> ParsedFile:
    table = read_csv_table(data)
    if table.problems:
        return ParsedFile(format=UHRI_CSV, problems=table.problems, encoding=table.encoding)
    parsed = read_uhri_rows(table.headers, table.rows, UHRI_CSV, table.encoding)
    parsed.problems.extend(table.problems)  # a line the CSV reader could not read, met on the way
    return parsed


def read_uhri_xlsx(data: bytes) -> ParsedFile:
    table = read_xlsx_table(data)
    if table.problems:
        return ParsedFile(format=UHRI_XLSX, problems=table.problems)
    return read_uhri_rows(table.headers, table.rows, UHRI_XLSX)


def read_uhri_json(data: bytes) -> ParsedFile:
    """UHRI's JSON export: a list of objects (or an object holding one), its keys UHRI's headers."""
    table = read_json_table(data)
    if table.problems:
        return ParsedFile(format=UHRI_JSON, problems=table.problems, encoding=table.encoding)
    return read_uhri_rows(table.headers, table.rows, UHRI_JSON, table.encoding)
