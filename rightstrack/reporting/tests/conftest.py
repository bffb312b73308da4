"""Reporting's fixtures on top of the shared world (the root ``conftest.py`` and ``tests/world.py``): a
default template and a cycle open for Hà Nội and Huế, each built once per session like the world."""

from __future__ import annotations

import datetime

import pytest

from rightstrack.reporting.models import Report, ReportingCycle, ReportTemplate
from tests.layers import State, layer, layer_fixture
from tests.world import REFORM_DAY, World

__all__ = ["DEADLINE", "PERIOD_END", "PERIOD_START", "REFORM_DAY", "World"]

PERIOD_START = datetime.date(2025, 1, 1)
PERIOD_END = datetime.date(2025, 6, 30)
DEADLINE = datetime.date(2025, 7, 15)


@layer("template", on=("world",))
def _build_template(state: State) -> State:
    from rightstrack.reporting.services import template_create_default

    return {"template": template_create_default(actor=state["world"].secretariat)}


@layer("cycle", on=("template",))
def _build_cycle(state: State) -> State:
    from rightstrack.reporting.services import cycle_create, cycle_open

    world = state["world"]
    planned = cycle_create(
        actor=world.secretariat,
        name="Báo cáo 6 tháng đầu năm 2025",
        name_en="First half of 2025",
        period_start=PERIOD_START,
        period_end=PERIOD_END,
        deadline=DEADLINE,
        template=state["template"],
        participants=[world.hanoi_committee, world.hue_committee],
    )
    return {"cycle": cycle_open(actor=world.secretariat, cycle=planned)}


@pytest.fixture
@layer_fixture("template")
def template(_layer_state: State) -> ReportTemplate:
    """The default template, as ``template_create_default`` makes it."""
    return _layer_state["template"]  # type: ignore[no-any-return]


@pytest.fixture
@layer_fixture("cycle")
def cycle(_layer_state: State) -> ReportingCycle:
    """An open cycle for Hà Nội and Huế: first half of 2025, due 15 July 2025."""
    return _layer_state["cycle"]  # type: ignore[no-any-return]


@pytest.fixture
def report(world: World, cycle: ReportingCycle) -> Report:
    """Hà Nội's draft report."""
    return Report.objects.get(cycle=cycle, body=world.hanoi_committee)


@pytest.fixture
def hue_report(world: World, cycle: ReportingCycle) -> Report:
    return Report.objects.get(cycle=cycle, body=world.hue_committee)


@pytest.fixture
def planned(world: World, template: ReportTemplate) -> ReportingCycle:
    """A planned cycle for Hà Nội and Huế."""
    from rightstrack.reporting.services import cycle_create

    return cycle_create(
        actor=world.secretariat,
        name="Báo cáo năm 2025",
        name_en="Year 2025",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        deadline=datetime.date(2026, 1, 15),
        template=template,
        participants=[world.hanoi_committee, world.hue_committee],
    )
