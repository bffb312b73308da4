"""What the Word reader yields (blocks of sanitised HTML in reading order) and how runs become that HTML:
the formatting that survives an import (bold, italic, underline, links) and the plain text the heading
detection reads."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from docx.oxml.ns import qn as docx_qn

from rightstrack.exchange.html import sanitize_html

_WHITESPACE = re.compile(r"[ \t\r\f\v\u00a0]+")

qn = cache(docx_qn)  # "w:p" → "{namespace}p", looked up for every element the reader walks

BlockKind = Literal["heading", "paragraph", "list", "table"]


@dataclass(frozen=True)
class Block:
    """One piece of the document in reading order; ``html`` is sanitised, ``text`` is plain."""

    kind: BlockKind
    text: str
    html: str  # possible headings: the HTML they keep when they name no section
    level: int = 0  # headings only: 1 is the top level
    certain: bool = True  # headings only: False for a bold line that is a heading only if it names a section


@dataclass(frozen=True)
class ParsedDocument:
    blocks: tuple[Block, ...]

    @property
    def headings(self) -> tuple[Block, ...]:
        return tuple(block for block in self.blocks if block.kind == "heading")


@dataclass
class Segment:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    href: str = ""


@dataclass
class ListItem:
    ordered: bool
    html: str
    text: str


def flush_list(pending: list[ListItem]) -> Iterator[Block]:
    if not pending:
        return
    tag = "ol" if pending[0].ordered else "ul"
    items = "".join(f"<li>{item.html}</li>" for item in pending)
    yield Block("list", "\n".join(item.text for item in pending), sanitize_html(f"<{tag}>{items}</{tag}>"))
    pending.clear()


def plain(segments: Sequence[Segment]) -> str:
    text = "".join(segment.text for segment in segments)
    lines = [_WHITESPACE.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def bold_share(segments: Sequence[Segment]) -> float:
    letters = sum(len(s.text.replace(" ", "")) for s in segments)
    bold = sum(len(s.text.replace(" ", "")) for s in segments if s.bold)
    return bold / letters if letters else 0.0


def is_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and all(not ch.islower() for ch in letters)


def inline_html(segments: Sequence[Segment]) -> str:
    """Adjacent runs with the same formatting merged; <a> outside <strong> outside <em> outside <u>."""
    merged: list[tuple[Segment, list[str]]] = []  # texts joined once: += on long runs would be quadratic
    for segment in segments:
        key = (segment.bold, segment.italic, segment.underline, segment.href)
        if (
            merged
            and (merged[-1][0].bold, merged[-1][0].italic, merged[-1][0].underline, merged[-1][0].href) == key
        ):
            merged[-1][1].append(segment.text)
        else:
            merged.append((segment, [segment.text]))
    out = []
    for index, (segment, texts) in enumerate(merged):
        text = "".join(texts)
        if index == 0:
            text = text.lstrip(" \t")
        if index == len(merged) - 1:
            text = text.rstrip(" \t\n")
        if not text:
            continue
        piece = "<br>".join(html.escape(_WHITESPACE.sub(" ", line)) for line in text.split("\n"))
        if segment.underline and not segment.href:  # links are underlined by Word's style, not by the author
            piece = f"<u>{piece}</u>"
        if segment.italic:
            piece = f"<em>{piece}</em>"
        if segment.bold:
            piece = f"<strong>{piece}</strong>"
        if segment.href:
            piece = f'<a href="{html.escape(segment.href, quote=True)}">{piece}</a>'
        out.append(piece)
    return "".join(out)
