"""The layout of Vietnamese administrative documents (Decree 30/2020/NĐ-CP, Appendix I), for every writer.

A caller describes a document's heading and closing in an ``OfficialHeading`` and hands it with the
``Document`` to ``official_to_docx`` / ``official_to_pdf`` / ``official_to_html`` (or sets
``Document.official``: every writer then lays the document out this way). The writers put:

    parent body (upper case)                   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    ISSUING BODY (upper case, bold)                Độc lập - Tự do - Hạnh phúc
        ─────                                      ───────────────────────────
    Số: 12/BC-BCĐ                            Hà Nội, ngày 05 tháng 3 năm 2025   (italic)

                                 BÁO CÁO
                         Kết quả công tác … năm 2024
                                 ───────
    the body (Times New Roman 14 pt, justified, first lines indented), its tables and appendix

    Nơi nhận:                                        TM. BAN CHỈ ĐẠO
    - …;                                               TRƯỞNG BAN
    - Lưu: VT.                                         (signature)
                                                       Nguyễn Văn A

on A4 with the decree's margins (top and bottom 20 mm, left 30 mm, right 15 mm) and the page number at the top
centre of every page but the first. The form's own words (Quốc hiệu, Tiêu ngữ, "Số:", "ngày … tháng … năm …",
"Nơi nhận:", "Lưu:") are Vietnamese whatever the reader's language: they are the legal form of the document,
not interface text (docs/decisions/0022-official-document-format.md).
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from rightstrack.core.dates import format_date
from rightstrack.exchange.document import xml_text

if TYPE_CHECKING:
    from rightstrack.exchange.document import Document

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"  # Quốc hiệu, as the decree writes it
MOTTO = "Độc lập - Tự do - Hạnh phúc"  # Tiêu ngữ
RECIPIENTS_LABEL = "Nơi nhận:"
ARCHIVE_PREFIX = "Lưu:"
DEFAULT_KIND = "BÁO CÁO"
DEFAULT_ARCHIVE = "VT"  # Văn thư: the registry keeps one copy of every document it issues

FONT = "Times New Roman"
BODY_PT = 14  # the decree allows 13 to 14
HEADER_PT = 13  # bodies' names, Quốc hiệu, number: 12 to 13
RECIPIENTS_LABEL_PT = 12
RECIPIENTS_PT = 11
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}  # the decree: 20-25, 20-25, 30-35, 15-20
PAGE_MM = (210, 297)
FIRST_LINE_INDENT_CM = 1.27
# The two columns of the heading and of the closing: the bodies (left) and the nation (right).
LEFT_COLUMN_CM = 6.5
RIGHT_COLUMN_CM = 10.0
_BLANK_NUMBER = "\u00a0" * 8  # room to write the number by hand when the document is registered
_LIST_MARK = re.compile(r"^[\s\-–—•+*]+")


@dataclass(frozen=True)
class OfficialHeading:
    """What an administrative document says about itself: who issues it, its number, place and date, its
    kind and summary, who receives it and who signs it. Plain text; the writers lay it out.

    ``number`` is given by the registry (văn thư) when the document is issued: leave it blank to leave room
    for it ("Số:        /BC-BCĐ"). ``recipients`` are lines such as "Như trên" or "Văn phòng Chính phủ"; the
    list marks and the closing "Lưu: VT." are added here.
    """

    issuing_body: str
    parent_body: str = ""
    number: str = ""
    symbol: str = ""
    place: str = ""
    date: datetime.date | None = None
    kind: str = DEFAULT_KIND
    summary: str = ""
    recipients: Sequence[str] = ()
    archive: str = DEFAULT_ARCHIVE
    signer_authority: str = ""  # "TM. BAN CHỈ ĐẠO", "KT. TRƯỞNG BAN": for whom the signer signs
    signer_position: str = ""  # "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"
    signer_name: str = ""

    @property
    def number_line(self) -> str:
        """ "Số: 12/BC-BCĐ"; without a number, room for one ("Số:        /BC-BCĐ")."""
        number = self.number.strip() or _BLANK_NUMBER
        symbol = self.symbol.strip().lstrip("/")
        return f"Số: {number}/{symbol}" if symbol else f"Số: {number}"

    @property
    def place_date_line(self) -> str:
        return place_and_date(self.place, self.date)

    @property
    def recipient_lines(self) -> list[str]:
        """The recipients as the decree lists them: "- X;" each, the registry's copy last ("- Lưu: VT.")."""
        lines = [_LIST_MARK.sub("", line).strip().rstrip(";.,").strip() for line in self.recipients]
        lines = [line for line in lines if line and not line.startswith(ARCHIVE_PREFIX)]
        archive = self.archive.strip().rstrip(".") if self.archive else ""
        marked = [f"- {line};" for line in lines]
        if archive:
            marked.append(f"- {ARCHIVE_PREFIX} {archive}.")
        elif marked:
            marked[-1] = marked[-1][:-1] + "."
        return marked


def place_and_date(place: str, day: datetime.date | None) -> str:
    """ "Hà Nội, ngày 05 tháng 3 năm 2025": days below 10 and the months 1 and 2 take a leading zero (the
    decree); without a date, room to write one by hand."""
    place = place.strip() or "\u2026\u2026"
    if day is None:
        return f"{place}, ngày \u2026 tháng \u2026 năm \u2026"
    return f"{place}, {format_date(day, 'vi', official=True)}"


def upper(text: str) -> str:
    """Upper case as Vietnamese writes it (Python's upper() already keeps the marks: "đạo" → "ĐẠO")."""
    return " ".join(text.split()).upper()


def official_document(document: Document, heading: OfficialHeading) -> Document:
    """``document`` laid out as an administrative document under ``heading``."""
    return dataclasses.replace(document, official=heading)


def official_to_docx(document: Document, heading: OfficialHeading) -> bytes:
    from rightstrack.exchange.docx_writer import document_to_docx

    return document_to_docx(official_document(document, heading))


def official_to_html(document: Document, heading: OfficialHeading) -> str:
    from rightstrack.exchange.pdf import document_to_html

    return document_to_html(official_document(document, heading))


def official_to_pdf(document: Document, heading: OfficialHeading) -> bytes:
    from rightstrack.exchange.pdf import document_to_pdf

    return document_to_pdf(official_document(document, heading))


def html_context(heading: OfficialHeading) -> dict[str, Any]:
    """What ``exchange/official.html`` shows, already in the decree's form."""
    return {
        "parent_body": upper(heading.parent_body),
        "issuing_body": upper(heading.issuing_body),
        "number_line": heading.number_line,
        "national_name": NATIONAL_NAME,
        "motto": MOTTO,
        "place_date": heading.place_date_line,
        "kind": upper(heading.kind),
        "summary": " ".join(heading.summary.split()),
        "recipients_label": RECIPIENTS_LABEL,
        "recipients": heading.recipient_lines,
        "signer_authority": upper(heading.signer_authority),
        "signer_position": upper(heading.signer_position),
        "signer_name": " ".join(heading.signer_name.split()),
        "margins": MARGINS_MM,
        "font": FONT,
        "body_pt": BODY_PT,
    }


# Word -----------------------------------------------------------------------------------------------------


def docx_page(document: Any) -> None:
    """A4, the decree's margins, and the page number at the top centre of every page but the first."""
    for section in document.sections:
        section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
        section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
        section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
        section.header_distance = Mm(10)
        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_field(paragraph)
    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name in ("Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        try:
            style = document.styles[name]
        except KeyError:
            continue
        style.font.size = Pt(BODY_PT if name in ("Heading 1", "Heading 2") else HEADER_PT)
        style.font.bold = True
        style.font.italic = name == "Heading 3"
        style.paragraph_format.space_before = Pt(6)
        style.paragraph_format.space_after = Pt(6)


def docx_front(document: Any, heading: OfficialHeading) -> None:
    """The heading block (bodies and number | Quốc hiệu, Tiêu ngữ, place and date), then kind and summary."""
    table = _layout_table(document)
    left, right = table.rows[0].cells
    if heading.parent_body.strip():
        _line(left, upper(heading.parent_body), size=HEADER_PT, first=True)
    _line(left, upper(heading.issuing_body), size=HEADER_PT, bold=True, first=not heading.parent_body.strip())
    _rule(left, width_cm=min(LEFT_COLUMN_CM * 0.4, 2.5), column_cm=LEFT_COLUMN_CM)
    _line(left, heading.number_line, size=HEADER_PT, space_before=4)
    _line(right, NATIONAL_NAME, size=HEADER_PT, bold=True, first=True)
    _line(right, MOTTO, size=BODY_PT, bold=True)
    _rule(right, width_cm=_text_width_cm(MOTTO, BODY_PT, bold=True), column_cm=RIGHT_COLUMN_CM)
    _line(right, heading.place_date_line, size=BODY_PT, italic=True, space_before=4)
    kind = document.add_paragraph()
    _format(kind, space_before=18, space_after=0)
    _run(kind, upper(heading.kind), size=BODY_PT, bold=True)
    summary = " ".join(heading.summary.split())
    if summary:
        paragraph = document.add_paragraph()
        _format(paragraph, space_after=0)
        _run(paragraph, summary, size=BODY_PT, bold=True)
    rule_cm = min(_text_width_cm(summary or upper(heading.kind), BODY_PT, bold=True) * 0.4, 5.0)
    _rule(document, width_cm=max(rule_cm, 2.0), column_cm=PAGE_MM[0] / 10 - _text_margins_cm())
    spacer = document.add_paragraph()
    _format(spacer, space_after=6)


def docx_back(document: Any, heading: OfficialHeading) -> None:
    """The closing block: "Nơi nhận:" and its list (left), the signature block (right)."""
    spacer = document.add_paragraph()
    _format(spacer, space_after=0)
    table = _layout_table(document)
    left, right = table.rows[0].cells
    label = left.paragraphs[0]
    _format(label, align=WD_ALIGN_PARAGRAPH.LEFT)
    _run(label, RECIPIENTS_LABEL, size=RECIPIENTS_LABEL_PT, bold=True, italic=True)
    for line in heading.recipient_lines:
        paragraph = left.add_paragraph()
        _format(paragraph, align=WD_ALIGN_PARAGRAPH.LEFT)
        _run(paragraph, line, size=RECIPIENTS_PT)
    first = True
    for text in (upper(heading.signer_authority), upper(heading.signer_position)):
        if text:
            _line(right, text, size=BODY_PT, bold=True, first=first)
            first = False
    for _blank in range(4):  # room for the signature and the seal
        _line(right, "", size=BODY_PT, first=first)
        first = False
    if heading.signer_name.strip():
        _line(right, " ".join(heading.signer_name.split()), size=BODY_PT, bold=True)


def _text_margins_cm() -> float:
    return (MARGINS_MM["left"] + MARGINS_MM["right"]) / 10


def _layout_table(document: Any) -> Any:
    """A borderless two-column table: the way Word templates of the decree place the two blocks side by
    side."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = (Cm(LEFT_COLUMN_CM), Cm(RIGHT_COLUMN_CM))
    for cell, width in zip(table.rows[0].cells, widths, strict=True):
        cell.width = width
    grid = table._tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(int(width.twips)))
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)
    return table


def _line(
    container: Any,
    text: str,
    *,
    size: int,
    bold: bool = False,
    italic: bool = False,
    first: bool = False,
    space_before: int = 0,
) -> Any:
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    _format(paragraph, space_before=space_before)
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def _format(
    paragraph: Any, *, align: Any = WD_ALIGN_PARAGRAPH.CENTER, space_before: int = 0, space_after: int = 0
) -> None:
    paragraph.alignment = align
    paragraph_format = paragraph.paragraph_format
    paragraph_format.space_before = Pt(space_before)
    paragraph_format.space_after = Pt(space_after)
    paragraph_format.first_line_indent = Cm(0)
    paragraph_format.line_spacing = 1.0


def _run(paragraph: Any, text: str, *, size: int, bold: bool = False, italic: bool = False) -> Any:
    run = paragraph.add_run(xml_text(text))
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    return run


def _rule(container: Any, *, width_cm: float, column_cm: float) -> None:
    """A solid line ``width_cm`` long, centred: an empty paragraph with a top border, indented both sides."""
    paragraph = container.add_paragraph()
    _format(paragraph)
    indent = max((column_cm - width_cm) / 2, 0)
    paragraph.paragraph_format.left_indent = Cm(indent)
    paragraph.paragraph_format.right_indent = Cm(indent)
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    top.set(qn("w:val"), "single")
    top.set(qn("w:sz"), "6")  # eighths of a point: a 0.75 pt line
    top.set(qn("w:space"), "1")
    top.set(qn("w:color"), "000000")
    borders.append(top)
    properties.append(borders)
    run = paragraph.add_run()
    run.font.size = Pt(2)


def _page_field(paragraph: Any) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), FONT)
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), str(HEADER_PT * 2))
    properties.append(fonts)
    properties.append(size)
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _text_width_cm(text: str, size_pt: int, *, bold: bool = False) -> float:
    """About how wide ``text`` is in Times New Roman (average advance widths by kind of character)."""
    ems = 0.0
    for character in text:
        if character == " ":
            ems += 0.25
        elif character.isupper():
            ems += 0.72
        elif character in "-–.,;:":
            ems += 0.33
        else:
            ems += 0.5
    if bold:
        ems *= 1.04
    return ems * size_pt / 72 * 2.54
