"""Lists never leak: every persona's pages and API lists hold exactly the objects in their scope, whatever
the filters and on every page; out-of-scope names appear nowhere on the page, not even in a drop-down."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from rightstrack.bodies.choices import BodyKind
from tests.conftest import SIGNED_IN, World
from tests.factories import BodyFactory
from tests.layers import State, layer, layer_fixture

ALL_BODIES = {"national", "office", "justice", "foreign", "committee-a", "pc-a", "committee-b", "pc-b"} | {
    "bcd-hanoi",
    "bcd-hue",
    "bcd-quang-tri",
}
BODIES = {
    "admin": ALL_BODIES,
    "secretariat": ALL_BODIES,
    "reviewer": ALL_BODIES,
    "focal_a": {"committee-a", "pc-a"},
    "focal_b": {"committee-b", "pc-b"},
    "agency": {"justice"},
}
ALL_USERS = {"admin", "secretariat", "reviewer", "focal_a", "focal_b", "agency", "hanoi", "hanoi.en", "hue"}
USERS = {
    "admin": ALL_USERS,
    "secretariat": ALL_USERS,
    "reviewer": ALL_USERS,
    "focal_a": {"focal_a"},
    "focal_b": {"focal_b"},
    "agency": {"agency"},
}
ALL_SEATS = {"seat_national", "seat_a", "seat_pc_a", "seat_b", "seat_justice"}
SEATS = {
    "admin": ALL_SEATS,
    "secretariat": ALL_SEATS,
    "reviewer": ALL_SEATS,
    "focal_a": {"seat_a", "seat_pc_a"},
    "focal_b": {"seat_b"},
    "agency": {"seat_justice"},
}
ALL_UNITS = {"VN", "48", "92", "20194", "01", "46", "45"}
ALL_REGIONS = {"mekong", "north-central"}
REPORTS = {
    "admin": {"committee-a", "committee-b"},
    "secretariat": {"committee-a", "committee-b"},
    "reviewer": {"committee-a", "committee-b"},
    "focal_a": {"committee-a"},
    "focal_b": {"committee-b"},
    "agency": set(),
}
BODY_NAMES = {
    "national": "Ban Chỉ đạo về quyền con người của Chính phủ",
    "office": "Văn phòng thường trực",
    "justice": "Bộ Tư pháp",
    "foreign": "Bộ Ngoại giao",
    "committee-a": "Ban Chỉ đạo Đà Nẵng",
    "pc-a": "Ủy ban nhân dân Đà Nẵng",
    "committee-b": "Ban Chỉ đạo Cần Thơ",
    "pc-b": "Ủy ban nhân dân Cần Thơ",
    "bcd-hanoi": "Ban Chỉ đạo tỉnh Hà Nội",
    "bcd-hue": "Ban Chỉ đạo tỉnh Huế",
    "bcd-quang-tri": "Ban Chỉ đạo tỉnh Quảng Trị",
}


def seat_names(world: World, ids: set[int]) -> set[str]:
    seats = {name: getattr(world, name).pk for name in ALL_SEATS}
    return {name for name, pk in seats.items() if pk in ids}


def html_rows(client: Any, url: str) -> list[Any]:
    """Every object listed on every page of an HTML list (following its pagination)."""
    rows: list[Any] = []
    page = 1
    while True:
        response = client.get(url, {"page": page} if page > 1 else {})
        assert response.status_code == 200, url
        rows += list(response.context["object_list"])
        if not response.context["page_obj"] or not response.context["page_obj"].has_next():
            return rows
        page += 1


def api_rows(client: Any, url: str) -> list[dict[str, Any]]:
    """Every object of every page of an API list (following ``next``)."""
    rows: list[dict[str, Any]] = []
    next_url: str | None = url
    count = None
    while next_url:
        response = client.get(next_url)
        assert response.status_code == 200, next_url
        payload = response.json()
        count = payload["count"] if count is None else count
        assert payload["count"] == count  # the total does not change from page to page
        rows += payload["results"]
        next_url = payload["next"]
    assert count == len(rows)
    return rows


# HTML lists --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", SIGNED_IN)
def test_body_list_page_holds_exactly_the_scope(persona: str, world: World, client_for: Any) -> None:
    client = client_for(persona)
    listed = {body.code for body in html_rows(client, reverse("bodies:body_list"))}
    assert listed == BODIES[persona]
    page = client.get(reverse("bodies:body_list")).content.decode()
    for code, name in BODY_NAMES.items():
        assert (name in page) is (code in BODIES[persona]), f"{persona} and {name}"


@pytest.mark.parametrize("persona", SIGNED_IN)
def test_user_list_page_holds_exactly_the_scope(persona: str, world: World, client_for: Any) -> None:
    client = client_for(persona)
    listed = {user.username for user in html_rows(client, reverse("accounts:user_list"))}
    assert listed == USERS[persona]
    page = client.get(reverse("accounts:user_list")).content.decode()
    for username in ALL_USERS - USERS[persona]:
        assert f">{username}<" not in page


@pytest.mark.parametrize("persona", SIGNED_IN)
def test_reference_lists_are_the_same_for_everyone(persona: str, world: World, client_for: Any) -> None:
    client = client_for(persona)
    assert {u.code for u in html_rows(client, reverse("places:unit_list"))} == ALL_UNITS
    assert {r.code for r in html_rows(client, reverse("places:region_list"))} == ALL_REGIONS


@pytest.mark.parametrize(
    ("persona", "query", "expected"),
    [
        ("focal_a", {"kind": BodyKind.PROVINCIAL_COMMITTEE}, {"committee-a"}),
        ("focal_a", {"q": "Cần Thơ"}, set()),
        ("focal_a", {"q": "committee"}, {"committee-a"}),
        ("focal_a", {"active": "true"}, {"committee-a", "pc-a"}),
        ("focal_b", {"q": "Ủy ban"}, {"pc-b"}),
        ("agency", {"kind": BodyKind.MINISTRY}, {"justice"}),
        ("secretariat", {"kind": BodyKind.MINISTRY}, {"justice", "foreign"}),
        ("secretariat", {"kind": BodyKind.PEOPLES_COMMITTEE}, {"pc-a", "pc-b"}),
    ],
)
def test_filtered_body_list_stays_in_scope(
    persona: str, query: dict[str, str], expected: set[str], world: World, client_for: Any, api_for: Any
) -> None:
    response = client_for(persona).get(reverse("bodies:body_list"), query)
    assert {b.code for b in response.context["object_list"]} == expected
    api = api_for(persona).get("/api/bodies/", query)
    assert {b["code"] for b in api.json()["results"]} == expected


@pytest.mark.parametrize("persona", ["focal_a", "agency"])
def test_filtering_by_an_unseen_parent_or_body_finds_nothing(
    persona: str, world: World, client_for: Any, api_for: Any
) -> None:
    client, api = client_for(persona), api_for(persona)
    parent = {"parent": world.committee_b.pk}
    assert list(client.get(reverse("bodies:body_list"), parent).context["object_list"]) == []
    assert api.get("/api/bodies/", parent).json()["results"] == []
    body = {"body": world.committee_b.pk}
    assert list(client.get(reverse("accounts:user_list"), body).context["object_list"]) == []
    assert api.get("/api/users/", body).json()["results"] == []
    assert api.get("/api/memberships/", body).json()["results"] == []


def test_filter_by_own_parent_lists_the_children_in_scope(world: World, client_for: Any) -> None:
    response = client_for("focal_a").get(reverse("bodies:body_list"), {"parent": world.national.pk})
    assert {b.code for b in response.context["object_list"]} == {"committee-a"}


# API lists ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", SIGNED_IN)
def test_api_lists_hold_exactly_the_scope(persona: str, world: World, api_for: Any) -> None:
    api = api_for(persona)
    assert {b["code"] for b in api_rows(api, "/api/bodies/")} == BODIES[persona]
    assert {u["username"] for u in api_rows(api, "/api/users/")} == USERS[persona]
    assert seat_names(world, {m["id"] for m in api_rows(api, "/api/memberships/")}) == SEATS[persona]
    assert {u["code"] for u in api_rows(api, "/api/units/")} == ALL_UNITS
    assert {r["code"] for r in api_rows(api, "/api/regions/")} == ALL_REGIONS


@pytest.mark.parametrize("persona", SIGNED_IN)
def test_api_report_list_holds_exactly_the_scope(persona: str, world: World, api_for: Any) -> None:
    reports = world.reporting()
    by_body = {reports.report_a.pk: "committee-a", reports.report_b.pk: "committee-b"}
    listed = {by_body[r["id"]] for r in api_rows(api_for(persona), "/api/reports/")}
    assert listed == REPORTS[persona]


@pytest.mark.parametrize("persona", SIGNED_IN)
def test_home_counts_only_the_scope(persona: str, world: World, client_for: Any) -> None:
    response = client_for(persona).get(reverse("home"))
    panels = {item["template"]: item["data"] for item in response.context["home_panels"]}
    if persona not in ("admin", "secretariat", "reviewer"):  # the counters are the offices' (decision 0018)
        assert "bodies/home_panel.html" not in panels
        return
    assert panels["bodies/home_panel.html"]["body_count"] == len(BODIES[persona])
    assert panels["bodies/home_panel.html"]["member_count"] == len(SEATS[persona])


# Pagination: the scope holds on every page -------------------------------------------------------------


@layer("crowded", on=("world",))
def _crowd(state: State) -> State:
    """60 departments under A and 60 under B: more than one page of everything, interleaved by path."""
    world = state["world"]
    for n in range(60):
        for committee, letter in ((world.committee_a, "a"), (world.committee_b, "b")):
            BodyFactory(
                code=f"dept-{letter}-{n}",
                name=f"Sở {letter.upper()} số {n}",
                kind=BodyKind.DEPARTMENT,
                parent=committee,
            )
    return {}


@pytest.fixture
@layer_fixture("crowded")
def crowded(world: World) -> World:
    """The world with 60 departments under A and 60 under B (built once, like the world)."""
    return world


@pytest.mark.parametrize("persona", ["focal_a", "focal_b", "secretariat"])
def test_every_html_page_stays_in_scope(persona: str, crowded: World, client_for: Any) -> None:
    rows = html_rows(client_for(persona), reverse("bodies:body_list"))
    codes = [b.code for b in rows]
    assert len(codes) == len(set(codes))  # no object twice across pages
    letters = {"focal_a": "a", "focal_b": "b", "secretariat": "ab"}[persona]
    expected = BODIES[persona] | {f"dept-{x}-{n}" for x in letters for n in range(60)}
    assert set(codes) == expected


@pytest.mark.parametrize("persona", ["focal_a", "focal_b", "secretariat"])
def test_every_api_page_stays_in_scope(persona: str, crowded: World, api_for: Any) -> None:
    rows = api_rows(api_for(persona), "/api/bodies/?page_size=7")
    codes = [b["code"] for b in rows]
    assert len(codes) == len(set(codes))
    letters = {"focal_a": "a", "focal_b": "b", "secretariat": "ab"}[persona]
    assert set(codes) == BODIES[persona] | {f"dept-{x}-{n}" for x in letters for n in range(60)}


def test_a_page_past_the_scope_is_not_found(crowded: World, client_for: Any, api_for: Any) -> None:
    """focal_a has 62 bodies: two HTML pages of 50; a third page does not exist for them."""
    assert client_for("focal_a").get(reverse("bodies:body_list"), {"page": 2}).status_code == 200
    assert client_for("focal_a").get(reverse("bodies:body_list"), {"page": 3}).status_code == 404
    assert api_for("focal_a").get("/api/bodies/", {"page_size": 31, "page": 3}).status_code == 404


# Pages that show related objects show only those in scope ----------------------------------------------


def test_unit_page_lists_only_bodies_in_scope(world: World, client_for: Any) -> None:
    url = reverse("places:unit_detail", args=[world.province_b.pk])
    assert "Ban Chỉ đạo Cần Thơ" in client_for("secretariat").get(url).content.decode()
    page = client_for("focal_a").get(url).content.decode()
    assert "Cần Thơ" in page  # the unit itself is reference data
    assert "Ban Chỉ đạo Cần Thơ" not in page and "Ủy ban nhân dân Cần Thơ" not in page


def test_membership_form_offers_only_agencies_in_scope(world: World, client_for: Any) -> None:
    response = client_for("focal_a").get(reverse("bodies:membership_create", args=[world.committee_a.pk]))
    offered = {b.code for b in response.context["form"].fields["member_body"].queryset}
    assert offered == {"committee-a", "pc-a"}
    page = response.content.decode()
    assert "Cần Thơ" not in page and "Bộ Tư pháp" not in page


def test_body_form_offers_only_parents_in_scope_to_the_secretariat(world: World, client_for: Any) -> None:
    response = client_for("secretariat").get(reverse("bodies:body_create"))
    offered = {b.code for b in response.context["form"].fields["parent"].queryset}
    assert offered == ALL_BODIES - {"bcd-quang-tri"}  # dissolved on 30/06/2025: not offered any more


def test_body_page_shows_only_its_own_seats(world: World, client_for: Any) -> None:
    page = client_for("focal_a").get(reverse("bodies:body_detail", args=[world.committee_a.pk]))
    text = page.content.decode()
    assert "Nguyễn Văn An" in text
    assert "Trần Thị Bình" not in text and "Phạm Văn Dũng" not in text
