"""No query string can become a server error: bad filters answer 400 with a reason, in the API and on pages.

The list routes are read from the URL resolver (a page whose view has a FilterSet; an API route whose GET is
``list``), and each one's filter names from its FilterSet, so a new list or a new filter is fuzzed without
anyone adding it here. Hypothesis sends those names (and a few others) with whatever values it likes:
numbers of any size, floats, impossible dates, text with control characters.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rightstrack.core.handlers import server_error
from tests.conftest import World

PERSONAS = ("admin", "focal_a")  # everything, and one province's subtree


@dataclass(frozen=True)
class ListRoute:
    name: str
    api: bool
    filters: tuple[str, ...]

    def __str__(self) -> str:
        return self.name


def _walk(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue
            inner = ":".join(part for part in (namespace, pattern.namespace or "") if part)
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern


def list_routes() -> list[ListRoute]:
    """Every list page (a view with a FilterSet and no URL arguments) and every API list endpoint."""
    found: dict[str, ListRoute] = {}
    for name, pattern in _walk(get_resolver().url_patterns):
        if set(pattern.pattern.regex.groupindex) - {"format"}:
            continue  # a page about one object, not a list
        callback = pattern.callback
        actions = getattr(callback, "actions", None)
        view = getattr(callback, "cls", None) if actions else getattr(callback, "view_class", None)
        filterset = getattr(view, "filterset_class", None)
        if actions is not None:
            if actions.get("get") != "list":
                continue
        elif filterset is None:
            continue
        filters = tuple(sorted(filterset.base_filters)) if filterset is not None else ()
        found[name] = ListRoute(name=name, api=actions is not None, filters=filters)
    return sorted(found.values(), key=str)


LIST_ROUTES = list_routes()

weird_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from("\x00\x1f\u202e%&=+#?;"),
    max_size=30,
)
numbers = st.integers(min_value=-(10**40), max_value=10**40).map(str)
floats = st.floats(allow_nan=True, allow_infinity=True).map(repr) | st.sampled_from(
    ["1e400", "-1e400", "1e-400", "NaN", "inf", "-0", "0.5", "2024.0", "1_000", "0x10", "١٢"]
)
dates = st.from_regex(r"\A-?[0-9]{1,6}-[0-9]{1,3}-[0-9]{1,3}\Z") | st.dates().map(lambda d: d.isoformat())
small = st.sampled_from(["", "0", "-1", "1", "9999", "10000", "true", "false", "yes", "2", "null"])
values = st.one_of(small, numbers, floats, dates, weird_text)
EXTRA_KEYS = ("page", "page_size", "ordering", "on", "year", "q", "status")


def query_strategy(route: ListRoute) -> st.SearchStrategy[str]:
    keys = st.sampled_from(sorted(set(route.filters) | set(EXTRA_KEYS))) | weird_text.filter(bool)
    return st.lists(st.tuples(keys, values), max_size=4).map(urlencode)


def test_the_list_routes_are_found() -> None:
    """The discovery must see the lists people use: if it finds none, the property test proves nothing."""
    names = {route.name for route in LIST_ROUTES}
    assert {"reporting:cycle_list", "places:unit_list", "cycle-list", "unit-list", "report-list"} <= names
    assert all(route.filters for route in LIST_ROUTES if route.name in {"cycle-list", "reporting:cycle_list"})


@pytest.mark.parametrize("route", LIST_ROUTES, ids=str)
def test_no_query_string_is_a_server_error(route: ListRoute, world: World, client_for: Any) -> None:
    world.reporting()
    clients = {persona: client_for(persona) for persona in PERSONAS}
    path = reverse(route.name)

    @settings(
        max_examples=20,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(persona=st.sampled_from(PERSONAS), query=query_strategy(route))
    def check(persona: str, query: str) -> None:
        headers = {"accept": "application/json"} if route.api else {}
        response = clients[persona].get(f"{path}?{query}", headers=headers)
        assert response.status_code < 500, f"{persona} GET {path}?{query}"
        if route.api:
            assert response["Content-Type"].startswith("application/json"), f"GET {path}?{query}"

    check()


# The inputs the probe found, and what each answers now --------------------------------------------------

YEAR_ERROR = "Enter a year between 1 and 9999."


@pytest.mark.parametrize("year", ["0", "-1", "10000", "1e400", "2025.5", "nine", "NaN", "9" * 40])
def test_a_year_outside_the_calendar_is_refused_in_json(year: str, world: World, api_for: Any) -> None:
    response = api_for("admin").get("/api/cycles/", {"year": year})
    assert response.status_code == 400
    assert response.json() == {"year": [YEAR_ERROR]}


@pytest.mark.parametrize("year", ["0", "10000", "1e400"])
def test_a_year_outside_the_calendar_is_refused_on_the_page(year: str, world: World, client_for: Any) -> None:
    response = client_for("admin").get(reverse("reporting:cycle_list"), {"year": year})
    assert response.status_code == 400
    assert YEAR_ERROR in response.content.decode()
    assert "Some filters could not be used" in response.content.decode()


def test_the_page_says_it_in_vietnamese(world: World, client_for: Any) -> None:
    response = client_for("admin", language="vi").get(reverse("reporting:cycle_list"), {"year": "0"})
    assert response.status_code == 400
    assert "Nhập năm từ 1 đến 9999." in response.content.decode()


def test_a_good_year_still_filters(world: World, client_for: Any, api_for: Any) -> None:
    cycle = world.reporting().cycle
    assert [
        row["id"] for row in api_for("admin").get("/api/cycles/", {"year": "2025"}).json()["results"]
    ] == [cycle.pk]
    assert api_for("admin").get("/api/cycles/", {"year": "2024"}).json()["results"] == []
    page = client_for("admin").get(reverse("reporting:cycle_list"), {"year": "2025"})
    assert page.status_code == 200
    assert cycle.name_en in page.content.decode()


def test_an_id_past_the_database_range_is_refused(world: World, client_for: Any, api_for: Any) -> None:
    huge = "9" * 30
    response = api_for("admin").get("/api/reports/", {"cycle": huge})
    assert response.status_code == 400
    assert list(response.json()) == ["cycle"]
    page = client_for("secretariat").get(reverse("bodies:body_list"), {"parent": "1.5"})
    assert page.status_code == 400
    assert "Parent body: Enter a whole number." in page.content.decode()  # a hidden field says it above


@pytest.mark.parametrize("day", ["2024-02-30", "0000-01-01", "2024-13-01", "9" * 30])
def test_an_impossible_day_on_a_region_page(day: str, world: World, client_for: Any) -> None:
    response = client_for("admin").get(reverse("places:region_detail", args=[world.region.pk]), {"on": day})
    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()


def test_a_real_day_on_a_region_page(world: World, client_for: Any) -> None:
    url = reverse("places:region_detail", args=[world.region.pk])
    response = client_for("admin").get(url, {"on": "2024-02-29"})
    assert response.status_code == 200
    assert world.province_b.name in response.content.decode()


def test_the_cycle_dashboard_refuses_a_filter_it_cannot_use(world: World, client_for: Any) -> None:
    cycle = world.reporting().cycle
    client = client_for("secretariat")
    url = reverse("reporting:cycle_detail", args=[cycle.pk])
    page = client.get(url, {"region": "9" * 30, "late": "maybe"})
    assert page.status_code == 400
    assert "Some filters could not be used" in page.content.decode()
    sheet = client.get(reverse("reporting:cycle_dashboard_xlsx", args=[cycle.pk]), {"status": "lost"})
    assert sheet.status_code == 400
    assert client.get(url, {"late": "yes"}).status_code == 200


@pytest.mark.parametrize("query", [{"q": "Hu\x00e"}, {"q": "Huế", "level": "planet"}])
def test_the_place_resolver_refuses_what_it_cannot_read(
    query: dict[str, str], world: World, api_for: Any
) -> None:
    response = api_for("admin").get("/api/units/resolve/", query)
    assert response.status_code == 400
    assert set(response.json()) <= {"q", "level"}


def test_the_place_resolver_still_resolves(world: World, api_for: Any) -> None:
    response = api_for("admin").get("/api/units/resolve/", {"q": "Đà Nẵng", "level": "province"})
    assert response.status_code == 200
    assert response.json()["unit"]["code"] == world.province_a.code


def test_a_server_error_in_the_api_answers_json(rf: Any) -> None:
    with translation.override("en"):  # LocaleMiddleware would have chosen it; the handler is called directly
        response = server_error(rf.get("/api/cycles/"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {
        "detail": "Something went wrong. The error has been logged. Please try again later.",
        "code": "server_error",
    }


def test_a_server_error_on_a_page_answers_the_error_page(rf: Any) -> None:
    response = server_error(rf.get("/reporting/cycles/"))
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert "Something went wrong" in response.content.decode()


def test_the_project_uses_that_handler() -> None:
    from rightstrack import urls

    assert urls.handler500 == "rightstrack.core.handlers.server_error"
