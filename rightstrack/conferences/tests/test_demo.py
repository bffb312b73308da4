"""The demo's conferences: the 2024 regional review of the 38 central and southern provinces, presented by
eight, in Bà Rịa–Vũng Tàu (now part of Hồ Chí Minh City), chaired by the standing deputy head; and a training
ahead. It reads the whole demo, loaded once for the suite (the `demo` fixture)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from rightstrack.conferences.demo import (
    PRESENTERS,
    REVIEW_TITLE,
    TRAINING_TITLE,
    conferences_demo_summary,
    load_conferences_demo,
)
from rightstrack.conferences.models import Conference
from rightstrack.conferences.selectors import place_today
from rightstrack.core.models import AuditEntry
from rightstrack.reporting.demo import PAST_NAME


def test_the_demo_has_the_regional_review_and_a_training_ahead_and_loads_once(demo: None) -> None:
    review = Conference.objects.select_related("place", "chair__person", "cycle").get(title=REVIEW_TITLE)
    assert review.date == datetime.date(2025, 8, 2) and review.kind == "regional_review"
    assert review.cycle is not None and review.cycle.name == PAST_NAME
    assert review.participants.count() == 38
    assert review.place is not None and review.place.name.startswith("Bà Rịa")
    assert [unit.name for unit in place_today(review)] == ["Hồ Chí Minh"]
    assert review.chair is not None and review.chair.position == "standing_deputy_head"
    assert review.chair.body.kind == "national_committee" and review.chair.is_current(review.date)
    presentations = list(review.presentations.select_related("body__unit", "report"))
    assert [p.body.unit.name for p in presentations if p.body.unit] == list(PRESENTERS)
    assert all(p.report is not None and p.report.cycle_id == review.cycle_id for p in presentations)
    assert review.media_links.count() == 2
    training = Conference.objects.get(title=TRAINING_TITLE)
    assert training.date > timezone.localdate() and training.participants.count() == 34

    audit = AuditEntry.objects.count()
    assert load_conferences_demo() == []
    assert AuditEntry.objects.count() == audit  # a second load writes nothing
    assert "38 participating bodies, 8 presenting" in conferences_demo_summary()
