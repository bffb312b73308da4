"""Nobody can change or remove an audit record (ORM, database, admin, API); the log and the history pages
filter and show them to the people who may read them."""

# An entry's ``changes`` is JSON (``Any | None`` to mypy); these tests read the keys they just wrote.
# mypy: disable-error-code="index, operator"

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from rightstrack.accounts.choices import Role
from rightstrack.bodies.models import Person
from rightstrack.core.models import AuditEntry, AuditLogIsAppendOnly
from tests.conftest import World
from tests.factories import PASSWORD

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
