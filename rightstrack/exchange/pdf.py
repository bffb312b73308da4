"""PDF out: a ``Document`` as printable HTML (the template ``exchange/document.html``) and as an A4 PDF.

WeasyPrint renders it with DejaVu Sans (which covers Vietnamese) and fetches nothing from anywhere. Pure:
values in, bytes out (a long document is laid out by worker processes: ``exchange.pdf_parts``).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from rightstrack.core.text import outline_numbers
from rightstrack.exchange.document import Document, Section
from rightstrack.exchange.html import html_has_text, sanitize_html
from rightstrack.exchange.official import html_context, upper
from rightstrack.exchange.pdf_parts import Layout, join, lay_out, usable_cpus

TEMPLATE = "exchange/document.html"
OFFICIAL_TEMPLATE = "exchange/official.html"  # Decree 30/2020/NĐ-CP: see ``exchange.official``
PAGE_NUMBERS_TEMPLATE = "exchange/page_numbers.html"  # a long document's page numbers, on blank pages


# A long document is laid out in parts of about this much HTML, each starting on a new page, and the parts'
# PDFs are put together: WeasyPrint holds every page of a document in memory until it writes the file, and a
# pack of 63 reports is ~1,500 pages (docs/benchmarks.md). A part ends at a section of the outline.
PART_HTML_CHARS = 400_000
# The page numbers are laid out on blank pages, at most this many a document: WeasyPrint's time per page
# grows with the document (1,390 blank pages cost 6.8 s of CPU in one document, 5 s in 250s).
NUMBER_PAGES_A_CHUNK = 250


def document_to_html(document: Document) -> str:
    """The document as one printable HTML page (what the PDF is made from); section HTML is sanitised here.
    With ``document.official``, in the layout of an administrative document (``exchange.official``)."""
    sections, appendix = _sections(document)
    return _render(document, sections, appendix)


def _sections(document: Document) -> tuple[list[dict[str, Any]], Section | None]:
    numbers = outline_numbers(s.level for s in document.sections) if document.numbered else []
    sections = []
    for index, section in enumerate(document.sections):
        level = 1 if section.level <= 1 else 2
        body = _demote_headings(sanitize_html(section.html), level)
        sections.append(
            {
                "level": level,
                "title": f"{numbers[index] if numbers else ''} {section.title}".strip(),
                "html": mark_safe(body) if html_has_text(body) else "",  # noqa: S308 - sanitised just above
                "pictures": [
                    {"src": "data:image/png;base64," + base64.b64encode(p.png).decode(), "caption": p.caption}
                    for p in section.pictures
                ],
            }
        )
    appendix = None
    if document.appendix is not None and html_has_text(document.appendix.html):
        appendix = Section(
            title=document.appendix.title,
            level=1,
            html=mark_safe(_demote_headings(sanitize_html(document.appendix.html), 1)),  # noqa: S308
        )
    return sections, appendix


def _render(
    document: Document,
    sections: list[dict[str, Any]],
    appendix: Section | None,
    *,
    first: bool = True,
    last: bool = True,
) -> str:
    """The HTML of the whole document, or of one part of it: the first part has the title (or the heading
    of an official document) and the facts, the last the tables, the appendix and the closing; a part
    has no page numbers (``_page_numbers`` lays them out when every part's pages are counted)."""
    context: dict[str, Any] = {
        "document": document,
        "sections": sections,
        "appendix": appendix if last else None,
        "part": {"first": first, "last": last, "whole": first and last},
    }
    if document.official is not None:
        context["official"] = html_context(document.official)
        return render_to_string(OFFICIAL_TEMPLATE, context)
    return render_to_string(TEMPLATE, context)


def _demote_headings(fragment: str, level: int) -> str:
    """Headings inside a section's text sit below the section's own heading."""
    if level <= 1:
        return re.sub(r"<(/?)h2>", r"<\1h3>", fragment)
    return re.sub(r"<(/?)h[23]>", r"<\1h4>", fragment)


def _parts(sections: list[dict[str, Any]], limit: int) -> list[list[dict[str, Any]]]:
    """The sections in runs of about ``limit`` characters of HTML, each run ending before a section of the
    outline (a top-level one when there is one nearby)."""
    parts: list[list[dict[str, Any]]] = [[]]
    size = 0
    for section in sections:
        weight = _weight(section)
        if parts[-1] and (size >= limit or (section["level"] == 1 and size >= limit // 2)):
            parts.append([])
            size = 0
        parts[-1].append(section)
        size += weight
    return parts


def _weight(section: dict[str, Any]) -> int:
    """About how much a section costs to lay out: its HTML, and a little for each picture's data."""
    return len(section["html"]) + sum(len(p["src"]) // 20 for p in section["pictures"])


def document_to_pdf(
    document: Document,
    *,
    progress: Callable[[int, int], None] | None = None,
    part_chars: int = PART_HTML_CHARS,
    workers: int | None = None,
) -> bytes:
    """The document as an A4 PDF; nothing is fetched from anywhere. A long one is laid out in parts (each
    from a new page) by ``workers`` processes (``pdf_workers()`` when None), without page numbers; the
    numbers are laid out once every part's pages are counted and drawn over the joined pages
    (``exchange.pdf_parts``). ``progress`` is told (parts done, parts) as each part is finished.
    ``part_chars``: about how much HTML a part holds."""
    sections, appendix = _sections(document)
    parts = _parts(sections, part_chars)
    if len(parts) == 1:
        return lay_out(_render(document, sections, appendix))[0]
    finished = 0

    def done(_index: int) -> None:
        nonlocal finished
        finished += 1
        if progress is not None:
            progress(finished, len(parts))

    with Layout(min(pdf_workers() if workers is None else workers, len(parts))) as layout:
        htmls = [  # while the workers start
            _render(document, part, appendix, first=index == 0, last=index == len(parts) - 1)
            for index, part in enumerate(parts)
        ]
        laid_out = layout.run(htmls, done, costs=[sum(_weight(s) for s in part) for part in parts])
        pages = sum(count for _pdf, count in laid_out)
        chunks = max(layout.workers, -(-pages // NUMBER_PAGES_A_CHUNK))
        numbers = layout.run(_page_numbers(document, pages, chunks=chunks))
    title = document.title
    if document.official is not None:  # as the single document's <title>: the kind and the summary
        title = f"{upper(document.official.kind)} {document.official.summary}".strip()
    return join(
        (pdf for pdf, _count in laid_out),
        (pdf for pdf, _count in numbers),
        {"/Title": title, "/Author": document.author, "/Subject": document.subject},
    )


def pdf_workers() -> int:
    """How many processes lay out a long PDF: the CPUs this process may use, at most
    ``settings.PDF_WORKERS`` (each holds one part's pages, a few hundred MB)."""
    return max(1, min(usable_cpus(), getattr(settings, "PDF_WORKERS", 1)))


def _page_numbers(document: Document, pages: int, *, chunks: int) -> list[str]:
    """Blank pages that carry only the document's page numbers 1…``pages`` as its ``@page`` rules lay them
    out (the same font, size and place), in ``chunks`` HTML pages of consecutive numbers."""
    context: dict[str, Any] = {"document": document}
    if document.official is not None:
        context["official"] = html_context(document.official)
    chunks = max(1, min(chunks, pages))
    size = -(-pages // chunks)
    htmls: list[str] = []
    for first in range(1, pages + 1, size):
        count = min(size, pages - first + 1)
        # The numbers go into CSS as they are: a template would write 1019 as "1.019" in Vietnamese.
        context["part"] = {"first": first == 1, "first_page": str(first), "pages": str(pages)}
        context["blank_pages"] = mark_safe("<div></div>" + '<div class="blank"></div>' * (count - 1))
        htmls.append(render_to_string(PAGE_NUMBERS_TEMPLATE, context))
    return htmls
