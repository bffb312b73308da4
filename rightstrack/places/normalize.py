"""Folding of place names for matching. No Django here, so it is property-tested in isolation."""

from __future__ import annotations

from rightstrack.core.text import fold as text_fold

# Level names as in places.choices.UnitLevel (this module stays Django-free).
PROVINCE, DISTRICT, COMMUNE = "province", "district", "commune"

# Folded words that say what kind of unit a name is, and the levels each suggests; they never decide
# which unit it is. Longer forms come before the shorter forms they start with.
_PREFIXES: tuple[tuple[str, frozenset[str]], ...] = (
    ("thanh pho truc thuoc trung uong ", frozenset({PROVINCE})),
    ("thanh pho ", frozenset({PROVINCE, DISTRICT})),
    ("thu do ", frozenset({PROVINCE})),
    ("tinh ", frozenset({PROVINCE})),
    ("tp ", frozenset({PROVINCE, DISTRICT})),
    ("t p ", frozenset({PROVINCE, DISTRICT})),
    ("province of ", frozenset({PROVINCE})),
    ("city of ", frozenset({PROVINCE, DISTRICT})),
    ("quan ", frozenset({DISTRICT})),
    ("huyen ", frozenset({DISTRICT})),
    ("thi xa ", frozenset({DISTRICT})),
    ("thi tran ", frozenset({COMMUNE})),
    ("phuong ", frozenset({COMMUNE})),
    ("xa ", frozenset({COMMUNE})),
    ("dac khu ", frozenset({COMMUNE})),
)
_SUFFIXES: tuple[tuple[str, frozenset[str]], ...] = (
    (" province", frozenset({PROVINCE})),
    (" city", frozenset({PROVINCE, DISTRICT})),
    (" municipality", frozenset({PROVINCE})),
    (" district", frozenset({DISTRICT})),
    (" commune", frozenset({COMMUNE})),
    (" ward", frozenset({COMMUNE})),
)


def fold(text: str) -> str:
    """A place name folded for matching: ``core.text.fold`` reading dashes and punctuation as spaces."""
    return text_fold(text, separators=True)


def split_kind_words(folded: str) -> tuple[str, frozenset[str]]:
    """Drop one leading "tỉnh"/"thành phố"/... and one trailing "province"/"city"/... if a name remains.

    Returns the bare folded name and the levels the dropped words suggest (empty when there were none).
    """
    levels: frozenset[str] = frozenset()
    for prefix, suggested in _PREFIXES:
        if folded.startswith(prefix) and folded[len(prefix) :].strip():
            folded, levels = folded[len(prefix) :], suggested
            break
    for suffix, suggested in _SUFFIXES:
        if folded.endswith(suffix) and folded[: -len(suffix)].strip():
            folded = folded[: -len(suffix)]
            levels = levels & suggested or levels or suggested
            break
    return folded.strip(), levels


def strip_kind_words(folded: str) -> str:
    """The folded name without its kind words ("tinh ba ria vung tau" → "ba ria vung tau")."""
    return split_kind_words(folded)[0]


def match_key(text: str) -> str:
    """The key two spellings of one name share: folded, kind words dropped, spaces removed."""
    return strip_kind_words(fold(text)).replace(" ", "")


def kind_levels(text: str) -> frozenset[str]:
    """The levels that the kind words in ``text`` suggest ("xã Tân Lập" → commune); empty when none."""
    return split_kind_words(fold(text))[1]


def search_key(text: str) -> str:
    """What a search box's text is matched with against ``AdministrativeUnit.name_ascii`` (``fold``): folded,
    one kind word dropped ("Phường Bến Thành" finds "Bến Thành"); always a part of the folded text."""
    return strip_kind_words(fold(text))
