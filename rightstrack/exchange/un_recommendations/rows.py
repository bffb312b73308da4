"""What every reader returns: the rows it understood (``Row``) and the problems it found (``Problem``,
with row and column), in a ``ParsedFile``; the format names and the limits every reader keeps."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

MAX_IMPORT_BYTES = 256 * 1024 * 1024  # the whole UHRI (~270,000 rows) as CSV is well under this
MAX_ROWS = 500_000
MAX_CELL_CHARS = 20_000  # a recommendation is a paragraph; anything longer is not one

# Formats
UHRI_XLSX, UHRI_CSV, UHRI_JSON = "uhri_xlsx", "uhri_csv", "uhri_json"
THEMATIC_DOCX, THEMATIC_MARKDOWN = "thematic_docx", "thematic_markdown"
# any spreadsheet (or JSON list of objects, keys as columns), with the columns the user chose
MAPPED_XLSX, MAPPED_CSV, MAPPED_JSON = "mapped_xlsx", "mapped_csv", "mapped_json"
FORMATS = (
    UHRI_XLSX,
    UHRI_CSV,
    UHRI_JSON,
    THEMATIC_DOCX,
    THEMATIC_MARKDOWN,
    MAPPED_XLSX,
    MAPPED_CSV,
    MAPPED_JSON,
)

ERROR, WARNING = "error", "warning"

SUPPORTED, NOTED = "supported", "noted"


@dataclass
class Problem:
    """What is wrong and where: ``row`` counts as the user sees it (a spreadsheet's row, the table's row
    of a Word document, a line of Markdown); ``column`` is the header or the field."""

    message: str
    row: int | None = None
    column: str = ""
    level: str = ERROR
    code: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "level": self.level,
            "code": self.code,
            "message": self.message,
        }


@dataclass(slots=True)
class Row:
    """One recommendation as the file gives it (mechanism as our code; position "supported"/"noted"/"")."""

    row: int
    text: str
    text_vi: str = ""
    mechanism: str = ""
    number: str = ""
    session: str = ""
    cycle: int | None = None
    document_symbol: str = ""
    document_date: datetime.date | None = None
    recommending_states: list[str] = field(default_factory=list)
    position: str = ""
    position_source: str = ""
    response_text: str = ""
    countries: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    theme_codes: dict[str, str] = field(default_factory=dict)
    affected_persons: list[str] = field(default_factory=list)
    sdg_goals: list[int] = field(default_factory=list)
    sdg_targets: list[str] = field(default_factory=list)
    external_id: str = ""
    theme_group: str = ""  # the "Theme:" heading the thematic list put it under

    @property
    def key(self) -> tuple[str, ...]:
        """What identifies it: UHRI's id, else mechanism, session and number."""
        if self.external_id:
            return ("id", self.external_id)
        return ("number", self.mechanism, self.session, self.number)


@dataclass
class ParsedFile:
    format: str
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    encoding: str = ""
    session: str = ""
    country: str = ""
    table: Any = None  # a CSV's or XLSX's mapping.TablePreview: its headers, first rows, columns chosen

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == WARNING]
