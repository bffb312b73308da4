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
        "documents/",
        "followup/",
        "packs/",
        "recommendations/",
        "laws/",
        "proposals/",
        "activities/",
        "tagging/",
        "",
        "public/",
    ]
    assert [app for app, _load in registry.demo_loaders()] == [
        "places",
        "bodies",
        "accounts",
        "reporting",
        "conferences",
        "documents",
        "followup",
        "packs",
        "recommendations",
        "laws",
        "proposals",
        "activities",
        "tagging",
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


def test_job_kinds_come_from_the_apps_contributions_and_load_their_code_on_first_use() -> None:
    from rightstrack.core.jobs.registry import job_kind, kind_or_none

    reporting = next(c for c in registry.contributions() if c.app_label == "reporting")
    names = {kind.name for kind in reporting.jobs}
    assert names == {
        "reporting.cycle_zip",
        "reporting.report_pdf",
        "reporting.import_docx",
        "reporting.apply_docx",
    }
    assert all(isinstance(kind.run, str) for kind in reporting.jobs)  # ready() imports none of the work
    from rightstrack.reporting import jobs

    assert job_kind("reporting.cycle_zip").runner() is jobs.cycle_zip
    assert kind_or_none("nobody.nothing") is None
    with pytest.raises(LookupError, match="Contribution"):
        job_kind("nobody.nothing")


def test_a_job_kind_registered_by_two_apps_is_refused() -> None:
    from rightstrack.core.jobs.registry import JobKind, job_kind

    copy = JobKind(name="reporting.report_pdf", run="x.y", label="PDF", permission="x.view")
    with pytest.raises(registry.RegistryError, match="registered twice"):
        registry.contribute(registry.Contribution(app_label="rival", order=99, jobs=[copy]))
    assert job_kind("reporting.report_pdf").run == "rightstrack.reporting.jobs.report_pdf"
