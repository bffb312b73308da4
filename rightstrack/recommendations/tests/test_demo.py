"""The demo's recommendations: a few dozen across mechanisms, marked as demo data, named in Vietnamese, and
loaded again without duplicates."""

from __future__ import annotations

import pytest

from rightstrack.recommendations import demo
from rightstrack.recommendations.models import AffectedPersons, Recommendation, Theme
from tests.world import World


@pytest.mark.usefixtures("world")
def test_the_demo_loads_once_across_mechanisms(world: World) -> None:
    result = demo.load()
    assert "demo recommendations to Viet Nam" in result.lines[0]
    rows = Recommendation.objects.filter(document_symbol__contains="DEMO")
    assert rows.count() == len(demo.UPR) + len(demo.TREATY) >= 30
    assert set(rows.values_list("mechanism", flat=True)) >= {"UPR", "CEDAW", "CRC", "CAT", "CCPR", "SP"}
    assert all(r.text_vi for r in rows)
    assert not Theme.objects.filter(name_vi="").exists()
    assert not AffectedPersons.objects.filter(name_vi="").exists()
    assert rows.filter(assignments__role="lead").count() == len(demo.STAGES)
    assert set(rows.values_list("assessments__status", flat=True)) >= {
        "implemented",
        "in_progress",
        "not_started",
    }
    demo.load()
    assert rows.count() == len(demo.UPR) + len(demo.TREATY)
    assert rows.filter(assignments__role="lead").count() == len(demo.STAGES)
