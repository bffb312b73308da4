"""OHCHR's "Thematic list of recommendations": the Word document a State receives for its UPR session (one
table) and its text as Markdown (the later sessions' layout)."""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from rightstrack.core.text import fold
from rightstrack.exchange.un_recommendations.checks import check_duplicates
from rightstrack.exchange.un_recommendations.fields import (
    NUMBERED,
    clean,
    cycle_of_session,
    label,
    parse_position,
    parse_sdg,
    session_of,
    split_number,
    split_states,
    symbol_of_source,
)
from rightstrack.exchange.un_recommendations.rows import (
    THEMATIC_DOCX,
    THEMATIC_MARKDOWN,
    ParsedFile,
    Problem,
    Row,
)
from rightstrack.exchange.un_recommendations.text import decode_text

_THEME_CODE = re.compile(r"^([A-H]\d{1,2})\s+(.+)$")
_CYCLE = re.compile(r"(\d)\s*(?:st|nd|rd|th)\s+cycle", re.I)
_SOURCE = re.compile(r"^\s*source of position\s*:\s*(.*)$", re.I)


@dataclass
class _Draft:
    row: int
    lines: list[str] = field(default_factory=list)
    source: str = ""
    position: str = ""
    themes: list[str] = field(default_factory=list)
    theme_codes: dict[str, str] = field(default_factory=dict)
    persons: list[str] = field(default_factory=list)
    goals: list[int] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    group: str = ""


def _tags(lines: Iterable[str], draft: _Draft) -> None:
    """The themes cell (or block): themes, then "Affected persons:"/"Groups of Persons:", then SDGs."""
    part = "themes"
    for raw in lines:
        line = clean(raw)
        if not line:
            continue
        lowered = fold(line)
        if lowered.startswith(("affected persons", "groups of persons")):
            part = "persons"
            rest = line.split(":", 1)[1].strip() if ":" in line else ""
            if rest:
                draft.persons.append(label(rest))
            continue
        if lowered.startswith(("sdgs", "sdg:", "relevant sdgs")):
            part = "sdgs"
            continue
        value = re.sub(r"^[-•*]\s*", "", line)
        sdg = parse_sdg(value) if re.match(r"^\d{1,2}(\.[0-9a-z]{1,2})?\s*[-–]", value) else None
        if sdg is not None:
            goal, target = sdg
            if goal not in draft.goals:
                draft.goals.append(goal)
            if target and target not in draft.targets:
                draft.targets.append(target)
            continue
        if part == "themes":
            match = _THEME_CODE.match(value)
            name = label(match[2]) if match else label(value)
            if match:
                draft.theme_codes[name] = match[1]
            if name not in draft.themes:
                draft.themes.append(name)
        elif part == "persons":
            if label(value) not in draft.persons:
                draft.persons.append(label(value))


def _finish(draft: _Draft, parsed: ParsedFile, number_column: str) -> None:
    text = clean(" ".join(draft.lines))
    number, text = split_number(text)
    if not number:
        parsed.problems.append(
            Problem(
                _("This recommendation has no number (such as 115.3)."),
                row=draft.row,
                column=number_column,
                code="no_number",
            )
        )
        return
    text, states = split_states(text)
    position = parse_position(draft.position)
    if position is None or not draft.position:
        parsed.problems.append(
            Problem(
                _("Recommendation %(number)s has no position (Supported or Noted): “%(value)s”.")
                % {"number": number, "value": clean(draft.position) or "—"},
                row=draft.row,
                column=_("Position"),
                code="no_position",
            )
        )
        return
    parsed.rows.append(
        Row(
            row=draft.row,
            text=text,
            mechanism="UPR",
            number=number,
            session=parsed.session,
            cycle=cycle_of_session(parsed.session),
            document_symbol=symbol_of_source(draft.source),
            recommending_states=states,
            position=position,
            position_source=clean(draft.source)[:200],
            countries=[parsed.country] if parsed.country else [],
            themes=draft.themes,
            theme_codes=draft.theme_codes,
            affected_persons=draft.persons,
            sdg_goals=draft.goals,
            sdg_targets=draft.targets,
            theme_group=draft.group,
        )
    )


def _not_a_list() -> ValidationError:
    return ValidationError(
        _(
            "This document is not an OHCHR thematic list of recommendations: it has no table with the "
            "columns "
            "Recommendation and Position, and no numbered recommendations followed by “Source of position”. "
            "Import the thematic list the State received, or a UHRI export (Excel, CSV or JSON)."
        ),
        code="not_thematic_list",
    )


def read_thematic_docx(data: bytes) -> ParsedFile:
    """OHCHR's Word thematic list: one table (Recommendation / Position / Full list of themes /
    Assessment), "Theme: …" rows starting each theme group."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as exc:
        raise ValidationError(
            _("This Word document is damaged and cannot be read (%(error)s).")
            % {"error": type(exc).__name__},
            code="corrupt",
        ) from None
    table = None
    columns: dict[str, int] = {}
    for candidate in document.tables:
        if not candidate.rows:
            continue
        headers = [fold(c.text) for c in candidate.rows[0].cells]
        if any(h.startswith("recommendation") for h in headers) and any("position" in h for h in headers):
            table = candidate
            columns = {
                "text": next(i for i, h in enumerate(headers) if h.startswith("recommendation")),
                "position": next(i for i, h in enumerate(headers) if "position" in h),
            }
            themes = [i for i, h in enumerate(headers) if "theme" in h]
            if themes:
                columns["themes"] = themes[0]
            break
    if table is None:
        raise _not_a_list()
    furniture = (
        " ".join(p.text for section in document.sections for p in section.header.paragraphs)
        + " "
        + " ".join(p.text for p in document.paragraphs[:20])
        + " "
        + (document.core_properties.title or "")
    )
    parsed = ParsedFile(format=THEMATIC_DOCX, session=session_of(furniture))
    country = re.search(r"UPR of ([A-Z][^()\t]+?)\s*\(", furniture)
    parsed.country = clean(country[1]) if country else ""
    cycle = _CYCLE.search(furniture)
    _read_table_rows(table, columns, parsed)
    if cycle and parsed.rows:
        for row in parsed.rows:
            row.cycle = int(cycle[1])
    check_duplicates(parsed)
    return parsed


def _read_table_rows(table: Any, columns: dict[str, int], parsed: ParsedFile) -> None:
    group = ""
    for index, table_row in enumerate(table.rows[1:], start=2):
        cells = table_row.cells
        first = cells[0].text.strip() if cells else ""
        if (
            fold(first).startswith("theme:")
            and len({id(c._tc) for c in cells}) == 1
            or (fold(first).startswith("theme:") and all(c.text.strip() in ("", first) for c in cells))
        ):
            group = clean(first.split(":", 1)[1])
            group = _THEME_CODE.sub(r"\2", group)
            continue
        if not first:
            continue
        paragraphs = [p.text for p in cells[columns["text"]].paragraphs]
        draft = _Draft(row=index, group=group)
        for paragraph in paragraphs:
            source = _SOURCE.match(paragraph)
            if source:
                draft.source = source[1]
            elif paragraph.strip():
                draft.lines.append(paragraph)
        draft.position = cells[columns["position"]].text if columns["position"] < len(cells) else ""
        if "themes" in columns and columns["themes"] < len(cells):
            _tags((p.text for p in cells[columns["themes"]].paragraphs), draft)
        _finish(draft, parsed, _("Recommendation"))


def read_thematic_markdown(data: bytes) -> ParsedFile:
    """The thematic list as text (the later sessions' layout): each numbered recommendation, then
    "Source of Position: …", the position, its themes as "- " lines, "Groups of Persons:" and its groups, and
    its SDG goals as "- N - GOAL" lines; "Theme: …" lines start each theme group."""
    text, encoding = decode_text(data)
    lines = html.unescape(text).splitlines()
    parsed = ParsedFile(format=THEMATIC_MARKDOWN, encoding=encoding)
    parsed.session = session_of(" ".join(lines[:15]))
    country = re.search(r"Session\s*-\s*([^-\n]+?)\s*-", " ".join(lines[:3]))
    parsed.country = clean(country[1]) if country else ""
    group = ""
    draft: _Draft | None = None
    stage = "text"
    tag_lines: list[str] = []

    def close() -> None:
        nonlocal draft, tag_lines
        if draft is not None:
            _tags(tag_lines, draft)
            _finish(draft, parsed, _("Recommendation"))
        draft, tag_lines = None, []

    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith(("#", "**", "---")):
            continue
        if fold(line).startswith("theme:"):
            close()
            group = _THEME_CODE.sub(r"\2", clean(line.split(":", 1)[1]))
            continue
        if NUMBERED.match(line) and (draft is None or stage != "text"):
            close()
            draft, stage = _Draft(row=number, lines=[line], group=group), "text"
            continue
        if draft is None:
            continue
        source = _SOURCE.match(line)
        if source:
            draft.source, stage = source[1], "position"
        elif stage == "text":
            draft.lines.append(line)
        elif stage == "position" and parse_position(line):
            draft.position, stage = line, "tags"
        elif stage in ("position", "tags"):
            stage = "tags"
            tag_lines.append(line)
    close()
    if not parsed.rows and not parsed.problems:
        raise _not_a_list()
    check_duplicates(parsed)
    return parsed
