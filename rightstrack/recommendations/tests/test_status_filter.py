"""The status filter reads the latest assessment (by date, then by entry; on the portal the latest
published one) with one join: it finds exactly what the sorted subquery it replaced finds, whatever the
dates, ties and publication flags."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rightstrack.recommendations.choices import ImplementationStatus
from rightstrack.recommendations.models import Assessment, Recommendation
from rightstrack.recommendations.selectors import latest_status, latest_status_is
from tests.world import World

STATUSES = ImplementationStatus.values
assessment = st.tuples(
    st.integers(min_value=0, max_value=2),  # which recommendation
    st.sampled_from(STATUSES),
    st.integers(min_value=0, max_value=3),  # day: ties on purpose
    st.booleans(),  # published
)


@pytest.mark.usefixtures("recommendations")
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(assessment, max_size=8))
def test_it_finds_what_the_latest_assessment_says(
    world: World, rows: list[tuple[int, str, int, bool]]
) -> None:
    recs = world.recommendations()
    chosen = [recs.upr, recs.cedaw, recs.province]
    Assessment.objects.filter(recommendation__in=chosen).delete()
    for which, status, day, published in rows:
        Assessment.objects.create(
            recommendation=chosen[which],
            body=world.justice,
            status=status,
            assessed_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=day),
            is_published=published,
        )
    every = Recommendation.objects.filter(pk__in=[r.pk for r in chosen])
    for published_only in (False, True):
        annotated = every.annotate(latest=latest_status(published_only=published_only))
        for status in STATUSES:
            expected = set(annotated.filter(latest=status).values_list("pk", flat=True))
            found = set(
                every.filter(latest_status_is(status, published_only=published_only)).values_list(
                    "pk", flat=True
                )
            )
            assert found == expected, (status, published_only)
