"""Every create, update and delete, from every interface, leaves audit records with who, when (UTC), from
where, under which request id, and the values before and after. No interface can change or remove one."""

# An entry's ``changes`` is JSON (``Any | None`` to mypy); these tests read the keys they just wrote.
# mypy: disable-error-code="index, operator"

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import User
from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.models import Body, Membership, Person
from rightstrack.bodies.services import body_update
from rightstrack.core.audit import audited_queryset_update
from rightstrack.core.context import action_context
from rightstrack.core.models import AuditEntry, AuditLogIsAppendOnly
from tests.conftest import World
from tests.factories import PASSWORD


def entries_for(obj: Any) -> list[AuditEntry]:
    return list(AuditEntry.objects.for_object(obj).order_by("id"))


def last_for(obj: Any) -> AuditEntry:
    return entries_for(obj)[-1]


def new_entries(since: int) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(pk__gt=since).order_by("id"))


def high_water() -> int:
    last = AuditEntry.objects.order_by("-id").first()
    return last.pk if last else 0


def assert_utc_now(entry: AuditEntry) -> None:
    assert entry.created_at.utcoffset() == datetime.timedelta(0)
    assert abs((timezone.now() - entry.created_at).total_seconds()) < 60


# The world itself was built through the services, so it is already on record -----------------------------


def test_building_through_services_is_recorded(world: World) -> None:
    created = entries_for(world.committee_a)
    assert [e.action for e in created] == ["create"]
    assert created[0].after["path"] == world.committee_a.path
    assert created[0].source == "system" and created[0].actor is None
    assert "password" not in entries_for(world.users["focal_a"])[0].after


# UI ----------------------------------------------------------------------------------------------------


def test_ui_edit_records_actor_source_request_id_and_changes(world: World, client_for: Any) -> None:
    response = client_for("secretariat").post(
        reverse("bodies:body_edit", args=[world.committee_a.pk]),
        {
            "code": "committee-a",
            "name": "Ban Chỉ đạo nhân quyền thành phố Đà Nẵng",
            "kind": "provincial_committee",
            "level": "provincial",
            "parent": world.national.pk,
            "unit": world.province_a.pk,
            "established_on": "2025-07-01",
        },
    )
    assert response.status_code == 302
    entry = last_for(world.committee_a)
    assert (entry.action, entry.source, entry.actor, entry.actor_label) == (
        "update",
        "web",
        world.users["secretariat"],
        "secretariat",
    )
    assert entry.request_id and entry.request_id == response["X-Request-ID"]
    assert entry.before["name"] == "Ban Chỉ đạo Đà Nẵng"
    assert entry.after["name"] == "Ban Chỉ đạo nhân quyền thành phố Đà Nẵng"
    assert (entry.before["established_on"], entry.after["established_on"]) == (None, "2025-07-01")
    assert_utc_now(entry)


def test_one_request_shares_one_request_id(world: World, client_for: Any) -> None:
    mark = high_water()
    response = client_for("focal_a").post(
        reverse("bodies:membership_create", args=[world.committee_a.pk]),
        {
            "position": "member",
            "person_name": "Đỗ Văn Em",
            "person_title": "Giám đốc Sở",
            "start_on": "2025-08-01",
        },
    )
    assert response.status_code == 302
    entries = new_entries(mark)
    assert [(e.content_type.model, e.action) for e in entries] == [
        ("person", "create"),
        ("membership", "create"),
    ]
    assert {e.request_id for e in entries} == {response["X-Request-ID"]}
    assert {e.actor_label for e in entries} == {"focal_a"}
    assert entries[1].after["body"] == world.committee_a.pk and entries[1].before is None


PROXY_ID = "0123456789abcdef0123456789abcdef"  # nginx's $request_id


@pytest.mark.parametrize("request_id", [PROXY_ID, "9f1c2e0a-5b7d-4c3e-8a9b-0c1d2e3f4a5b"])
def test_a_proxys_request_id_is_kept(request_id: str, world: World, client_for: Any) -> None:
    client = client_for("focal_a")
    response = client.post(
        reverse("bodies:membership_end", args=[world.seat_a.pk]),
        {"end_on": "2025-12-31"},
        HTTP_X_REQUEST_ID=request_id,
    )
    assert response["X-Request-ID"] == request_id
    entry = last_for(world.seat_a)
    assert (entry.request_id, entry.before["end_on"], entry.after["end_on"]) == (
        request_id,
        None,
        "2025-12-31",
    )


@pytest.mark.parametrize(
    "request_id",
    [
        "<script>",
        "trace-0123456789",  # sane characters, but not the strict form
        PROXY_ID + "\n",  # a line break after a valid id: no forged log lines
        PROXY_ID + "0",
        PROXY_ID.upper(),
        "x" * 10_000,
    ],
)
def test_a_malformed_request_id_is_replaced(request_id: str, world: World, client_for: Any) -> None:
    response = client_for("focal_a").post(
        reverse("bodies:membership_end", args=[world.seat_a.pk]),
        {"end_on": "2025-12-31"},
        HTTP_X_REQUEST_ID=request_id,
    )
    assert response["X-Request-ID"] != request_id
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    assert last_for(world.seat_a).request_id == response["X-Request-ID"]


def test_ui_user_changes_record_role_before_and_after_and_no_password(world: World, client_for: Any) -> None:
    user = world.users["focal_b"]
    response = client_for("admin").post(
        reverse("accounts:user_edit", args=[user.pk]),
        {
            "username": "focal_b",
            "body": world.national.pk,
            "role": Role.REVIEWER,
            "preferred_language": "vi",
            "is_active": "on",
            "password": "another-long-password-2026",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.role, user.body) == (Role.REVIEWER, world.national)
    update, password = entries_for(user)[-2:]
    assert (update.action, password.action) == ("update", "password_changed")
    assert (update.before["role"], update.after["role"]) == (Role.PROVINCIAL_FOCAL_POINT, Role.REVIEWER)
    assert (update.before["body"], update.after["body"]) == (world.committee_b.pk, world.national.pk)
    for entry in (update, password):
        assert entry.source == "web" and entry.actor == world.users["admin"]
        assert "password" not in (entry.before or {}) and "password" not in (entry.after or {})
        assert user.password not in str(entry.before) + str(entry.after)


def test_a_refused_write_records_nothing(world: World, client_for: Any) -> None:
    mark = high_water()
    response = client_for("focal_a").post(
        reverse("bodies:membership_create", args=[world.committee_a.pk]),
        {"position": "member", "person_name": "Đỗ Văn Em", "start_on": "2025-08-01", "end_on": "2025-01-01"},
    )
    assert response.status_code == 200
    assert new_entries(mark) == []


# API ---------------------------------------------------------------------------------------------------


def test_api_write_records_source_api(world: World, api_for: Any) -> None:
    response = api_for("secretariat").patch(
        f"/api/bodies/{world.committee_b.pk}/", {"name_en": "Can Tho Steering Committee"}, format="json"
    )
    assert response.status_code == 200
    entry = last_for(world.committee_b)
    assert (entry.source, entry.action, entry.actor) == ("api", "update", world.users["secretariat"])
    assert (entry.before["name_en"], entry.after["name_en"]) == ("", "Can Tho Steering Committee")
    assert entry.request_id == response["X-Request-ID"]


def test_token_authenticated_write_is_attributed(world: World) -> None:
    """A real token (no session): the actor is known only to the API layer and still reaches the record."""
    token = Token.objects.create(user=world.users["focal_a"])
    client = APIClient()
    anonymous = client.post(
        f"/api/bodies/{world.committee_a.pk}/memberships/",
        {"position": "member", "person_name": "Vũ Thị Giang", "start_on": "2025-08-01"},
        format="json",
    )
    assert anonymous.status_code == 403
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.post(
        f"/api/bodies/{world.committee_a.pk}/memberships/",
        {"position": "member", "person_name": "Vũ Thị Giang", "start_on": "2025-08-01"},
        format="json",
    )
    assert response.status_code == 201, response.content
    entry = last_for(Membership.objects.get(pk=response.json()["id"]))
    assert (entry.actor, entry.source, entry.request_id) == (
        world.users["focal_a"],
        "api",
        response["X-Request-ID"],
    )
    bad = APIClient()
    bad.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert bad.get("/api/bodies/").status_code == 403  # session auth comes first: no 401 challenge


def test_api_user_role_change_is_recorded(world: World, api_for: Any) -> None:
    user = world.users["agency"]
    response = api_for("admin").patch(f"/api/users/{user.pk}/", {"role": Role.ADMIN}, format="json")
    assert response.status_code == 200
    user.refresh_from_db()
    assert (user.role, user.is_staff) == (Role.ADMIN, True)
    entry = last_for(user)
    assert (entry.before["role"], entry.after["role"]) == (Role.AGENCY_FOCAL_POINT, Role.ADMIN)
    assert (entry.before["is_staff"], entry.after["is_staff"]) == (False, True)


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


# Nobody can change or remove a record ------------------------------------------------------------------


def test_orm_refuses_to_change_or_delete(world: World) -> None:
    entry = AuditEntry.objects.first()
    assert entry is not None
    entry.action = "forged"
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(action="forged")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "create"


def test_database_refuses_update(world: World) -> None:
    entry = AuditEntry.objects.first()
    assert entry is not None
    table = AuditEntry._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET action = %s WHERE id = %s", ["forged", entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action == "create"


def test_database_refuses_delete(world: World) -> None:
    """PostgreSQL, the production database, refuses DELETE too. SQLite must allow the test runner's flush
    (a DELETE) and relies on the model and queryset guards instead (migration core 0002)."""
    entry = AuditEntry.objects.first()
    assert entry is not None
    table = AuditEntry._meta.db_table
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE id = %s", [entry.pk])
    else:
        with pytest.raises(AuditLogIsAppendOnly):
            AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_admin_site_shows_records_read_only(world: World, client_for: Any) -> None:
    client = client_for("admin")
    entry = AuditEntry.objects.first()
    assert entry is not None
    view = client.get(f"/admin/core/auditentry/{entry.pk}/change/")
    assert view.status_code == 200
    assert 'name="_save"' not in view.content.decode()
    assert client.post(f"/admin/core/auditentry/{entry.pk}/change/", {"action": "forged"}).status_code == 403
    assert client.get(f"/admin/core/auditentry/{entry.pk}/delete/").status_code == 403
    assert client.post(f"/admin/core/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/core/auditentry/add/").status_code == 403
    listing = client.get("/admin/core/auditentry/")
    assert "delete_selected" not in listing.content.decode()
    client.post(
        "/admin/core/auditentry/",
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    assert AuditEntry.objects.get(pk=entry.pk).action == entry.action


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
# The standing office reads the log of its subtree, so it too is told the method is not allowed.
@pytest.mark.parametrize(("persona", "status"), [("admin", 405), ("secretariat", 405), ("focal_a", 403)])
def test_api_refuses_to_write_records(
    method: str, persona: str, status: int, world: World, api_for: Any
) -> None:
    entry = AuditEntry.objects.first()
    assert entry is not None
    count = AuditEntry.objects.count()
    url = "/api/audit/" if method == "post" else f"/api/audit/{entry.pk}/"
    response = getattr(api_for(persona), method)(url, {"action": "forged"}, format="json")
    assert response.status_code == status
    assert AuditEntry.objects.count() == count
    assert AuditEntry.objects.get(pk=entry.pk).action == "create"


def test_audit_pages_take_no_writes(world: World, client_for: Any) -> None:
    client = client_for("admin")
    assert client.post(reverse("core:audit_log"), {"action": "forged"}).status_code == 405
    url = reverse("core:history", args=["bodies", "body", world.committee_a.pk])
    assert client.post(url, {"action": "forged"}).status_code == 405


# The log and the history -------------------------------------------------------------------------------


@pytest.fixture
def varied_log(world: World, client_for: Any, api_for: Any) -> dict[str, Any]:
    """Writes from the web, the API and the CLI, on top of the world's own (source 'system')."""
    web = client_for("focal_a").post(
        reverse("bodies:membership_end", args=[world.seat_a.pk]), {"end_on": "2025-12-31"}
    )
    api = api_for("secretariat").patch(
        f"/api/bodies/{world.committee_b.pk}/", {"name_en": "Can Tho"}, format="json"
    )
    call_command("rightstrack_createadmin", username="ops", password="a-long-cli-password-2026")
    return {"web": web["X-Request-ID"], "api": api["X-Request-ID"]}


def listed(client: Any, **query: Any) -> list[AuditEntry]:
    response = client.get(reverse("core:audit_log"), query)
    assert response.status_code == 200
    return list(response.context["object_list"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"source": "web"}, [("focal_a", "web", "update", "membership")]),
        ({"source": "api"}, [("secretariat", "api", "update", "body")]),
        ({"source": "cli"}, [("", "cli", "create", "user")]),
        ({"user": "focal"}, [("focal_a", "web", "update", "membership")]),
        ({"user": "SECRETARIAT", "action": "update"}, [("secretariat", "api", "update", "body")]),
        (
            {"action": "update"},
            [("secretariat", "api", "update", "body"), ("focal_a", "web", "update", "membership")],
        ),
        ({"object_type": "membership", "source": "web"}, [("focal_a", "web", "update", "membership")]),
        ({"object_type": "user", "action": "create", "source": "cli"}, [("", "cli", "create", "user")]),
    ],
)
def test_audit_log_filters(
    query: dict[str, str],
    expected: list[tuple[str, ...]],
    varied_log: Any,
    world: World,
    client_for: Any,
    api_for: Any,
) -> None:
    rows = listed(client_for("admin"), **query)
    assert [(e.actor_label, e.source, e.action, e.content_type.model) for e in rows] == expected
    api = api_for("admin").get("/api/audit/", query).json()["results"]
    assert [(e["actor_label"], e["source"], e["action"], e["object_type"]) for e in api] == expected


def test_audit_log_filters_by_request_id(varied_log: dict[str, Any], world: World, client_for: Any) -> None:
    rows = listed(client_for("admin"), request_id=varied_log["web"])
    assert [(e.content_type.model, e.object_id) for e in rows] == [("membership", str(world.seat_a.pk))]


def test_audit_log_filters_by_dates(varied_log: Any, world: World, client_for: Any) -> None:
    client = client_for("admin")
    today = timezone.localdate()
    everything = AuditEntry.objects.count()
    assert len(listed(client, since=today.isoformat(), until=today.isoformat())) == min(everything, 50)
    assert listed(client, since=(today + datetime.timedelta(days=1)).isoformat()) == []
    assert listed(client, until=(today - datetime.timedelta(days=1)).isoformat()) == []


def test_audit_log_lists_newest_first_and_shows_changes(
    varied_log: Any, world: World, client_for: Any
) -> None:
    response = client_for("admin").get(reverse("core:audit_log"), {"source": "api"})
    page = response.content.decode()
    assert "Can Tho" in page and "secretariat" in page
    rows = listed(client_for("admin"))
    assert [e.pk for e in rows] == sorted((e.pk for e in rows), reverse=True)


def test_history_page_shows_the_objects_records(world: World, client_for: Any) -> None:
    client_for("secretariat").post(
        reverse("bodies:body_edit", args=[world.committee_a.pk]),
        {
            "code": "committee-a",
            "name": "Ban Chỉ đạo thành phố Đà Nẵng",
            "kind": "provincial_committee",
            "level": "provincial",
            "parent": world.national.pk,
        },
    )
    url = reverse("core:history", args=["bodies", "body", world.committee_a.pk])
    response = client_for("focal_a").get(url)
    assert response.status_code == 200
    entries = list(response.context["entries"])
    assert [e.action for e in entries] == ["update", "create"]
    page = response.content.decode()
    assert "Ban Chỉ đạo thành phố Đà Nẵng" in page and "secretariat" in page
    other = AuditEntry.objects.for_object(world.committee_b).first()
    assert other is not None and other.pk not in {e.pk for e in entries}
    assert client_for("focal_b").get(url).status_code == 404


def test_history_of_a_user_never_shows_a_password(world: World, client_for: Any) -> None:
    user = world.users["focal_a"]
    client_for("admin").post(
        reverse("accounts:user_edit", args=[user.pk]),
        {
            "username": "focal_a",
            "body": world.committee_a.pk,
            "role": Role.PROVINCIAL_FOCAL_POINT,
            "preferred_language": "vi",
            "is_active": "on",
            "password": "another-long-password-2026",
        },
    )
    user.refresh_from_db()
    page = (
        client_for("admin").get(reverse("core:history", args=["accounts", "user", user.pk])).content.decode()
    )
    assert "changed the password of" in page  # the record reads as a sentence (core.audit_text)
    assert user.password not in page and PASSWORD not in page and "another-long-password-2026" not in page


def test_person_records_are_for_administrators(world: World, client_for: Any) -> None:
    person = Person.objects.get(full_name="Nguyễn Văn An")
    url = reverse("core:history", args=["bodies", "person", person.pk])
    assert client_for("admin").get(url).status_code == 200
    assert client_for("focal_a").get(url).status_code == 404
