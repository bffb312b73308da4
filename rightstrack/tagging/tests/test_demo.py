"""The demo's tagging part: suggestions waiting on the shortcomings of 2024 reports, on a UN recommendation
and on the review conference's minutes, a few SDG goals accepted so that the chart has provinces, and
nothing new on a second load. One test on purpose: it reads the whole demo, loaded once for the suite (the
`demo` fixture)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from rightstrack.accounts.models import User
from rightstrack.core.models import AuditEntry
from rightstrack.tagging import demo as tagging_demo
from rightstrack.tagging.choices import SuggestionState, TargetKind
from rightstrack.tagging.models import Suggestion


def test_the_demo_shows_suggestions_and_the_chart_and_loads_once(demo: None, client: Any) -> None:
    pending = Suggestion.objects.filter(state=SuggestionState.PENDING)
    assert {s.kind for s in pending} == {
        TargetKind.REPORT_SECTION,
        TargetKind.RECOMMENDATION,
        TargetKind.CONFERENCE,
    }
    assert all(s.model_version for s in Suggestion.objects.all())
    accepted = Suggestion.objects.filter(state=SuggestionState.ACCEPTED)
    assert accepted.count() == len(tagging_demo.ACCEPTED)
    assert {s.decided_by.username for s in accepted if s.decided_by} == {tagging_demo.REVIEWER}
    provinces = {s.report.body.name for s in accepted.select_related("report__body") if s.report}
    assert len(provinces) >= 4

    client.force_login(User.objects.get(username=tagging_demo.REVIEWER))
    page = client.get(reverse("tagging:taxonomy_detail", args=["sdg-goal"]) + "?section=limitations")
    assert page.status_code == 200
    assert all(name in page.content.decode() for name in provinces)

    audit, rows = AuditEntry.objects.count(), Suggestion.objects.count()
    tagging_demo.load()
    assert (AuditEntry.objects.count(), Suggestion.objects.count()) == (audit, rows)  # nothing new
