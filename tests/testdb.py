"""The test database, migrated once and copied: what ``setup_databases`` does, without migrating for every
xdist worker and every run.

The first worker to arrive (under a file lock) migrates a *template*: on SQLite a file
``var/test-db/sqlite-<key>.sqlite3``, on PostgreSQL a database ``test_<name>_tpl_<key>``. Every worker then
gets its own test database as a copy of it: SQLite's backup API into the worker's in-memory database,
PostgreSQL's ``CREATE DATABASE … TEMPLATE``. ``<key>`` is a hash of every migration file of every installed
app and of Django's version, so a changed or added migration makes a new template (the old ones are
removed); the template is kept between runs, as pytest-django's ``--reuse-db`` keeps a database, but never
used for a different migration state. ``RIGHTSTRACK_TEST_DB_TEMPLATE=0`` turns it off (Django migrates each
worker's database, as before). Nothing else differs: the same migrations, signals and cache table, the same
per-worker database removed after the run.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "var" / "test-db"
PG_NAME_LIMIT = 63


def wanted(aliases: set[str]) -> bool:
    """Whether the template applies: the one default database, migrated, on SQLite in memory or PostgreSQL."""
    from django.db import connections

    if os.environ.get("RIGHTSTRACK_TEST_DB_TEMPLATE", "1") == "0" or aliases != {"default"}:
        return False
    settings = connections["default"].settings_dict
    test = settings.get("TEST", {})
    if test.get("MIGRATE") is False or test.get("MIRROR"):
        return False
    if settings["ENGINE"] == "django.db.backends.sqlite3":
        creation = connections["default"].creation
        return bool(creation.is_in_memory_db(creation._get_test_db_name()))
    return bool(settings["ENGINE"] == "django.db.backends.postgresql")


def migration_key() -> str:
    """A hash of every migration file Django would apply, and of Django's version."""
    import django
    from django.db.migrations.loader import MigrationLoader

    digest = hashlib.sha256(django.get_version().encode())
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for (app, name), migration in sorted(loader.disk_migrations.items()):
        module = __import__(migration.__module__, fromlist=["_"])
        digest.update(f"{app}.{name}".encode())
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()[:12]


@contextmanager
def _locked(name: str) -> Iterator[None]:
    TEMPLATE_DIR.mkdir(parents=True, exist_ok=True)
    with (TEMPLATE_DIR / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def setup(verbosity: int) -> list[tuple[Any, str, bool]]:
    """Create this worker's test database from the template (made first if missing). Returns what
    ``django.test.utils.teardown_databases`` takes."""
    from django.db import connections

    connection = connections["default"]
    old_name = connection.settings_dict["NAME"]
    key = migration_key()
    if connection.vendor == "sqlite":
        _setup_sqlite(connection, key, verbosity)
    else:
        _setup_postgresql(connection, key, verbosity)
    return [(connection, old_name, True)]


def _migrate_here(connection: Any, verbosity: int) -> None:
    connection.creation.create_test_db(verbosity=verbosity, autoclobber=True, serialize=False)


def _use(connection: Any, name: str) -> None:
    from django.conf import settings
    from django.core.management import call_command

    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name
    call_command("createcachetable", database=connection.alias)
    connection.ensure_connection()


def _setup_sqlite(connection: Any, key: str, verbosity: int) -> None:
    template = TEMPLATE_DIR / f"sqlite-{key}.sqlite3"
    with _locked("sqlite"):
        if not template.exists():
            _migrate_here(connection, verbosity)  # this worker's in-memory database, migrated
            partial = template.with_suffix(".partial")
            target = sqlite3.connect(partial)
            connection.ensure_connection()
            connection.connection.backup(target)
            target.close()
            for old in TEMPLATE_DIR.glob("sqlite-*.sqlite3"):
                old.unlink()
            partial.replace(template)
            return
    _use(connection, connection.creation._get_test_db_name())
    source = sqlite3.connect(f"file:{template}?mode=ro", uri=True)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def _setup_postgresql(connection: Any, key: str, verbosity: int) -> None:
    creation = connection.creation
    test_name = creation._get_test_db_name()
    base = re.sub(r"_gw\d+$", "", test_name)
    suffix = f"_tpl_{key}"
    template = base[: PG_NAME_LIMIT - len(suffix)] + suffix
    quote = connection.ops.quote_name
    with _locked(f"pg-{template}"):
        with creation._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            exists = cursor.fetchone() is not None
        if not exists:
            building = template[: PG_NAME_LIMIT - 6] + "_build"
            test = connection.settings_dict.setdefault("TEST", {})
            test["NAME"], kept = building, test.get("NAME")
            try:
                _migrate_here(connection, verbosity)
            finally:
                test["NAME"] = kept
            connection.close()
            with creation._nodb_cursor() as cursor:
                cursor.execute(
                    "SELECT datname FROM pg_database WHERE datname LIKE %s AND datname NOT IN (%s, %s)",
                    [base.replace("_", r"\_") + r"\_tpl\_%", template, building],
                )
                for (stale,) in cursor.fetchall():
                    cursor.execute(f"DROP DATABASE IF EXISTS {quote(stale)}")
                cursor.execute(f"ALTER DATABASE {quote(building)} RENAME TO {quote(template)}")
        with creation._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(test_name)}")
            cursor.execute(f"CREATE DATABASE {quote(test_name)} TEMPLATE {quote(template)}")
    _use(connection, test_name)
