"""Aggregates and neighbours do not leak out of scope (issue 8, item 5): counts are over what the reader may
see, a history shows no id of an object they cannot open, and pages do not link to pages that answer 404."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from rightstrack.bodies.models import Body
from rightstrack.core.audit import history
from rightstrack.core.redaction import HIDDEN, redact_history
from tests.conftest import World


def test_a_cycle_counts_only_the_participants_the_reader_may_see(
    reporting: Any, world: World, api_for: Any
) -> None:
    cycle = reporting.cycle  # A and B take part
    for persona, expected in (
        ("focal_a", 1),
        ("focal_b", 1),
        ("agency", 0),
        ("secretariat", 2),
        ("admin", 2),
    ):
        detail = api_for(persona).get(f"/api/cycles/{cycle.pk}/").json()
        assert detail["participant_count"] == expected, persona
        assert len(detail["participants"]) == expected, persona
        listed = {row["id"]: row for row in api_for(persona).get("/api/cycles/").json()["results"]}
        assert listed[cycle.pk]["participant_count"] == expected, persona


def test_a_cycles_history_names_only_the_participants_the_reader_may_see(
    reporting: Any, world: World, client_for: Any
) -> None:
    cycle = reporting.cycle
    recorded = [e.after["participants"] for e in history(cycle) if e.after and "participants" in e.after]
    assert sorted(recorded[0]) == sorted([world.committee_a.pk, world.committee_b.pk])  # the record is whole

    shown = redact_history(world.focal_a, history(cycle))
    assert [e.after["participants"] for e in shown if e.after and "participants" in e.after] == [
        [world.committee_a.pk]
    ]
    page = client_for("focal_a").get(reverse("core:history", args=["reporting", "reportingcycle", cycle.pk]))
    assert page.status_code == 200
    for entry in page.context["entries"]:
        assert world.committee_b.pk not in (entry.after or {}).get("participants", [])
    # national staff see every participant
    full = redact_history(world.secretariat, history(cycle))
    assert any(world.committee_b.pk in (e.after or {}).get("participants", []) for e in full)


def test_a_foreign_key_out_of_scope_is_masked_in_a_history(world: World) -> None:
    # committee A's own record names its parent, the national committee, which focal_a cannot open
    (entry,) = [e for e in history(world.committee_a) if e.action == "create"]
    assert entry.after["parent"] == world.national.pk
    (shown,) = [e for e in redact_history(world.focal_a, history(world.committee_a)) if e.action == "create"]
    assert shown.after["parent"] == str(HIDDEN)
    assert shown.after["unit"] == world.province_a.pk  # reference data stays
    entry.refresh_from_db()
    assert entry.after["parent"] == world.national.pk  # redacted in memory only


def test_a_body_page_names_but_does_not_link_bodies_the_reader_cannot_open(
    world: World, client_for: Any
) -> None:
    # Huế's committee took over the old Quảng Trị committee's work; Huế's focal point cannot open the old one
    Body.objects.filter(pk=world.quang_tri_committee.pk).update(successor=world.hue_committee)
    old_url = world.quang_tri_committee.get_absolute_url()
    page = client_for("focal_hue").get(world.hue_committee.get_absolute_url()).content.decode()
    assert "Ban Chỉ đạo tỉnh Quảng Trị (" in page  # named, with when it ended
    assert old_url not in page
    assert client_for("focal_hue").get(old_url).status_code == 404
    # the national committee (parent) is named, not linked, for a province
    assert world.national.get_absolute_url() not in page
    # national staff get the links
    page = client_for("secretariat").get(world.hue_committee.get_absolute_url()).content.decode()
    assert old_url in page


def test_a_template_counts_only_the_reports_the_reader_may_see(reporting: Any, client_for: Any) -> None:
    template = reporting.template  # A's and B's reports use it
    for persona, expected in (("focal_a", 1), ("agency", 0), ("secretariat", 2)):
        page = client_for(persona).get(reverse("reporting:template_detail", args=[template.pk]))
        (version,) = [v for v in page.context["versions"] if v.pk == template.pk]
        assert version.report_count == expected, persona
        listing = client_for(persona).get(reverse("reporting:template_list"))
        (row,) = [t for t in listing.context["object_list"] if t.pk == template.pk]
        assert row.report_count == expected, persona
