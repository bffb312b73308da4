"""A report's figures: what a writer types, read as a number or refused with the indicator named."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from rightstrack.reporting.models import (
    FIGURE_DECIMAL_PLACES,
    FIGURE_MAX_DIGITS,
    TemplateIndicator,
)

FigureInput = str | Decimal | int | None
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def parse_figure(indicator: TemplateIndicator, raw: FigureInput) -> Decimal | None:
    """A figure as typed ('1250', '12,5', ' 3 ') → Decimal, or a ValidationError that names the indicator.

    A comma is read as the decimal separator (Vietnamese usage); thousands separators are refused rather
    than guessed at, because '1.250' means 1250 to some writers and 1.25 to others.
    """
    label = indicator.display_label
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValidationError(
            _("“%(indicator)s”: enter a number."), code="not_a_number", params={"indicator": label}
        )
    if isinstance(raw, Decimal | int):
        value = Decimal(raw)
    elif isinstance(raw, str):
        text = _SPACES.sub("", raw)
        if not text:
            return None
        if "," in text and "." not in text and text.count(",") == 1:
            text = text.replace(",", ".")
        if not _NUMBER.fullmatch(text):
            raise ValidationError(
                _("“%(indicator)s”: “%(value)s” is not a number. Write digits only, such as 1250 or 12,5."),
                code="not_a_number",
                params={"indicator": label, "value": raw.strip()[:50]},
            )
        try:
            value = Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern above admits only valid decimals
            raise ValidationError(
                _("“%(indicator)s”: enter a number."), code="not_a_number", params={"indicator": label}
            ) from None
    else:
        raise ValidationError(
            _("“%(indicator)s”: enter a number."), code="not_a_number", params={"indicator": label}
        )
    if not value.is_finite():
        raise ValidationError(
            _("“%(indicator)s”: enter a number."), code="not_a_number", params={"indicator": label}
        )
    if value < 0 and not indicator.allow_negative:
        raise ValidationError(
            _("“%(indicator)s” cannot be negative."), code="negative", params={"indicator": label}
        )
    exponent = value.normalize().as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    if places > indicator.decimals:
        if indicator.decimals == 0:
            raise ValidationError(
                _("“%(indicator)s” must be a whole number."),
                code="decimals",
                params={"indicator": label},
            )
        raise ValidationError(
            _("“%(indicator)s” takes at most %(decimals)s decimal places."),
            code="decimals",
            params={"indicator": label, "decimals": indicator.decimals},
        )
    if abs(value) >= Decimal(10) ** (FIGURE_MAX_DIGITS - FIGURE_DECIMAL_PLACES):
        raise ValidationError(
            _("“%(indicator)s” is too large."), code="too_large", params={"indicator": label}
        )
    return value
