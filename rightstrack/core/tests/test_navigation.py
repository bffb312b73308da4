"""The main navigation in menus (issue 7): the apps' entries gathered by their group, the section being read
marked, a menu with one entry shown as that entry, and a menu nobody may open left out."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rightstrack.accounts.choices import Role
from rightstrack.accounts.services import user_update
from rightstrack.core import registry
from tests.world import World


def bar(response: Any) -> list[dict[str, Any]]:
    return list(response.context["nav_items"])


def labels(items: list[dict[str, Any]]) -> list[str]:
    return [str(item["label"]) for item in items]


def menu(items: list[dict[str, Any]], label: str) -> dict[str, Any]:
    return next(item for item in items if str(item["label"]) == label)


def test_every_entry_of_the_apps_names_a_menu_but_the_overview_and_notifications() -> None:
    alone = {entry.url_name for entry in registry.nav_entries() if not entry.group}
    assert alone == {"home", "notifications:notification_list"}
    assert {entry.group for entry in registry.nav_entries()} - {""} == set(registry.NAV_GROUPS)


def test_the_standing_office_gets_a_short_bar_of_menus(world: World, signed_in: Any) -> None:
    items = bar(signed_in("secretariat").get(reverse("home")))
    assert labels(items) == [
        "Overview",
        "Reporting",
        "Follow-up",
        "Reference",
        "Administration",
        "Notifications",
    ]
    reporting = menu(items, "Reporting")
    assert "Reporting cycles" in labels(reporting["entries"]) and not reporting["active"]
    assert len([entry for item in items for entry in item.get("entries", [item])]) >= 14


def test_the_menu_of_the_page_being_read_is_marked(world: World, signed_in: Any) -> None:
    client = signed_in("secretariat")
    response = client.get(reverse("places:region_list"))
    reference = menu(bar(response), "Reference")
    assert reference["active"] is True
    assert [str(e["label"]) for e in reference["entries"] if e["active"]] == ["Regions"]
    html = response.content.decode()
    assert '<details class="rt-nav-menu" data-rt-nav-menu>' in html
    assert (
        '<summary class="nav-link active">Reference<span class="visually-hidden"> (current section)' in html
    )
    assert f'href="{reverse("places:region_list")}"\n                         aria-current="page"' in html


def test_a_menu_with_one_entry_is_that_entry_and_an_empty_one_is_left_out(
    world: World, signed_in: Any
) -> None:
    items = bar(signed_in("focal_a").get(reverse("home")))
    for item in items:
        assert item.get("entries") is None or len(item["entries"]) > 1
    every = [str(entry["label"]) for item in items for entry in item.get("entries", [item])]
    assert "Background jobs" not in every  # empty for a provincial focal point: still hidden
    assert "Users" not in every


def test_an_unknown_menu_is_refused() -> None:
    stray = registry.Contribution(
        app_label="stray", order=99, nav=[registry.NavEntry("home", "Home", order=1, group="misc")]
    )
    with pytest.raises(registry.RegistryError, match="navigation group 'misc'"):
        registry.contribute(stray)
    assert "stray" not in {c.app_label for c in registry.contributions()}


def test_the_menus_in_vietnamese(world: World, signed_in: Any) -> None:
    html = signed_in("secretariat", language="vi").get(reverse("home")).content.decode()
    for label in ("Báo cáo", "Theo dõi thực hiện", "Tra cứu", "Quản trị<", "Các kỳ báo cáo"):
        assert label in html, label


def entry_labels(items: list[dict[str, Any]]) -> list[str]:
    return [str(entry["label"]) for item in items for entry in item.get("entries", [item])]


def test_the_bar_is_kept_in_the_session_not_worked_out_for_every_page(world: World, signed_in: Any) -> None:
    client = signed_in("focal_a")
    first = entry_labels(bar(client.get(reverse("home"))))
    with CaptureQueriesContext(connection) as queries:
        again = entry_labels(bar(client.get(reverse("home"))))
    assert again == first and "Reporting cycles" in again
    asked = " ".join(query["sql"] for query in queries.captured_queries)
    assert "auth_permission" not in asked and "core_job" not in asked  # no permission or job looked up


def test_a_changed_role_changes_the_bar_at_once(world: World, signed_in: Any) -> None:
    client = signed_in("focal_a")
    assert "Users" not in entry_labels(bar(client.get(reverse("home"))))
    user_update(actor=world.users["admin"], user=world.users["focal_a"], role=Role.REVIEWER)
    assert "Users" in entry_labels(bar(client.get(reverse("home"))))
