"""The demo's tagging part: suggestions waiting on the shortcomings of 2024 reports, on a UN recommendation
and on the review conference's minutes, a few SDG goals accepted so that the chart has provinces, and
nothing new on a second load. One test on purpose: it loads the whole demo."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from rightstrack.accounts.models import User
from rightstrack.core.demo import load_demo
from rightstrack.core.models import AuditEntry
from rightstrack.tagging import demo
from rightstrack.tagging.choices import SuggestionState, TargetKind
from rightstrack.tagging.models import Suggestion


def test_the_demo_shows_suggestions_and_the_chart_and_loads_once(db: Any, client: Any) -> None:
    load_demo()
    pending = Suggestion.objects.filter(state=SuggestionState.PENDING)
    assert {s.kind for s in pending} == {
        TargetKind.REPORT_SECTION,
        TargetKind.RECOMMENDATION,
        TargetKind.CONFERENCE,
    }
    assert all(s.model_version for s in Suggestion.objects.all())
    accepted = Suggestion.objects.filter(state=SuggestionState.ACCEPTED)
    assert accepted.count() == len(demo.ACCEPTED)
    assert {s.decided_by.username for s in accepted if s.decided_by} == {demo.REVIEWER}
    provinces = {s.report.body.name for s in accepted.select_related("report__body") if s.report}
    assert len(provinces) >= 4

    client.force_login(User.objects.get(username=demo.REVIEWER))
    page = client.get(reverse("tagging:taxonomy_detail", args=["sdg-goal"]) + "?section=limitations")
    assert page.status_code == 200
    assert all(name in page.content.decode() for name in provinces)

    audit, rows = AuditEntry.objects.count(), Suggestion.objects.count()
    demo.load()
    assert (AuditEntry.objects.count(), Suggestion.objects.count()) == (audit, rows)  # nothing new
