"""The accounts part of the demo: one user per role, in the bodies the bodies loader created.

Idempotent: an existing username is left alone. Every demo user shares one password, printed by
`rightstrack demo` (a demo database only).
"""

from __future__ import annotations

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import User
from rightstrack.accounts.services import user_create
from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.demo import NATIONAL_CODE, OFFICE_CODE
from rightstrack.bodies.models import Body
from rightstrack.core.registry import DemoLogin, DemoResult

DEMO_PASSWORD = "demo-rightstrack"  # printed by `rightstrack demo`; a demo database only


def _ensure_user(result: DemoResult, username: str, role: str, body: Body, first: str, last: str) -> None:
    if not User.objects.filter(username=username).exists():
        user_create(
            actor=None,
            username=username,
            body=body,
            role=role,
            password=DEMO_PASSWORD,
            validate=False,
            first_name=first,
            last_name=last,
            superuser=(role == Role.ADMIN),
        )
    result.logins.append(DemoLogin(username, str(Role(role).label), body.name))


def _current_committee(province_code: str) -> Body | None:
    return Body.objects.filter(
        kind=BodyKind.PROVINCIAL_COMMITTEE, unit__code=province_code, dissolved_on__isnull=True
    ).first()


def load() -> DemoResult:
    """The registered demo loader: an administrator, office staff, a reviewer and focal points."""
    result = DemoResult(password=DEMO_PASSWORD)
    national = Body.objects.get(code=NATIONAL_CODE)
    office = Body.objects.get(code=OFFICE_CODE)
    justice = Body.objects.get(code="ministry-justice")
    _ensure_user(result, "admin", Role.ADMIN, national, "", "Quản trị viên")
    _ensure_user(result, "vanphong", Role.SECRETARIAT, office, "Lan", "Trần Thị")
    _ensure_user(result, "thamdinh", Role.REVIEWER, national, "Hùng", "Lê Văn")
    _ensure_user(result, "bo.tuphap", Role.AGENCY_FOCAL_POINT, justice, "Mai", "Phạm Thị")
    for username, committee in (("hcm", _current_committee("79")), ("danang", _current_committee("48"))):
        if committee is not None and committee.unit is not None:
            _ensure_user(
                result,
                username,
                Role.PROVINCIAL_FOCAL_POINT,
                committee,
                "",
                f"Đầu mối {committee.unit.name}",
            )
    return result
