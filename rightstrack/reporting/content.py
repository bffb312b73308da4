"""Text helpers for report content: bilingual labels and diffs (HTML policy: ``exchange.html``)."""

from __future__ import annotations

import difflib

from django.utils.translation import get_language


def localized(text: str, text_en: str) -> str:
    """The English text when the active language is English and there is one; the Vietnamese otherwise."""
    language = get_language() or ""
    return text_en if language.startswith("en") and text_en else text


def text_diff(before: str, after: str) -> str:
    """A unified diff of two plain texts, line by line, without file headers ('' when equal)."""
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=2)
    return "\n".join(line for line in lines if not line.startswith(("---", "+++")))
