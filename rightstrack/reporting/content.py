"""Text helpers for report content: bilingual labels and diffs (HTML policy: ``exchange.html``)."""

from __future__ import annotations

import difflib

from django.utils.translation import get_language

from rightstrack.exchange.html import html_to_text, sanitize_html

# html_to_text and sanitize_html are re-exported until the views and selectors import them from exchange.html.
__all__ = ["html_to_text", "localized", "sanitize_html", "text_diff"]


def localized(text: str, text_en: str) -> str:
    """The English text when the active language is English and there is one; the Vietnamese otherwise."""
    language = get_language() or ""
    return text_en if language.startswith("en") and text_en else text


def text_diff(before: str, after: str) -> str:
    """A unified diff of two plain texts, line by line, without file headers ('' when equal)."""
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=2)
    return "\n".join(line for line in lines if not line.startswith(("---", "+++")))
