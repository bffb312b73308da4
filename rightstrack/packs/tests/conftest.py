"""Packs' fixtures on the shared world: a closed-looking cycle for A (Đà Nẵng), B (Cần Thơ), Hà Nội and Huế
in which A, B and Hà Nội submitted reports whose shortcomings, proposals and lessons make the same points in
different words, and Huế left its report a draft. Built once per session like the world."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest

from tests.layers import State, layer, layer_fixture

TEXTS: dict[str, dict[str, str]] = {
    "committee_a": {
        "situation": "<p>Tình hình kinh tế - xã hội của thành phố Đà Nẵng ổn định.</p>",
        "limitations": "<p>Đội ngũ cán bộ làm công tác nhân quyền ở cấp xã chủ yếu kiêm nhiệm, thường xuyên "
        "thay đổi. Kinh phí bố trí cho hoạt động của Ban Chỉ đạo còn hạn hẹp.</p>",
        "proposals": "<ol><li>Đề nghị Bộ Tư pháp sớm ban hành hướng dẫn thống nhất về bộ chỉ số theo dõi "
        "quyền con người.</li></ol>",
        "lessons": "<p>Sự vào cuộc của người đứng đầu cấp ủy, chính quyền là yếu tố quyết định.</p>",
    },
    "committee_b": {
        "situation": "<p>Thành phố Cần Thơ giữ vững ổn định chính trị.</p>",
        "limitations": "<p>Cán bộ cấp xã phụ trách công tác nhân quyền phần lớn kiêm nhiệm và hay thay đổi. "
        "Tài liệu tuyên truyền bằng tiếng dân tộc thiểu số còn ít.</p>",
        "proposals": "<ol><li>Kiến nghị Bộ Tư pháp ban hành hướng dẫn về bộ chỉ số theo dõi, đánh giá quyền "
        "con người để áp dụng thống nhất.</li></ol>",
        "lessons": "<p>Người đứng đầu cấp ủy và chính quyền trực tiếp vào cuộc là yếu tố quyết định kết "
        "quả.</p>",
    },
    "hanoi_committee": {
        "situation": "<p>Thủ đô Hà Nội phát triển ổn định.</p>",
        "difficulties": "<p>Nguồn kinh phí bố trí cho hoạt động của Ban Chỉ đạo nhân quyền còn hạn hẹp. "
        "Áp lực dân số cơ học lên hạ tầng đô thị rất lớn.</p>",
        "proposals": "<ol><li>Đề nghị Chính phủ bổ sung nguồn lực cho các địa phương bị thiên tai.</li></ol>",
    },
}
FIGURES: dict[str, dict[str, str | int]] = {
    "committee_a": {"awareness-sessions": 120, "awareness-participants": 9000, "poverty-rate": "1.25"},
    "committee_b": {"awareness-sessions": 150, "awareness-participants": 11000, "poverty-rate": "2.5"},
    "hanoi_committee": {"awareness-sessions": 400, "awareness-participants": 30000, "poverty-rate": "0.5"},
}
FOCAL = {"committee_a": "focal_a", "committee_b": "focal_b", "hanoi_committee": "focal_hanoi"}


@dataclass
class PackWorld:
    cycle: Any
    reports: dict[str, Any]  # body attribute name → report
    empty_cycle: Any  # a cycle for A and B in which nobody submitted


@layer("pack_world", on=("world",))
def _build_pack_world(state: State) -> State:
    return {"pack_world": build_pack_world(state["world"])}


def build_pack_world(world: Any) -> PackWorld:
    """The cycles and reports above, written and submitted through the services."""
    from rightstrack.reporting.models import Report
    from rightstrack.reporting.services import (
        cycle_create,
        cycle_open,
        report_save,
        report_submit,
        template_create_default,
    )

    secretariat = world.users["secretariat"]
    template = template_create_default(actor=secretariat)
    bodies = [world.committee_a, world.committee_b, world.hanoi_committee, world.hue_committee]
    cycle = cycle_open(
        actor=secretariat,
        cycle=cycle_create(
            actor=secretariat,
            name="Báo cáo năm 2024",
            name_en="2024 report",
            period_start=datetime.date(2024, 1, 1),
            period_end=datetime.date(2024, 12, 31),
            deadline=datetime.date(2025, 1, 15),
            template=template,
            participants=bodies,
        ),
    )
    reports = {}
    for name, sections in TEXTS.items():
        focal = world.users[FOCAL[name]]
        report = Report.objects.get(cycle=cycle, body=getattr(world, name))
        report = report_save(
            actor=focal,
            report=report,
            expected_version=report.version,
            sections=sections,
            figures=FIGURES[name],
        )
        reports[name] = report_submit(actor=focal, report=report)
    reports["hue_committee"] = Report.objects.get(cycle=cycle, body=world.hue_committee)
    empty = cycle_open(
        actor=secretariat,
        cycle=cycle_create(
            actor=secretariat,
            name="Báo cáo quý I năm 2025",
            name_en="First quarter of 2025",
            period_start=datetime.date(2025, 1, 1),
            period_end=datetime.date(2025, 3, 31),
            deadline=datetime.date(2025, 4, 15),
            template=template,
            participants=[world.committee_a, world.committee_b],
        ),
    )
    return PackWorld(cycle=cycle, reports=reports, empty_cycle=empty)


@pytest.fixture
@layer_fixture("pack_world")
def pack_world(_layer_state: State) -> PackWorld:
    return _layer_state["pack_world"]  # type: ignore[no-any-return]
