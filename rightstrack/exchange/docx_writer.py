"""Word out: a ``Document`` as an editable DOCX, and any HTML of the one policy written into Word.

The outline becomes Heading 1/Heading 2 (numbered I., II., 1., 2. as Vietnamese reports are), so a document
written here and read back by ``docx_reader`` lands in the same sections. Pure: values in, bytes out.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from typing import Any

import docx
import lxml.html
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from rightstrack.core.text import ascii_file_name, outline_numbers
from rightstrack.exchange.document import Document, xml_text
from rightstrack.exchange.html import html_has_text, sanitize_html
from rightstrack.exchange.official import docx_back, docx_body_paragraphs, docx_front, docx_page

BODY_FONT = "Times New Roman"  # the font of Vietnamese administrative documents (Decree 30/2020/NĐ-CP)
BODY_FONT_SIZE_PT = 13
MAX_TABLE_CELLS = 10_000  # a table in section HTML larger than this is written as text, not as a Word table


def document_to_docx(source: Document) -> bytes:
    """An editable Word document: title, facts, the outline's headings in order with the text under each,
    the tables and, at the end, the appendix. With ``source.official``, the title gives way to the heading
    and closing of an administrative document (``exchange.official``)."""
    document = docx.Document()
    _prepare_document(document, source)
    official = source.official
    if official is None:
        document.add_heading(xml_text(source.title), level=0)
    else:
        docx_page(document)
        docx_front(document, official)
        body_start = len(document.paragraphs)
    for label, value in source.facts:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(xml_text(value))
    numbers = outline_numbers(s.level for s in source.sections) if source.numbered else []
    for index, section in enumerate(source.sections):
        level = 1 if section.level <= 1 else 2
        title = f"{numbers[index] if numbers else ''} {section.title}".strip()
        document.add_heading(xml_text(title), level=level)
        HtmlToDocx(document, heading_base=level).write(section.html)
    for table_spec in source.tables:
        document.add_heading(xml_text(table_spec.title), level=1)
        table = document.add_table(rows=1, cols=len(table_spec.headers))
        table.style = document.styles["Table Grid"]
        _mark_header_row(table.rows[0])
        for cell, text in zip(table.rows[0].cells, table_spec.headers, strict=True):
            cell.paragraphs[0].add_run(xml_text(text)).bold = True
        for values in table_spec.rows:
            row = table.add_row().cells
            for column, (cell, text) in enumerate(zip(row, values, strict=True)):
                cell.text = xml_text(text)
                if column in table_spec.numeric:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if source.appendix is not None and html_has_text(source.appendix.html):
        document.add_heading(xml_text(source.appendix.title), level=1)
        HtmlToDocx(document, heading_base=1).write(source.appendix.html)
    if official is not None:
        docx_body_paragraphs(document.paragraphs[body_start:])
        docx_back(document, official)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def files_to_zip(files: Iterable[tuple[str, str, bytes]]) -> bytes:
    """A ZIP of (name, extension, content): names made ASCII-safe and unique ("46.docx", "46-2.docx")."""
    buffer = io.BytesIO()
    used: set[str] = set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, extension, content in files:
            stem = ascii_file_name(name, default="file")
            file_name, counter = f"{stem}.{extension}", 1
            while file_name.lower() in used:
                counter += 1
                file_name = f"{stem}-{counter}.{extension}"
            used.add(file_name.lower())
            archive.writestr(file_name, content)
    return buffer.getvalue()


def _prepare_document(document: Any, source: Document) -> None:
    """A4 with the margins of Vietnamese administrative documents, one font throughout, core properties."""
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2)
        section.left_margin, section.right_margin = Cm(3), Cm(2)
    for name in (
        "Normal",
        "Title",
        "Heading 1",
        "Heading 2",
        "Heading 3",
        "Heading 4",
        "List Bullet",
        "List Number",
    ):
        try:
            style = document.styles[name]
        except KeyError:
            continue
        _set_font(style, BODY_FONT)
        if name == "Normal":
            style.font.size = Pt(BODY_FONT_SIZE_PT)
        elif name.startswith(("Heading", "Title")):
            style.font.color.rgb = RGBColor(0, 0, 0)
    properties = document.core_properties
    properties.title = xml_text(source.title)[:255]
    properties.subject = xml_text(source.subject)[:255]
    properties.language = source.language
    properties.author = xml_text(source.author)[:255]


def _set_font(style: Any, name: str) -> None:
    """Set a style's font for every script (theme fonts would otherwise win over ``font.name``)."""
    style.font.name = name
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), name)


def _mark_header_row(row: Any) -> None:
    """Repeat the row on each page; the importer reads such rows back as header cells."""
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    tr_pr.append(header)


class HtmlToDocx:
    """Writes the section HTML (paragraphs, headings, emphasis, links, lists, tables) into a Word container:
    the document itself or a table cell."""

    def __init__(self, document: Any, *, heading_base: int = 1) -> None:
        self.document = document
        self.heading_base = heading_base

    def write(self, fragment: str, container: Any = None) -> None:
        cleaned = sanitize_html(fragment)
        if not cleaned.strip():
            return
        root = lxml.html.fragment_fromstring(cleaned, create_parent="div")
        self._blocks(root, container if container is not None else self.document, depth=0)

    # Blocks ----------------------------------------------------------------------------------------------

    def _blocks(self, parent: Any, container: Any, depth: int) -> None:
        loose: list[Any] = []  # inline content between blocks, gathered into one paragraph
        if parent.text and parent.text.strip():
            loose.append(parent.text)
        for child in parent:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in (
                "p",
                "blockquote",
                "h2",
                "h3",
                "h4",
                "ul",
                "ol",
                "table",
                "thead",
                "tbody",
                "tr",
                "li",
            ):
                self._flush(loose, container)
                self._block(child, container, depth)
                if child.tail and child.tail.strip():
                    loose.append(child.tail)
            elif tag == "br" and not loose:
                if child.tail and child.tail.strip():
                    loose.append(child.tail)
            else:
                loose.append(child)
        self._flush(loose, container)

    def _flush(self, loose: list[Any], container: Any) -> None:
        if not loose:
            return
        paragraph = container.add_paragraph()
        for item in loose:
            if isinstance(item, str):
                self._run(paragraph, item, {})
            else:
                self._inline(item, paragraph, {})
                if item.tail:
                    self._run(paragraph, item.tail, {})
        loose.clear()

    def _block(self, element: Any, container: Any, depth: int) -> None:
        tag = element.tag
        if tag in ("h2", "h3", "h4"):
            text = xml_text(" ".join(element.text_content().split()))
            if not text:
                return
            if container is self.document:
                # Below the template's Heading 1/2 whatever the section's level, so they never pass for one.
                self.document.add_heading(text, level=4 if tag == "h4" else 3)
            else:
                container.add_paragraph().add_run(text).bold = True
        elif tag in ("p", "blockquote"):
            paragraph = container.add_paragraph()
            if tag == "blockquote" and container is self.document:
                paragraph.style = self._style("Quote")
            self._inline_children(element, paragraph, {})
        elif tag in ("ul", "ol"):
            self._list(element, container, ordered=tag == "ol", depth=depth)
        elif tag == "li":  # a stray item outside a list
            self._list_item(element, container, ordered=False, depth=depth)
        elif tag in ("table", "thead", "tbody", "tr"):
            self._table(element, container)

    def _list(self, element: Any, container: Any, *, ordered: bool, depth: int) -> None:
        for item in element:
            if item.tag == "li":
                self._list_item(item, container, ordered=ordered, depth=depth)
            elif item.tag in ("ul", "ol"):
                self._list(item, container, ordered=item.tag == "ol", depth=depth + 1)

    def _list_item(self, item: Any, container: Any, *, ordered: bool, depth: int) -> None:
        base = "List Number" if ordered else "List Bullet"
        style_name = base if depth == 0 else f"{base} {min(depth + 1, 3)}"
        paragraph = container.add_paragraph()
        paragraph.style = self._style(style_name, fallback=base)
        if item.text:
            self._run(paragraph, item.text, {})
        for child in item:
            if child.tag in ("ul", "ol"):
                self._list(child, container, ordered=child.tag == "ol", depth=depth + 1)
                paragraph = container.add_paragraph()  # text after a nested list continues the item
                paragraph.style = self._style(style_name, fallback=base)
            elif child.tag in ("p", "blockquote"):
                if paragraph.text:
                    paragraph.add_run().add_break()
                self._inline_children(child, paragraph, {})
            elif child.tag == "table":
                self._table(child, container)
            else:
                self._inline(child, paragraph, {})
            if child.tail and child.tail.strip():
                self._run(paragraph, child.tail, {})
        if not paragraph.text and not paragraph.runs:
            paragraph._p.getparent().remove(paragraph._p)

    def _style(self, name: str, *, fallback: str = "Normal") -> Any:
        try:
            return self.document.styles[name]
        except KeyError:
            try:
                return self.document.styles[fallback]
            except KeyError:
                return self.document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)

    # Tables ----------------------------------------------------------------------------------------------

    def _table(self, element: Any, container: Any) -> None:
        rows = (
            [element]
            if element.tag == "tr"
            else [r for r in element.iter("tr") if _owning_table(r) is element]
        )
        if element.tag in ("thead", "tbody"):
            rows = [r for r in element if r.tag == "tr"]
        placed: list[tuple[int, int, int, int, Any]] = []  # row, column, rowspan, colspan, cell element
        occupied: set[tuple[int, int]] = set()
        columns = 0
        for r, row in enumerate(rows):
            c = 0
            for cell in row:
                if cell.tag not in ("td", "th"):
                    continue
                while (r, c) in occupied:
                    c += 1
                rowspan = max(1, min(_int_attribute(cell, "rowspan"), len(rows) - r))
                colspan = max(1, min(_int_attribute(cell, "colspan"), 64))
                for dr in range(rowspan):
                    for dc in range(colspan):
                        occupied.add((r + dr, c + dc))
                placed.append((r, c, rowspan, colspan, cell))
                c += colspan
            columns = max([columns, *(col + 1 for (row_index, col) in occupied if row_index == r)])
        if not rows or not columns:
            return
        if len(rows) * columns > MAX_TABLE_CELLS:
            for row in rows:
                container.add_paragraph(xml_text("\t".join(c.text_content().strip() for c in row)))
            return
        table = container.add_table(rows=len(rows), cols=columns)
        table.style = self._style("Table Grid")
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for r, row in enumerate(rows):
            cells = [c for c in row if c.tag in ("td", "th")]
            if cells and all(c.tag == "th" for c in cells):
                _mark_header_row(table.rows[r])
        for r, c, rowspan, colspan, cell_element in placed:
            cell = table.cell(r, c)
            if rowspan > 1 or colspan > 1:
                cell = cell.merge(table.cell(r + rowspan - 1, c + colspan - 1))
            self._cell(cell, cell_element)

    def _cell(self, cell: Any, element: Any) -> None:
        first = cell.paragraphs[0]
        style = {"b": element.tag == "th"}
        has_blocks = any(
            child.tag in ("p", "ul", "ol", "table", "h2", "h3", "h4", "blockquote") for child in element
        )
        if not has_blocks:
            self._inline_children(element, first, style)
            return
        self._blocks(element, cell, depth=0)
        if not first.text and len(cell.paragraphs) > 1:
            first._p.getparent().remove(first._p)

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
            paragraph.add_run().add_break()
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
            if paragraph.runs:
                paragraph.add_run().add_break()
        self._inline_children(element, paragraph, inner)

    def _run(self, paragraph: Any, text: str, style: dict[str, bool]) -> None:
        text = xml_text(re.sub(r"\s+", " ", text))
        if not paragraph.runs:
            text = text.lstrip()
        if not text:
            return
        run = paragraph.add_run(text)
        if style.get("b"):
            run.bold = True
        if style.get("i"):
            run.italic = True
        if style.get("u"):
            run.underline = True

    def _hyperlink(self, paragraph: Any, url: str, text: str, style: dict[str, bool]) -> None:
        text = xml_text(re.sub(r"\s+", " ", text)).strip() or url
        rel_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
        hyperlink = OxmlElement("w:hyperlink")
        hyperlink.set(qn("r:id"), rel_id)
        run = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        color = OxmlElement("w:color")
        color.set(qn("w:val"), "0563C1")
        underline = OxmlElement("w:u")
        underline.set(qn("w:val"), "single")
        rpr.append(color)
        rpr.append(underline)
        if style.get("b"):
            rpr.append(OxmlElement("w:b"))
        if style.get("i"):
            rpr.append(OxmlElement("w:i"))
        run.append(rpr)
        text_element = OxmlElement("w:t")
        text_element.text = text
        text_element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        run.append(text_element)
        hyperlink.append(run)
        paragraph._p.append(hyperlink)


def _owning_table(row: Any) -> Any:
    for ancestor in row.iterancestors():
        if ancestor.tag == "table":
            return ancestor
    return None


def _int_attribute(element: Any, name: str) -> int:
    value = (element.get(name) or "1").strip()
    return int(value) if value.isdigit() and len(value) < 5 else 1
