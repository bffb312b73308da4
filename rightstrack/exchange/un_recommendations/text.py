"""Text files' bytes as text: UTF-8 (with or without a BOM), UTF-16 (with a BOM, or recognisably without one),
or else Windows-1258, the legacy Vietnamese code page; always in NFC."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def decode_text(data: bytes) -> tuple[str, str]:
    """(text in NFC, the encoding it was read in): UTF-8, UTF-16 or Windows-1258."""
    if data.startswith(b"\xef\xbb\xbf"):
        return unicodedata.normalize("NFC", data[3:].decode("utf-8", errors="strict")), "UTF-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return unicodedata.normalize("NFC", data.decode("utf-16")), "UTF-16"
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(b"\x00") >= len(sample) // 4:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        codec = "utf-16-le" if odd > even else "utf-16-be"
        return unicodedata.normalize("NFC", data.decode(codec)), "UTF-16"
    try:
        return unicodedata.normalize("NFC", data.decode("utf-8")), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return unicodedata.normalize("NFC", data.decode("cp1258")), "Windows-1258"
    except UnicodeDecodeError:
        raise ValidationError(
            _(
                "The text of this file is in an encoding that cannot be read. Save it as CSV UTF-8 "
                "(in Excel: File › Save as › CSV UTF-8) and import it again."
            ),
            code="encoding",
        ) from None
