"""The document every writer takes (Word, PDF): plain values in, so writers stay pure — data in, bytes out.

What goes in a document (which facts, which labels, in which language) is the calling app's business; the
writers only lay it out. Numbers are formatted here because their form depends on the language alone.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from rightstrack.core.dates import format_date as core_format_date
from rightstrack.core.numbers import format_number as core_format_number

if TYPE_CHECKING:
    from rightstrack.exchange.official import OfficialHeading

Number = int | float | Decimal

_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Picture:
    """An image placed after a section's text (a chart): PNG bytes, a caption, its width on the page."""

    png: bytes
    caption: str = ""
    width_cm: float = 16.0


@dataclass(frozen=True)
class Section:
    """A titled part of the outline (level 1 or 2) and its HTML (any HTML: the writers sanitise it), then
    its pictures, if any."""

    title: str
    level: int
    html: str
    key: str = ""
    pictures: Sequence[Picture] = ()


@dataclass(frozen=True)
class Table:
    """A table after the sections: a title, header cells and rows of text already formatted;
    ``numeric`` names the columns aligned as numbers."""

    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    numeric: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Document:
    """A titled document: facts under the title ("Period: …"), the outline, tables, then an appendix."""

    title: str
    facts: Sequence[tuple[str, str]] = ()
    sections: Sequence[Section] = ()
    numbered: bool = True  # number the outline "I.", "II." and "1.", "2." as Vietnamese reports do
    tables: Sequence[Table] = ()
    appendix: Section | None = None  # written only when it has text
    empty_text: str = ""  # what a section without text shows in print
    language: str = "vi"
    subject: str = ""
    author: str = ""
    # Laid out as a Vietnamese administrative document (Decree 30/2020/NĐ-CP): see ``exchange.official``.
    official: OfficialHeading | None = None


def xml_text(text: str) -> str:
    """``text`` without the characters XML cannot hold (Word and Excel refuse the file otherwise)."""
    return _XML_ILLEGAL.sub("", text)


def format_date(value: datetime.date, language: str) -> str:
    """ "2 August 2025" in English, "02/08/2025" in Vietnamese (``core.dates``)."""
    return core_format_date(value, language)


def format_number(value: Number | str | None, language: str) -> str:
    """1234567.5 → "1.234.567,5" in Vietnamese, "1,234,567.5" in English; None → "—"."""
    return core_format_number(as_number(value), language)


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
