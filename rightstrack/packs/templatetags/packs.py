"""Template helpers of the pack page."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from rightstrack.core.numbers import format_number
from rightstrack.exchange.html import sanitize_html

register = template.Library()


@register.filter
def report_html(value: str) -> SafeString:
    """A report's section HTML, through the one HTML policy again before it is shown."""
    return mark_safe(sanitize_html(value))  # noqa: S308 - sanitised here


@register.filter
def figure(value: str | None, decimals: int = 0) -> str:
    """A stored figure ("1234.5") as the reader writes numbers; "—" when there is none."""
    if value is None:
        return "—"
    return format_number(Decimal(value), get_language() or "vi", decimals=int(decimals))


@register.filter
def value_of(values: dict[str, str], body_id: int) -> str | None:
    return values.get(str(body_id))


@register.filter
def contains_id(ids: list[str], body_id: int) -> bool:
    return str(body_id) in ids
