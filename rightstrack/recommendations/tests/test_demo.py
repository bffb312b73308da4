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


@pytest.mark.usefixtures("world")
def test_the_demo_loads_what_it_always_loaded(world: World) -> None:
    """The same rows as before the loader and its texts were two modules (counted on the single module)."""
    from django.db.models import Count

    from rightstrack.recommendations.models import Assessment, Assignment, Measure

    demo.load()
    rows = Recommendation.objects.filter(document_symbol__contains="DEMO")
    assert dict(rows.values_list("mechanism").annotate(n=Count("pk")).order_by()) == {
        "CAT": 1,
        "CCPR": 1,
        "CEDAW": 2,
        "CERD": 1,
        "CESCR": 1,
        "CRC": 2,
        "CRPD": 1,
        "SP": 1,
        "UPR": 22,
    }
    counts = (Assignment.objects.count(), Measure.objects.count(), Assessment.objects.count())
    assert counts == (10, 5, 5)
    assert (Theme.objects.count(), AffectedPersons.objects.count()) == (38, 16)
    assert sorted(rows.filter(is_published=True).values_list("number", flat=True)) == [
        "12(a)",
        "120.11",
        "120.13",
        "120.14",
        "120.17",
        "120.2",
        "120.4",
        "120.5",
        "120.6",
        "120.8",
        "31(c)",
        "40",
        "88(d)",
    ]
    assert Assessment.objects.filter(is_published=True).count() == 4
