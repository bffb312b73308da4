"""The UN's files of recommendations, read into plain rows: the UHRI export (XLSX, CSV, JSON) and OHCHR's
"Thematic list of recommendations" (the Word document a State receives for its UPR session, and its text as
Markdown). No models here: the recommendations app compares the rows with what it holds and saves them.

Every reader returns a ``ParsedFile``: the rows it understood and the problems it found, each with where
(row, column) and a translated message. A problem of level ``error`` means the file must not be applied;
a ``warning`` is reported and the row imported without the part concerned.

The format is found by content, never by the file's name (``detect``): a ZIP package is a Word document or an
Excel workbook (checked by ``uploads.check_upload``), text starting with ``[``/``{`` is JSON, text with
numbered recommendations followed by "Source of position" lines is a thematic list, any other text is CSV.
Text is read as UTF-8 (with or without a BOM), UTF-16 (with a BOM, or recognisably without one), or else
Windows-1258, the legacy Vietnamese code page, and put in NFC.
"""

from __future__ import annotations

import csv
import datetime
import html
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from rightstrack.core.text import fold
from rightstrack.exchange.uploads import DOCX, XLSX, check_upload

MAX_IMPORT_BYTES = 256 * 1024 * 1024  # the whole UHRI (~270,000 rows) as CSV is well under this
MAX_ROWS = 500_000
MAX_CELL_CHARS = 20_000  # a recommendation is a paragraph; anything longer is not one
EXCEL_EPOCH = datetime.date(1899, 12, 30)  # Excel's serial day 1 is 1900-01-01 (with its 1900 leap-year bug)
MAX_EXCEL_SERIAL = 2_958_465  # 9999-12-31

# Formats
UHRI_XLSX, UHRI_CSV, UHRI_JSON = "uhri_xlsx", "uhri_csv", "uhri_json"
THEMATIC_DOCX, THEMATIC_MARKDOWN = "thematic_docx", "thematic_markdown"
FORMATS = (UHRI_XLSX, UHRI_CSV, UHRI_JSON, THEMATIC_DOCX, THEMATIC_MARKDOWN)

ERROR, WARNING = "error", "warning"

SUPPORTED, NOTED = "supported", "noted"

# The mechanisms by the names UHRI and OHCHR use for them (folded); the codes are the recommendations app's.
MECHANISM_NAMES: dict[str, str] = {
    "upr": "UPR",
    "universal periodic review": "UPR",
    "ccpr": "CCPR",
    "human rights committee": "CCPR",
    "cescr": "CESCR",
    "committee on economic social and cultural rights": "CESCR",
    "cedaw": "CEDAW",
    "committee on the elimination of discrimination against women": "CEDAW",
    "crc": "CRC",
    "committee on the rights of the child": "CRC",
    "cat": "CAT",
    "committee against torture": "CAT",
    "cerd": "CERD",
    "committee on the elimination of racial discrimination": "CERD",
    "crpd": "CRPD",
    "committee on the rights of persons with disabilities": "CRPD",
    "cmw": "CMW",
    "committee on migrant workers": "CMW",
    "committee on the protection of the rights of all migrant workers and members of their families": "CMW",
    "ced": "CED",
    "committee on enforced disappearances": "CED",
    "sp": "SP",
    "special procedures": "SP",
}

# UHRI export columns: our name -> the headers seen in the wild (the misspelt ones included).
UHRI_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("Text", "Recommendation", "Recommendation Text"),
    "countries": ("Countries Concerned", "Country Concerned", "Countries"),
    "regions": ("Regions Concerned",),
    "body": ("Reccomending Body", "Recommending Body", "Body", "Mechanism"),
    "type": ("Type", "Annotation Type"),
    "symbol": ("Document Symbol", "Symbol"),
    "date": ("Document Publication Date", "Publication Date", "Date"),
    "themes": ("Themes", "Theme"),
    "persons": ("Affected Persons", "Groups of Persons"),
    "sdgs": ("Sdgs", "SDGs", "SDG"),
    "id": ("OHCHR Annotation Id", "Annotation Id", "Id", "External Id"),
    "session": ("UPR Session", "Session"),
    "states": ("UPR Reccomending States", "UPR Recommending States", "Recommending States"),
    "position": ("UPR Position", "Position"),
    "number": ("Number", "Recommendation Number", "Paragraph"),
    "response": ("Response", "Government Response"),
}
REQUIRED_COLUMNS = ("text", "body")

_NUMBER = re.compile(r"^\s*(\d{1,4}\.\d{1,4})\.?\s+(.*)$", re.S)
_SDG = re.compile(r"^\s*(?:goal\s*)?(\d{1,2})(?:\.([0-9]{1,2}|[a-z]))?\s*(?:[-–—:]\s*(.*))?$", re.I | re.S)
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
_THEME_CODE = re.compile(r"^([A-H]\d{1,2})\s+(.+)$")
_SESSION = re.compile(r"(\d{1,3})\s*(?:st|nd|rd|th)?\s+(?:UPR\s+)?session", re.I)
_SESSION_ALT = re.compile(r"UPR\s*(\d{1,3})\b|session\s*:?\s*(\d{1,3})", re.I)
_CYCLE = re.compile(r"(\d)\s*(?:st|nd|rd|th)\s+cycle", re.I)
_SOURCE = re.compile(r"^\s*source of position\s*:\s*(.*)$", re.I)
_SYMBOL = re.compile(r"\b([A-Z]{1,6}/[A-Z0-9./]+?)(?:/Add\.\d+)?\b(?:\s|$|[-–,;])")


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


@dataclass
class Row:
    """One recommendation as the file gives it (mechanism as our code; position "supported"/"noted"/"")."""

    row: int
    text: str
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

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == WARNING]


# Field parsers --------------------------------------------------------------------------------------------


def clean(value: Any) -> str:
    """A cell as text: NFC, entities decoded, runs of spaces squeezed, ends trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", html.unescape(str(value)))
    return " ".join(text.replace("\u00a0", " ").split())


def label(value: str) -> str:
    """A taxonomy label: cleaned, its first letter capital ("children" and "Children" are one group)."""
    text = clean(value)
    return text[:1].upper() + text[1:]


def split_multi(value: Any) -> list[str]:
    """A multi-valued UHRI cell: one value per line, each starting with "- " (also ";"-separated, or a list
    in JSON); empty values dropped, order and first occurrence kept."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        items = [clean(v) for v in value]
    else:
        text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
        lines = text.split("\n")
        if len(lines) == 1 and ";" in text and not text.lstrip().startswith("- "):
            lines = text.split(";")
        items = [clean(re.sub(r"^\s*[-•*]\s+", "", line)) for line in lines]
    return list(dict.fromkeys(item for item in items if item and item != "-"))


def is_uuid(value: str) -> bool:
    return bool(_UUID.match(value.strip()))


def parse_excel_date(value: Any) -> datetime.date | None:
    """A date as UHRI gives it: an Excel serial number (44561 → 2021-12-31), a date or datetime, or text
    as ISO (2021-12-31) or day/month/year (31/12/2021). ValueError for anything else; None for empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        serial = float(value)
    else:
        text = str(value).strip()
        try:
            serial = float(text)
        except ValueError:
            for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%d.%m.%Y"):
                try:
                    return datetime.datetime.strptime(text[:19], pattern).date()  # noqa: DTZ007 - a date
                except ValueError:
                    continue
            raise ValueError(value) from None
    if not 1 <= serial <= MAX_EXCEL_SERIAL or serial != serial:
        raise ValueError(value)
    return EXCEL_EPOCH + datetime.timedelta(days=int(serial))


def parse_sdg(value: str) -> tuple[int, str] | None:
    """``16.3 - Promote the rule of law…`` → (16, "16.3"); ``16 - PEACE, JUSTICE…`` → (16, ""); None when
    the text names no goal from 1 to 17."""
    match = _SDG.match(value)
    if not match:
        return None
    goal = int(match[1])
    if not 1 <= goal <= 17:
        return None
    target = f"{goal}.{match[2].lower()}" if match[2] else ""
    return goal, target


def parse_position(value: Any) -> str | None:
    """ "Supported"/"Accepted" → supported, "Noted" → noted, empty → ""; None when unrecognised."""
    text = fold(clean(value))
    if not text:
        return ""
    if text.startswith(("supported", "support", "accepted", "accept", "ung ho", "chap nhan")):
        return SUPPORTED
    if text.startswith(("noted", "note", "ghi nhan")):
        return NOTED
    return None


def parse_mechanism(value: Any) -> str | None:
    """The mechanism's code from UHRI's name for the body ("Committee on the Rights of the Child" → CRC; a
    special rapporteur or working group → SP); None when unrecognised."""
    text = fold(clean(value), separators=True)
    if not text:
        return None
    if text in MECHANISM_NAMES:
        return MECHANISM_NAMES[text]
    for name, code in MECHANISM_NAMES.items():
        if len(name) > 4 and text.startswith(name):
            return code
    if text.startswith(("special rapporteur", "independent expert", "working group", "special procedure")):
        return "SP"
    return None


def split_number(text: str) -> tuple[str, str]:
    """``"140.7 Ratify the…"`` → ("140.7", "Ratify the…"); ("", text) when it starts with no number."""
    match = _NUMBER.match(text)
    return (match[1], match[2].strip()) if match else ("", text.strip())


def split_states(text: str) -> tuple[str, list[str]]:
    """The recommendation and the States that made it, from the brackets at its end:
    ``"Ratify X (Maldives) (Portugal);"`` → ("Ratify X", ["Maldives", "Portugal"]);
    ``"… (Iran (Islamic Republic of), Spain);"`` keeps the inner brackets. A bracket with digits in it
    ("(2021–2025)") is part of the text, not a State."""
    rest = text.rstrip().rstrip(";.,").rstrip()
    groups: list[list[str]] = []
    while rest.endswith(")"):
        depth, start = 0, -1
        for index in range(len(rest) - 1, -1, -1):
            if rest[index] == ")":
                depth += 1
            elif rest[index] == "(":
                depth -= 1
                if depth == 0:
                    start = index
                    break
        if start <= 0:
            break
        inside = rest[start + 1 : -1]
        if any(ch.isdigit() for ch in inside) or not inside.strip():
            break
        groups.insert(0, _split_top_level(inside))
        rest = rest[:start].rstrip()
    states = list(dict.fromkeys(s for group in groups for s in group))
    if not states:
        return text.strip(), []
    return rest.strip().rstrip(" ;,"), states


def _split_top_level(text: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch in ",;" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [clean(p) for p in parts if clean(p)]


def session_of(text: str) -> str:
    """ "UPR of Slovenia (2nd Cycle – 20th session)" → "20"; "48th UPR Working Group" → "48"."""
    match = _SESSION.search(text) or re.search(r"(\d{1,3})\s*(?:st|nd|rd|th)\s+UPR", text, re.I)
    if match:
        return match[1]
    match = _SESSION_ALT.search(text)
    return (match[1] or match[2]) if match else ""


def cycle_of_session(session: str) -> int | None:
    """The UPR cycle a Working Group session belongs to (1–12: first, 13–26: second, 27–40: third, 41–54:
    fourth, then every 14 sessions)."""
    if not session.isdigit() or int(session) < 1:
        return None
    number = int(session)
    return 1 if number <= 12 else 2 + (number - 13) // 14


def symbol_of_source(source: str) -> str:
    """ "A/HRC/28/15/Add.1 - Para. 3" → "A/HRC/28/15" (the Working Group's report)."""
    head = source.split(" - ")[0].strip()
    head = re.sub(r"/Add\.\d+$", "", head)
    return head if "/" in head else ""


# Detection and decoding -----------------------------------------------------------------------------------


def _size(file: IO[bytes]) -> int:
    size = getattr(file, "size", None)
    if isinstance(size, int):
        return size
    position = file.tell()
    file.seek(0, io.SEEK_END)
    end = file.tell()
    file.seek(position)
    return end


def check_size(file: IO[bytes], *, max_bytes: int = MAX_IMPORT_BYTES) -> int:
    """Refuse an empty or oversized file by its size, before anything reads it."""
    size = _size(file)
    if size <= 0:
        raise ValidationError(_("The file is empty. Choose the file again and upload it."), code="empty")
    if size > max_bytes:
        raise ValidationError(
            _(
                "The file is %(size)s MB; files of recommendations of at most %(limit)s MB can be imported. "
                "Split it (for instance by mechanism or year) and import the parts."
            )
            % {"size": f"{size / 1024 / 1024:.0f}", "limit": f"{max_bytes // 1024 // 1024}"},
            code="too_large",
        )
    return size


def decode_text(data: bytes) -> tuple[str, str]:
    """(text in NFC, the encoding it was read in): UTF-8, UTF-16 or Windows-1258."""
    if data.startswith(b"\xef\xbb\xbf"):
        return unicodedata.normalize("NFC", data[3:].decode("utf-8", errors="strict")), "UTF-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return unicodedata.normalize("NFC", data.decode("utf-16")), "UTF-16"
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(b"\x00") >= len(sample) // 4:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        codec = "utf-16-le" if odd > even else "utf-16-be"
        return unicodedata.normalize("NFC", data.decode(codec)), "UTF-16"
    try:
        return unicodedata.normalize("NFC", data.decode("utf-8")), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return unicodedata.normalize("NFC", data.decode("cp1258")), "Windows-1258"
    except UnicodeDecodeError:
        raise ValidationError(
            _(
                "The text of this file is in an encoding that cannot be read. Save it as CSV UTF-8 "
                "(in Excel: File › Save as › CSV UTF-8) and import it again."
            ),
            code="encoding",
        ) from None


def _looks_like_thematic_text(text: str) -> bool:
    head = text[:200_000]
    numbered = len(re.findall(r"(?m)^\s*\d{1,4}\.\d{1,4}\s+\S", head))
    sources = len(re.findall(r"(?mi)^\s*source of position\s*:", head))
    return numbered > 0 and sources > 0


def _binary(data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06")


_BINARY_STARTS = (
    b"%PDF",
    b"\xd0\xcf\x11\xe0",
    b"MZ",
    b"\x7fELF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"{\\rtf",
)


def check_file(file: IO[bytes], *, max_bytes: int = MAX_IMPORT_BYTES) -> None:
    """The quick checks an upload gets before it is queued: its size, and that it is a Word document, an
    Excel workbook or text (a PDF, an old .doc/.xls or a program is refused here, named for what it is)."""
    check_size(file, max_bytes=max_bytes)
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if _binary(head) or head.startswith(_BINARY_STARTS):
        check_upload(file, allowed={DOCX, XLSX}, max_bytes=max_bytes)
    file.seek(0)


def detect(file: IO[bytes], *, name: str = "") -> tuple[str, bytes]:
    """(the format, the file's bytes): checked by content, after the size."""
    check_size(file)
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if _binary(head):
        kind = check_upload(file, allowed={DOCX, XLSX}, max_bytes=MAX_IMPORT_BYTES)
        data = file.read()
        return (THEMATIC_DOCX if kind == DOCX else UHRI_XLSX), data
    if head.startswith(_BINARY_STARTS):
        check_upload(file, allowed={DOCX, XLSX}, max_bytes=MAX_IMPORT_BYTES)  # names what it is instead
    data = file.read()
    text, _encoding = decode_text(data)
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith(("[", "{")):
        return UHRI_JSON, data
    if _looks_like_thematic_text(text):
        return THEMATIC_MARKDOWN, data
    return UHRI_CSV, data


def read_file(file: IO[bytes], *, name: str = "") -> ParsedFile:
    """Detect the format and read the rows (``ValidationError`` when the file cannot be read at all)."""
    kind, data = detect(file, name=name)
    if kind == THEMATIC_DOCX:
        return read_thematic_docx(data)
    if kind == THEMATIC_MARKDOWN:
        return read_thematic_markdown(data)
    if kind == UHRI_XLSX:
        return read_uhri_xlsx(data)
    if kind == UHRI_JSON:
        return read_uhri_json(data)
    return read_uhri_csv(data)


# UHRI exports ---------------------------------------------------------------------------------------------


def _header_map(headers: list[str]) -> tuple[dict[str, int], list[Problem]]:
    """Our field → column index, from the file's headers (matched folded); problems for missing columns."""
    folded = {fold(clean(h), separators=True): index for index, h in enumerate(headers) if clean(h)}
    found: dict[str, int] = {}
    for name, aliases in UHRI_COLUMNS.items():
        for alias in aliases:
            index = folded.get(fold(alias, separators=True))
            if index is not None:
                found[name] = index
                break
    problems = []
    for name in REQUIRED_COLUMNS:
        if name in found:
            continue
        expected = UHRI_COLUMNS[name][0] if name != "body" else "Reccomending Body / Recommending Body"
        unknown = [clean(h) for i, h in enumerate(headers) if clean(h) and i not in found.values()]
        problems.append(
            Problem(
                _(
                    "The column “%(column)s” is missing (the columns found are: %(found)s). Rename the "
                    "column that holds it, or export the file from UHRI again with this column."
                )
                % {"column": expected, "found": ", ".join(unknown) or "—"},
                row=1,
                column=expected,
                code="missing_column",
            )
        )
    return found, problems


def _read_records(
    records: Iterable[tuple[int, Mapping[str, Any]]], fmt: str, encoding: str = ""
) -> ParsedFile:
    """Rows from (row number, {field: raw value}) for the UHRI formats."""
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
        row = _uhri_row(number, record, parsed.problems)
        if row is not None:
            parsed.rows.append(row)
    check_duplicates(parsed)
    return parsed


def _column(name: str) -> str:
    return UHRI_COLUMNS[name][0] if name != "body" else "Reccomending Body"


def _uhri_row(number: int, record: Mapping[str, Any], problems: list[Problem]) -> Row | None:
    def problem(name: str, message: str, level: str = ERROR, code: str = "") -> None:
        problems.append(Problem(message, row=number, column=_column(name), level=level, code=code))

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
        mechanism=mechanism,
        number=given,
        session=re.sub(r"\D", "", clean(record.get("session")))[:8] if mechanism == "UPR" else "",
        document_symbol=clean(record.get("symbol"))[:100],
        document_date=document_date,
        recommending_states=[s for v in split_multi(record.get("states")) for s in _split_top_level(v)],
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
    columns, problems = _header_map(header_names)
    if problems:
        return ParsedFile(format=fmt, problems=problems, encoding=encoding)

    def records() -> Iterator[tuple[int, dict[str, Any]]]:
        for number, cells in rows:
            yield number, {name: (cells[i] if i < len(cells) else None) for name, i in columns.items()}

    return _read_records(records(), fmt, encoding)


def read_uhri_csv(data: bytes) -> ParsedFile:
    text, encoding = decode_text(data)
    sample = text[:10_000]
    try:
        dialect: Any = csv.Sniffer().sniff(sample.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), dialect)
    try:
        headers = next(reader, [])
        if not [h for h in headers if clean(h)]:
            return ParsedFile(
                format=UHRI_CSV,
                problems=[Problem(_("The file has no header row."), row=1, code="no_header")],
                encoding=encoding,
            )
        table = [(index, cells) for index, cells in enumerate(reader, start=2)]
    except csv.Error as exc:
        return ParsedFile(
            format=UHRI_CSV,
            problems=[
                Problem(
                    _("The CSV text cannot be read at line %(line)s: %(error)s")
                    % {"line": reader.line_num, "error": exc},
                    row=reader.line_num,
                    code="bad_csv",
                )
            ],
            encoding=encoding,
        )
    return read_uhri_rows(headers, table, UHRI_CSV, encoding)


def read_uhri_xlsx(data: bytes) -> ParsedFile:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise ValidationError(
            _(
                "This Excel workbook is damaged and cannot be read (%(error)s). Open it in Excel, save it "
                "again, "
                "and import the saved copy."
            )
            % {"error": type(exc).__name__},
            code="corrupt",
        ) from None
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        headers = list(next(rows, ()) or ())
        if not [h for h in headers if clean(h)]:
            return ParsedFile(
                format=UHRI_XLSX,
                problems=[Problem(_("The file has no header row."), row=1, code="no_header")],
            )
        table = [(index, list(cells)) for index, cells in enumerate(rows, start=2)]
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise ValidationError(
            _(
                "This Excel workbook is damaged and cannot be read (%(error)s). Open it in Excel, save it "
                "again, "
                "and import the saved copy."
            )
            % {"error": type(exc).__name__},
            code="corrupt",
        ) from None
    finally:
        workbook.close()
    return read_uhri_rows(headers, table, UHRI_XLSX)


def read_uhri_json(data: bytes) -> ParsedFile:
    text, encoding = decode_text(data)
    try:
        value = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        return ParsedFile(
            format=UHRI_JSON,
            problems=[
                Problem(
                    _("The JSON text is not valid at line %(line)s, column %(col)s: %(error)s")
                    % {"line": exc.lineno, "col": exc.colno, "error": exc.msg},
                    row=exc.lineno,
                    code="bad_json",
                )
            ],
            encoding=encoding,
        )
    if isinstance(value, dict):
        value = next((v for v in value.values() if isinstance(v, list)), [value])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        return ParsedFile(
            format=UHRI_JSON,
            problems=[
                Problem(
                    _("The JSON file must hold a list of objects, one per recommendation."), code="bad_json"
                )
            ],
        )
    keys = list(dict.fromkeys(k for item in value for k in item))
    columns, problems = _header_map(keys)
    if problems:
        return ParsedFile(format=UHRI_JSON, problems=problems, encoding=encoding)
    records = (
        (index, {name: item.get(keys[i]) for name, i in columns.items()})
        for index, item in enumerate(value, 1)
    )
    return _read_records(records, UHRI_JSON, encoding)


# OHCHR thematic lists -------------------------------------------------------------------------------------


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
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
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
        if _NUMBER.match(line) and (draft is None or stage != "text"):
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


# Checks across rows ---------------------------------------------------------------------------------------


def check_duplicates(parsed: ParsedFile) -> None:
    """Two rows with one id, or one number with two different texts, are errors (which is right cannot be
    told); the same recommendation twice (the same text) is kept once, with a warning."""
    seen_ids: dict[str, Row] = {}
    seen_numbers: dict[tuple[str, str, str], Row] = {}
    kept: list[Row] = []
    for row in parsed.rows:
        if row.external_id:
            first = seen_ids.get(row.external_id)
            if first is not None:
                parsed.problems.append(
                    Problem(
                        _("The id “%(id)s” is also on row %(first)s: each recommendation once, please.")
                        % {"id": row.external_id, "first": first.row},
                        row=row.row,
                        column=UHRI_COLUMNS["id"][0],
                        code="duplicate_id",
                    )
                )
                continue
            seen_ids[row.external_id] = row
        if row.number:
            key = (row.mechanism, row.session, row.number)
            first = seen_numbers.get(key)
            if first is not None and not (row.external_id and first.external_id):
                if fold(first.text) != fold(row.text):
                    parsed.problems.append(
                        Problem(
                            _(
                                "Recommendation %(number)s appears again with a different text (first on row "
                                "%(first)s); correct the number or the text."
                            )
                            % {"number": row.number, "first": first.row},
                            row=row.row,
                            column=_("Recommendation"),
                            code="number_conflict",
                        )
                    )
                else:
                    parsed.problems.append(
                        Problem(
                            _(
                                "Recommendation %(number)s appears twice (also on row %(first)s); it is "
                                "imported once."
                            )
                            % {"number": row.number, "first": first.row},
                            row=row.row,
                            column=_("Recommendation"),
                            level=WARNING,
                            code="repeated",
                        )
                    )
                continue
            seen_numbers.setdefault(key, row)
        kept.append(row)
    parsed.rows = kept


# Writing --------------------------------------------------------------------------------------------------


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
