"""PDF out: a ``Document`` as printable HTML (the template ``exchange/document.html``) and as an A4 PDF.

WeasyPrint renders it with DejaVu Sans (which covers Vietnamese) and fetches nothing from anywhere. Pure:
values in, bytes out.
"""

from __future__ import annotations

import re
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from rightstrack.core.text import outline_numbers
from rightstrack.exchange.document import Document, Section
from rightstrack.exchange.html import html_has_text, sanitize_html
from rightstrack.exchange.official import html_context

TEMPLATE = "exchange/document.html"
OFFICIAL_TEMPLATE = "exchange/official.html"  # Decree 30/2020/NĐ-CP: see ``exchange.official``


def document_to_html(document: Document) -> str:
    """The document as one printable HTML page (what the PDF is made from); section HTML is sanitised here.
    With ``document.official``, in the layout of an administrative document (``exchange.official``)."""
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
            }
        )
    appendix = None
    if document.appendix is not None and html_has_text(document.appendix.html):
        appendix = Section(
            title=document.appendix.title,
            level=1,
            html=mark_safe(_demote_headings(sanitize_html(document.appendix.html), 1)),  # noqa: S308
        )
    context: dict[str, Any] = {"document": document, "sections": sections, "appendix": appendix}
    if document.official is not None:
        context["official"] = html_context(document.official)
        return render_to_string(OFFICIAL_TEMPLATE, context)
    return render_to_string(TEMPLATE, context)


def _demote_headings(fragment: str, level: int) -> str:
    """Headings inside a section's text sit below the section's own heading."""
    if level <= 1:
        return re.sub(r"<(/?)h2>", r"<\1h3>", fragment)
    return re.sub(r"<(/?)h[23]>", r"<\1h4>", fragment)


def document_to_pdf(document: Document) -> bytes:
    """The document as an A4 PDF; nothing is fetched from anywhere."""
    import weasyprint  # imported here: loading pango takes a moment and only PDF export needs it

    pdf = weasyprint.HTML(string=document_to_html(document), url_fetcher=_no_fetching()).write_pdf()
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
