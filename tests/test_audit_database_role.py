"""On PostgreSQL, the application's own database role cannot rewrite history: it may add audit records and
read them, but not change, delete, truncate them or switch off the trigger that guards them, because a
separate owner role holds the table (`grant_app_role`, docs/deployment.md)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection

from rightstrack.bodies.models import Body
from rightstrack.core.models import AuditEntry

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="database roles exist only on PostgreSQL (set DATABASE_URL=postgres://…); SQLite has none",
    ),
    pytest.mark.django_db(transaction=True),
]

FORBIDDEN = [
    "ALTER TABLE core_auditentry DISABLE TRIGGER ALL",
    "ALTER TABLE core_auditentry DISABLE TRIGGER core_auditentry_no_update",
    "DROP TRIGGER core_auditentry_no_update ON core_auditentry",
    "TRUNCATE core_auditentry",
    "UPDATE core_auditentry SET action = 'rewritten'",
    "DELETE FROM core_auditentry",
    "DROP TABLE core_auditentry",
    "ALTER TABLE core_auditentry RENAME TO core_auditentry_old",
]
INSERT = (
    "INSERT INTO core_auditentry (created_at, actor_label, source, request_id, action, content_type_id, "
    "object_id, object_repr) VALUES (now(), '', 'system', '', 'create', %s, '1', 'x')"
)


@pytest.fixture
def app_role() -> Iterator[str]:
    """A fresh login role, granted what the application gets, dropped afterwards (roles outlive databases)."""
    role = f"rt_app_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} LOGIN")
    try:
        call_command("grant_app_role", role)
        yield role
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP OWNED BY {role}")
            cursor.execute(f"DROP ROLE {role}")


def connect_as(role: str):  # type: ignore[no-untyped-def]
    import psycopg

    settings = connection.settings_dict
    return psycopg.connect(
        dbname=settings["NAME"],
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=role,
        autocommit=True,
    )


def test_the_application_role_cannot_touch_the_audit_table(app_role: str) -> None:
    import psycopg

    body_type = ContentType.objects.get_for_model(Body).pk
    with connect_as(app_role) as app:
        # It does its work: adds an audit record, reads it back, changes other tables.
        app.execute(INSERT, [body_type])
        assert app.execute("SELECT count(*) FROM core_auditentry").fetchone() == (1,)
        app.execute("UPDATE django_content_type SET model = model")

        for statement in FORBIDDEN:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                app.execute(statement)

    assert AuditEntry.objects.get().action == "create"  # still there, unchanged


def test_even_with_update_rights_the_trigger_refuses(app_role: str) -> None:
    """The trigger is a second line: a role granted UPDATE and DELETE by mistake is still refused."""
    import psycopg

    with connection.cursor() as cursor:
        cursor.execute(f"GRANT UPDATE, DELETE ON core_auditentry TO {app_role}")
    body_type = ContentType.objects.get_for_model(Body).pk
    with connect_as(app_role) as app:
        app.execute(INSERT, [body_type])
        for statement in ("UPDATE core_auditentry SET action = 'rewritten'", "DELETE FROM core_auditentry"):
            with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
                app.execute(statement)


def test_the_owner_cannot_be_the_application_role() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'core_auditentry'::regclass"
        )
        (owner,) = cursor.fetchone()
    with pytest.raises(CommandError, match="superuser|owns core_auditentry"):
        call_command("grant_app_role", owner)
