"""Writes from the admin site, the CLI, bulk updates and moves of a subtree leave one audit record per row."""

# An entry's ``changes`` is JSON (``Any | None`` to mypy); these tests read the keys they just wrote.
# mypy: disable-error-code="index, operator"

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import User
from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.models import Body, Membership
from rightstrack.bodies.services import body_update
from rightstrack.core.audit import audited_queryset_update
from rightstrack.core.context import action_context
from rightstrack.core.models import AuditEntry
from tests.conftest import World

from .audit_helpers import assert_utc_now, entries_for, high_water, last_for, new_entries

# Admin site --------------------------------------------------------------------------------------------


def admin_body_form(world: World, body: Body, **changes: Any) -> dict[str, Any]:
    return {
        "code": body.code,
        "name": body.name,
        "name_en": body.name_en,
        "kind": body.kind,
        "level": body.level,
        "unit": body.unit_id or "",
        "parent": body.parent_id or "",
        "established_on": "",
        "establishment_decision": "",
        "dissolved_on": "",
        "successor": "",
        "_save": "Save",
    } | changes


def test_admin_change_form_is_recorded(world: World, client_for: Any) -> None:
    response = client_for("admin").post(
        f"/admin/bodies/body/{world.pc_b.pk}/change/",
        admin_body_form(world, world.pc_b, name="UBND thành phố Cần Thơ"),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    entry = last_for(world.pc_b)
    assert (entry.source, entry.action, entry.actor) == ("admin", "update", world.users["admin"])
    assert (entry.before["name"], entry.after["name"]) == (
        "Ủy ban nhân dân Cần Thơ",
        "UBND thành phố Cần Thơ",
    )
    assert entry.request_id == response["X-Request-ID"]


def test_admin_move_keeps_paths_and_records_the_subtree(world: World, client_for: Any) -> None:
    """Moving B under the ministry through the admin moves its People's Committee too, on record."""
    response = client_for("admin").post(
        f"/admin/bodies/body/{world.committee_b.pk}/change/",
        admin_body_form(world, world.committee_b, parent=world.justice.pk),
    )
    assert response.status_code == 302
    world.committee_b.refresh_from_db()
    world.pc_b.refresh_from_db()
    assert world.committee_b.path == f"{world.justice.path}{world.committee_b.pk:06d}/"
    assert world.pc_b.path == f"{world.committee_b.path}{world.pc_b.pk:06d}/"
    moved = last_for(world.pc_b)
    assert (moved.source, moved.before["path"], moved.after["path"]) == (
        "admin",
        f"{world.national.path}{world.committee_b.pk:06d}/{world.pc_b.pk:06d}/",
        world.pc_b.path,
    )


def test_admin_add_is_recorded(world: World, client_for: Any) -> None:
    response = client_for("admin").post(
        "/admin/bodies/membership/add/",
        {
            "body": world.committee_b.pk,
            "person": world.seat_a.person_id,
            "member_body": "",
            "position": "member",
            "title": "",
            "start_on": "2025-09-01",
            "end_on": "",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    seat = Membership.objects.get(body=world.committee_b, person=world.seat_a.person)
    (entry,) = entries_for(seat)
    assert (entry.source, entry.action, entry.actor, entry.before) == (
        "admin",
        "create",
        world.users["admin"],
        None,
    )


def test_admin_bulk_delete_records_every_row(world: World, client_for: Any) -> None:
    seats = [world.seat_a, world.seat_pc_a, world.seat_b]
    response = client_for("admin").post(
        "/admin/bodies/membership/",
        {"action": "delete_selected", "_selected_action": [s.pk for s in seats], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(pk__in=[s.pk for s in seats]).exists()
    for seat in seats:
        entry = AuditEntry.objects.filter(object_id=str(seat.pk), content_type__model="membership").latest(
            "id"
        )
        assert (entry.action, entry.source, entry.actor) == ("delete", "admin", world.users["admin"])
        assert entry.after is None and entry.before["body"] == seat.body_id
        assert entry.request_id == response["X-Request-ID"]


def test_admin_password_change_is_recorded(world: World, client_for: Any) -> None:
    user = world.users["focal_a"]
    response = client_for("admin").post(
        f"/admin/accounts/user/{user.pk}/password/",
        {
            "password1": "a-new-long-password-2026",
            "password2": "a-new-long-password-2026",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-new-long-password-2026")
    entry = last_for(user)
    assert (entry.action, entry.source, entry.actor) == ("password_changed", "admin", world.users["admin"])
    assert user.password not in str(entry.before) + str(entry.after)


# CLI, bulk updates and background work -----------------------------------------------------------------


def test_cli_createadmin_is_recorded(world: World) -> None:
    call_command(
        "rightstrack_createadmin", username="ops", password="a-long-cli-password-2026", email="ops@x.org"
    )
    user = User.objects.get(username="ops")
    assert user.is_superuser and user.role == Role.ADMIN and user.body == world.national
    (entry,) = entries_for(user)
    assert (entry.action, entry.source, entry.actor, entry.actor_label) == ("create", "cli", None, "")
    assert len(entry.request_id) >= 8
    assert entry.after["username"] == "ops" and "password" not in entry.after
    assert_utc_now(entry)


def test_cli_refusal_records_nothing(world: World) -> None:
    from django.core.management.base import CommandError

    mark = high_water()
    with pytest.raises(CommandError):
        call_command("rightstrack_createadmin", username="admin", password="a-long-cli-password-2026")
    assert new_entries(mark) == []


def test_bulk_update_records_each_row(world: World) -> None:
    actor = world.users["admin"]
    with action_context(source="task", actor=actor) as ctx:
        count = audited_queryset_update(
            Body.objects.filter(kind=BodyKind.PEOPLES_COMMITTEE), establishment_decision="QĐ 12/2025"
        )
    assert count == 2
    for body in (world.pc_a, world.pc_b):
        entry = last_for(body)
        assert (entry.action, entry.source, entry.actor, entry.request_id) == (
            "update",
            "task",
            actor,
            ctx.request_id,
        )
        assert (entry.before["establishment_decision"], entry.after["establishment_decision"]) == (
            "",
            "QĐ 12/2025",
        )
    assert last_for(world.committee_a).action == "create"  # untouched rows get no record


def test_bulk_update_that_changes_nothing_records_nothing(world: World) -> None:
    mark = high_water()
    audited_queryset_update(Body.objects.filter(kind=BodyKind.MINISTRY), kind=BodyKind.MINISTRY)
    assert new_entries(mark) == []


def test_service_move_records_every_descendant(world: World) -> None:
    with action_context(source="cli"):
        body_update(actor=world.users["secretariat"], body=world.committee_a, parent=world.foreign)
    for body in (world.committee_a, world.pc_a):
        entry = last_for(body)
        assert (entry.action, entry.source, entry.actor) == ("update", "cli", world.users["secretariat"])
        assert entry.before["path"] != entry.after["path"]
        assert entry.after["path"].startswith(world.foreign.path)
