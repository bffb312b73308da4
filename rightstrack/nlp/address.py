"""A news page's address read as a weak headline: the words of its URL slug.

News sites write an article's headline into its address ("…/hoi-nghi-tap-huan-cong-tac-nhan-quyen-nam-2024"),
often from the headline the stored text no longer carries. ``slug_words(address)`` gives the words of a web
address's (http or https, with its host) last path segment when that segment reads as a headline: at least
``MIN_SLUG_WORDS`` words of letters once the file extension and every token holding a digit (ids, dates,
years: "post767601", "t5850", "202309") are dropped. Section names before it ("/tin-chinh/", "/phap-luat/")
are not the article's and are not read; an address that is only ids, dates or a query ("?p=580966") gives
nothing. The meeting reader uses these words for the kind only, and only when the text and its title state
none (``meeting/title.py``; decision "the kind from the page's address").
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

MIN_SLUG_WORDS = 3
_EXTENSION = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cfm|epi)$", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W_]+")  # runs of letters and digits: hyphens, underscores, "+" and dots separate


def slug_words(address: str | None) -> str | None:
    """The headline words of ``address``'s last path segment, space-separated, or None when it has none."""
    if not address:
        return None
    try:
        parts = urlsplit(address.strip())
    except ValueError:  # a malformed address (an unclosed "[" in the host) states nothing
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    segments = [segment for segment in unquote(parts.path).split("/") if segment.strip()]
    if not segments:
        return None
    tokens = _TOKEN.findall(_EXTENSION.sub("", segments[-1].strip()))
    words = [token for token in tokens if not any(char.isdigit() for char in token)]
    if len(words) < MIN_SLUG_WORDS:
        return None
    return " ".join(words)
