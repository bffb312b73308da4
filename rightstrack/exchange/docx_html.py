"""HTML of the one policy written into Word: ``HtmlToDocx`` walks the sanitized HTML and adds paragraphs,
runs, lists, links, pictures and tables to a python-docx document (used by ``docx_writer``). Pure."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import lxml.html
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml.etree import SubElement

from rightstrack.exchange.document import xml_text
from rightstrack.exchange.html import sanitize_html
from rightstrack.exchange.official import FIRST_LINE_INDENT_CM

MAX_TABLE_CELLS = 10_000  # a table in section HTML larger than this is written as text, not as a Word table
_RUN = qn("w:r")


class HtmlToDocx:
    """Writes the section HTML (paragraphs, headings, emphasis, links, lists, tables) into a Word container:
    the document itself or a table cell.

    The WordprocessingML is built with lxml directly, not through python-docx's objects: python-docx looks
    the whole style list up on every ``paragraph.style = …`` and scans the body for its section properties on
    every ``add_paragraph``, which made a 600-page pack take most of a minute (docs/benchmarks.md). Here
    styles are looked up once per writer and a paragraph is put before the body's ``w:sectPr`` directly.

    ``justify``: plain paragraphs written into the document itself (not into cells, lists or quotes) are
    justified with the first line indented, as an administrative document sets its body
    (``exchange.official``).
    """

    def __init__(self, document: Any, *, heading_base: int = 1, justify: bool = False) -> None:
        self.document = document
        self.heading_base = heading_base
        self.justify = justify
        self._styles: dict[tuple[str, str], str] = {}
        self._links: dict[str, str] = {}
        self._body = document.element.body
        self._grid_twips = _text_width_twips(document)

    def write(self, fragment: str, container: Any = None) -> None:
        cleaned = sanitize_html(fragment)
        if not cleaned.strip():
            return
        root = lxml.html.fragment_fromstring(cleaned, create_parent="div")
        self._blocks(root, self._sink(container), depth=0)

    # Where elements go -------------------------------------------------------------------------------

    def sink(self, container: Any = None) -> _Sink:
        """Where blocks go: the document's body (``None``) or a table cell."""
        return self._sink(container)

    def _sink(self, container: Any) -> _Sink:
        if container is None or container is self.document:
            return _Sink(self._body, top=True)
        element = getattr(container, "_tc", None)
        if element is None:
            element = getattr(container, "_element", container)
        return _Sink(element, top=False)

    def add_paragraph(self, sink: _Sink, style: str | None = None, *, plain: bool = False) -> Any:
        """A new ``w:p`` at the end of ``sink``, in the style whose id is ``style``; a ``plain`` one
        justified with its first line indented when the writer was asked to (``justify``)."""
        paragraph = OxmlElement("w:p")
        if style is not None or (plain and self.justify and sink.top):
            properties = SubElement(paragraph, qn("w:pPr"))
            if style is not None:
                SubElement(properties, qn("w:pStyle")).set(qn("w:val"), style)
            else:
                SubElement(properties, qn("w:ind")).set(qn("w:firstLine"), str(FIRST_LINE_TWIPS))
                SubElement(properties, qn("w:jc")).set(qn("w:val"), "both")
        sink.add(paragraph)
        return paragraph

    def heading(self, text: str, level: int, sink: _Sink | None = None) -> Any:
        paragraph = self.add_paragraph(sink or _Sink(self._body, top=True), self._style(f"Heading {level}"))
        _text_run(paragraph, xml_text(text))
        return paragraph

    # Blocks ----------------------------------------------------------------------------------------------

    def _blocks(self, parent: Any, sink: _Sink, depth: int) -> None:
        loose: list[Any] = []  # inline content between blocks, gathered into one paragraph
        if parent.text and parent.text.strip():
            loose.append(parent.text)
        for child in parent:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in _BLOCK_TAGS:
                self._flush(loose, sink)
                self._block(child, sink, depth)
                if child.tail and child.tail.strip():
                    loose.append(child.tail)
            elif tag == "br" and not loose:
                if child.tail and child.tail.strip():
                    loose.append(child.tail)
            else:
                loose.append(child)
        self._flush(loose, sink)

    def _flush(self, loose: list[Any], sink: _Sink) -> None:
        if not loose:
            return
        paragraph = self.add_paragraph(sink, plain=True)
        for item in loose:
            if isinstance(item, str):
                self._run(paragraph, item, {})
            else:
                self._inline(item, paragraph, {})
                if item.tail:
                    self._run(paragraph, item.tail, {})
        loose.clear()

    def _block(self, element: Any, sink: _Sink, depth: int) -> None:
        tag = element.tag
        if tag in ("h2", "h3", "h4"):
            text = xml_text(" ".join(element.text_content().split()))
            if not text:
                return
            if sink.top:
                # Below the template's Heading 1/2 whatever the section's level, so they never pass for one.
                self.heading(text, 4 if tag == "h4" else 3, sink)
            else:
                _text_run(self.add_paragraph(sink), text, bold=True)
        elif tag in ("p", "blockquote"):
            quote = tag == "blockquote" and sink.top
            paragraph = self.add_paragraph(sink, self._style("Quote") if quote else None, plain=not quote)
            self._inline_children(element, paragraph, {})
        elif tag in ("ul", "ol"):
            self._list(element, sink, ordered=tag == "ol", depth=depth)
        elif tag == "li":  # a stray item outside a list
            self._list_item(element, sink, ordered=False, depth=depth)
        elif tag in ("table", "thead", "tbody", "tr"):
            self._table(element, sink)

    def _list(self, element: Any, sink: _Sink, *, ordered: bool, depth: int) -> None:
        for item in element:
            if item.tag == "li":
                self._list_item(item, sink, ordered=ordered, depth=depth)
            elif item.tag in ("ul", "ol"):
                self._list(item, sink, ordered=item.tag == "ol", depth=depth + 1)

    def _list_item(self, item: Any, sink: _Sink, *, ordered: bool, depth: int) -> None:
        base = "List Number" if ordered else "List Bullet"
        style_name = base if depth == 0 else f"{base} {min(depth + 1, 3)}"
        style = self._style(style_name, base)
        paragraph = self.add_paragraph(sink, style)
        if item.text:
            self._run(paragraph, item.text, {})
        for child in item:
            if child.tag in ("ul", "ol"):
                self._list(child, sink, ordered=child.tag == "ol", depth=depth + 1)
                paragraph = self.add_paragraph(sink, style)  # text after a nested list continues the item
            elif child.tag in ("p", "blockquote"):
                if _has_runs(paragraph):
                    _break(paragraph)
                self._inline_children(child, paragraph, {})
            elif child.tag == "table":
                self._table(child, sink)
            else:
                self._inline(child, paragraph, {})
            if child.tail and child.tail.strip():
                self._run(paragraph, child.tail, {})
        if not _has_runs(paragraph):
            paragraph.getparent().remove(paragraph)

    def _style(self, name: str, fallback: str = "Normal") -> str:
        """A style's id by name (else its fallback's); looked up once per writer (python-docx searches every
        style on each lookup)."""
        key = (name, fallback)
        if key not in self._styles:
            styles = self.document.styles
            try:
                style = styles[name]
            except KeyError:
                try:
                    style = styles[fallback]
                except KeyError:
                    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            self._styles[key] = style.style_id
        return self._styles[key]

    # Tables ----------------------------------------------------------------------------------------------

    def _table(self, element: Any, sink: _Sink) -> None:
        rows = (
            [element]
            if element.tag == "tr"
            else [r for r in element.iter("tr") if _owning_table(r) is element]
        )
        if element.tag in ("thead", "tbody"):
            rows = [r for r in element if r.tag == "tr"]
        placed: dict[tuple[int, int], tuple[int, int, Any]] = {}  # (row, column) → rowspan, colspan, cell
        covered: dict[tuple[int, int], tuple[int, int]] = {}  # a grid slot → the origin of its cell
        columns = 0
        for r, row in enumerate(rows):
            c = 0
            for cell in row:
                if cell.tag not in ("td", "th"):
                    continue
                while (r, c) in covered:
                    c += 1
                rowspan = max(1, min(_int_attribute(cell, "rowspan"), len(rows) - r))
                colspan = max(1, min(_int_attribute(cell, "colspan"), 64))
                for dr in range(rowspan):
                    for dc in range(colspan):
                        covered[(r + dr, c + dc)] = (r, c)
                placed[(r, c)] = (rowspan, colspan, cell)
                c += colspan
            columns = max([columns, *(col + 1 for (row_index, col) in covered if row_index == r)])
        if not rows or not columns:
            return
        if len(rows) * columns > MAX_TABLE_CELLS:
            for row in rows:
                paragraph = self.add_paragraph(sink)
                _text_run(paragraph, xml_text("\t".join(c.text_content().strip() for c in row)))
            return
        width = max(self._grid_twips // columns, 1)
        table = self._table_element(columns, width)
        for r, row in enumerate(rows):
            tr = SubElement(table, qn("w:tr"))
            cells = [c for c in row if c.tag in ("td", "th")]
            if cells and all(c.tag == "th" for c in cells):
                SubElement(SubElement(tr, qn("w:trPr")), qn("w:tblHeader"))
            c = 0
            while c < columns:
                origin = covered.get((r, c))
                if origin is None:  # a slot no cell reaches: an empty cell, as Word would show it
                    _cell_element(tr, width, 1, None)
                    c += 1
                    continue
                rowspan, colspan, cell_element = placed[origin]
                if origin == (r, c):
                    tc = _cell_element(tr, width * colspan, colspan, "restart" if rowspan > 1 else None)
                    self._cell(tc, cell_element)
                else:  # the rows below the first of a merged cell: continued, empty
                    _cell_element(tr, width * colspan, colspan, "continue")
                c += colspan
        sink.add(table)
        if not sink.top:  # a cell must end with a paragraph
            sink.add(OxmlElement("w:p"))

    def plain_table(
        self, headers: Sequence[str], rows: Iterable[Sequence[str]], *, numeric: frozenset[int] = frozenset()
    ) -> None:
        """A table of text (a ``Table`` of the document): a header row repeated on each page, then the rows;
        ``numeric`` columns aligned right."""
        columns = len(headers)
        width = max(self._grid_twips // max(columns, 1), 1)
        table = self._table_element(columns, width)
        tr = SubElement(table, qn("w:tr"))
        SubElement(SubElement(tr, qn("w:trPr")), qn("w:tblHeader"))
        for text in headers:
            paragraph = _cell_element(tr, width, 1, None).find(_P)
            _text_run(paragraph, xml_text(text), bold=True)
        for values in rows:
            tr = SubElement(table, qn("w:tr"))
            for column, text in enumerate(values):
                paragraph = _cell_element(tr, width, 1, None).find(_P)
                if column in numeric:
                    SubElement(SubElement(paragraph, qn("w:pPr")), qn("w:jc")).set(qn("w:val"), "right")
                if text:
                    _text_run(paragraph, xml_text(text))
        self.sink().add(table)

    def _table_element(self, columns: int, width: int) -> Any:
        table = OxmlElement("w:tbl")
        properties = SubElement(table, qn("w:tblPr"))
        SubElement(properties, qn("w:tblStyle")).set(qn("w:val"), self._style("Table Grid"))
        table_width = SubElement(properties, qn("w:tblW"))
        table_width.set(qn("w:type"), "auto")
        table_width.set(qn("w:w"), "0")
        SubElement(properties, qn("w:jc")).set(qn("w:val"), "center")
        SubElement(properties, qn("w:tblLook")).set(qn("w:val"), "04A0")
        grid = SubElement(table, qn("w:tblGrid"))
        for _column in range(columns):
            SubElement(grid, qn("w:gridCol")).set(qn("w:w"), str(width))
        return table

    def _cell(self, tc: Any, element: Any) -> None:
        first = tc.find(_P)
        style = {"b": element.tag == "th"}
        has_blocks = any(
            child.tag in ("p", "ul", "ol", "table", "h2", "h3", "h4", "blockquote") for child in element
        )
        if not has_blocks:
            self._inline_children(element, first, style)
            return
        self._blocks(element, _Sink(tc, top=False), depth=0)
        if not _has_runs(first) and len(tc.findall(_P)) > 1:
            tc.remove(first)

    # Inline ----------------------------------------------------------------------------------------------

    def _inline_children(self, element: Any, paragraph: Any, style: dict[str, bool]) -> None:
        if element.text:
            self._run(paragraph, element.text, style)
        for child in element:
            self._inline(child, paragraph, style)
            if child.tail:
                self._run(paragraph, child.tail, style)

    def _inline(self, element: Any, paragraph: Any, style: dict[str, bool]) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "br":
            _break(paragraph)
            return
        inner = dict(style)
        if tag in ("strong", "b", "th"):
            inner["b"] = True
        elif tag in ("em", "i"):
            inner["i"] = True
        elif tag == "u":
            inner["u"] = True
        elif tag == "a" and element.get("href"):
            self._hyperlink(paragraph, element.get("href"), element.text_content(), inner)
            return
        elif tag in ("ul", "ol", "table", "p", "li", "h2", "h3", "h4", "blockquote"):
            # A block inside inline content: keep its text on a new line of the same paragraph.
            if _has_runs(paragraph):
                _break(paragraph)
        self._inline_children(element, paragraph, inner)

    def _run(self, paragraph: Any, text: str, style: dict[str, bool]) -> None:
        text = xml_text(_SPACES.sub(" ", text))
        if paragraph.find(_RUN) is None:  # the paragraph's first run starts with its first word
            text = text.lstrip()
        if not text:
            return
        _text_run(
            paragraph,
            text,
            bold=style.get("b", False),
            italic=style.get("i", False),
            underline=style.get("u", False),
        )

    def _hyperlink(self, paragraph: Any, url: str, text: str, style: dict[str, bool]) -> None:
        text = xml_text(_SPACES.sub(" ", text)).strip() or url
        rel_id = self._links.get(url)
        if rel_id is None:  # python-docx compares every relationship of the part on each call
            rel_id = self._links[url] = self.document.part.relate_to(url, RT.HYPERLINK, is_external=True)
        hyperlink = SubElement(paragraph, qn("w:hyperlink"))
        hyperlink.set(qn("r:id"), rel_id)
        run = SubElement(hyperlink, qn("w:r"))
        rpr = SubElement(run, qn("w:rPr"))
        if style.get("b"):
            SubElement(rpr, qn("w:b"))
        if style.get("i"):
            SubElement(rpr, qn("w:i"))
        SubElement(rpr, qn("w:color")).set(qn("w:val"), "0563C1")
        SubElement(rpr, qn("w:u")).set(qn("w:val"), "single")
        text_element = SubElement(run, qn("w:t"))
        text_element.text = text
        text_element.set(_XML_SPACE, "preserve")


_BLOCK_TAGS = frozenset(
    {"p", "blockquote", "h2", "h3", "h4", "ul", "ol", "table", "thead", "tbody", "tr", "li"}
)
_P = qn("w:p")
_SPACES = re.compile(r"\s+")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
FIRST_LINE_TWIPS = round(FIRST_LINE_INDENT_CM / 2.54 * 1440)


class _Sink:
    """Where new block elements go: the end of a table cell, or the body before its section properties."""

    __slots__ = ("add", "top")

    def __init__(self, element: Any, *, top: bool) -> None:
        self.top = top
        last = element.find(qn("w:sectPr")) if top else None
        self.add: Callable[[Any], None] = last.addprevious if last is not None else element.append


def _text_width_twips(document: Any) -> int:
    """The width between the margins of the document's last section, in twips (a table's full width)."""
    section = document.sections[-1]
    width = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
    return max(int(width / 635), 1440)  # EMU → twips


def _has_runs(paragraph: Any) -> bool:
    return paragraph.find(_RUN) is not None or paragraph.find(qn("w:hyperlink")) is not None


def _text_run(
    paragraph: Any, text: str, *, bold: bool = False, italic: bool = False, underline: bool = False
) -> Any:
    """A ``w:r`` holding ``text`` (tabs and line breaks as Word's own elements)."""
    run = SubElement(paragraph, _RUN)
    if bold or italic or underline:
        properties = SubElement(run, qn("w:rPr"))
        if bold:
            SubElement(properties, qn("w:b"))
        if italic:
            SubElement(properties, qn("w:i"))
        if underline:
            SubElement(properties, qn("w:u")).set(qn("w:val"), "single")
    for index, part in enumerate(_CONTROL.split(text)):
        if index % 2:
            SubElement(run, qn("w:tab") if part == "\t" else qn("w:br"))
        elif part:
            element = SubElement(run, qn("w:t"))
            element.text = part
            if part[0].isspace() or part[-1].isspace():
                element.set(_XML_SPACE, "preserve")
    return run


_CONTROL = re.compile(r"(\t|\n)")


def _break(paragraph: Any) -> None:
    SubElement(SubElement(paragraph, _RUN), qn("w:br"))


def _cell_element(row: Any, width: int, span: int, merge: str | None) -> Any:
    tc = SubElement(row, qn("w:tc"))
    properties = SubElement(tc, qn("w:tcPr"))
    cell_width = SubElement(properties, qn("w:tcW"))
    cell_width.set(qn("w:w"), str(width))
    cell_width.set(qn("w:type"), "dxa")
    if span > 1:
        SubElement(properties, qn("w:gridSpan")).set(qn("w:val"), str(span))
    if merge == "restart":
        SubElement(properties, qn("w:vMerge")).set(qn("w:val"), "restart")
    elif merge == "continue":
        SubElement(properties, qn("w:vMerge"))
    SubElement(tc, _P)
    return tc


def _owning_table(row: Any) -> Any:
    for ancestor in row.iterancestors():
        if ancestor.tag == "table":
            return ancestor
    return None


def _int_attribute(element: Any, name: str) -> int:
    value = (element.get(name) or "1").strip()
    return int(value) if value.isdigit() and len(value) < 5 else 1
