"""Word in: read a DOCX report into blocks, match its headings to a template's sections, plan the import.

``parse_docx`` turns the document into blocks in reading order (headings, paragraphs, lists, tables) with
sanitised HTML. ``match_sections`` assigns the content under each heading to the section the heading names;
whatever matches nothing is kept in an *unplaced* part, never dropped. The plan is a value: the user moves
parts between sections (``apply_moves``) and confirms; the caller then saves ``assignments`` and
``unplaced_html``.

Headings are found two ways, because Vietnamese government documents often use bold numbered paragraphs
instead of heading styles:

* *certain* headings: a Heading/Title style (also Vietnamese style names such as "Tiêu đề 1"), or an
  outline level; or a short bold (or all-capitals) paragraph that starts with numbering ("I.", "1.1.", "a)",
  "Phần II");
* *possible* headings: a short bold paragraph without numbering, or with Word's automatic numbering. These
  count as headings only when they name a section; otherwise they stay ordinary paragraphs, so a bold list
  item never splits a section.

Matching (``headings.SectionMatcher``) compares normal forms with each section's titles and aliases in
both languages: exactly first, then by word overlap with typo-tolerant words (difflib), see
``headings.FUZZY_THRESHOLD``.

Not imported: images, text boxes' layout (their text is kept), headers, footers, footnotes and comments.
Lists are flattened to one level.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

import docx
import nh3
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from rightstrack.reporting import headings
from rightstrack.reporting.headings import FUZZY_THRESHOLD, MatchHow, SectionMatcher, SectionSpec
from rightstrack.reporting.upload_checks import DEFAULT_MAX_BYTES, DOCX, check_bytes

UNPLACED = "unplaced"

POSSIBLE_HEADING_THRESHOLD = 0.85
"""A bold line without numbering is often mere emphasis: it becomes a heading on an exact match, or on a
fuzzy one this close."""

MAX_HEADING_CHARS = 200
MAX_HEADING_WORDS = 30
MAX_POSSIBLE_HEADING_WORDS = 15
BOLD_SHARE = 0.8  # share of a paragraph's letters that must be bold for it to read as a bold heading

ALLOWED_TAGS = {"p", "br", "strong", "em", "u", "ul", "ol", "li", "table", "tr", "th", "td", "h3", "h4", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

_STYLE_HEADING = re.compile(
    r"^(?:heading|tieu de|dau de|de muc|tieu de muc|titre|uberschrift|encabezado|kop)\s*([1-9])$"
)
_STYLE_TITLE = {"title", "tieu de", "tua de", "ten tai lieu", "titre", "titel", "titulo"}
_FALSE_VALUES = {"0", "false", "off", "none"}
_SKIPPED_SUBTREES = {
    qn("w:del"),
    qn("w:moveFrom"),
    qn("w:txbxContent"),
    qn("w:pPr"),
    qn("w:rPr"),
    qn("w:instrText"),
    qn("w:delText"),
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
}
_WHITESPACE = re.compile(r"[ \t\r\f\v\u00a0]+")
_WHOLLY_BOLD = re.compile(r"<strong>(.*)</strong>", re.S)
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

BlockKind = Literal["heading", "paragraph", "list", "table"]


# Parsed document ------------------------------------------------------------------------------------------


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


def parse_docx(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedDocument:
    """Read a Word document into blocks; refuses anything ``upload_checks`` refuses, a document Word could not
    open (``corrupt``), one with no text (``no_text``) and one with no headings at all (``no_headings``)."""
    check_bytes(data, allowed={DOCX}, max_bytes=max_bytes)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = tuple(_Reader(document).blocks())
    except ValidationError:
        raise
    except Exception as error:  # noqa: BLE001 - malformed parts fail inside python-docx and lxml in many ways
        raise ValidationError(
            _(
                "This Word document is damaged and cannot be read. "
                "Open it in Word, save it again and upload it."
            ),
            code="corrupt",
        ) from error
    if not blocks:
        raise ValidationError(_("This Word document contains no text."), code="no_text")
    if not any(block.kind == "heading" for block in blocks):
        raise _no_headings()
    return ParsedDocument(blocks=blocks)


def _no_headings() -> ValidationError:
    return ValidationError(
        _(
            "No headings found in this document, so its text cannot be matched to the report's sections. "
            "Mark the section titles with Word's Heading styles, or number them in bold "
            "(“I.”, “1.”, “1.1.”), then upload it again."
        ),
        code="no_headings",
    )


@dataclass
class _Segment:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    href: str = ""


@dataclass
class _ListItem:
    ordered: bool
    html: str
    text: str


class _Reader:
    """Walks the document body once, resolving styles and numbering as Word would for what matters here."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.part = document.part
        styles_element = document.styles.element
        self.styles: dict[str, Any] = {
            style.get(qn("w:styleId")): style for style in styles_element.iterchildren(qn("w:style"))
        }
        self.default_paragraph_style = next(
            (
                style_id
                for style_id, style in self.styles.items()
                if style.get(qn("w:type")) == "paragraph"
                and style.get(qn("w:default")) in ("1", "true", "on")
            ),
            None,
        )
        defaults = styles_element.find(qn("w:docDefaults"))
        self.default_rpr = (
            defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
        )
        self.numbering = self._numbering_formats()

    # Body ------------------------------------------------------------------------------------------------

    def blocks(self) -> Iterator[Block]:
        pending: list[_ListItem] = []
        for element in self._block_elements(self.document.element.body):
            if element.tag == qn("w:tbl"):
                yield from _flush_list(pending)
                table_html, table_text = self._table(element)
                if table_text.strip():
                    yield Block("table", table_text, _clean(table_html))
                continue
            for kind, block_or_item in self._paragraph(element):
                if kind == "item":
                    assert isinstance(block_or_item, _ListItem)
                    if pending and pending[-1].ordered != block_or_item.ordered:
                        yield from _flush_list(pending)
                    pending.append(block_or_item)
                else:
                    assert isinstance(block_or_item, Block)
                    yield from _flush_list(pending)
                    yield block_or_item
        yield from _flush_list(pending)

    def _block_elements(self, parent: Any) -> Iterator[Any]:
        """Paragraphs and tables in order, looking through content controls and custom XML wrappers."""
        for child in parent.iterchildren():
            if child.tag in (qn("w:p"), qn("w:tbl")):
                yield child
            elif child.tag in (qn("w:sdt"), qn("w:customXml"), qn("w:sdtContent"), qn("w:ins")):
                content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
                if content is not None:
                    yield from self._block_elements(content)

    def _paragraph(self, p: Any) -> Iterator[tuple[str, Block | _ListItem]]:
        segments = list(self._segments(p, self._paragraph_style_chain(p)))
        text = _plain(segments)
        if text:
            yield from self._classify(p, segments, text)
        for box in self._text_boxes(p):
            for inner in box.iter(qn("w:p")):
                inner_segments = list(self._segments(inner, self._paragraph_style_chain(inner)))
                inner_text = _plain(inner_segments)
                if inner_text:
                    yield (
                        "block",
                        Block("paragraph", inner_text, _clean(f"<p>{_inline_html(inner_segments)}</p>")),
                    )

    def _classify(
        self, p: Any, segments: list[_Segment], text: str
    ) -> Iterator[tuple[str, Block | _ListItem]]:
        chain = self._paragraph_style_chain(p)
        inline = _inline_html(segments)
        style_level = self._style_heading_level(p, chain)
        if style_level:
            yield "block", Block("heading", text, _clean(f"<p>{inline}</p>"), level=style_level)
            return
        num_id, ilvl = self._num_pr(p, chain)
        words = len(text.split())
        emphasised = _bold_share(segments) >= BOLD_SHARE or _is_upper(text)
        short = len(text) <= MAX_HEADING_CHARS and words <= MAX_HEADING_WORDS
        numbering = headings.split_numbering(text)
        if short and emphasised and numbering and numbering.kind != "bullet" and numbering.rest:
            yield "block", Block("heading", text, _clean(f"<p>{inline}</p>"), level=numbering.level)
            return
        ordered = num_id is not None and self.numbering.get((num_id, ilvl), "decimal") not in (
            "bullet",
            "none",
        )
        if emphasised and words <= MAX_POSSIBLE_HEADING_WORDS and not text.endswith((".", ";", ",")):
            if num_id is not None:
                level = ilvl + 1
                tag = "ol" if ordered else "ul"
                fallback = f"<{tag}><li>{inline}</li></{tag}>"  # what it stays if it names no section
            else:
                level = numbering.level if numbering is not None else 1 if _is_upper(text) else 2
                fallback = f"<p>{inline}</p>"
            yield "block", Block("heading", text, _clean(fallback), level=level, certain=False)
            return
        if num_id is not None:
            yield "item", _ListItem(ordered=ordered, html=inline, text=text)
            return
        yield "block", Block("paragraph", text, _clean(f"<p>{inline}</p>"))

    # Styles ----------------------------------------------------------------------------------------------

    def _style_chain(self, style_id: str | None) -> list[Any]:
        chain: list[Any] = []
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen and len(chain) < 20:
            seen.add(style_id)
            style = self.styles[style_id]
            chain.append(style)
            based_on = style.find(qn("w:basedOn"))
            style_id = based_on.get(qn("w:val")) if based_on is not None else None
        return chain

    def _paragraph_style_chain(self, p: Any) -> list[Any]:
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        style_id = style.get(qn("w:val")) if style is not None else self.default_paragraph_style
        return self._style_chain(style_id)

    def _style_heading_level(self, p: Any, chain: list[Any]) -> int | None:
        """The level from an outline level (paragraph, then style) or from the style's name."""
        outline = p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        for holder in [outline, *(s.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}") for s in chain)]:
            if holder is not None:
                value = holder.get(qn("w:val"), "")
                if value.isdigit() and int(value) < 9:
                    return int(value) + 1
                break  # level 9 ("body text") on the paragraph or its nearest style ends the search
        for style in chain[:1]:
            name_element = style.find(qn("w:name"))
            name = headings.fold(name_element.get(qn("w:val"), "") if name_element is not None else "")
            name = " ".join(name.casefold().split())
            if match := _STYLE_HEADING.match(name):
                return int(match.group(1))
            if name in _STYLE_TITLE:
                return 1
        return None

    def _num_pr(self, p: Any, chain: list[Any]) -> tuple[str | None, int]:
        for holder in [p, *chain]:
            num_pr = holder.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is None:
                continue
            num_id_element = num_pr.find(qn("w:numId"))
            ilvl_element = num_pr.find(qn("w:ilvl"))
            num_id = num_id_element.get(qn("w:val")) if num_id_element is not None else None
            ilvl_value = ilvl_element.get(qn("w:val"), "0") if ilvl_element is not None else "0"
            ilvl = int(ilvl_value) if ilvl_value.isdigit() else 0
            return (num_id if num_id not in (None, "0") else None), min(ilvl, 8)
        return None, 0

    def _numbering_formats(self) -> dict[tuple[str, int], str]:
        """(numId, level) → numFmt ("bullet", "decimal", "lowerLetter"...)."""
        try:
            numbering = self.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            # python-docx raises NotImplementedError for a document that has no numbering part at all.
            return {}
        abstract: dict[str, dict[int, str]] = {}
        for definition in numbering.iterchildren(qn("w:abstractNum")):
            levels: dict[int, str] = {}
            for lvl in definition.iterchildren(qn("w:lvl")):
                fmt = lvl.find(qn("w:numFmt"))
                ilvl = lvl.get(qn("w:ilvl"), "0")
                if ilvl.isdigit():
                    levels[int(ilvl)] = fmt.get(qn("w:val"), "decimal") if fmt is not None else "decimal"
            abstract[definition.get(qn("w:abstractNumId"), "")] = levels
        formats: dict[tuple[str, int], str] = {}
        for num in numbering.iterchildren(qn("w:num")):
            abstract_id = num.find(qn("w:abstractNumId"))
            if abstract_id is None:
                continue
            for ilvl, fmt in abstract.get(abstract_id.get(qn("w:val"), ""), {}).items():
                formats[(num.get(qn("w:numId"), ""), ilvl)] = fmt
        return formats

    def _flag(self, rpr_holders: Iterable[Any], tag: str) -> bool:
        """The first explicit on/off value of ``tag`` (w:b, w:i, w:u) among run properties, nearest first."""
        for rpr in rpr_holders:
            if rpr is None:
                continue
            element = rpr.find(qn(tag))
            if element is not None:
                value = (element.get(qn("w:val")) or "true").lower()
                return value not in _FALSE_VALUES
        return False

    # Runs ------------------------------------------------------------------------------------------------

    def _segments(self, p: Any, chain: list[Any]) -> Iterator[_Segment]:
        paragraph_rprs = [style.find(qn("w:rPr")) for style in chain] + [self.default_rpr]
        yield from self._walk_runs(p, paragraph_rprs, href="")

    def _walk_runs(self, element: Any, paragraph_rprs: list[Any], href: str) -> Iterator[_Segment]:
        for child in element.iterchildren():
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED_SUBTREES:
                continue
            if tag == qn("w:r"):
                yield from self._run(child, paragraph_rprs, href)
            elif tag == qn("w:hyperlink"):
                yield from self._walk_runs(child, paragraph_rprs, self._href(child) or href)
            elif tag != qn("w:p"):  # nested paragraphs only occur in text boxes, read separately
                yield from self._walk_runs(child, paragraph_rprs, href)

    def _run(self, run: Any, paragraph_rprs: list[Any], href: str) -> Iterator[_Segment]:
        rpr = run.find(qn("w:rPr"))
        char_style = rpr.find(qn("w:rStyle")) if rpr is not None else None
        char_chain = self._style_chain(char_style.get(qn("w:val")) if char_style is not None else None)
        holders = [rpr, *(s.find(qn("w:rPr")) for s in char_chain), *paragraph_rprs]
        bold, italic = self._flag(holders, "w:b"), self._flag(holders, "w:i")
        underline = False
        for holder in holders:
            u = holder.find(qn("w:u")) if holder is not None else None
            if u is not None:
                underline = (u.get(qn("w:val")) or "single") != "none"
                break
        parts: list[str] = []
        for child in run.iterchildren():
            tag = child.tag
            if tag == qn("w:t"):
                parts.append(child.text or "")
            elif tag == qn("w:tab") or tag == qn("w:ptab"):
                parts.append(" ")
            elif tag == qn("w:br") or tag == qn("w:cr"):
                if child.get(qn("w:type")) not in ("page", "column"):
                    parts.append("\n")
            elif tag == qn("w:noBreakHyphen"):
                parts.append("-")
            elif tag == qn("w:softHyphen"):
                continue
            elif tag == qn("w:sym"):
                code = child.get(qn("w:char"), "")
                if re.fullmatch(r"[0-9A-Fa-f]{4}", code) and not code.upper().startswith("F0"):
                    parts.append(chr(int(code, 16)))
        text = _XML_ILLEGAL.sub("", "".join(parts))
        if text:
            yield _Segment(text=text, bold=bold, italic=italic, underline=underline, href=href)

    def _href(self, hyperlink: Any) -> str:
        rel_id = hyperlink.get(qn("r:id"))
        if not rel_id:
            return ""
        rel = self.part.rels.get(rel_id)
        if rel is None or not rel.is_external or rel.reltype != RT.HYPERLINK:
            return ""
        target = str(rel.target_ref)
        return target if re.match(r"(?i)^(https?:|mailto:)", target) else ""

    def _text_boxes(self, p: Any) -> list[Any]:
        boxes = []
        for box in p.iter(qn("w:txbxContent")):
            ancestor = box.getparent()
            inside_fallback = False
            while ancestor is not None and ancestor is not p:
                if ancestor.tag == "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback":
                    inside_fallback = True
                    break
                ancestor = ancestor.getparent()
            nested = any(a.tag == qn("w:txbxContent") for a in box.iterancestors())
            if not inside_fallback and not nested:
                boxes.append(box)
        return boxes

    # Tables ----------------------------------------------------------------------------------------------

    def _table(self, tbl: Any) -> tuple[str, str]:
        rows = [row for row in self._children(tbl, qn("w:tr"))]
        grid: list[list[dict[str, Any]]] = []
        for row in rows:
            header = row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
            cells: list[dict[str, Any]] = []
            column = 0
            for tc in self._children(row, qn("w:tc")):
                tc_pr = tc.find(qn("w:tcPr"))
                span_element = tc_pr.find(qn("w:gridSpan")) if tc_pr is not None else None
                span_value = span_element.get(qn("w:val"), "1") if span_element is not None else "1"
                span = max(1, min(int(span_value), 1000)) if span_value.isdigit() else 1
                merge_element = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
                merge = None
                if merge_element is not None:
                    merge = "restart" if merge_element.get(qn("w:val")) == "restart" else "continue"
                cell_html, cell_text = self._cell(tc)
                cells.append(
                    {"html": cell_html, "text": cell_text, "span": span, "merge": merge, "column": column,
                     "header": header, "rowspan": 1}
                )  # fmt: skip
                column += span
            grid.append(cells)
        for r, cells in enumerate(grid):
            for cell in cells:
                if cell["merge"] != "restart":
                    continue
                for below in grid[r + 1 :]:
                    continued = next(
                        (c for c in below if c["column"] == cell["column"] and c["merge"] == "continue"), None
                    )
                    if continued is None:
                        break
                    cell["rowspan"] += 1
                    if continued["text"].strip():  # text in a merged-away cell is kept in the merged one
                        cell["html"] += "<br>" + continued["html"]
                        cell["text"] += "\n" + continued["text"]
                    continued["merged"] = True
        out = ["<table>"]
        texts: list[str] = []
        for cells in grid:
            out.append("<tr>")
            row_texts = []
            for cell in cells:
                if cell.get("merged") or (cell["merge"] == "continue" and not cell["text"].strip()):
                    continue
                tag = "th" if cell["header"] else "td"
                content = cell["html"]
                if tag == "th" and (whole := _WHOLLY_BOLD.fullmatch(content)) and "<strong>" not in whole[1]:
                    content = whole[1]  # header cells are bold anyway
                attributes = ""
                if cell["span"] > 1:
                    attributes += f' colspan="{cell["span"]}"'
                if cell["rowspan"] > 1:
                    attributes += f' rowspan="{cell["rowspan"]}"'
                out.append(f"<{tag}{attributes}>{content}</{tag}>")
                row_texts.append(cell["text"])
            out.append("</tr>")
            texts.append("\t".join(row_texts))
        out.append("</table>")
        return "".join(out), "\n".join(texts)

    def _children(self, parent: Any, tag: str) -> Iterator[Any]:
        for child in parent.iterchildren():
            if child.tag == tag:
                yield child
            elif child.tag in (qn("w:sdt"), qn("w:customXml")):
                content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
                if content is not None:
                    yield from self._children(content, tag)

    def _cell(self, tc: Any) -> tuple[str, str]:
        html_parts: list[str] = []
        texts: list[str] = []
        for element in self._block_elements(tc):
            if element.tag == qn("w:tbl"):
                inner_html, inner_text = self._table(element)
                html_parts.append(inner_html)
                texts.append(inner_text)
                continue
            segments = list(self._segments(element, self._paragraph_style_chain(element)))
            text = _plain(segments)
            if text:
                html_parts.append(_inline_html(segments))
                texts.append(text)
        joined = ""
        for index, part in enumerate(html_parts):
            if index and not part.startswith("<table>") and not html_parts[index - 1].startswith("<table>"):
                joined += "<br>"
            joined += part
        return joined, "\n".join(texts)


def _flush_list(pending: list[_ListItem]) -> Iterator[Block]:
    if not pending:
        return
    tag = "ol" if pending[0].ordered else "ul"
    items = "".join(f"<li>{item.html}</li>" for item in pending)
    yield Block("list", "\n".join(item.text for item in pending), _clean(f"<{tag}>{items}</{tag}>"))
    pending.clear()


def _plain(segments: Sequence[_Segment]) -> str:
    text = "".join(segment.text for segment in segments)
    lines = [_WHITESPACE.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _bold_share(segments: Sequence[_Segment]) -> float:
    letters = sum(len(s.text.replace(" ", "")) for s in segments)
    bold = sum(len(s.text.replace(" ", "")) for s in segments if s.bold)
    return bold / letters if letters else 0.0


def _is_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and all(not ch.islower() for ch in letters)


def _inline_html(segments: Sequence[_Segment]) -> str:
    """Adjacent runs with the same formatting merged; <a> outside <strong> outside <em> outside <u>."""
    merged: list[_Segment] = []
    for segment in segments:
        previous = merged[-1] if merged else None
        if previous and (previous.bold, previous.italic, previous.underline, previous.href) == (
            segment.bold,
            segment.italic,
            segment.underline,
            segment.href,
        ):
            previous.text += segment.text
        else:
            merged.append(
                _Segment(segment.text, segment.bold, segment.italic, segment.underline, segment.href)
            )
    out = []
    for index, segment in enumerate(merged):
        text = segment.text
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


def _clean(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def html_to_text(fragment: str) -> str:
    """Plain text of a fragment: one line per block, for previews and checks."""
    marked = re.sub(r"(?i)</(p|li|tr|h3|h4|table|ul|ol)>|<br\s*/?>", "\n", fragment)
    marked = re.sub(r"(?i)</t[dh]>", "\t", marked)
    text = html.unescape(nh3.clean(marked, tags=set()))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


# Sections and matching ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeadingMatch:
    """What the matcher decided for one heading, for the preview."""

    part_id: str
    text: str
    level: int
    section_key: str | None
    score: float
    how: MatchHow


@dataclass(frozen=True)
class ImportPart:
    """Consecutive content that moves as one: the text under one heading (or before the first)."""

    id: str
    target: str  # a section key or UNPLACED
    suggested: str  # the target the matcher chose
    heading: str  # the document's heading ("" for text before the first heading)
    body_html: str
    heading_in_body: bool  # an unmatched heading is already part of the body as <h3>/<h4>

    @property
    def html(self) -> str:
        """The part's HTML where it now goes: in the unplaced part, a matched heading is kept as <h3>."""
        if self.target == UNPLACED and self.heading and not self.heading_in_body:
            return f"<h3>{html.escape(self.heading)}</h3>{self.body_html}"
        return self.body_html

    @property
    def text(self) -> str:
        return html_to_text(self.html)


@dataclass(frozen=True)
class ImportPlan:
    parts: tuple[ImportPart, ...]
    matches: tuple[HeadingMatch, ...]
    section_keys: tuple[str, ...]

    @property
    def assignments(self) -> dict[str, str]:
        """Section key → HTML, in template order, only sections that receive something."""
        collected: dict[str, list[str]] = {key: [] for key in self.section_keys}
        for part in self.parts:
            if part.target != UNPLACED and part.html:
                collected[part.target].append(part.html)
        return {key: "".join(chunks) for key, chunks in collected.items() if chunks}

    @property
    def unplaced_html(self) -> str:
        return "".join(part.html for part in self.parts if part.target == UNPLACED)

    def part(self, part_id: str) -> ImportPart:
        for part in self.parts:
            if part.id == part_id:
                return part
        raise ValidationError(
            _("This part of the document no longer exists; upload the document again."), code="unknown_part"
        )

    def move(self, part_id: str, to_key: str) -> ImportPlan:
        """A new plan with one part moved to a section (or to UNPLACED)."""
        return apply_moves(self, {part_id: to_key})


def apply_moves(plan: ImportPlan, moves: Mapping[str, str]) -> ImportPlan:
    """A new plan with each part in ``moves`` sent to the section key given (or UNPLACED); refuses unknown
    parts (``unknown_part``) and sections (``unknown_section``) without changing anything."""
    for part_id, to_key in moves.items():
        plan.part(part_id)
        if to_key != UNPLACED and to_key not in plan.section_keys:
            raise ValidationError(
                _("There is no section “%(key)s” in this report's template.") % {"key": to_key},
                code="unknown_section",
            )
    parts = tuple(replace(part, target=moves[part.id]) if part.id in moves else part for part in plan.parts)
    return replace(plan, parts=parts)


def match_sections(parsed: ParsedDocument, sections: Sequence[SectionSpec]) -> ImportPlan:
    """Assign the content under each heading to the section it names (see the module docstring).

    Content before the first heading, and under a heading that names no section, goes to UNPLACED with that
    heading kept as <h3>. An unmatched heading deeper than the matched heading above it is a sub-heading: it
    and its content stay in that section, as <h3>/<h4>.
    """
    matcher = SectionMatcher(sections)
    builders: list[dict[str, Any]] = []
    matches: list[HeadingMatch] = []
    section_target: str = UNPLACED  # the section the last matched heading opened
    section_level = 0
    top_section: str | None = None  # the level-1 section being read, to prefer its sub-sections
    sub_levels: list[int] = []  # levels of the unmatched sub-headings open inside the current section

    def open_part(target: str, heading: str, heading_in_body: bool, body: str = "") -> dict[str, Any]:
        builder = {
            "id": f"part-{len(builders) + 1}",
            "target": target,
            "heading": heading,
            "heading_in_body": heading_in_body,
            "body": [body] if body else [],
        }
        builders.append(builder)
        return builder

    current: dict[str, Any] | None = None
    any_heading = False
    for block in parsed.blocks:
        if block.kind != "heading":
            current = current or open_part(UNPLACED, "", False)
            current["body"].append(block.html)
            continue
        key, score, how = matcher.match(block.text, context=top_section)
        if not block.certain and how == "fuzzy" and score < POSSIBLE_HEADING_THRESHOLD:
            key, how = None, "none"
        if key is None and not block.certain:
            current = current or open_part(UNPLACED, "", False)
            current["body"].append(block.html)
            continue
        any_heading = True
        if key is not None:
            current = open_part(key, block.text, False)
            section_target, section_level = key, block.level
            top_section = matcher.parents.get(key) or key
        elif section_target != UNPLACED and block.level > section_level:
            while sub_levels and sub_levels[-1] >= block.level:
                sub_levels.pop()
            sub_levels.append(block.level)
            tag = "h3" if len(sub_levels) == 1 else "h4"
            current = open_part(section_target, block.text, True, f"<{tag}>{html.escape(block.text)}</{tag}>")
            matches.append(HeadingMatch(current["id"], block.text, block.level, key, score, how))
            continue
        else:
            current = open_part(UNPLACED, block.text, True, f"<h3>{html.escape(block.text)}</h3>")
            section_target, section_level, top_section = UNPLACED, block.level, None
        sub_levels = []
        matches.append(HeadingMatch(current["id"], block.text, block.level, key, score, how))
    if not any_heading:
        raise _no_headings()
    parts = tuple(
        ImportPart(
            id=b["id"],
            target=b["target"],
            suggested=b["target"],
            heading=b["heading"],
            body_html="".join(b["body"]),
            heading_in_body=b["heading_in_body"],
        )
        for b in builders
    )
    return ImportPlan(parts=parts, matches=tuple(matches), section_keys=tuple(s.key for s in sections))


def import_docx(
    data: bytes, sections: Sequence[SectionSpec], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> ImportPlan:
    """``parse_docx`` then ``match_sections``: the plan to preview."""
    return match_sections(parse_docx(data, max_bytes=max_bytes), sections)


__all__ = [
    "FUZZY_THRESHOLD",
    "UNPLACED",
    "Block",
    "HeadingMatch",
    "ImportPart",
    "ImportPlan",
    "ParsedDocument",
    "SectionSpec",
    "apply_moves",
    "html_to_text",
    "import_docx",
    "match_sections",
    "parse_docx",
]
