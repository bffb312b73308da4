"""Documents in: the text of an article, a meeting report or an official document, whatever its format.

``read_document(data, kind)`` takes the bytes of a file the upload checks have accepted (``uploads``: type by
content, size, archive limits) and returns its plain text, its title and publication date when the file states
them, and its sections (headings with where each starts in the text). Formats:

* plain text (UTF-8);
* HTML: the article's main text without menus, footers and related links (trafilatura, offline, precision
  first), its title, date and own address (canonical link or ``og:url``) from the page's metadata;
* DOCX: paragraphs and tables' text through python-docx, within the Word reader's budget; headings from the
  Word reader (styles, numbered bold lines);
* PDF: the text layer (pypdf), at most ``MAX_PDF_PAGES`` pages; a scanned PDF without one is refused (OCR is
  not done here).

Pure: bytes in, values out; nothing is fetched (a page's links are never followed). A refusal is a
``ValidationError`` with a translated message and a stable ``code``.
"""

from __future__ import annotations

import datetime
import io
import re
import time
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from rightstrack.exchange.uploads import DOCX, HTML, PDF, TXT, check_xml_budget

KINDS = frozenset({TXT, HTML, DOCX, PDF})
MAX_PDF_PAGES = 300
PDF_SECONDS = 60.0  # the text layer of a hostile PDF can take long to read: stop past this
MIN_TEXT_CHARS = 40  # less than this is not a document worth keeping
MAX_TEXT_CHARS = 2_000_000  # about a 600-page book: more is cut, and the document says so
MAX_TITLE_CHARS = 500
MAX_HEADING_CHARS = 160
MAX_SECTIONS = 500

_NUMBERED_HEADING = re.compile(
    r"^(?:[IVXLC]+\.|\d+(?:\.\d+)*\.?|[a-zđ]\)|Phần\s+\w+|Chương\s+\w+|PHẦN|CHƯƠNG)\s"
)
_WHITESPACE = re.compile(r"[ \t\u00a0]+")
_DATE_LINE = re.compile(r"^date\s+\d{4}-\d{2}(?:-\d{2})?$", re.IGNORECASE)
MAX_FALLBACK_TITLE_CHARS = 150
MAX_ADDRESS_CHARS = 1000  # as a document's source address


@dataclass(frozen=True)
class SectionMark:
    """A heading and the offset in the text where its section starts."""

    title: str
    offset: int
    level: int = 1


@dataclass
class ReadDocument:
    text: str
    title: str = ""
    published: datetime.date | None = None
    sections: list[SectionMark] = field(default_factory=list)
    truncated: bool = False
    address: str = ""  # the web page's own address, when its metadata states one


def read_document(data: bytes, kind: str) -> ReadDocument:
    """The text of a checked file of ``kind`` (txt, html, docx, pdf), or ``ValidationError``."""
    if kind == TXT:
        read = _read_text(data)
    elif kind == HTML:
        read = _read_html(data)
    elif kind == DOCX:
        read = _read_docx(data)
    elif kind == PDF:
        read = _read_pdf(data)
    else:
        raise ValidationError(
            _(
                "This kind of file cannot be read as a document: give a PDF, a Word document, a web "
                "page or text."
            ),
            code="wrong_type",
        )
    read.text = _tidy(read.text)
    if len(read.text.strip()) < MIN_TEXT_CHARS:
        raise ValidationError(
            _("This file holds no text to keep (fewer than %(count)s characters).")
            % {"count": MIN_TEXT_CHARS},
            code="no_text",
        )
    if len(read.text) > MAX_TEXT_CHARS:
        read.text, read.truncated = read.text[:MAX_TEXT_CHARS], True
    if not read.title:
        read.title = _first_line(read.text)
    read.title = read.title[:MAX_TITLE_CHARS]
    if not read.sections:
        read.sections = find_sections(read.text)
    read.sections = [s for s in read.sections if s.offset < len(read.text)][:MAX_SECTIONS]
    return read


def _tidy(text: str) -> str:
    lines = [
        _WHITESPACE.sub(" ", line).strip()
        for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
    tidy: list[str] = []
    for line in lines:
        if line or (tidy and tidy[-1]):
            tidy.append(line)
    return "\n".join(tidy).strip()


def _first_line(text: str) -> str:
    """The first line that reads as a headline: not a stored "date YYYY-MM" line nor table bars; a long one
    (a first paragraph) is cut at a word and ends with "…"."""
    for line in text.split("\n"):
        line = line.strip().strip("|").strip()
        if not line or _DATE_LINE.match(line):
            continue
        if len(line) > MAX_FALLBACK_TITLE_CHARS:
            line = line[:MAX_FALLBACK_TITLE_CHARS].rsplit(" ", 1)[0] + "…"
        return line
    return ""


def find_sections(text: str) -> list[SectionMark]:
    """Headings in plain text: a short line without a final full stop that is numbered ("I.", "1.2", "Phần
    II") or written in capitals, followed by text. The first line (the title) is not a section."""
    marks: list[SectionMark] = []
    offset = 0
    lines = text.split("\n")
    for index, line in enumerate(lines):
        stripped = line.strip()
        if (
            index > 0
            and stripped
            and len(stripped) <= MAX_HEADING_CHARS
            and not stripped.endswith((".", ",", ";", ":"))
            and (_NUMBERED_HEADING.match(stripped) or (stripped.isupper() and len(stripped.split()) >= 2))
            and any(rest.strip() for rest in lines[index + 1 : index + 3])
        ):
            marks.append(SectionMark(title=stripped, offset=offset))
        offset += len(line) + 1
    return marks


# Formats -------------------------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _("This text file is not in UTF-8. Save it as UTF-8 text and upload it again."), code="encoding"
        ) from None


def _read_text(data: bytes) -> ReadDocument:
    return ReadDocument(text=_decode(data))


def _read_html(data: bytes) -> ReadDocument:
    import trafilatura

    html = data.decode("utf-8", errors="replace")
    text = trafilatura.extract(
        html, include_comments=False, include_tables=True, favor_precision=True, with_metadata=False
    )
    if not text or len(text.strip()) < MIN_TEXT_CHARS:
        raise ValidationError(
            _(
                "This web page has no article in it (only menus, links or scripts). Save the "
                "article's own page."
            ),
            code="no_article",
        )
    metadata = trafilatura.extract_metadata(html)
    title = (metadata.title or "").strip() if metadata else ""
    published = None
    if metadata and metadata.date:
        try:
            published = datetime.date.fromisoformat(metadata.date[:10])
        except ValueError:
            published = None
    address = (metadata.url or "").strip() if metadata else ""
    if not re.match(r"^https?://\S+$", address, re.IGNORECASE) or len(address) > MAX_ADDRESS_CHARS:
        address = ""
    if title and not text.lstrip().startswith(title):
        text = f"{title}\n\n{text}"
    return ReadDocument(text=text, title=title, published=published, address=address)


def _read_docx(data: bytes) -> ReadDocument:
    import docx

    from rightstrack.exchange.docx_reader import MAX_ELEMENTS, too_complex

    damaged = ValidationError(
        _("This Word document is damaged and cannot be read. Open it in Word, save it again and upload it."),
        code="corrupt",
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if not check_xml_budget(archive, MAX_ELEMENTS):
                raise too_complex()
        document = docx.Document(io.BytesIO(data))
    except ValidationError:
        raise
    except Exception as error:  # noqa: BLE001 - python-docx and lxml fail in many ways on damaged files
        raise damaged from error
    lines: list[str] = []
    sections: list[SectionMark] = []
    offset = 0
    title = ""
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        level = _heading_level(style)
        if level == 0 and not title:
            title = text
        elif level > 0:
            sections.append(SectionMark(title=text[:MAX_HEADING_CHARS], offset=offset, level=level))
        lines.append(text)
        offset += len(text) + 1
    for table in document.tables:
        for row in table.rows:
            cells = [cell.text.strip() for cell in row.cells]
            line = " | ".join(dict.fromkeys(c for c in cells if c))
            if line:
                lines.append(line)
    # No publication date from the file's properties: "created" is when the file (or the template it was
    # started from: python-docx's own says 2013) was made, not when the text was published, and a wrong
    # year there would become a meeting's year. The date the text states is read with the facts.
    core = document.core_properties
    return ReadDocument(text="\n".join(lines), title=title or (core.title or ""), published=None,
                        sections=sections)  # fmt: skip


def _heading_level(style: str) -> int:
    """0 for the title, 1… for a heading, -1 (false) otherwise: "Heading 2", "Tiêu đề 2", "Title"."""
    name = style.strip().lower()
    if name in {"title", "tiêu đề"}:
        return 0
    match = re.match(r"^(?:heading|tiêu đề)\s*(\d)$", name)
    return int(match.group(1)) if match else -1


def _read_pdf(data: bytes) -> ReadDocument:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    damaged = ValidationError(
        _("This PDF is damaged and cannot be read. Save it again from the program that made it."),
        code="corrupt",
    )
    deadline = time.monotonic() + PDF_SECONDS
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(
                _("This PDF is password-protected. Remove the password, save it and upload it again."),
                code="encrypted",
            )
        pages: list[str] = []
        for page in reader.pages[:MAX_PDF_PAGES]:
            pages.append(page.extract_text() or "")
            if time.monotonic() > deadline:
                break
        metadata = reader.metadata
        title = str(metadata.title or "").strip() if metadata else ""
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, AttributeError, RecursionError) as error:
        raise damaged from error
    text = "\n".join(pages)
    if len(text.strip()) < MIN_TEXT_CHARS:
        raise ValidationError(
            _(
                "This PDF has no text layer (a scanned document?). Text recognition (OCR) is not done here: "
                "upload its text or a Word file instead."
            ),
            code="no_text_layer",
        )
    return ReadDocument(text=text, title=title)
