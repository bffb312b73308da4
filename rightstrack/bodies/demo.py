"""The bodies part of the demo: the national committee, its standing office, ministries, every provincial
committee before and after the 2025 reorganisation, and their members.

People's names and decision numbers are fictional (see docs/decisions/0004-demo-data.md); the units are real
(the places loader runs first). Idempotent: a second run creates nothing and writes no audit record.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from rightstrack.bodies.choices import BodyKind, BodyLevel, Position
from rightstrack.bodies.models import Body, Membership
from rightstrack.bodies.services import (
    body_create,
    commune_bodies_create,
    membership_create,
    person_get_or_create,
)
from rightstrack.core.registry import DemoResult
from rightstrack.places.choices import UnitLevel
from rightstrack.places.models import AdministrativeUnit

REFORM_DAY = datetime.date(2025, 7, 1)
NATIONAL_CODE = "national-committee"
OFFICE_CODE = "standing-office"

MINISTRIES = [
    ("ministry-public-security", "Bộ Công an", "Ministry of Public Security"),
    ("ministry-foreign-affairs", "Bộ Ngoại giao", "Ministry of Foreign Affairs"),
    ("ministry-justice", "Bộ Tư pháp", "Ministry of Justice"),
    ("ministry-home-affairs", "Bộ Nội vụ", "Ministry of Home Affairs"),
    ("ministry-education", "Bộ Giáo dục và Đào tạo", "Ministry of Education and Training"),
    ("ministry-health", "Bộ Y tế", "Ministry of Health"),
]

_FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
]
_MIDDLE = ["Văn", "Thị", "Minh", "Hữu", "Thanh", "Đức", "Ngọc", "Quốc", "Thu", "Hoài"]
_GIVEN = [
    "An",
    "Bình",
    "Châu",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hùng",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Phong",
    "Phương",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trung",
    "Tuấn",
    "Việt",
    "Xuân",
    "Yến",
]


@dataclass
class DemoSummary:
    bodies_created: int = 0
    memberships_created: int = 0


def _fictional_name(rng: random.Random) -> str:
    return f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"


def _kind_word(unit: AdministrativeUnit, lang: str) -> str:
    city = "thành phố" in (unit.kind or "").lower()
    if lang == "vi":
        return "thành phố" if city else "tỉnh"
    return "City" if city else "Province"


def _ensure_body(summary: DemoSummary, *, code: str, **fields: object) -> Body:
    existing = Body.objects.filter(code=code).first()
    if existing is not None:
        return existing
    summary.bodies_created += 1
    return body_create(actor=None, code=code, **fields)  # type: ignore[arg-type]


def _ensure_seat(
    summary: DemoSummary, body: Body, position: str, start: datetime.date, **holder: object
) -> None:
    person_name = holder.pop("person_name", None)
    title = str(holder.pop("person_title", ""))
    member_body = holder.pop("member_body", None)
    if Membership.objects.filter(body=body, position=position).exists():
        return
    person = (
        person_get_or_create(actor=None, full_name=str(person_name), title=title) if person_name else None
    )
    membership_create(
        actor=None,
        body=body,
        position=position,
        person=person,
        member_body=member_body,  # type: ignore[arg-type]
        start_on=start,
    )
    summary.memberships_created += 1


def _provincial_committee(
    summary: DemoSummary, unit: AdministrativeUnit, national: Body, *, current: bool, successor: Body | None
) -> Body:
    prefix = "new" if current else "old"
    start = REFORM_DAY if current else datetime.date(2013, 3, 1)
    vi_kind, en_kind = _kind_word(unit, "vi"), _kind_word(unit, "en")
    body = _ensure_body(
        summary,
        code=f"{prefix}-{unit.code}-committee",
        name=f"Ban Chỉ đạo nhân quyền {vi_kind} {unit.name}",
        name_en=f"Human Rights Steering Committee of {unit.name_en or unit.name} {en_kind}".replace(
            f"{en_kind} {en_kind}", en_kind
        ),
        kind=BodyKind.PROVINCIAL_COMMITTEE,
        level=BodyLevel.PROVINCIAL,
        parent=national,
        unit=unit,
        established_on=start,
        establishment_decision=f"Quyết định số {100 + int(unit.code or 0)}/QĐ-UBND (minh hoạ)",
        dissolved_on=None if current else REFORM_DAY,
        successor=successor,
    )
    rng = random.Random(f"{prefix}-{unit.code}")
    _ensure_seat(
        summary,
        body,
        Position.HEAD,
        start,
        person_name=_fictional_name(rng),
        person_title=f"Chủ tịch Ủy ban nhân dân {vi_kind} {unit.name}",
    )
    _ensure_seat(
        summary,
        body,
        Position.STANDING_DEPUTY_HEAD,
        start,
        person_name=_fictional_name(rng),
        person_title=f"Giám đốc Công an {vi_kind} {unit.name}",
    )
    if current:
        police = _ensure_body(
            summary,
            code=f"{prefix}-{unit.code}-police",
            name=f"Công an {vi_kind} {unit.name}",
            name_en=f"{unit.name_en or unit.name} Police",
            kind=BodyKind.POLICE,
            level=BodyLevel.PROVINCIAL,
            parent=body,
            unit=unit,
        )
        _ensure_seat(summary, body, Position.STANDING_AGENCY, start, member_body=police)
        _ensure_seat(
            summary,
            body,
            Position.FOCAL_POINT,
            start,
            person_name=_fictional_name(rng),
            person_title=f"Phòng Tham mưu, Công an {vi_kind} {unit.name}",
        )
    return body


def load() -> DemoResult:
    """The registered demo loader: the national committee, its office, ministries, provincial committees."""
    summary = DemoSummary()
    national = _ensure_body(
        summary,
        code=NATIONAL_CODE,
        name="Ban Chỉ đạo nhân quyền của Chính phủ",
        name_en="Government Steering Committee for Human Rights",
        kind=BodyKind.NATIONAL_COMMITTEE,
        level=BodyLevel.NATIONAL,
        unit=AdministrativeUnit.objects.filter(level=UnitLevel.COUNTRY).first(),
        established_on=datetime.date(2012, 10, 1),
        establishment_decision="Quyết định số 000/QĐ-TTg (minh hoạ)",
    )
    office = _ensure_body(
        summary,
        code=OFFICE_CODE,
        name="Văn phòng Thường trực về nhân quyền",
        name_en="Standing Office on Human Rights",
        kind=BodyKind.STANDING_OFFICE,
        level=BodyLevel.NATIONAL,
        parent=national,
        unit=national.unit,
        established_on=national.established_on,
    )
    rng = random.Random("national")
    _ensure_seat(
        summary,
        national,
        Position.HEAD,
        datetime.date(2021, 4, 1),
        person_name=_fictional_name(rng),
        person_title="Phó Thủ tướng Chính phủ",
    )
    _ensure_seat(
        summary,
        national,
        Position.STANDING_DEPUTY_HEAD,
        datetime.date(2021, 4, 1),
        person_name=_fictional_name(rng),
        person_title="Thứ trưởng Bộ Công an",
    )
    _ensure_seat(summary, national, Position.STANDING_AGENCY, datetime.date(2012, 10, 1), member_body=office)
    ministries = {}
    for code, name, name_en in MINISTRIES:
        ministries[code] = _ensure_body(
            summary,
            code=code,
            name=name,
            name_en=name_en,
            kind=BodyKind.MINISTRY,
            level=BodyLevel.NATIONAL,
            parent=national,
            unit=national.unit,
        )
    for body in ministries.values():
        if not Membership.objects.filter(body=national, member_body=body).exists():
            membership_create(
                actor=None,
                body=national,
                position=Position.MEMBER,
                member_body=body,
                start_on=datetime.date(2021, 4, 1),
            )
            summary.memberships_created += 1

    provinces = AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE)
    new_committees: dict[int, Body] = {}
    for unit in provinces.filter(valid_from=REFORM_DAY).order_by("code"):
        new_committees[unit.pk] = _provincial_committee(summary, unit, national, current=True, successor=None)
    for unit in provinces.filter(valid_to=REFORM_DAY - datetime.timedelta(days=1)).prefetch_related(
        "successors"
    ):
        successors = [new_committees[s.pk] for s in unit.successors.all() if s.pk in new_committees]
        _provincial_committee(
            summary, unit, national, current=False, successor=successors[0] if successors else None
        )

    # The commune level of the provinces whose communes the places demo loads (Hồ Chí Minh City, Đà Nẵng).
    for unit in provinces.filter(valid_from=REFORM_DAY, children__level=UnitLevel.COMMUNE).distinct():
        summary.bodies_created += len(commune_bodies_create(actor=None, province=unit))

    return DemoResult(
        lines=[
            f"Bodies: {summary.bodies_created} bodies and {summary.memberships_created} memberships added."
        ]
    )
