"""What the probe of issue 8 found missing from the audit log, now on record: API tokens issued and revoked
in the admin, groups and their permissions, a user's groups and permissions (by name, without sign-in
noise), and every row a delete removes or unlinks with it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from rest_framework.authtoken.models import Token

from rightstrack.accounts.models import User
from rightstrack.accounts.services import user_delete
from rightstrack.bodies.models import Body, Membership
from rightstrack.core.audit import audited_delete
from rightstrack.core.models import AuditEntry
from rightstrack.notifications.models import Notification
from rightstrack.reporting.models import ReportRevision
from tests.conftest import World


def entries(obj: Any) -> list[AuditEntry]:
    return list(AuditEntry.objects.for_object(obj).order_by("id"))


def superuser(world: World, client_for: Any) -> Any:
    """Groups and tokens are the superuser's: the administrator role has no permission on them."""
    User.objects.filter(pk=world.users["admin"].pk).update(is_superuser=True)
    return client_for("admin")


def admin_form_data(response: Any) -> dict[str, Any]:
    """The admin change form's current values, as a browser would post them back."""
    form = response.context["adminform"].form
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None or getattr(field, "disabled", False):
            continue
        data[name] = value
    return data


def test_a_users_groups_and_permissions_changed_in_the_admin_read_by_name(
    world: World, client_for: Any
) -> None:
    editors = Group.objects.create(name="Biên tập viên")
    permission = Permission.objects.get(content_type__app_label="bodies", codename="view_body")
    person = world.users["agency"]
    client = client_for("admin")
    url = f"/admin/accounts/user/{person.pk}/change/"
    data = admin_form_data(client.get(url)) | {"groups": [editors.pk], "user_permissions": [permission.pk]}
    since = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""

    (entry,) = AuditEntry.objects.filter(pk__gt=since)  # no record of unchanged sign-in dates
    assert (entry.action, entry.source, entry.actor) == ("update", "admin", world.users["admin"])
    assert entry.before == {"groups": [], "user_permissions": []}
    assert entry.after == {"groups": ["Biên tập viên"], "user_permissions": ["bodies.view_body"]}


def test_a_group_and_its_permissions_created_in_the_admin_are_recorded(world: World, client_for: Any) -> None:
    permission = Permission.objects.get(content_type__app_label="accounts", codename="change_user")
    client = superuser(world, client_for)
    response = client.post(
        "/admin/auth/group/add/", {"name": "Quản lý người dùng", "permissions": [permission.pk]}
    )
    assert response.status_code == 302
    group = Group.objects.get(name="Quản lý người dùng")
    created, permissions = entries(group)
    assert (created.action, created.after["name"], created.source) == (
        "create",
        "Quản lý người dùng",
        "admin",
    )
    assert (permissions.before, permissions.after) == (
        {"permissions": []},
        {"permissions": ["accounts.change_user"]},
    )

    response = client.post(f"/admin/auth/group/{group.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert entries(group)[-1].action == "delete"


def test_tokens_issued_and_revoked_in_the_admin_are_recorded_on_the_user(
    world: World, client_for: Any
) -> None:
    person = world.users["focal_b"]
    client = superuser(world, client_for)
    response = client.post("/admin/authtoken/tokenproxy/add/", {"user": person.pk})
    assert response.status_code == 302
    key = Token.objects.get(user=person).key
    issued = entries(person)[-1]
    assert (issued.action, issued.actor, issued.source) == ("token_issued", world.users["admin"], "admin")

    response = client.post(f"/admin/authtoken/tokenproxy/{person.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Token.objects.filter(user=person).exists()
    revoked = entries(person)[-1]
    assert (revoked.action, revoked.after) == ("token_revoked", {"reason": "revoked"})
    assert not AuditEntry.objects.filter(object_id=key).exists()
    assert key not in str(list(AuditEntry.objects.values_list("object_repr", "before", "after")))


def test_deleting_a_body_records_each_seat_it_takes_with_it(world: World) -> None:
    seats = list(Membership.objects.filter(body=world.pc_a))
    assert seats
    audited_delete(world.pc_a, actor=world.users["admin"])
    gone = AuditEntry.objects.filter(action="cascade_delete", content_type__model="membership")
    assert sorted(int(e.object_id) for e in gone) == sorted(s.pk for s in seats)
    assert all(e.before["body"] == e.before["body"] and e.after is None for e in gone)
    (body,) = AuditEntry.objects.filter(action="delete", content_type__model="body")
    assert {e.request_id for e in gone} == {body.request_id}


def test_deleting_a_user_records_each_link_emptied_and_row_removed(world: World) -> None:
    reporting = world.reporting()
    person = world.users["focal_a"]
    person_pk = person.pk
    revisions = list(ReportRevision.objects.filter(created_by=person))
    notes = list(Notification.objects.filter(user=person))
    assert revisions and notes
    Token.objects.create(user=person)

    user_delete(actor=world.users["admin"], user=person)

    emptied = AuditEntry.objects.filter(action="set_null", content_type__model="reportrevision")
    assert {int(e.object_id) for e in emptied} >= {r.pk for r in revisions}
    for entry in emptied:
        (field,) = [k for k in entry.after if entry.after[k] != entry.before[k]]
        assert entry.before[field] == person_pk and entry.after[field] is None
    removed = AuditEntry.objects.filter(action="cascade_delete", content_type__model="notification")
    assert {int(e.object_id) for e in removed} == {n.pk for n in notes}
    assert not AuditEntry.objects.filter(content_type__app_label="authtoken").exists()
    assert not User.objects.filter(pk=person_pk).exists()
    assert reporting.report_a.pk  # the report itself stays; only the links to the person are emptied
    assert Body.objects.filter(pk=world.committee_a.pk).exists()


def test_the_log_names_the_new_actions_in_the_readers_language(world: World, client_for: Any) -> None:
    audited_delete(world.pc_a, actor=world.users["admin"])
    page = client_for("admin", language="vi").get("/audit/?action=cascade_delete").content.decode()
    assert "cùng đối tượng chứa nó" in page  # "Đã xóa … cùng đối tượng chứa nó." (core.audit_text)
