"""Word out: a ``Document`` as an editable DOCX; its HTML is written by ``docx_html.HtmlToDocx``.

The outline becomes Heading 1/Heading 2 (numbered I., II., 1., 2. as Vietnamese reports are), so a document
written here and read back by ``docx_reader`` lands in the same sections. Pure: values in, bytes out.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from rightstrack.core.text import ascii_file_name, outline_numbers
from rightstrack.exchange.document import Document, Picture, xml_text
from rightstrack.exchange.docx_html import HtmlToDocx, _text_run
from rightstrack.exchange.html import html_has_text
from rightstrack.exchange.official import docx_back, docx_front, docx_page

BODY_FONT = "Times New Roman"  # the font of Vietnamese administrative documents (Decree 30/2020/NĐ-CP)
BODY_FONT_SIZE_PT = 13


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
    writer = HtmlToDocx(document, justify=official is not None)
    body = writer.sink()
    for label, value in source.facts:
        paragraph = writer.add_paragraph(body, plain=True)
        _text_run(paragraph, xml_text(f"{label}: "), bold=True)
        _text_run(paragraph, xml_text(value))
    numbers = outline_numbers(s.level for s in source.sections) if source.numbered else []
    for index, section in enumerate(source.sections):
        level = 1 if section.level <= 1 else 2
        title = f"{numbers[index] if numbers else ''} {section.title}".strip()
        writer.heading(title, level)
        writer.heading_base = level
        writer.write(section.html)
        for picture in section.pictures:
            _add_picture(document, picture)
    for table_spec in source.tables:
        writer.heading(table_spec.title, 1)
        writer.plain_table(table_spec.headers, table_spec.rows, numeric=table_spec.numeric)
    if source.appendix is not None and html_has_text(source.appendix.html):
        writer.heading(source.appendix.title, 1)
        writer.heading_base = 1
        writer.write(source.appendix.html)
    if official is not None:
        docx_back(document, official)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add_picture(document: Any, picture: Picture) -> None:
    """A picture centred at its width, its caption under it in italics."""
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run().add_picture(io.BytesIO(picture.png), width=Cm(picture.width_cm))
    if picture.caption:
        caption = document.add_paragraph()
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.add_run(xml_text(picture.caption)).italic = True


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
