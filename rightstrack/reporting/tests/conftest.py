"""Personas for reporting: a national committee with its standing office, three provincial committees (one
dissolved in the 2025 reorganisation), a ministry, and one user per role, built through the services."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import User
from rightstrack.accounts.services import user_create
from rightstrack.bodies.choices import BodyKind, BodyLevel
from rightstrack.bodies.models import Body
from rightstrack.bodies.services import body_create
from rightstrack.places.choices import UnitLevel
from rightstrack.places.models import AdministrativeUnit, Region, RegionMembership
from rightstrack.reporting.models import Report, ReportingCycle, ReportTemplate
from rightstrack.reporting.services import cycle_create, cycle_open, template_create_default

REFORM_DAY = datetime.date(2025, 7, 1)
PERIOD_START = datetime.date(2025, 1, 1)
PERIOD_END = datetime.date(2025, 6, 30)
DEADLINE = datetime.date(2025, 7, 15)


@pytest.fixture(autouse=True)
def _tasks_and_files(settings: Any, tmp_path: Any) -> None:
    """Tasks run in-process right after commit; uploads land in a temporary folder; mail stays in memory."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@dataclass
class World:
    hanoi: AdministrativeUnit
    hue: AdministrativeUnit
    quang_tri_old: AdministrativeUnit
    north_central: Region
    national: Body
    office: Body
    hanoi_committee: Body
    hue_committee: Body
    quang_tri_committee: Body
    ministry: Body
    admin: User
    secretariat: User
    reviewer: User
    focal_hanoi: User
    focal_hanoi_en: User
    focal_hue: User
    agency: User


def _unit(code: str, name: str, name_en: str, valid_to: datetime.date | None = None) -> AdministrativeUnit:
    return AdministrativeUnit.objects.create(
        code=code, name=name, name_en=name_en, level=UnitLevel.PROVINCE, valid_to=valid_to
    )


def _user(username: str, body: Body, role: str, language: str = "vi", email: bool = True) -> User:
    return user_create(
        actor=None,
        username=username,
        body=body,
        role=role,
        email=f"{username}@example.org" if email else "",
        preferred_language=language,
    )


@pytest.fixture
def world(db: Any) -> World:
    hanoi = _unit("01", "Hà Nội", "Ha Noi")
    hue = _unit("46", "Huế", "Hue")
    quang_tri_old = _unit("45", "Quảng Trị", "Quang Tri", valid_to=REFORM_DAY - datetime.timedelta(days=1))
    north_central = Region.objects.create(code="north-central", name="Bắc Trung Bộ", name_en="North Central")
    RegionMembership.objects.create(region=north_central, unit=hue)
    RegionMembership.objects.create(region=north_central, unit=quang_tri_old)

    national = body_create(
        actor=None,
        code="national",
        name="Ban Chỉ đạo về quyền con người của Chính phủ",
        name_en="Government Steering Committee for Human Rights",
        kind=BodyKind.NATIONAL_COMMITTEE,
        level=BodyLevel.NATIONAL,
    )
    office = body_create(
        actor=None,
        code="office",
        name="Văn phòng thường trực",
        name_en="Standing Office",
        kind=BodyKind.STANDING_OFFICE,
        level=BodyLevel.NATIONAL,
        parent=national,
    )

    def committee(code: str, unit: AdministrativeUnit, **extra: Any) -> Body:
        return body_create(
            actor=None,
            code=code,
            name=f"Ban Chỉ đạo tỉnh {unit.name}",
            name_en=f"{unit.name_en} Provincial Steering Committee",
            kind=BodyKind.PROVINCIAL_COMMITTEE,
            parent=national,
            unit=unit,
            **extra,
        )

    hanoi_committee = committee("bcd-hanoi", hanoi)
    hue_committee = committee("bcd-hue", hue)
    quang_tri_committee = committee(
        "bcd-quang-tri", quang_tri_old, established_on=datetime.date(2010, 1, 1), dissolved_on=REFORM_DAY
    )
    ministry = body_create(
        actor=None,
        code="ministry-justice",
        name="Bộ Tư pháp",
        name_en="Ministry of Justice",
        kind=BodyKind.MINISTRY,
        level=BodyLevel.NATIONAL,
        parent=national,
    )
    return World(
        hanoi=hanoi,
        hue=hue,
        quang_tri_old=quang_tri_old,
        north_central=north_central,
        national=national,
        office=office,
        hanoi_committee=hanoi_committee,
        hue_committee=hue_committee,
        quang_tri_committee=quang_tri_committee,
        ministry=ministry,
        admin=_user("admin", national, Role.ADMIN, "en"),
        secretariat=_user("vanphong", office, Role.SECRETARIAT, "en"),
        reviewer=_user("thamdinh", national, Role.REVIEWER, "vi"),
        focal_hanoi=_user("hanoi", hanoi_committee, Role.PROVINCIAL_FOCAL_POINT, "vi"),
        focal_hanoi_en=_user("hanoi.en", hanoi_committee, Role.PROVINCIAL_FOCAL_POINT, "en"),
        focal_hue=_user("hue", hue_committee, Role.PROVINCIAL_FOCAL_POINT, "vi", email=False),
        agency=_user("bo.tuphap", ministry, Role.AGENCY_FOCAL_POINT, "vi"),
    )


@pytest.fixture
def template(world: World) -> ReportTemplate:
    return template_create_default(actor=world.secretariat)


@pytest.fixture
def cycle(world: World, template: ReportTemplate) -> ReportingCycle:
    """An open cycle for Hà Nội and Huế: first half of 2025, due 15 July 2025."""
    planned = cycle_create(
        actor=world.secretariat,
        name="Báo cáo 6 tháng đầu năm 2025",
        name_en="First half of 2025",
        period_start=PERIOD_START,
        period_end=PERIOD_END,
        deadline=DEADLINE,
        template=template,
        participants=[world.hanoi_committee, world.hue_committee],
    )
    return cycle_open(actor=world.secretariat, cycle=planned)


@pytest.fixture
def report(world: World, cycle: ReportingCycle) -> Report:
    """Hà Nội's draft report."""
    return Report.objects.get(cycle=cycle, body=world.hanoi_committee)


@pytest.fixture
def hue_report(world: World, cycle: ReportingCycle) -> Report:
    return Report.objects.get(cycle=cycle, body=world.hue_committee)
