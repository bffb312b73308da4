"""A small country built through the services, personas who work in it, and signed-in clients for them.

National steering committee                       reviewer, admin
├── Standing office                               secretariat (acts for the whole committee)
├── Ministry of Justice                           agency (agency focal point)
├── Ministry of Foreign Affairs
├── Steering committee of province A (Đà Nẵng)    focal_a
│   └── People's Committee of A
└── Steering committee of province B (Cần Thơ)    focal_b
    └── People's Committee of B

The reporting objects (a template, a cycle open for A and B, their reports) and a notification for
focal_a are built only for tests that ask for them (``world.reporting()``), as they cost a few queries.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import User
from rightstrack.bodies.choices import BodyKind, BodyLevel, Position
from rightstrack.bodies.models import Body, Membership
from rightstrack.places.choices import UnitLevel
from rightstrack.places.models import AdministrativeUnit, Region
from tests.factories import (
    BodyFactory,
    MembershipFactory,
    PersonFactory,
    RegionFactory,
    RegionMembershipFactory,
    UnitFactory,
    UserFactory,
)

ANONYMOUS = "anonymous"
PERSONAS = (ANONYMOUS, "admin", "secretariat", "reviewer", "focal_a", "focal_b", "agency")
SIGNED_IN = PERSONAS[1:]
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass
class Reporting:
    template: Any
    cycle: Any
    report_a: Any
    report_b: Any
    attachment: Any
    notification: Any


@dataclass
class World:
    country: AdministrativeUnit
    province_a: AdministrativeUnit
    province_b: AdministrativeUnit
    commune_a: AdministrativeUnit
    region: Region
    national: Body
    office: Body
    justice: Body
    foreign: Body
    committee_a: Body
    pc_a: Body
    committee_b: Body
    pc_b: Body
    seat_national: Membership
    seat_a: Membership
    seat_pc_a: Membership
    seat_b: Membership
    seat_justice: Membership
    users: dict[str, User]
    _reporting: Reporting | None = field(default=None, repr=False)

    def user(self, persona: str) -> User | None:
        return self.users.get(persona)

    def reporting(self) -> Reporting:
        """A default template and a cycle for the first half of 2025 open for A and B: A's report a draft
        saved twice with one attachment, B's submitted; and a notification for focal_a."""
        if self._reporting is None:
            from django.core.files.uploadedfile import SimpleUploadedFile

            from rightstrack.notifications.choices import NotificationKind
            from rightstrack.notifications.services import notify
            from rightstrack.reporting.models import Report
            from rightstrack.reporting.services import (
                attachment_add,
                cycle_create,
                cycle_open,
                report_save,
                report_submit,
                template_create_default,
            )

            secretariat = self.users["secretariat"]
            template = template_create_default(actor=secretariat)
            cycle = cycle_open(
                actor=secretariat,
                cycle=cycle_create(
                    actor=secretariat,
                    name="Báo cáo 6 tháng đầu năm 2025",
                    name_en="First half of 2025",
                    period_start=datetime.date(2025, 1, 1),
                    period_end=datetime.date(2025, 6, 30),
                    deadline=datetime.date(2025, 7, 15),
                    template=template,
                    participants=[self.committee_a, self.committee_b],
                ),
            )
            report_a = Report.objects.get(cycle=cycle, body=self.committee_a)
            for text in ("<p>Tình hình ổn định.</p>", "<p>Tình hình ổn định, có tiến bộ.</p>"):
                report_a = report_save(
                    actor=self.users["focal_a"],
                    report=report_a,
                    expected_version=report_a.version,
                    sections={"situation": text},
                    figures={},
                )
            report_b = report_submit(
                actor=self.users["focal_b"], report=Report.objects.get(cycle=cycle, body=self.committee_b)
            )
            attachment = attachment_add(
                actor=self.users["focal_a"],
                report=report_a,
                uploaded_file=SimpleUploadedFile(
                    "Phụ lục 1.pdf", MINIMAL_PDF, content_type="application/pdf"
                ),
            )
            (notification,) = notify(
                users=[self.users["focal_a"]],
                kind=NotificationKind.OTHER,
                title_factory=lambda: "Thông báo thử",
                url=self.committee_a.get_absolute_url(),
                email=False,
            )
            self._reporting = Reporting(
                template=template,
                cycle=cycle,
                report_a=report_a,
                report_b=report_b,
                attachment=attachment,
                notification=notification,
            )
        return self._reporting


def build_world() -> World:
    country = UnitFactory(code="VN", name="Việt Nam", name_en="Viet Nam", level=UnitLevel.COUNTRY)
    province_a = UnitFactory(code="48", name="Đà Nẵng", name_en="Da Nang", parent=country)
    province_b = UnitFactory(code="92", name="Cần Thơ", name_en="Can Tho", parent=country)
    commune_a = UnitFactory(
        code="20194", name="Hải Châu", name_en="Hai Chau", level=UnitLevel.COMMUNE, parent=province_a
    )
    region = RegionFactory(code="mekong", name="Đồng bằng sông Cửu Long", name_en="Mekong Delta")
    RegionMembershipFactory(region=region, unit=province_b)

    national = BodyFactory(
        code="national",
        name="Ban Chỉ đạo về quyền con người của Chính phủ",
        kind=BodyKind.NATIONAL_COMMITTEE,
        level=BodyLevel.NATIONAL,
        unit=country,
    )

    def child(code: str, name: str, kind: str, parent: Body, unit: AdministrativeUnit | None = None) -> Body:
        level = BodyLevel.NATIONAL if parent == national and unit is None else BodyLevel.PROVINCIAL
        return BodyFactory(code=code, name=name, kind=kind, level=level, parent=parent, unit=unit)

    office = child("office", "Văn phòng thường trực", BodyKind.STANDING_OFFICE, national)
    justice = child("justice", "Bộ Tư pháp", BodyKind.MINISTRY, national)
    foreign = child("foreign", "Bộ Ngoại giao", BodyKind.MINISTRY, national)
    committee_a = child(
        "committee-a", "Ban Chỉ đạo Đà Nẵng", BodyKind.PROVINCIAL_COMMITTEE, national, province_a
    )
    pc_a = child("pc-a", "Ủy ban nhân dân Đà Nẵng", BodyKind.PEOPLES_COMMITTEE, committee_a, province_a)
    committee_b = child(
        "committee-b", "Ban Chỉ đạo Cần Thơ", BodyKind.PROVINCIAL_COMMITTEE, national, province_b
    )
    pc_b = child("pc-b", "Ủy ban nhân dân Cần Thơ", BodyKind.PEOPLES_COMMITTEE, committee_b, province_b)

    seat_national = MembershipFactory(body=national, person=None, member_body=justice)
    seat_a = MembershipFactory(
        body=committee_a,
        person=PersonFactory(full_name="Nguyễn Văn An", title="Chủ tịch UBND"),
        position=Position.HEAD,
    )
    seat_pc_a = MembershipFactory(body=pc_a, person=PersonFactory(full_name="Lê Thị Cúc"))
    seat_b = MembershipFactory(
        body=committee_b,
        person=PersonFactory(full_name="Trần Thị Bình", title="Chủ tịch UBND"),
        position=Position.HEAD,
    )
    seat_justice = MembershipFactory(
        body=justice, person=PersonFactory(full_name="Phạm Văn Dũng"), position=Position.FOCAL_POINT
    )

    users = {
        "admin": UserFactory(username="admin", body=national, role=Role.ADMIN),
        "secretariat": UserFactory(username="secretariat", body=office, role=Role.SECRETARIAT),
        "reviewer": UserFactory(username="reviewer", body=national, role=Role.REVIEWER),
        "focal_a": UserFactory(username="focal_a", body=committee_a, role=Role.PROVINCIAL_FOCAL_POINT),
        "focal_b": UserFactory(username="focal_b", body=committee_b, role=Role.PROVINCIAL_FOCAL_POINT),
        "agency": UserFactory(username="agency", body=justice, role=Role.AGENCY_FOCAL_POINT),
    }
    return World(
        country=country,
        province_a=province_a,
        province_b=province_b,
        commune_a=commune_a,
        region=region,
        national=national,
        office=office,
        justice=justice,
        foreign=foreign,
        committee_a=committee_a,
        pc_a=pc_a,
        committee_b=committee_b,
        pc_b=pc_b,
        seat_national=seat_national,
        seat_a=seat_a,
        seat_pc_a=seat_pc_a,
        seat_b=seat_b,
        seat_justice=seat_justice,
        users=users,
    )


@pytest.fixture
def world(db: Any, settings: Any, tmp_path: Any) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"  # attachments never land in the working tree
    return build_world()


@pytest.fixture
def client_for(world: World) -> Callable[..., Client]:
    """A browser-like client signed in as the persona (``anonymous``: not signed in)."""

    def make(persona: str, *, language: str = "en") -> Client:
        client = Client(HTTP_ACCEPT_LANGUAGE=language)
        user = world.user(persona)
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def api_for(world: World) -> Callable[[str], APIClient]:
    """An API client authenticated as the persona (``anonymous``: no credentials)."""

    def make(persona: str) -> APIClient:
        client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        user = world.user(persona)
        if user is not None:
            client.force_authenticate(user=user)
        return client

    return make
