"""Numbers as people write them: "26.019" and "0,35" in Vietnamese, "26,019" and "0.35" in English.

No Django here (the language is an argument), so it is property-tested alone and the exchange formats use it.

Reading what someone typed accepts their language's form and the plain form where that is not ambiguous
(decision 0041): in Vietnamese "1.234" is one thousand two hundred and thirty-four (a dot followed by groups
of exactly three digits groups thousands), "1.234,5" and "1234,5" are decimals, and "0.35" or "1234.5" (a dot
not followed by a group of three) are read as the plain form. In English "1,234" groups thousands and "12,5"
(a comma not followed by three digits) is read as a decimal comma, as Vietnamese writers type it.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

Number = Decimal | int | float

VI, EN = "vi", "en"
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")  # spaces, no-break and thin spaces, the Swiss apostrophe
_SIGN = re.compile(r"^([+\-\u2212]?)(.*)$")
_VI_SEPARATORS = str.maketrans({",": ".", ".": ","})
_PLAIN = re.compile(r"\d+(\.\d+)?")


def language_of(code: str | None) -> str:
    """Our two number languages from a language code ("en-gb" → "en"); Vietnamese unless English."""
    return EN if (code or "").lower().startswith("en") else VI


def format_number(
    value: Number | str | None, language: str, *, decimals: int | None = None, empty: str = "—"
) -> str:
    """``value`` grouped by thousands with the language's separators; ``decimals`` fixes the places shown
    (rounded half up); without it a whole number shows none and any other as many as it has.

    1234567.5 → "1.234.567,5" (vi) / "1,234,567.5" (en); ``None`` or "" → ``empty``.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return empty
    number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding="ROUND_HALF_UP")
    elif number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    text = f"{number:,f}"
    if text.startswith("-") and number.is_zero():
        text = text[1:]
    return text if language_of(language) == EN else text.translate(_VI_SEPARATORS)


def parse_number(text: str, language: str) -> Decimal | None:
    """What someone typed as a Decimal (None for nothing typed); ValueError when it is not a number in
    ``language``'s form or the plain form. See the module's docstring for "1.234"."""
    compact = _SPACES.sub("", text)
    if not compact:
        return None
    sign, digits = _SIGN.match(compact).groups()  # type: ignore[union-attr]
    plain = _plain(digits, language_of(language))
    if plain is None:
        raise ValueError(f"not a number: {text!r}")
    try:
        number = Decimal(("-" if sign in ("-", "\u2212") else "") + plain)
    except InvalidOperation as error:  # pragma: no cover - the patterns admit only digits and one dot
        raise ValueError(f"not a number: {text!r}") from error
    return number


def plain_number(text: str, language: str) -> str:
    """The plain form ("1234.5") of what was typed, or the text as it was when it cannot be read, so that the
    code that checks figures says what is wrong with it in its own words."""
    try:
        number = parse_number(text, language)
    except ValueError:
        return text
    return "" if number is None else f"{number:f}"


def _plain(digits: str, language: str) -> str | None:
    group, decimal = (",", ".") if language == EN else (".", ",")
    grouped = re.fullmatch(rf"(\d{{1,3}}(?:\{group}\d{{3}})+)(?:\{decimal}(\d+))?", digits)
    if grouped:
        whole, fraction = grouped.group(1).replace(group, ""), grouped.group(2)
        return whole + (f".{fraction}" if fraction else "")
    local = re.fullmatch(rf"(\d+)\{decimal}(\d+)", digits)
    if local:
        return f"{local.group(1)}.{local.group(2)}"
    other = re.fullmatch(rf"(\d+)\{group}(\d+)", digits)  # "0.35" in vi, "12,5" in en: a decimal point
    if other:
        return f"{other.group(1)}.{other.group(2)}"
    return digits if _PLAIN.fullmatch(digits) else None
