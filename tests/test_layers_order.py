"""The order of the tests that commit: the heavy ones spread out among the light ones, so that xdist's runs of
consecutive items never hand them all to one worker (tests/layers.py)."""

from __future__ import annotations

from typing import Any

from tests.layers import _spread


def test_heavy_items_are_spread_among_the_light_ones_and_none_is_lost() -> None:
    heavy: list[Any] = ["H1", "H2", "H3"]
    light: list[Any] = [f"l{i}" for i in range(7)]
    out = _spread(heavy, light)
    assert sorted(out) == sorted(heavy + light)
    assert [x for x in out if x in heavy] == heavy and [x for x in out if x in light] == light  # order kept
    assert out[0] == "H1" and out[-1] == "l6"  # a heavy one first, light ones last
    gaps = [out.index(b) - out.index(a) for a, b in zip(heavy[:-1], heavy[1:], strict=True)]
    assert min(gaps) >= 3  # two light ones at least between heavy ones
    assert _spread([], light) == light and _spread(heavy, []) == heavy
