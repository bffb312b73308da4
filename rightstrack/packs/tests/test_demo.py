"""The demo's pack: the 2024 cycle of the 38 central and southern provinces, built, with shortcomings,
proposals and lessons that recur across provinces in different words (the grouping has real work)."""

from __future__ import annotations

from django.utils import translation

from rightstrack.packs.demo import demo_pack
from rightstrack.packs.tests.helpers import built_content


def test_the_demo_pack_groups_points_that_provinces_make_in_their_own_words(demo: None) -> None:
    with translation.override("vi"):
        pack = demo_pack()
    assert pack is not None
    content = built_content(pack)
    assert len(content["bodies"]) == 38 and content["included"] == 32
    assert len(content["not_submitted"]) == 6  # four returned, two drafts: named
    themes = {theme["key"]: theme for theme in content["themes"]}
    for key in ("shortcomings", "proposals", "lessons"):
        shared = [g for g in themes[key]["groups"] if g["count"] >= 2]
        assert len(shared) >= 3, key
        reworded = [g for g in shared if len({m["text"] for m in g["members"]}) >= 2]
        assert len(reworded) >= 2, key  # the same point in different words, grouped
    assert any(g["authorities"] for g in themes["proposals"]["groups"])
    first = themes["shortcomings"]["groups"][0]
    assert first["count"] == max(g["count"] for g in themes["shortcomings"]["groups"])
