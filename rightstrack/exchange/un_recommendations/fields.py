"""One cell at a time: the parsers every format shares (text, multi-valued cells, dates as Excel writes them,
SDGs, positions, mechanisms, numbers, recommending States, sessions)."""

from __future__ import annotations

import datetime
import functools
import html
import re
import unicodedata
from typing import Any

from rightstrack.core.text import fold
from rightstrack.exchange.un_recommendations.rows import NOTED, SUPPORTED

EXCEL_EPOCH = datetime.date(1899, 12, 30)  # Excel's serial day 1 is 1900-01-01 (with its 1900 leap-year bug)
MAX_EXCEL_SERIAL = 2_958_465  # 9999-12-31

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

_BULLET = re.compile(r"^\s*[-•*]\s+")
NUMBERED = re.compile(r"^\s*(\d{1,4}\.\d{1,4})\.?\s+(.*)$", re.S)
_SDG = re.compile(r"^\s*(?:goal\s*)?(\d{1,2})(?:\.([0-9]{1,2}|[a-z]))?\s*(?:[-–—:]\s*(.*))?$", re.I | re.S)
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
_SESSION = re.compile(r"(\d{1,3})\s*(?:st|nd|rd|th)?\s+(?:UPR\s+)?session", re.I)
_SESSION_ALT = re.compile(r"UPR\s*(\d{1,3})\b|session\s*:?\s*(\d{1,3})", re.I)


def clean(value: Any) -> str:
    """A cell as text: NFC, entities decoded, runs of spaces squeezed, ends trimmed."""
    if type(value) is str:  # most cells: no conversion to make
        text = value
    elif value is None:
        return ""
    else:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value)
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    return " ".join(text.split())


@functools.lru_cache(maxsize=65_536)
def label(value: str) -> str:
    """A taxonomy label: cleaned, its first letter capital ("children" and "Children" are one group).
    Kept once computed: a file names the same few hundred labels on every row."""
    text = clean(value)
    return text[:1].upper() + text[1:]


@functools.lru_cache(maxsize=65_536)
def _item(line: str) -> str:
    """One value of a multi-valued cell, its "- " taken off (the same values recur on every row)."""
    return clean(_BULLET.sub("", line))


def split_multi(value: Any) -> list[str]:
    """A multi-valued UHRI cell: one value per line, each starting with "- " (also ";"-separated, or a list
    in JSON); empty values dropped, order and first occurrence kept."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        items = [clean(v) for v in value]
        return list(dict.fromkeys(item for item in items if item and item != "-"))
    return list(_split_cell(str(value)))


@functools.lru_cache(maxsize=65_536)
def _split_cell(value: str) -> tuple[str, ...]:
    text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if len(lines) == 1 and ";" in text and not text.lstrip().startswith("- "):
        lines = text.split(";")
    items = [_item(line) for line in lines]
    return tuple(dict.fromkeys(item for item in items if item and item != "-"))


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
    return _position(value) if type(value) is str else _position(clean(value))


@functools.lru_cache(maxsize=4096)
def _position(value: str) -> str | None:
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
    return _mechanism(value) if type(value) is str else _mechanism(clean(value))


@functools.lru_cache(maxsize=4096)
def _mechanism(value: str) -> str | None:
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
    match = NUMBERED.match(text)
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
        groups.insert(0, split_top_level(inside))
        rest = rest[:start].rstrip()
    states = list(dict.fromkeys(s for group in groups for s in group))
    if not states:
        return text.strip(), []
    return rest.strip().rstrip(" ;,"), states


def split_top_level(text: str) -> list[str]:
    """ "Chile, Iran (Islamic Republic of); Peru" → the three, commas inside brackets kept."""
    return list(_top_level(text))


@functools.lru_cache(maxsize=65_536)
def _top_level(text: str) -> tuple[str, ...]:
    if "," not in text and ";" not in text:
        single = clean(text)
        return (single,) if single else ()
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
    return tuple(clean(p) for p in parts if clean(p))


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
