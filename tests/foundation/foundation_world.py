"""A small country built through the services, and one signed-in client per persona.

National committee
├── Standing office            (secretariat works here: sees the whole committee's subtree)
├── Ministry of Justice        (agency focal point)
├── Committee of province A    (focal_a)
│   └── People's Committee of A
└── Committee of province B    (focal_b)
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import User
from rightstrack.accounts.services import user_create
from rightstrack.bodies.choices import BodyKind, BodyLevel, Position
from rightstrack.bodies.models import Body, Membership
from rightstrack.bodies.services import body_create, membership_create, person_get_or_create
from rightstrack.places.choices import UnitLevel
from rightstrack.places.models import AdministrativeUnit, Region, RegionMembership

PERSONAS = ("anonymous", "admin", "secretariat", "reviewer", "focal_a", "focal_b", "agency")
PASSWORD = "a-long-test-password-2026"


@dataclass
class World:
    country: AdministrativeUnit
    province_a: AdministrativeUnit
    province_b: AdministrativeUnit
    region: Region
    national: Body
    office: Body
    ministry: Body
    committee_a: Body
    sub_a: Body
    committee_b: Body
    seat_a: Membership
    seat_b: Membership
    users: dict[str, User]

    def user(self, persona: str) -> User | None:
        return self.users.get(persona)


def build_world() -> World:
    country = AdministrativeUnit.objects.create(code="VN", name="Việt Nam", level=UnitLevel.COUNTRY)
    province_a = AdministrativeUnit.objects.create(
        code="48", name="Đà Nẵng", name_en="Da Nang", level=UnitLevel.PROVINCE, parent=country
    )
    province_b = AdministrativeUnit.objects.create(
        code="92", name="Cần Thơ", name_en="Can Tho", level=UnitLevel.PROVINCE, parent=country
    )
    region = Region.objects.create(code="south", name="Miền Nam", name_en="South")
    RegionMembership.objects.create(region=region, unit=province_b)

    def body(code: str, name: str, kind: str, parent: Body | None, unit: AdministrativeUnit | None) -> Body:
        level = BodyLevel.NATIONAL if unit is None or unit == country else BodyLevel.PROVINCIAL
        return body_create(actor=None, code=code, name=name, kind=kind, level=level, parent=parent, unit=unit)

    national = body("national", "Ban Chỉ đạo nhân quyền", BodyKind.NATIONAL_COMMITTEE, None, country)
    office = body("office", "Văn phòng thường trực", BodyKind.STANDING_OFFICE, national, country)
    ministry = body("justice", "Bộ Tư pháp", BodyKind.MINISTRY, national, country)
    committee_a = body(
        "committee-a", "Ban Chỉ đạo Đà Nẵng", BodyKind.PROVINCIAL_COMMITTEE, national, province_a
    )
    sub_a = body("pc-a", "Ủy ban nhân dân Đà Nẵng", BodyKind.PEOPLES_COMMITTEE, committee_a, province_a)
    committee_b = body(
        "committee-b", "Ban Chỉ đạo Cần Thơ", BodyKind.PROVINCIAL_COMMITTEE, national, province_b
    )
    start = datetime.date(2025, 7, 1)
    seat_a = membership_create(
        actor=None,
        body=committee_a,
        position=Position.HEAD,
        start_on=start,
        person=person_get_or_create(actor=None, full_name="Nguyễn Văn An", title="Chủ tịch UBND"),
    )
    seat_b = membership_create(
        actor=None,
        body=committee_b,
        position=Position.HEAD,
        start_on=start,
        person=person_get_or_create(actor=None, full_name="Trần Thị Bình", title="Chủ tịch UBND"),
    )

    def user(username: str, home: Body, role: str, **extra: Any) -> User:
        return user_create(
            actor=None,
            username=username,
            body=home,
            role=role,
            password=PASSWORD,
            validate=False,
            email=f"{username}@example.org",
            **extra,
        )

    users = {
        "admin": user("admin", national, Role.ADMIN, superuser=True),
        "secretariat": user("secretariat", office, Role.SECRETARIAT),
        "reviewer": user("reviewer", national, Role.REVIEWER),
        "focal_a": user("focal_a", committee_a, Role.PROVINCIAL_FOCAL_POINT),
        "focal_b": user("focal_b", committee_b, Role.PROVINCIAL_FOCAL_POINT),
        "agency": user("agency", ministry, Role.AGENCY_FOCAL_POINT),
    }
    return World(
        country,
        province_a,
        province_b,
        region,
        national,
        office,
        ministry,
        committee_a,
        sub_a,
        committee_b,
        seat_a,
        seat_b,
        users,
    )
