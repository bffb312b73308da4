"""The symbol parser: every way people type a document's number and symbol finds the same document, and text
that is not a symbol (fractions, dates, units) is never taken for one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rightstrack.laws.symbols import Symbol, SymbolError, find_symbols, normalise_symbol, parse_symbol

KINDS = ["NĐ", "QĐ", "TT", "NQ", "CT", "KH", "TTLT"]
ISSUERS = ["CP", "TTg", "BTP", "UBND", "HĐND", "BCA", "BTC"]

numbers = st.integers(min_value=1, max_value=99999).map(str)
years = st.integers(min_value=1945, max_value=2099)
symbols = st.one_of(
    st.builds(
        lambda n, y, k, i: Symbol(number=n, year=y, kind=k, issuer=i),
        numbers,
        st.one_of(st.none(), years),
        st.sampled_from(KINDS),
        st.sampled_from(ISSUERS),
    ),
    st.builds(
        lambda n, y, a, t: Symbol(number=n, year=y, kind=f"{a}QH{t}", issuer=""),
        numbers,
        years,
        st.sampled_from(["", "UBTV"]),
        st.integers(min_value=1, max_value=20),
    ),
    st.builds(
        lambda n, k: Symbol(number=n, year=None, kind=k, issuer="TW", party=True),
        numbers,
        st.sampled_from(["NQ", "CT", "KL", "QĐ"]),
    ),
)


@st.composite
def typed(draw: st.DrawFn, symbol: Symbol) -> str:
    """``symbol`` as someone might type it: spaces, Đ without its stroke, any case, an en dash, "số"."""
    text = symbol.text
    if draw(st.booleans()):
        text = text.replace("Đ", "D")
    text = draw(st.sampled_from([text, text.upper(), text.lower()]))
    if draw(st.booleans()):
        text = text.replace("/", " / ")
    if draw(st.booleans()):
        text = text.replace("-", " – ")
    if draw(st.booleans()):
        text = draw(st.sampled_from(["số ", "Số ", "số: "])) + text
    return text


@given(symbol=symbols, data=st.data())
def test_a_symbol_typed_any_way_parses_to_the_same_key(symbol: Symbol, data: st.DataObject) -> None:
    written = data.draw(typed(symbol))
    assert parse_symbol(written).key == symbol.key


@given(symbol=symbols)
def test_the_official_form_parses_to_itself(symbol: Symbol) -> None:
    assert normalise_symbol(symbol.text) == symbol.text


@given(
    symbol=symbols,
    before=st.sampled_from(["Thực hiện Nghị định ", "theo ", "(", "văn bản số ", "", "Căn cứ "]),
    after=st.sampled_from([" ngày 5/3/2020", ".", "), ", "; ", "", " và tỷ lệ 1/2"]),
    data=st.data(),
)
def test_a_symbol_in_running_text_is_found_once(
    symbol: Symbol, before: str, after: str, data: st.DataObject
) -> None:
    written = data.draw(typed(symbol))
    found = find_symbols(before + written + after)
    assert [f.symbol.key for f in found] == [symbol.key]


@given(text=st.text(alphabet="0123456789/ .,;:-–", max_size=60))
def test_numbers_dates_and_fractions_are_no_symbol(text: str) -> None:
    assert find_symbols(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nghị định số 30/2020/NĐ-CP ngày 05/3/2020", ["30/2020/NĐ-CP"]),
        ("Luật số 14/2012/QH13 và Nghị quyết 202/2025/QH15", ["14/2012/QH13", "202/2025/QH15"]),
        ("Quyết định 90/qđ-ttg, Nghị quyết 27-NQ/TW", ["90/QĐ-TTg", "27-NQ/TW"]),
        ("tỷ lệ 1/2, 24/7, 10/km, ngày 12/2020, 3/4 số hộ", []),
    ],
)
def test_known_citations(text: str, expected: list[str]) -> None:
    assert [f.symbol.text for f in find_symbols(text)] == expected


@pytest.mark.parametrize("text", ["", "30/2020", "NĐ-CP", "30/2020/NĐ-CP và 31/2020/NĐ-CP", "abc", "số"])
def test_what_is_not_one_symbol_is_refused(text: str) -> None:
    with pytest.raises(SymbolError):
        parse_symbol(text)


def test_leading_zeros_do_not_make_another_document() -> None:
    assert parse_symbol("01/2021/TT-BTP").key == parse_symbol("1/2021/TT-BTP").key
    assert parse_symbol("01/2021/TT-BTP").text == "01/2021/TT-BTP"
