"""Folding and match keys: every everyday spelling of a province's name gives the same key."""

from __future__ import annotations

import json
import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from rightstrack.places.normalize import COMMUNE, PROVINCE, fold, kind_levels, match_key
from rightstrack.places.services import DATA_FILE

_DATA = json.loads(DATA_FILE.read_text(encoding="utf-8"))
PROVINCE_NAMES = sorted({p["name"] for key in ("provinces_legacy", "provinces_2025") for p in _DATA[key]})
SEPARATORS = [" ", "  ", "-", " - ", "–", " – ", "—", " —  ", "\u00a0", "\t"]
PREFIXES = ["", "tỉnh ", "Tỉnh ", "TỈNH ", "thành phố ", "Thành phố ", "Thành Phố ", "TP. ", "tp ", "T.P. "]
SUFFIXES = ["", " province", " Province", " PROVINCE", " city"]


def strip_marks(text: str) -> str:
    """What a keyboard without Vietnamese input produces (đ stays: it has no decomposition)."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@st.composite
def spellings(draw: st.DrawFn, name: str) -> str:
    """``name`` as people type it: any case, with or without diacritics, any dash or spacing, kind words."""
    words = [w for w in re.split(r"[\s\-–—]+", name) if w]
    cased = []
    for word in words:
        flips = draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
        cased.append("".join(c.upper() if up else c.lower() for c, up in zip(word, flips, strict=True)))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(words) - 1, max_size=len(words) - 1))
    text = cased[0] + "".join(sep + word for sep, word in zip(seps, cased[1:], strict=True))
    if draw(st.booleans()):
        text = strip_marks(text)
    if draw(st.booleans()):
        text = text.replace("đ", "d").replace("Đ", "D")
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    pad = draw(st.sampled_from(["", " ", "  "]))
    return pad + draw(st.sampled_from(PREFIXES)) + text + draw(st.sampled_from(SUFFIXES)) + pad


def test_the_data_file_has_all_province_names() -> None:
    assert len(PROVINCE_NAMES) >= 63
    assert "Bà Rịa - Vũng Tàu" in PROVINCE_NAMES


def test_everyday_spellings_of_ba_ria_vung_tau_share_one_key() -> None:
    spellings_seen = [
        "Ba Ria - Vung Tau",
        "Bà Rịa–Vũng Tàu",
        "ba ria-vung tau",
        "tỉnh Bà Rịa - Vũng Tàu",
        "BÀ RỊA VŨNG TÀU",
        "Ba Ria - Vung Tau Province",
    ]
    assert {match_key(s) for s in spellings_seen} == {"bariavungtau"}


def test_d_with_stroke_folds_to_d() -> None:
    assert fold("Đà Nẵng") == fold("đà nẵng") == "da nang"
    assert match_key("Đắk Lắk") == match_key("Dak Lak") == match_key("Đăk Lăk") == "daklak"


def test_old_and_new_tone_mark_placement_fold_alike() -> None:
    assert match_key("Hoà Bình") == match_key("Hòa Bình")


def test_kind_words_say_the_level_but_not_the_name() -> None:
    assert kind_levels("tỉnh Quảng Nam") == {PROVINCE}
    assert kind_levels("Xã Tân Lập") == {COMMUNE}
    assert kind_levels("Quảng Nam") == frozenset()
    assert match_key("Thành phố") == "thanhpho"  # a kind word alone is kept, not emptied


@settings(max_examples=300)
@given(data=st.data(), name=st.sampled_from(PROVINCE_NAMES))
def test_any_spelling_of_a_province_has_the_names_key(data: st.DataObject, name: str) -> None:
    assert match_key(data.draw(spellings(name))) == match_key(name)


@settings(max_examples=500)
@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@settings(max_examples=300)
@given(st.text())
def test_fold_leaves_no_marks_capitals_or_loose_spaces(text: str) -> None:
    folded = fold(text)
    assert not any(unicodedata.combining(c) for c in folded)
    assert folded == folded.casefold()
    assert folded == folded.strip()
    assert "  " not in folded
    assert "đ" not in folded


@settings(max_examples=300)
@given(st.text())
def test_match_key_of_a_folded_text_is_unchanged(text: str) -> None:
    assert match_key(fold(text)) == match_key(text)
    assert " " not in match_key(text)
