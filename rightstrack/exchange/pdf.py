"""PDF out: a ``Document`` as printable HTML (the template ``exchange/document.html``) and as an A4 PDF.

WeasyPrint renders it with DejaVu Sans (which covers Vietnamese) and fetches nothing from anywhere. Pure:
values in, bytes out.
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Callable
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from rightstrack.core.text import outline_numbers
from rightstrack.exchange.document import Document, Section
from rightstrack.exchange.html import html_has_text, sanitize_html
from rightstrack.exchange.official import html_context, upper

TEMPLATE = "exchange/document.html"
OFFICIAL_TEMPLATE = "exchange/official.html"  # Decree 30/2020/NĐ-CP: see ``exchange.official``


# A long document is laid out in parts of about this much HTML, each starting on a new page, and the parts'
# PDFs are put together: WeasyPrint holds every page of a document in memory until it writes the file, and a
# pack of 63 reports is ~1,500 pages (docs/benchmarks.md). A part ends at a section of the outline.
PART_HTML_CHARS = 400_000


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
    first_page: int = 1,
) -> str:
    """The HTML of the whole document, or of one part of it: the first part has the title (or the heading
    of an official document) and the facts, the last the tables, the appendix and the closing; a part
    after the first numbers its pages from ``first_page`` on."""
    context: dict[str, Any] = {
        "document": document,
        "sections": sections,
        "appendix": appendix if last else None,
        # The page number goes into CSS as it is: a template would write 1019 as "1.019" in Vietnamese.
        "part": {"first": first, "last": last, "first_page": str(first_page), "whole": first and last},
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
        weight = len(section["html"]) + sum(len(p["src"]) // 20 for p in section["pictures"])
        if parts[-1] and (size >= limit or (section["level"] == 1 and size >= limit // 2)):
            parts.append([])
            size = 0
        parts[-1].append(section)
        size += weight
    return parts


def document_to_pdf(
    document: Document,
    *,
    progress: Callable[[int, int], None] | None = None,
    part_chars: int = PART_HTML_CHARS,
) -> bytes:
    """The document as an A4 PDF; nothing is fetched from anywhere. A long one is laid out in parts (each
    from a new page, its pages numbered on from the last part's) whose PDFs are joined; ``progress`` is
    told (parts done, parts) after each. ``part_chars``: about how much HTML a part holds."""
    import weasyprint  # imported here: loading pango takes a moment and only PDF export needs it
    from weasyprint.text.fonts import FontConfiguration

    sections, appendix = _sections(document)
    parts = _parts(sections, part_chars)
    fetcher = _no_fetching()
    fonts = FontConfiguration()  # fonts are looked up once for every part
    if len(parts) == 1:
        html = _render(document, sections, appendix)
        pdf = weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf(font_config=fonts)
        assert isinstance(pdf, bytes)
        return pdf
    from pypdf import PdfWriter

    writer = PdfWriter()
    page = 1
    for index, part in enumerate(parts):
        html = _render(
            document, part, appendix, first=index == 0, last=index == len(parts) - 1, first_page=page
        )
        rendered = weasyprint.HTML(string=html, url_fetcher=fetcher).render(font_config=fonts)
        page += len(rendered.pages)
        writer.append(io.BytesIO(rendered.write_pdf()))
        del rendered  # a part's pages leave memory before the next is laid out
        if progress is not None:
            progress(index + 1, len(parts))
    title = document.title
    if document.official is not None:  # as the single document's <title>: the kind and the summary
        title = f"{upper(document.official.kind)} {document.official.summary}".strip()
    writer.add_metadata({"/Title": title, "/Author": document.author, "/Subject": document.subject})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _no_fetching() -> Any:
    """A URL fetcher that refuses everything but data: URLs (pictures inside the document), for WeasyPrint
    versions with and without ``URLFetcher``."""
    import weasyprint.urls

    fetcher_class = getattr(weasyprint.urls, "URLFetcher", None)
    if fetcher_class is None:

        def refuse(url: str, *args: Any, **kwargs: Any) -> Any:
            if url.startswith("data:"):  # an image inside the document itself (a chart)
                return weasyprint.urls.default_url_fetcher(url)
            raise ValueError(f"fetching {url} is not allowed")

        return refuse

    class Refusing(fetcher_class):  # type: ignore[misc, valid-type]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):  # an image inside the document itself (a chart)
                return super().fetch(url, headers)
            raise ValueError(f"fetching {url} is not allowed")

    return Refusing()
