"""Word and PDF out: a report as an editable DOCX or a PDF; a cycle as a ZIP of DOCX and one XLSX of figures.

The functions take plain values (``ExportReport`` and friends), so the caller decides what a user may see and
builds them from the models. Labels ("Figures", "Period"...) are translated in the active language: wrap the
call in ``translation.override(report.language)`` to export in the report's language.

The DOCX uses the template's headings as Heading 1/Heading 2 (numbered I., II., 1., 2. as Vietnamese reports
are), so a report exported here and uploaded again lands in the same sections.
"""

from __future__ import annotations

import datetime
import html
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

import docx
import lxml.html
import nh3
import openpyxl
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

Number = int | float | Decimal

BODY_FONT = "Times New Roman"  # the font of Vietnamese administrative documents (Decree 30/2020/NĐ-CP)
BODY_FONT_SIZE_PT = 13
PDF_FONT_STACK = '"DejaVu Sans", "Noto Sans", "Liberation Sans", sans-serif'  # all cover Vietnamese
MAX_FILE_NAME_CHARS = 80
MAX_SHEET_TITLE_CHARS = 31  # Excel's limit
MAX_COLUMN_WIDTH = 60
MAX_TABLE_CELLS = 10_000  # a table in section HTML larger than this is written as text, not as a Word table

HTML_TAGS = {
    "h2", "h3", "h4", "p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "table", "thead", "tbody",
    "tr", "th", "td", "blockquote", "a",
}  # fmt: skip
HTML_ATTRIBUTES = {"a": {"href"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
URL_SCHEMES = {"http", "https", "mailto"}
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_VI_SEPARATORS = str.maketrans(",.", ".,")
_D_MAP = str.maketrans("đĐ", "dD")
_FILE_NAME_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_SHEET_TITLE_UNSAFE = re.compile(r"[\[\]:*?/\\]")
_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]  # fmt: skip


class ExportSection(NamedTuple):
    key: str
    title: str
    level: int  # 1 or 2, as in the template
    html: str


class ExportFigure(NamedTuple):
    label: str
    value: Number | str | None
    unit: str = ""


@dataclass(frozen=True)
class ExportReport:
    """One report as it is exported: the template's sections in order, with the report's text."""

    title: str
    body_name: str
    body_code: str
    cycle_name: str
    period_start: datetime.date
    period_end: datetime.date
    status: str  # the status as the reader should see it ("Đã nộp", "Submitted")
    sections: Sequence[ExportSection] = ()
    figures: Sequence[ExportFigure] = ()
    unplaced_html: str = ""
    language: str = "vi"


@dataclass(frozen=True)
class IndicatorSpec:
    """A column of the cycle's figures workbook."""

    key: str
    label: str
    unit: str = ""
    sums_across_bodies: bool = True
    decimals: int = 0


@dataclass(frozen=True)
class FiguresRow:
    """One body's figures for the cycle; ``values`` maps indicator keys to numbers (missing: empty cell)."""

    body_name: str
    body_code: str
    status: str
    submitted_on: datetime.date | None = None  # a date in the reader's time zone (Excel has none)
    values: dict[str, Number | str | None] = field(default_factory=dict)


# Shared helpers -------------------------------------------------------------------------------------------


def clean_html(fragment: str) -> str:
    """The section HTML reduced to what the exporters render; anything else (scripts, styles, images) goes."""
    return nh3.clean(
        fragment or "", tags=HTML_TAGS, attributes=HTML_ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None
    )


def format_date(value: datetime.date, language: str) -> str:
    return value.isoformat() if language.startswith("en") else value.strftime("%d/%m/%Y")


def format_period(report: ExportReport) -> str:
    start, end = (format_date(day, report.language) for day in (report.period_start, report.period_end))
    return f"{start} – {end}"


def format_number(value: Number | str | None, language: str) -> str:
    """1234567.5 → "1.234.567,5" in Vietnamese, "1,234,567.5" in English; None → "—"."""
    number = as_number(value)
    if number is None:
        return "—"
    text = f"{number:,f}" if number != number.to_integral_value() else f"{int(number):,}"
    if not language.startswith("en"):
        text = text.translate(_VI_SEPARATORS)
    return text


def as_number(value: Number | str | None) -> Decimal | None:
    """A figure as a Decimal; None (or "") when there is none; refuses text and non-finite numbers."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise _not_a_number(value)
    try:
        number = Decimal(str(value).strip().replace(" ", ""))
    except (InvalidOperation, ValueError) as error:
        raise _not_a_number(value) from error
    if not number.is_finite():
        raise _not_a_number(value)
    return number


def _not_a_number(value: object) -> ValidationError:
    return ValidationError(
        _("“%(value)s” is not a number; correct the figure before exporting.") % {"value": value},
        code="invalid_figure",
    )


def _roman(number: int) -> str:
    out = []
    for value, numeral in _ROMAN:
        while number >= value:
            out.append(numeral)
            number -= value
    return "".join(out)


def _section_numbers(sections: Sequence[ExportSection]) -> list[str]:
    """ "I.", "II." for level-1 sections and "1.", "2." for the sections under each."""
    numbers = []
    top = sub = 0
    for section in sections:
        if section.level <= 1:
            top, sub = top + 1, 0
            numbers.append(f"{_roman(top)}.")
        else:
            sub += 1
            numbers.append(f"{sub}.")
    return numbers


def _xml_text(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def _labels() -> dict[str, str]:
    return {
        "body": _("Body"),
        "cycle": _("Reporting cycle"),
        "period": _("Period"),
        "status": _("Status"),
        "figures": _("Figures"),
        "indicator": _("Indicator"),
        "value": _("Value"),
        "unit": _("Unit of measure"),
        "unplaced": _("Text not placed in any section"),
        "empty": _("(nothing written)"),
    }


# DOCX -----------------------------------------------------------------------------------------------------


def report_to_docx(report: ExportReport, *, numbered: bool = True) -> bytes:
    """An editable Word document: title, body and period, the template's headings in order with the
    report's text under each, the figures as a table and, at the end, any text not placed in a section."""
    labels = _labels()
    document = docx.Document()
    _prepare_document(document, report)
    document.add_heading(_xml_text(report.title), level=0)
    period = format_period(report)
    for label, value in (
        (labels["body"], report.body_name),
        (labels["cycle"], report.cycle_name),
        (labels["period"], period),
        (labels["status"], report.status),
    ):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(_xml_text(value))
    numbers = _section_numbers(report.sections) if numbered else [""] * len(report.sections)
    for number, section in zip(numbers, report.sections, strict=True):
        level = 1 if section.level <= 1 else 2
        title = f"{number} {section.title}".strip()
        document.add_heading(_xml_text(title), level=level)
        HtmlToDocx(document, heading_base=level).write(section.html)
    if report.figures:
        document.add_heading(labels["figures"], level=1)
        table = document.add_table(rows=1, cols=3)
        table.style = document.styles["Table Grid"]
        _mark_header_row(table.rows[0])
        for cell, text in zip(
            table.rows[0].cells, (labels["indicator"], labels["value"], labels["unit"]), strict=True
        ):
            cell.paragraphs[0].add_run(text).bold = True
        for figure in report.figures:
            row = table.add_row().cells
            row[0].text = _xml_text(figure.label)
            row[1].text = format_number(figure.value, report.language)
            row[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            row[2].text = _xml_text(figure.unit)
    if html_has_text(report.unplaced_html):
        document.add_heading(labels["unplaced"], level=1)
        HtmlToDocx(document, heading_base=1).write(report.unplaced_html)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def html_has_text(fragment: str) -> bool:
    return bool(nh3.clean(fragment or "", tags=set()).strip())


def _prepare_document(document: Any, report: ExportReport) -> None:
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
    properties.title = _xml_text(report.title)[:255]
    properties.subject = _xml_text(report.cycle_name)[:255]
    properties.language = report.language
    properties.author = _xml_text(report.body_name)[:255]


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
        cleaned = clean_html(fragment)
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
            text = _xml_text(" ".join(element.text_content().split()))
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
                container.add_paragraph(_xml_text("\t".join(c.text_content().strip() for c in row)))
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
        text = _xml_text(re.sub(r"\s+", " ", text))
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
        text = _xml_text(re.sub(r"\s+", " ", text)).strip() or url
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


# PDF ------------------------------------------------------------------------------------------------------

PRINT_CSS = f"""
@page {{
  size: A4;
  margin: 20mm 18mm 22mm 25mm;
  @bottom-right {{ content: counter(page) " / " counter(pages); font-size: 8pt; color: #555; }}
}}
html {{ font-family: {PDF_FONT_STACK}; font-size: 10pt; line-height: 1.45; color: #111; }}
h1 {{ font-size: 16pt; margin: 0 0 3mm; line-height: 1.25; }}
h2 {{ font-size: 12.5pt; margin: 7mm 0 2mm; padding-bottom: 1mm; border-bottom: 0.6pt solid #888;
      break-after: avoid; }}
h3 {{ font-size: 11pt; margin: 5mm 0 1.5mm; break-after: avoid; }}
h4 {{ font-size: 10pt; margin: 4mm 0 1mm; break-after: avoid; }}
section.level-2 > h3 {{ font-size: 11pt; }}
p {{ margin: 0 0 2mm; text-align: justify; orphans: 2; widows: 2; }}
ul, ol {{ margin: 0 0 2mm; padding-left: 6mm; }}
blockquote {{ margin: 0 0 2mm 4mm; padding-left: 3mm; border-left: 1.5pt solid #bbb; color: #333; }}
table {{ border-collapse: collapse; width: 100%; margin: 2mm 0 3mm; font-size: 9pt; }}
th, td {{ border: 0.5pt solid #777; padding: 1.2mm 1.8mm; vertical-align: top; text-align: left; }}
th {{ background: #eee; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; }}
td.number {{ text-align: right; white-space: nowrap; }}
dl.meta {{ margin: 0 0 6mm; display: grid; grid-template-columns: max-content auto; gap: 0.5mm 4mm; }}
dl.meta dt {{ font-weight: bold; }}
dl.meta dd {{ margin: 0; }}
p.empty {{ color: #777; font-style: italic; }}
a {{ color: #0b4f9c; text-decoration: none; }}
"""


def report_to_html(report: ExportReport, *, numbered: bool = True) -> str:
    """The report as one printable HTML page (what the PDF is made from)."""
    labels = _labels()
    lang = html.escape(report.language or "vi", quote=True)
    esc = html.escape
    period = format_period(report)
    out = [
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{esc(report.title)}</title>',
        f"<style>{PRINT_CSS}</style></head><body>",
        f"<h1>{esc(report.title)}</h1>",
        '<dl class="meta">',
    ]
    for label, value in (
        (labels["body"], report.body_name),
        (labels["cycle"], report.cycle_name),
        (labels["period"], period),
        (labels["status"], report.status),
    ):
        out.append(f"<dt>{esc(label)}</dt><dd>{esc(value)}</dd>")
    out.append("</dl>")
    numbers = _section_numbers(report.sections) if numbered else [""] * len(report.sections)
    for number, section in zip(numbers, report.sections, strict=True):
        level = 1 if section.level <= 1 else 2
        tag = "h2" if level == 1 else "h3"
        body = _demote_headings(clean_html(section.html), level)
        if not html_has_text(body):
            body = f'<p class="empty">{esc(labels["empty"])}</p>'
        out.append(
            f'<section class="level-{level}"><{tag}>{esc(f"{number} {section.title}".strip())}</{tag}>'
            f"{body}</section>"
        )
    if report.figures:
        out.append(f"<section><h2>{esc(labels['figures'])}</h2><table><thead><tr>")
        out.append(
            f"<th>{esc(labels['indicator'])}</th><th>{esc(labels['value'])}</th><th>{esc(labels['unit'])}</th>"
        )
        out.append("</tr></thead><tbody>")
        for figure in report.figures:
            out.append(
                f"<tr><td>{esc(figure.label)}</td>"
                f'<td class="number">{esc(format_number(figure.value, report.language))}</td>'
                f"<td>{esc(figure.unit)}</td></tr>"
            )
        out.append("</tbody></table></section>")
    if html_has_text(report.unplaced_html):
        out.append(
            f"<section><h2>{esc(labels['unplaced'])}</h2>"
            f"{_demote_headings(clean_html(report.unplaced_html), 1)}</section>"
        )
    out.append("</body></html>")
    return "".join(out)


def _demote_headings(fragment: str, level: int) -> str:
    """Headings inside a section's text sit below the section's own heading."""
    if level <= 1:
        return re.sub(r"<(/?)h2>", r"<\1h3>", fragment)
    return re.sub(r"<(/?)h[23]>", r"<\1h4>", fragment)


def report_to_pdf(report: ExportReport, *, numbered: bool = True) -> bytes:
    """The report as an A4 PDF (WeasyPrint, DejaVu Sans for Vietnamese); nothing is fetched from anywhere."""
    import weasyprint  # imported here: loading pango takes a moment and only PDF export needs it

    document = weasyprint.HTML(string=report_to_html(report, numbered=numbered), url_fetcher=_no_fetching())
    pdf = document.write_pdf()
    assert isinstance(pdf, bytes)
    return pdf


def _no_fetching() -> Any:
    """A URL fetcher that refuses everything, for WeasyPrint versions with and without ``URLFetcher``."""
    import weasyprint.urls

    fetcher_class = getattr(weasyprint.urls, "URLFetcher", None)
    if fetcher_class is None:

        def refuse(url: str, *args: Any, **kwargs: Any) -> Any:
            raise ValueError(f"fetching {url} is not allowed")

        return refuse

    class Refusing(fetcher_class):  # type: ignore[misc, valid-type]
        def fetch(self, url: str, headers: Any = None) -> Any:
            raise ValueError(f"fetching {url} is not allowed")

    return Refusing()


# A cycle --------------------------------------------------------------------------------------------------


def safe_file_name(text: str, *, default: str = "report") -> str:
    """ASCII letters, digits, dot, dash and underscore only ("Thừa Thiên Huế" → "Thua-Thien-Hue")."""
    folded = unicodedata.normalize("NFD", text.translate(_D_MAP))
    ascii_text = "".join(ch for ch in folded if unicodedata.category(ch) != "Mn")
    name = _FILE_NAME_UNSAFE.sub("-", ascii_text).strip("-._")[:MAX_FILE_NAME_CHARS].strip("-._")
    return name or default


def cycle_to_zip(reports: Iterable[ExportReport]) -> bytes:
    """One DOCX per report, named after the body's code (made safe and unique)."""
    buffer = io.BytesIO()
    used: set[str] = set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for report in reports:
            stem = safe_file_name(report.body_code or report.body_name)
            name, counter = f"{stem}.docx", 1
            while name.lower() in used:
                counter += 1
                name = f"{stem}-{counter}.docx"
            used.add(name.lower())
            archive.writestr(name, report_to_docx(report))
    return buffer.getvalue()


def safe_sheet_title(text: str, *, default: str = "Figures") -> str:
    title = _SHEET_TITLE_UNSAFE.sub(" ", _XML_ILLEGAL.sub("", text))
    title = " ".join(title.split()).strip("'")[:MAX_SHEET_TITLE_CHARS].strip().strip("'")
    return title or default


def cycle_figures_to_xlsx(
    cycle_title: str, indicators: Sequence[IndicatorSpec], rows: Sequence[FiguresRow]
) -> bytes:
    """One sheet: a header row (body, code, status, submitted, then each indicator with its unit), one row per
    body with numbers as numbers, and a totals row for the indicators that add up across bodies."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = safe_sheet_title(cycle_title)
    workbook.properties.title = _xml_text(cycle_title)[:255]
    headers = [_("Body"), _("Code"), _("Status"), _("Submitted on")]
    headers += [f"{i.label} ({i.unit})" if i.unit else i.label for i in indicators]
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="E8ECF2")
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=column)
        _text_cell(cell, header)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    totals: dict[str, Decimal] = {}
    for row_index, row in enumerate(rows, start=2):
        for column, value in enumerate((row.body_name, row.body_code, row.status), start=1):
            _text_cell(sheet.cell(row=row_index, column=column), value)
        if row.submitted_on is not None:
            submitted = row.submitted_on
            if isinstance(submitted, datetime.datetime):
                submitted = submitted.date()  # Excel has no time zones; the caller passes the local date
            date_cell = sheet.cell(row=row_index, column=4, value=submitted)
            date_cell.number_format = "yyyy-mm-dd"
        for offset, indicator in enumerate(indicators):
            try:
                number = as_number(row.values.get(indicator.key))
            except ValidationError as error:
                raise ValidationError(
                    _("%(body)s, “%(indicator)s”: “%(value)s” is not a number; correct it before exporting.")
                    % {
                        "body": row.body_name,
                        "indicator": indicator.label,
                        "value": row.values.get(indicator.key),
                    },
                    code="invalid_figure",
                ) from error
            if number is None:
                continue
            cell = sheet.cell(row=row_index, column=5 + offset, value=_excel_number(number))
            cell.number_format = _number_format(indicator.decimals)
            totals[indicator.key] = totals.get(indicator.key, Decimal(0)) + number
    if rows and any(i.sums_across_bodies for i in indicators):
        total_row = len(rows) + 2
        label = sheet.cell(row=total_row, column=1)
        _text_cell(label, _("Total"))
        label.font = bold
        for offset, indicator in enumerate(indicators):
            if indicator.sums_across_bodies:
                cell = sheet.cell(
                    row=total_row,
                    column=5 + offset,
                    value=_excel_number(totals.get(indicator.key, Decimal(0))),
                )
                cell.number_format = _number_format(indicator.decimals)
                cell.font = bold
    sheet.freeze_panes = "B2"
    widths = [
        max(12, min(MAX_COLUMN_WIDTH, max((len(r.body_name) for r in rows), default=0) + 2)),
        14,
        14,
        14,
    ]
    widths += [max(12, min(30, len(header) // 2 + 4)) for header in headers[4:]]
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.row_dimensions[1].height = 45
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text_cell(cell: Any, value: str) -> None:
    """Text stays text: a body named "=HYPERLINK(...)" must not become a formula in the reader's Excel."""
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", str(value or ""))
    cell.data_type = "s"


def _excel_number(number: Decimal) -> int | float:
    return int(number) if number == number.to_integral_value() and abs(number) < 2**53 else float(number)


def _number_format(decimals: int) -> str:
    return "#,##0" if decimals <= 0 else "#,##0." + "0" * min(decimals, 10)


__all__ = [
    "ExportFigure",
    "ExportReport",
    "ExportSection",
    "FiguresRow",
    "HtmlToDocx",
    "IndicatorSpec",
    "as_number",
    "cycle_figures_to_xlsx",
    "cycle_to_zip",
    "format_number",
    "report_to_docx",
    "report_to_html",
    "report_to_pdf",
    "safe_file_name",
    "safe_sheet_title",
]
