"""Every route, for every persona: the status each one must get.

The expectations are written out here, not computed with the code under test. A route that is not in the
table fails `test_every_route_is_in_the_matrix`, so a new page cannot escape the matrix.
Objects belong to province A's committee unless named otherwise: focal_b and the agency focal point are
outside that scope and must get 404, never 403 (an out-of-scope object does not exist for them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from foundation_world import PERSONAS, World

from rightstrack.core.models import AuditEntry

SIGNED_IN = PERSONAS[1:]
SEES_A = {"admin", "secretariat", "reviewer", "focal_a"}


def everyone(status: int = 200, *, anonymous: int = 302) -> dict[str, int]:
    return {"anonymous": anonymous} | {p: status for p in SIGNED_IN}


def only(allowed: set[str], *, otherwise: int = 403, anonymous: int = 302) -> dict[str, int]:
    return {"anonymous": anonymous} | {p: 200 if p in allowed else otherwise for p in SIGNED_IN}


def scoped_to_a(*, allowed: set[str] | None = None, anonymous: int = 302) -> dict[str, int]:
    """In A's scope: 200 if allowed (default: whoever sees A), 403 if seen but not allowed; else 404."""
    allowed = SEES_A if allowed is None else allowed
    return {"anonymous": anonymous} | {
        p: (200 if p in allowed else 403) if p in SEES_A else 404 for p in SIGNED_IN
    }


@dataclass(frozen=True)
class Route:
    name: str
    args: Callable[[World], list[Any]]
    expected: dict[str, int]
    query: str = ""
    login_redirect: bool = True  # a 302 for anonymous means "sign in first"


def no_args(world: World) -> list[Any]:
    return []


API_ANON = 403
ROUTES = [
    Route("home", no_args, everyone()),
    Route("login", no_args, everyone(anonymous=200)),
    Route("logout", no_args, everyone(405, anonymous=405)),
    Route(
        "set_language", no_args, everyone(302, anonymous=302), login_redirect=False
    ),  # GET: back to the page
    Route("places:unit_list", no_args, everyone()),
    Route("places:unit_detail", lambda w: [w.province_a.pk], everyone()),
    Route("places:region_list", no_args, everyone()),
    Route("places:region_detail", lambda w: [w.region.pk], everyone()),
    Route("bodies:body_list", no_args, everyone()),
    Route("bodies:body_create", no_args, only({"admin", "secretariat"})),
    Route("bodies:body_detail", lambda w: [w.committee_a.pk], scoped_to_a()),
    Route("bodies:body_edit", lambda w: [w.committee_a.pk], scoped_to_a(allowed={"admin", "secretariat"})),
    Route(
        "bodies:membership_create",
        lambda w: [w.committee_a.pk],
        scoped_to_a(allowed={"admin", "secretariat", "focal_a"}),
    ),
    Route(
        "bodies:membership_end",
        lambda w: [w.seat_a.pk],
        scoped_to_a(allowed={"admin", "secretariat", "focal_a"}),
    ),
    Route("accounts:user_list", no_args, everyone()),
    Route("accounts:user_create", no_args, only({"admin"})),
    Route("accounts:user_detail", lambda w: [w.users["focal_a"].pk], scoped_to_a()),
    Route("accounts:user_edit", lambda w: [w.users["focal_a"].pk], scoped_to_a(allowed={"admin"})),
    Route("core:audit_log", no_args, only({"admin"})),
    Route("core:history", lambda w: ["bodies", "body", w.committee_a.pk], scoped_to_a()),
    # API: anonymous callers get 403 (session authentication sends no challenge).
    Route("api-root", no_args, everyone(anonymous=API_ANON)),
    Route("api-schema", no_args, everyone(anonymous=200)),
    Route("api-docs", no_args, everyone(anonymous=200)),
    Route("unit-list", no_args, everyone(anonymous=API_ANON)),
    Route("unit-resolve", no_args, everyone(anonymous=API_ANON), query="?q=Da%20Nang"),
    Route("unit-detail", lambda w: [w.province_a.pk], everyone(anonymous=API_ANON)),
    Route("region-list", no_args, everyone(anonymous=API_ANON)),
    Route("region-detail", lambda w: [w.region.pk], everyone(anonymous=API_ANON)),
    Route("body-list", no_args, everyone(anonymous=API_ANON)),
    Route("body-detail", lambda w: [w.committee_a.pk], scoped_to_a(anonymous=API_ANON)),
    Route("membership-list", no_args, everyone(anonymous=API_ANON)),
    Route("membership-detail", lambda w: [w.seat_a.pk], scoped_to_a(anonymous=API_ANON)),
    Route("body-membership-list", lambda w: [w.committee_a.pk], everyone(405, anonymous=API_ANON)),
    Route("user-list", no_args, everyone(anonymous=API_ANON)),
    Route("user-me", no_args, everyone(anonymous=API_ANON)),
    Route("user-detail", lambda w: [w.users["focal_a"].pk], scoped_to_a(anonymous=API_ANON)),
    Route("audit-list", no_args, only({"admin"}, anonymous=API_ANON)),
    Route(
        "audit-detail",
        lambda w: [AuditEntry.objects.for_object(w.committee_a).first().pk],  # type: ignore[union-attr]
        only({"admin"}, anonymous=API_ANON),
    ),
]
ROUTES_BY_NAME = {route.name: route for route in ROUTES}


def _named_routes(patterns: list[Any], namespace: str | None = None) -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # the Django admin site: checked in test_admin_is_for_administrators
            inner = pattern.namespace or namespace
            if namespace and pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}"
            names |= _named_routes(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def test_every_route_is_in_the_matrix() -> None:
    missing = _named_routes(get_resolver().url_patterns) - set(ROUTES_BY_NAME)
    assert not missing, f"add these routes to the persona matrix: {sorted(missing)}"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("route_name", [route.name for route in ROUTES])
def test_route_answers_each_persona(route_name: str, persona: str, world: World, client_for: Any) -> None:
    route = ROUTES_BY_NAME[route_name]
    url = reverse(route.name, args=route.args(world)) + route.query
    response = client_for(persona).get(url)
    expected = route.expected[persona]
    assert response.status_code == expected, f"{persona} GET {url}"
    if expected == 302 and persona == "anonymous" and route.login_redirect:
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", 302), ("focal_a", 302), ("secretariat", 302), ("admin", 200)]
)
def test_admin_is_for_administrators(persona: str, status: int, world: World, client_for: Any) -> None:
    """The Django admin site lets in administrators only; everyone else is sent to its login page."""
    response = client_for(persona).get("/admin/bodies/body/")
    assert response.status_code == status
