"""The demo's directives: the five the chair gave at the 2 August 2025 review, fanned out into tasks at
different stages (done with evidence, proposed done, in progress, overdue); the ministry has its own tasks.
It reads the whole demo, loaded once for the suite (the `demo` fixture)."""

from __future__ import annotations

from rightstrack.bodies.choices import BodyKind
from rightstrack.core.models import AuditEntry
from rightstrack.followup.choices import EvidenceKind, TaskStatus
from rightstrack.followup.demo import REVIEW_TITLE, load_followup_demo
from rightstrack.followup.models import Directive, Task, TaskEvidence


def test_the_demo_has_the_five_directives_of_the_review_and_loads_once(demo: None) -> None:
    directives = list(Directive.objects.filter(conference__title=REVIEW_TITLE).order_by("number"))
    assert [d.number for d in directives] == [1, 2, 3, 4, 5]
    assert [d.kind.code for d in directives] == [
        "review",
        "legislation",
        "grassroots",
        "education",
        "capacity",
    ]
    assert all(d.text and d.text_en and d.issued_by_name for d in directives)
    first = directives[0]
    bodies = [t.body for t in first.tasks.select_related("body")]
    # The 38 committees that took part, as they are today: the 19 of their merged provinces.
    assert len(bodies) == 19 and all(b.kind == BodyKind.PROVINCIAL_COMMITTEE and b.is_active for b in bodies)
    ministries = {t.body.code for t in directives[1].tasks.select_related("body")}
    assert "ministry-justice" in ministries
    tasks = Task.objects.filter(directive__in=directives)
    assert tasks.filter(status=TaskStatus.DONE).exists()
    assert tasks.overdue().exists()
    assert tasks.filter(status=TaskStatus.IN_PROGRESS, done_proposed_at__isnull=False).exists()
    assert TaskEvidence.objects.filter(
        kind=EvidenceKind.REFERENCE, update__task__status=TaskStatus.DONE
    ).exists()
    assert Task.objects.filter(body__code="ministry-justice").exists()

    audit = AuditEntry.objects.count()
    load_followup_demo()
    assert AuditEntry.objects.count() == audit  # a second load writes nothing
