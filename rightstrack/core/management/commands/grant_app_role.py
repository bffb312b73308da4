"""Give the application's own PostgreSQL role what it needs, and no power over the audit table.

Run as the owner role, after every `migrate` (new tables need their grants):

    DATABASE_URL=postgres://rightstrack_owner@db/rightstrack rightstrack migrate
    DATABASE_URL=postgres://rightstrack_owner@db/rightstrack rightstrack grant_app_role rightstrack_app

The application then connects as ``rightstrack_app``: it reads and writes every table, but on the audit
table it may only read and insert. It owns nothing, so it can neither disable the append-only trigger nor
truncate, alter or drop the table (docs/deployment.md, "A database role that cannot rewrite history").
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from rightstrack.core.models import AuditEntry


class Command(BaseCommand):
    help = "Grant a PostgreSQL role the application's privileges: all data, but the audit log append-only."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("role", help="the role the web processes and task workers connect as")

    def handle(self, *args: Any, role: str, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("grant_app_role is for PostgreSQL; SQLite has no roles.")
        audit = AuditEntry._meta.db_table
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [role])
            found = cursor.fetchone()
            if found is None:
                raise CommandError(f"There is no role {role!r}: create it first (CREATE ROLE … LOGIN).")
            if found[0]:
                raise CommandError(f"{role!r} is a superuser: the application role must be an ordinary one.")
            cursor.execute("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = %s::regclass", [audit])
            (owner,) = cursor.fetchone() or ("",)
            if owner == role:
                raise CommandError(
                    f"{role!r} owns {audit}: run migrations as a separate owner role and grant this one."
                )
            cursor.execute("SELECT current_schema()")
            (schema,) = cursor.fetchone() or ("public",)
            q_role, q_schema, q_audit = (connection.ops.quote_name(n) for n in (role, schema, audit))
            for statement in (
                f"GRANT USAGE ON SCHEMA {q_schema} TO {q_role}",
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {q_schema} TO {q_role}",
                f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {q_schema} TO {q_role}",
                f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {q_audit} FROM {q_role}",
            ):
                cursor.execute(statement)
        self.stdout.write(f"{role} may read and write the data, and only read and add to {audit}.")
