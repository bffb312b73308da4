"""The furniture of an official letter (Decree 30/2020/NĐ-CP): what frames a document but is not its content.

Vietnamese administrative documents open with the national header (Quốc hiệu, Tiêu ngữ), the issuing body,
the number and symbol ("Số: 12/BC-UBND"), the place and date, the kind ("BÁO CÁO") and the summary, and close
with "Nơi nhận:" and its list ending "Lưu: VT", and the signature block ("TM. …", "KT. …", the position,
"(Đã ký)", the name). The Word import keeps these blocks with the document in a part of their own instead of
putting them into a section (``import_plan.LETTER``).

Recognised by their form, never by names: the decree's fixed words and patterns are strong marks; short
capitalised lines (bodies, positions) and names count only beside a strong mark, at the head of the document
(before its first numbered heading) or at its foot (from the first closing mark on).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import Any

from rightstrack.core.text import fold
from rightstrack.exchange.docx_blocks import Block, is_upper
from rightstrack.exchange.headings import split_numbering

NATIONAL_MARKS = ("cong hoa xa hoi chu nghia viet nam", "doc lap tu do hanh phuc")
# The kinds of administrative documents the decree lists (Article 7), folded.
DOCUMENT_KINDS = frozenset(
    {
        "nghi quyet", "quyet dinh", "chi thi", "quy che", "quy dinh", "thong cao", "thong bao", "huong dan",
        "chuong trinh", "ke hoach", "phuong an", "de an", "du an", "bao cao", "bien ban", "to trinh",
        "hop dong", "cong van", "cong dien", "ban ghi nho", "ban thoa thuan", "giay uy quyen", "giay moi",
        "giay gioi thieu", "giay nghi phep", "phieu gui", "phieu chuyen", "phieu bao", "thu cong",
    }
)  # fmt: skip
MAX_SHORT_WORDS = 12  # a body's name, a position, a person's name: never a paragraph
MAX_NAME_WORDS = 6
MAX_FRONT_SUMMARY_WORDS = 40

_NUMBER = re.compile(
    r"^so\s*[:.]?\s*[0-9]{0,6}\s*(?:/\s*[0-9]{2,4}\s*)?/\s*[a-z0-9.\-]+(?:\s*[a-z0-9.\-]+)?$"
)
_PLACE_DATE = re.compile(r"^[^,\d]{2,60},\s*ngay\s*[0-9.…_\s]*\s*thang\s*[0-9.…_\s]*\s*nam\s*[0-9.…_\s]*\.?$")
_SUBJECT = re.compile(r"^v\s*/\s*v\b")  # "V/v": "về việc", the summary of a letter (công văn)
_RECIPIENTS = re.compile(r"^noi nhan\s*:?")
_ARCHIVE = re.compile(r"^[-+•*]?\s*luu\s*[:.]")
_AUTHORITY = re.compile(r"^(?:tm|kt|tl|tuq|q|ttg)\s*\.\s*\S")
_SIGNED = re.compile(r"^\(\s*(?:da ky|ky|ky ten|ky ten,? dong dau|ky,? ghi ro ho ten|ky,? dong dau)[^)]*\)$")
_LIST_LINE = re.compile(r"^[-+•*]\s*\S")
_WORD = re.compile(r"[^\W\d_]+")


def _folded(text: str) -> str:
    return " ".join(fold(text).split())


def _lines(block: Block) -> list[str]:
    return [line for line in (_folded(line) for line in block.text.split("\n")) if line]


def strong_front(block: Block) -> bool:
    """The national header, a number and symbol, or a place and date: only an official letter has these."""
    text = _folded(block.text)
    if any(mark in fold(text, separators=True) for mark in NATIONAL_MARKS):
        return True
    return any(_NUMBER.match(line) or _PLACE_DATE.match(line) for line in _lines(block))


def strong_closing(block: Block) -> bool:
    """ "Nơi nhận:", "Lưu: VT", a signing authority ("TM.", "KT."…) or "(Đã ký)"."""
    lines = _lines(block)
    if not lines:
        return False
    if any(_RECIPIENTS.match(line) or _ARCHIVE.match(line) or _SIGNED.match(line) for line in lines):
        return True
    return any(_AUTHORITY.match(line) for line in lines) and is_upper(block.text.split("\n")[0])


def is_kind(block: Block) -> bool:
    """A line that is only a kind of document ("BÁO CÁO", "TỜ TRÌNH"), in capitals."""
    return is_upper(block.text) and fold(block.text, separators=True) in DOCUMENT_KINDS


def is_short_line(block: Block) -> bool:
    """A short line without numbering or a full stop: a body's name, a position, a name."""
    text = " ".join(block.text.split())
    words = _WORD.findall(text)
    if not words or len(words) > MAX_SHORT_WORDS or "\n" in block.text.strip():
        return False
    if block.kind not in ("paragraph", "heading") or split_numbering(text) is not None:
        return False
    return not text.rstrip().endswith((".", ";", ":")) or is_upper(text)


def is_name(block: Block) -> bool:
    """A person's name as signatures print it: two to six words, each capitalised, no digits."""
    text = " ".join(block.text.split())
    words = text.split(" ")
    return (
        block.kind in ("paragraph", "heading")
        and 2 <= len(words) <= MAX_NAME_WORDS
        and all(word[:1].isupper() and _WORD.fullmatch(word) for word in words)
    )


def closing_like(block: Block) -> bool:
    if strong_closing(block) or is_short_line(block) or is_name(block):
        return True
    lines = _lines(block)
    if block.kind == "list" or (lines and all(_LIST_LINE.match(line) for line in lines)):
        # Recipients: short entries ending ";" or "." ("- Như trên;", "- Văn phòng Chính phủ;")
        return all(len(line.split()) <= MAX_SHORT_WORDS + 8 for line in lines)
    return block.kind == "table" and strong_closing(block)


def furniture(blocks: Sequence[Block]) -> set[int]:
    """Indexes of the blocks that are the letter's furniture (see the module docstring)."""
    found: set[int] = set()
    first_heading = next(
        (i for i, b in enumerate(blocks) if b.kind == "heading" and b.certain and not _front_only(b)),
        len(blocks),
    )
    # The head: before the first real heading, when a strong mark says it is a letter.
    front = range(first_heading)
    if any(strong_front(blocks[i]) for i in front):
        after_kind = False
        for i in front:
            block = blocks[i]
            if strong_front(block) or is_kind(block) or _SUBJECT.match(_folded(block.text)):
                found.add(i)
                after_kind = is_kind(block)
            elif after_kind and len(block.text.split()) <= MAX_FRONT_SUMMARY_WORDS:
                found.add(i)  # the summary under the kind
                after_kind = False
            elif (
                block.kind in ("paragraph", "heading") and is_upper(block.text) and is_short_line(block)
            ) or (block.kind == "table" and strong_front(block)):
                found.add(i)
            else:
                after_kind = False
    # Tables that hold the header anywhere (some put it in the page's first table after a cover text).
    for i, block in enumerate(blocks):
        if block.kind == "table" and (strong_front(block) or strong_closing(block)):
            found.add(i)
    # The foot: from the first closing mark to the end, as long as what follows is closing-like.
    start = next((i for i, b in enumerate(blocks) if strong_closing(b) and _closes_to_end(blocks, i)), None)
    if start is not None:
        found.update(range(start, len(blocks)))
        # A signature without authority ("CHỦ TỊCH", then the name) may stand just before "Nơi nhận:".
        i = start - 1
        while i >= 0 and start - i <= 3 and blocks[i].kind != "heading" and is_upper(blocks[i].text):
            if not is_short_line(blocks[i]):
                break
            found.add(i)
            i -= 1
    return found


def _body_name(block: Block) -> bool:
    """A body's name in the heading: a short line in capitals."""
    return block.kind in ("paragraph", "heading") and is_upper(block.text) and is_short_line(block)


def _closes_to_end(blocks: Sequence[Block], start: int) -> bool:
    return all(closing_like(block) for block in blocks[start:])


def _front_only(block: Block) -> bool:
    """A heading that is really header furniture (a kind styled as a heading, "Số: …" in bold…)."""
    return strong_front(block) or is_kind(block)


# What the furniture says ----------------------------------------------------------------------------------

_NUMBER_PARTS = re.compile(
    r"^\s*s[oố]\s*[:.]?\s*(?P<number>[0-9]*(?:\s*/\s*[0-9]{4})?)\s*/\s*(?P<symbol>\S.*?)\s*$", re.I
)
_DATE_PARTS = re.compile(r"ngay\s*([0-9]{1,2})\s*thang\s*([0-9]{1,2})\s*nam\s*([0-9]{4})")
_LIST_MARK = re.compile(r"^[-+•*–]\s*")


def details(text: str) -> dict[str, Any]:
    """What the letter's furniture says, for keeping with the report: the number and symbol ("12",
    "BC-BCĐ"), the place and date, the issuing body and its parent, the recipients and the registry's copy
    ("Lưu: VT"), and who signed (authority, position, name). ``text`` is the furniture's plain text, lines
    and table cells (tabs) in document order; what is not found is left out of the answer.
    """
    lines = [" ".join(cell.split()) for line in text.split("\n") for cell in line.split("\t")]
    lines = [line for line in lines if line]
    found: dict[str, Any] = {}
    bodies: list[str] = []
    recipients: list[str] = []
    in_recipients = False
    for index, line in enumerate(lines):
        folded = _folded(line)
        if "number" not in found and _NUMBER.match(folded):
            parts = _NUMBER_PARTS.match(line)
            if parts:
                found["number"] = re.sub(r"\s+", "", parts.group("number"))
                found["symbol"] = parts.group("symbol").strip()
            in_recipients = False
        elif "date" not in found and _PLACE_DATE.match(folded):
            found["place"] = line.split(",", 1)[0].strip()
            day = _DATE_PARTS.search(folded)
            if day:
                try:
                    found["date"] = datetime.date(int(day[3]), int(day[2]), int(day[1])).isoformat()
                except ValueError:
                    pass
        elif _RECIPIENTS.match(folded):
            in_recipients = True
            rest = line.split(":", 1)[1].strip() if ":" in line else ""
            if rest:
                recipients.append(_LIST_MARK.sub("", rest).rstrip(";.,").strip())
        elif _ARCHIVE.match(folded):
            found["archive"] = line.split(":", 1)[-1].strip().rstrip(".").strip()
            in_recipients = False
        elif in_recipients and _LIST_MARK.match(line):
            recipients.append(_LIST_MARK.sub("", line).rstrip(";.,").strip())
        else:
            in_recipients = False
            if (
                is_upper(line)
                and len(_WORD.findall(line)) <= MAX_SHORT_WORDS
                and not any(mark in fold(line, separators=True) for mark in NATIONAL_MARKS)
                and fold(line, separators=True) not in DOCUMENT_KINDS
                and not _AUTHORITY.match(folded)
                and "number" not in found
                and index < len(lines) // 2 + 1
            ):
                bodies.append(line)
    if recipients:
        found["recipients"] = recipients
    if bodies:
        found["issuing_body"] = bodies[-1]
        if len(bodies) > 1:
            found["parent_body"] = bodies[-2]
    found.update(_signature(lines))
    return found


def _signature(lines: Sequence[str]) -> dict[str, str]:
    """The signature block: the last name, the capitalised lines above it (position, then the authority
    "TM. …" / "KT. …"), skipping "(Đã ký)"."""
    at = next(
        (
            i
            for i in range(len(lines) - 1, -1, -1)
            if not is_upper(lines[i])
            and 2 <= len(lines[i].split()) <= MAX_NAME_WORDS
            and all(word[:1].isupper() and _WORD.fullmatch(word) for word in lines[i].split())
        ),
        None,
    )
    if at is None:
        return {}
    authority: list[str] = []
    position: list[str] = []
    for line in reversed(lines[:at]):
        folded = _folded(line)
        if _SIGNED.match(folded):
            continue
        if (
            not is_upper(line)
            or _RECIPIENTS.match(folded)
            or _ARCHIVE.match(folded)
            or _LIST_MARK.match(line)
        ):
            break
        if _AUTHORITY.match(folded):
            authority.insert(0, line)
        elif authority:
            break
        else:
            position.insert(0, line)
    if not authority and not position:
        return {}
    answer = {"signer_name": lines[at]}
    if authority:
        answer["signer_authority"] = "\n".join(authority)
    if position:
        answer["signer_position"] = "\n".join(position)
    return answer
