"""Every write, from every interface, leaves one audit record: who, when (UTC), from where, which request,
before and after. No interface can change or remove a record."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from foundation_world import World

from rightstrack.accounts.models import User
from rightstrack.bodies.models import Body, Membership
from rightstrack.core.audit import audited_queryset_update
from rightstrack.core.context import action_context
from rightstrack.core.models import AuditEntry, AuditLogIsAppendOnly


def entries_for(obj: Any) -> list[AuditEntry]:
    return list(AuditEntry.objects.for_object(obj).order_by("id"))


def test_ui_write_records_actor_request_id_and_changes(world: World, client_for: Any) -> None:
    client = client_for("secretariat")
    response = client.post(
        reverse("bodies:body_edit", args=[world.committee_a.pk]),
        {
            "code": "ignored",
            "name": "Ban Chỉ đạo nhân quyền thành phố Đà Nẵng",
            "kind": "provincial_committee",
            "level": "provincial",
            "parent": world.national.pk,
            "unit": world.province_a.pk,
            "established_on": "2025-07-01",
        },
    )
    assert response.status_code == 302
    entry = entries_for(world.committee_a)[-1]
    assert entry.action == "update"
    assert entry.source == "web"
    assert entry.actor == world.users["secretariat"]
    assert entry.request_id == response["X-Request-ID"]
    assert entry.before["name"] == "Ban Chỉ đạo Đà Nẵng"
    assert entry.after["name"] == "Ban Chỉ đạo nhân quyền thành phố Đà Nẵng"
    assert entry.before["established_on"] is None and entry.after["established_on"] == "2025-07-01"
    assert entry.created_at.tzinfo is not None and entry.created_at.utcoffset() == datetime.timedelta(0)
    assert Body.objects.get(pk=world.committee_a.pk).code == "committee-a"  # the code is not editable


def test_api_write_is_recorded_with_source_api(world: World, api_for: Any) -> None:
    response = api_for("focal_a").post(
        f"/api/bodies/{world.committee_a.pk}/memberships/",
        {"position": "member", "person_name": "Lê Văn Cường", "start_on": "2025-08-01"},
        format="json",
    )
    assert response.status_code == 201, response.content
    membership = Membership.objects.get(pk=response.json()["id"])
    entry = entries_for(membership)[-1]
    assert (entry.action, entry.source, entry.actor) == ("create", "api", world.users["focal_a"])
    assert entry.request_id == response["X-Request-ID"]


def test_admin_change_and_bulk_delete_are_recorded(world: World, client_for: Any) -> None:
    client = client_for("admin")
    url = reverse("admin:bodies_membership_change", args=[world.seat_b.pk])
    response = client.post(
        url,
        {
            "body": world.committee_b.pk,
            "person": world.seat_b.person_id,
            "position": "deputy_head",
            "title": "",
            "start_on": "2025-07-01",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    update = entries_for(world.seat_b)[-1]
    assert (update.action, update.source, update.after["position"]) == ("update", "admin", "deputy_head")

    response = client.post(
        reverse("admin:bodies_membership_changelist"),
        {"action": "delete_selected", "_selected_action": [world.seat_a.pk, world.seat_b.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Membership.objects.exists()
    deletions = AuditEntry.objects.filter(action="delete", content_type__model="membership", source="admin")
    assert sorted(int(e.object_id) for e in deletions) == sorted([world.seat_a.pk, world.seat_b.pk])
    assert all(e.before and e.after is None for e in deletions)


def test_cli_write_is_recorded_with_source_cli(db: Any) -> None:
    call_command("rightstrack_createadmin", "--username", "root2", "--password", "a-long-enough-password-1")
    user = User.objects.get(username="root2")
    entry = entries_for(user)[-1]
    assert (entry.action, entry.source, entry.actor) == ("create", "cli", None)
    assert "password" not in entry.after  # secrets never land in the log
    assert user.is_superuser and user.is_staff


def test_bulk_update_records_every_row(world: World) -> None:
    with action_context(source="task"):
        count = audited_queryset_update(
            Membership.objects.all(), actor=world.users["admin"], end_on=datetime.date(2025, 12, 31)
        )
    assert count == 2
    for seat in (world.seat_a, world.seat_b):
        entry = entries_for(seat)[-1]
        assert (entry.action, entry.source) == ("update", "task")
        assert (entry.before["end_on"], entry.after["end_on"]) == (None, "2025-12-31")


def test_records_cannot_be_changed_or_deleted_through_the_orm(world: World) -> None:
    entry = AuditEntry.objects.first()
    assert entry is not None
    entry.action = "forged"
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.all().update(action="forged")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.all().delete()


def test_the_database_refuses_to_rewrite_a_record(world: World) -> None:
    entry = AuditEntry.objects.first()
    assert entry is not None
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET action = 'forged' WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action != "forged"
    if connection.vendor == "postgresql":  # SQLite cannot tell a delete from the test runner's flush
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])
        assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_no_interface_offers_to_change_a_record(world: World, client_for: Any, api_for: Any) -> None:
    entry = AuditEntry.objects.first()
    assert entry is not None
    admin = client_for("admin")
    assert admin.get(reverse("admin:core_auditentry_change", args=[entry.pk])).status_code == 200  # view only
    assert (
        admin.post(reverse("admin:core_auditentry_change", args=[entry.pk]), {"action": "x"}).status_code
        == 403
    )
    assert admin.get(reverse("admin:core_auditentry_add")).status_code == 403
    assert (
        admin.post(reverse("admin:core_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code
        == 403
    )
    api = api_for("admin")
    assert api.post("/api/audit/", {"action": "x"}, format="json").status_code == 405
    assert api.put(f"/api/audit/{entry.pk}/", {"action": "x"}, format="json").status_code == 405
    assert api.delete(f"/api/audit/{entry.pk}/").status_code == 405
    assert AuditEntry.objects.get(pk=entry.pk).action == entry.action


def test_audit_log_filters(world: World, client_for: Any) -> None:
    client_for("secretariat").post(
        reverse("bodies:membership_end", args=[world.seat_a.pk]), {"end_on": "2025-12-31"}
    )
    admin = client_for("admin")
    by_user = admin.get(reverse("core:audit_log"), {"user": "secretariat"})
    assert by_user.status_code == 200
    rows = list(by_user.context["object_list"])
    assert rows and all(e.actor_label == "secretariat" for e in rows)
    by_source = admin.get(reverse("core:audit_log"), {"source": "web", "object_type": "membership"})
    assert [e.object_id for e in by_source.context["object_list"]] == [str(world.seat_a.pk)]
    future = admin.get(reverse("core:audit_log"), {"since": "2999-01-01"})
    assert list(future.context["object_list"]) == []
    api_rows = admin.get("/api/audit/", {"source": "web"}).json()["results"]
    assert [r["object_id"] for r in api_rows] == [str(world.seat_a.pk)]


def test_history_page_shows_the_changes_of_one_object(world: World, client_for: Any) -> None:
    client_for("focal_a").post(
        reverse("bodies:membership_end", args=[world.seat_a.pk]), {"end_on": "2025-12-31"}
    )
    response = client_for("focal_a").get(
        reverse("core:history", args=["bodies", "membership", world.seat_a.pk])
    )
    assert response.status_code == 200
    assert [e.action for e in response.context["entries"]] == ["update", "create"]
    assert "31/12/2025" in response.content.decode() or "2025-12-31" in response.content.decode()
