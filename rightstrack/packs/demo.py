"""The packs part of the demo: the consolidated pack of the 2024 cycle (the 38 provinces of the central and
southern regions), built, so its page shows the grouped shortcomings, proposals and lessons at once.

Idempotent: the pack is looked up by cycle and title; it is built again only when its sources changed.
"""

from __future__ import annotations

from django.db import transaction

from rightstrack.core.registry import DemoResult
from rightstrack.packs.models import ConsolidatedPack
from rightstrack.packs.selectors import pack_is_stale
from rightstrack.packs.services import default_title, pack_create, pack_refresh
from rightstrack.reporting.models import ReportingCycle


def demo_pack() -> ConsolidatedPack | None:
    """The pack of the demo's regional review conference (conferences' demo), else of the 2024 cycle."""
    from rightstrack.conferences.models import Conference
    from rightstrack.reporting.demo import PAST_NAME

    conference = Conference.objects.filter(cycle__name=PAST_NAME).order_by("-date", "pk").first()
    cycle = (
        conference.cycle if conference is not None else ReportingCycle.objects.filter(name=PAST_NAME).first()
    )
    if cycle is None:
        return None
    title, _title_en = default_title(cycle, conference)
    pack = ConsolidatedPack.objects.filter(cycle=cycle, title=title).first()
    if pack is None:
        with transaction.atomic():
            pack = pack_create(actor=None, cycle=cycle, conference=conference)
    if not pack.is_built or pack_is_stale(pack, user=None):
        pack, _reused = pack_refresh(actor=None, pack=pack)
    return pack


def load() -> DemoResult:
    pack = demo_pack()
    if pack is None or pack.content is None:
        return DemoResult(lines=["Packs: no 2024 cycle, no pack."])
    content = pack.content
    shared = {t["key"]: sum(1 for g in t["groups"] if g["count"] >= 2) for t in content["themes"]}
    return DemoResult(
        lines=[
            f"Packs: “{pack.title}” built from {content['included']} of {len(content['bodies'])} reports; "
            f"points shared by 2+ provinces: {shared.get('shortcomings', 0)} shortcomings, "
            f"{shared.get('proposals', 0)} proposals, {shared.get('lessons', 0)} lessons."
        ]
    )
