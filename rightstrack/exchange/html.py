"""The one HTML policy: what report text may contain, and its plain text.

Every HTML fragment that comes from a user or a file passes ``sanitize_html`` before it is stored or shown;
the writers (Word, PDF) render exactly these tags. ``html_to_text`` is the text people read in previews,
diffs and checks.
"""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = frozenset(
    {"h2", "h3", "h4", "p", "br", "strong", "em", "u", "ul", "ol", "li", "table", "thead", "tbody", "tr",
     "th", "td", "blockquote", "a"}
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
_BLOCK_END = re.compile(r"</(p|h2|h3|h4|li|tr|blockquote|table|ul|ol)>|<br\s*/?>", re.IGNORECASE)
_CELL_END = re.compile(r"</(td|th)>", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n\s*\n+")


def sanitize_html(raw: str) -> str:
    """Keep headings, paragraphs, emphasis, lists, tables, quotes and http(s)/mailto links; drop the rest."""
    cleaned = nh3.clean(
        raw or "",
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer",
    )
    return cleaned.strip()


def html_to_text(value: str) -> str:
    """Readable plain text: one line per block, cells separated by tabs, entities decoded, no blank lines."""
    marked = _CELL_END.sub("\t", _BLOCK_END.sub("\n", value or ""))
    text = html.unescape(nh3.clean(marked, tags=set()))
    lines = [line.strip() for line in text.replace("\r", "").split("\n")]
    return _BLANK_LINES.sub("\n", "\n".join(lines)).strip()


def html_has_text(fragment: str) -> bool:
    """Whether a fragment has any text at all (an empty paragraph or a lone <br> has none)."""
    return bool(html_to_text(fragment))
