"""The app registry: every app's contribution is in place, and what only one app may provide stays single."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.urls import reverse

from rightstrack.core import registry


def test_every_app_contributes_its_pages_routes_and_demo_in_order() -> None:
    assert [prefix for prefix, _module in registry.url_includes()] == [
        "places/",
        "bodies/",
        "users/",
        "notifications/",
        "reporting/",
        "conferences/",
        "",
    ]
    assert [app for app, _load in registry.demo_loaders()] == [
        "places",
        "bodies",
        "accounts",
        "reporting",
        "conferences",
    ]
    assert [entry.url_name for entry in registry.nav_entries()][:2] == ["home", "reporting:cycle_list"]
    assert all(reverse(entry.url_name) for entry in registry.nav_entries())
    assert registry.admin_roles() == {"admin"}


def test_a_second_scope_root_is_refused() -> None:
    rival = registry.Contribution(
        app_label="rival", order=99, scope_root="rightstrack.bodies.rules.scope_root"
    )
    with pytest.raises(registry.RegistryError, match="both provide the scope root"):
        registry.contribute(rival)
    assert "rival" not in {c.app_label for c in registry.contributions()}


@pytest.mark.parametrize(
    ("role", "perms", "visible"),
    [("secretariat", {"x.view"}, True), ("reviewer", {"x.view"}, False), ("secretariat", set(), False)],
)
def test_a_nav_entry_needs_its_role_and_its_permission(role: str, perms: set[str], visible: bool) -> None:
    entry = registry.NavEntry("home", "Home", order=1, permission="x.view", roles=("secretariat",))
    user = SimpleNamespace(role=role, has_perm=lambda perm: perm in perms)
    assert entry.visible_to(user) is visible
