"""Word in: read a DOCX document into blocks of sanitised HTML, finding its headings.

``parse_docx`` turns the document into blocks in reading order (headings, paragraphs, lists, tables) with
sanitised HTML; ``import_plan.match_sections`` then assigns them to an outline's sections.

It works within a budget it enforces itself (see ``parse_docx``): the upload checks bound every part's
unpacked size, a streaming count of the XML refuses a document with too many elements, paragraphs, runs
or characters before python-docx builds its tree, and the walk stops past a time limit. Peak memory
measured in docs/benchmarks.md.

Headings are found two ways, because Vietnamese government documents often use bold numbered paragraphs
instead of heading styles:

* *certain* headings: a Heading/Title style (also Vietnamese style names such as "Tiêu đề 1"), or an
  outline level; or a short bold (or all-capitals) paragraph that starts with numbering ("I.", "1.1.", "a)",
  "Phần II");
* *possible* headings: a short bold paragraph without numbering, or with Word's automatic numbering. These
  count as headings only when they name a section; otherwise they stay ordinary paragraphs, so a bold list
  item never splits a section.

Not imported: images, text boxes' layout (their text is kept), headers, footers, footnotes and comments.
Lists are flattened to one level.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from collections.abc import Iterator
from typing import Any

import docx
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from rightstrack.exchange.docx_blocks import (
    Block,
    ListItem,
    ParsedDocument,
    Segment,
    bold_share,
    flush_list,
    inline_html,
    is_upper,
    plain,
    qn,
)
from rightstrack.exchange.docx_styles import WordStyles
from rightstrack.exchange.headings import split_numbering
from rightstrack.exchange.html import sanitize_html
from rightstrack.exchange.uploads import DEFAULT_MAX_BYTES, DOCX, check_bytes, check_xml_budget

MAX_HEADING_CHARS = 200
MAX_HEADING_WORDS = 30
MAX_POSSIBLE_HEADING_WORDS = 15
BOLD_SHARE = 0.8  # share of a paragraph's letters that must be bold for it to read as a bold heading

# The budget: far above any real report, far below what takes a worker down (an element costs ~200 bytes
# once parsed, up to ~380 with attributes, so 500,000 stay under ~200 MB). Measured in docs/benchmarks.md.
MAX_ELEMENTS = 500_000  # in all the XML parts, counted before python-docx parses any
MAX_PARAGRAPHS = 100_000
MAX_RUNS = 200_000
MAX_CHARACTERS = 10_000_000
PARSE_SECONDS = 60.0  # the walk stops here, whatever the counts said
_CHECK_EVERY = 500  # elements between two looks at the clock

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
_WHOLLY_BOLD = re.compile(r"<strong>(.*)</strong>", re.S)
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def parse_docx(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedDocument:
    """Read a Word document into blocks; refuses anything ``uploads`` refuses, a document over the budget
    (``too_complex``), one Word could not open (``corrupt``), one with no text (``no_text``) and one with no
    headings at all (``no_headings``)."""
    check_bytes(data, allowed={DOCX}, max_bytes=max_bytes)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if not check_xml_budget(archive, MAX_ELEMENTS):
                raise too_complex()
        document = docx.Document(io.BytesIO(data))
        blocks = tuple(_Reader(document, deadline=time.monotonic() + PARSE_SECONDS).blocks())
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
        raise no_headings()
    return ParsedDocument(blocks=blocks)


def too_complex() -> ValidationError:
    return ValidationError(
        _(
            "This Word document is too large to import at once. "
            "Split it into smaller documents and import them one after the other."
        ),
        code="too_complex",
    )


def no_headings() -> ValidationError:
    return ValidationError(
        _(
            "No headings found in this document, so its text cannot be matched to the report's sections. "
            "Mark the section titles with Word's Heading styles, or number them in bold "
            "(“I.”, “1.”, “1.1.”), then upload it again."
        ),
        code="no_headings",
    )


class _Reader:
    """Walks the document body once, resolving styles and numbering as Word would for what matters here."""

    def __init__(self, document: Any, *, deadline: float) -> None:
        self.document = document
        self.part = document.part
        self.styles = WordStyles(document)
        self.deadline = deadline
        self.steps = self.paragraphs = self.runs = self.characters = 0

    # Body ------------------------------------------------------------------------------------------------

    def blocks(self) -> Iterator[Block]:
        pending: list[ListItem] = []
        for element in self._block_elements(self.document.element.body):
            if element.tag == qn("w:tbl"):
                yield from flush_list(pending)
                table_html, table_text = self._table(element)
                if table_text.strip():
                    yield Block("table", table_text, sanitize_html(table_html))
                continue
            for kind, block_or_item in self._paragraph(element):
                if kind == "item":
                    assert isinstance(block_or_item, ListItem)
                    if pending and pending[-1].ordered != block_or_item.ordered:
                        yield from flush_list(pending)
                    pending.append(block_or_item)
                else:
                    assert isinstance(block_or_item, Block)
                    yield from flush_list(pending)
                    yield block_or_item
        yield from flush_list(pending)

    def _tick(self) -> None:
        """Stop a walk that runs past the time limit (the counts bound it; this is the backstop)."""
        self.steps += 1
        if self.steps % _CHECK_EVERY == 0 and time.monotonic() > self.deadline:
            raise too_complex()

    def _block_elements(self, parent: Any) -> Iterator[Any]:
        """Paragraphs and tables in order, looking through content controls and custom XML wrappers."""
        for child in parent.iterchildren():
            if child.tag in (qn("w:p"), qn("w:tbl")):
                self.paragraphs += 1
                if self.paragraphs > MAX_PARAGRAPHS:
                    raise too_complex()
                self._tick()
                yield child
            elif child.tag in (qn("w:sdt"), qn("w:customXml"), qn("w:sdtContent"), qn("w:ins")):
                content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
                if content is not None:
                    yield from self._block_elements(content)

    def _paragraph(self, p: Any) -> Iterator[tuple[str, Block | ListItem]]:
        segments = list(self._segments(p, self.styles.paragraph_chain(p)))
        text = plain(segments)
        if text:
            yield from self._classify(p, segments, text)
        for box in self._text_boxes(p):
            for inner in box.iter(qn("w:p")):
                inner_segments = list(self._segments(inner, self.styles.paragraph_chain(inner)))
                inner_text = plain(inner_segments)
                if inner_text:
                    yield (
                        "block",
                        Block(
                            "paragraph", inner_text, sanitize_html(f"<p>{inline_html(inner_segments)}</p>")
                        ),
                    )

    def _classify(self, p: Any, segments: list[Segment], text: str) -> Iterator[tuple[str, Block | ListItem]]:
        chain = self.styles.paragraph_chain(p)
        inline = inline_html(segments)
        style_level = self.styles.heading_level(p, chain)
        if style_level:
            yield "block", Block("heading", text, sanitize_html(f"<p>{inline}</p>"), level=style_level)
            return
        num_id, ilvl = self.styles.num_pr(p, chain)
        words = len(text.split())
        emphasised = bold_share(segments) >= BOLD_SHARE or is_upper(text)
        short = len(text) <= MAX_HEADING_CHARS and words <= MAX_HEADING_WORDS
        numbering = split_numbering(text)
        if short and emphasised and numbering and numbering.kind != "bullet" and numbering.rest:
            yield "block", Block("heading", text, sanitize_html(f"<p>{inline}</p>"), level=numbering.level)
            return
        ordered = num_id is not None and self.styles.numbering.get((num_id, ilvl), "decimal") not in (
            "bullet",
            "none",
        )
        possible = words <= MAX_POSSIBLE_HEADING_WORDS and len(text) <= MAX_HEADING_CHARS
        if emphasised and possible and not text.endswith((".", ";", ",")):
            if num_id is not None:
                level = ilvl + 1
                tag = "ol" if ordered else "ul"
                fallback = f"<{tag}><li>{inline}</li></{tag}>"  # what it stays if it names no section
            else:
                level = numbering.level if numbering is not None else 1 if is_upper(text) else 2
                fallback = f"<p>{inline}</p>"
            yield "block", Block("heading", text, sanitize_html(fallback), level=level, certain=False)
            return
        if num_id is not None:
            yield "item", ListItem(ordered=ordered, html=inline, text=text)
            return
        yield "block", Block("paragraph", text, sanitize_html(f"<p>{inline}</p>"))

    # Styles ----------------------------------------------------------------------------------------------

    def _segments(self, p: Any, chain: list[Any]) -> Iterator[Segment]:
        paragraph_rprs = [style.find(qn("w:rPr")) for style in chain] + [self.styles.default_rpr]
        yield from self._walk_runs(p, paragraph_rprs, href="")

    def _walk_runs(self, element: Any, paragraph_rprs: list[Any], href: str) -> Iterator[Segment]:
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

    def _run(self, run: Any, paragraph_rprs: list[Any], href: str) -> Iterator[Segment]:
        self.runs += 1
        if self.runs > MAX_RUNS:
            raise too_complex()
        self._tick()
        rpr = run.find(qn("w:rPr"))
        char_style = rpr.find(qn("w:rStyle")) if rpr is not None else None
        char_chain = self.styles.chain(char_style.get(qn("w:val")) if char_style is not None else None)
        holders = [rpr, *(s.find(qn("w:rPr")) for s in char_chain), *paragraph_rprs]
        bold, italic = self.styles.flag(holders, "w:b"), self.styles.flag(holders, "w:i")
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
        self.characters += len(text)
        if self.characters > MAX_CHARACTERS:
            raise too_complex()
        if text:
            yield Segment(text=text, bold=bold, italic=italic, underline=underline, href=href)

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
            segments = list(self._segments(element, self.styles.paragraph_chain(element)))
            text = plain(segments)
            if text:
                html_parts.append(inline_html(segments))
                texts.append(text)
        joined = ""
        for index, part in enumerate(html_parts):
            if index and not part.startswith("<table>") and not html_parts[index - 1].startswith("<table>"):
                joined += "<br>"
            joined += part
        return joined, "\n".join(texts)
