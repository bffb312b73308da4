"""Text helpers for report content: bilingual labels, HTML sanitising, plain text and diffs."""

from __future__ import annotations

import difflib
import html
import re

import nh3
from django.utils.translation import get_language

ALLOWED_TAGS = {
    "h2",
    "h3",
    "h4",
    "p",
    "br",
    "strong",
    "em",
    "u",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "blockquote",
    "a",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
_BLOCK_END = re.compile(r"</(p|h2|h3|h4|li|tr|blockquote|table|ul|ol)>|<br\s*/?>", re.IGNORECASE)
_CELL_END = re.compile(r"</(td|th)>", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n\s*\n+")


def localized(text: str, text_en: str) -> str:
    """The English text when the active language is English and there is one; the Vietnamese otherwise."""
    language = get_language() or ""
    return text_en if language.startswith("en") and text_en else text


def sanitize_html(raw: str) -> str:
    """Keep headings, paragraphs, emphasis, lists, tables, quotes and http(s)/mailto links; drop the rest."""
    cleaned = nh3.clean(
        raw or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return cleaned.strip()


def html_to_text(value: str) -> str:
    """Readable plain text: one line per block, cells separated by tabs, entities decoded."""
    marked = _CELL_END.sub("\t", _BLOCK_END.sub("\n", value or ""))
    text = html.unescape(nh3.clean(marked, tags=set()))
    lines = [line.strip() for line in text.replace("\r", "").split("\n")]
    return _BLANK_LINES.sub("\n", "\n".join(lines)).strip()


def text_diff(before: str, after: str) -> str:
    """A unified diff of two plain texts, line by line, without file headers ('' when equal)."""
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=2)
    return "\n".join(line for line in lines if not line.startswith(("---", "+++")))
