"""The database itself refuses to change audit records.

PostgreSQL rejects UPDATE and DELETE of any row. TRUNCATE (a maintenance operation of the database owner, and
what the test runner's flush uses) stays possible. SQLite, the single-user default, rejects UPDATE; it cannot
tell a flush from a delete, so there the model and queryset guards refuse deletes.
"""

from django.db import migrations

PG_UP = """
CREATE OR REPLACE FUNCTION core_auditentry_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit records are append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE OR DELETE ON core_auditentry
  FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only();
"""
PG_DOWN = """
DROP TRIGGER IF EXISTS core_auditentry_no_update ON core_auditentry;
DROP FUNCTION IF EXISTS core_auditentry_append_only();
"""
SQLITE_UP = [
    "CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE ON core_auditentry "
    "BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS core_auditentry_no_update;"]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_UP)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_UP:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_DOWN)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_DOWN:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
