"""One archive holds a site: the database (pg_dump on PostgreSQL, SQLite's online backup API on SQLite), the
uploaded and generated files, and a manifest of every table's row count and every file's SHA-256, so that a
restore can prove it put back what was taken (docs/deployment.md, "Backups").

Archive layout (a gzip-compressed tar): ``manifest.json`` first, then ``database.pgdump`` (pg_dump's custom
format) or ``database.sqlite3``, then ``media/<path>`` for every file under ``MEDIA_ROOT``.

This is operator tooling, run from the command line with the site stopped for a restore; it writes no audit
row (a restore replaces the audit log with the one in the archive).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

FORMAT = "rightstrack-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DUMP_NAMES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
# Rows that `migrate` itself writes into a new database: a database holding only these counts as empty.
BOOKKEEPING_TABLES = frozenset({"django_migrations", "django_content_type", "auth_permission"})
CHUNK = 1024 * 1024

Say = Callable[[str], None]


class BackupError(Exception):
    """Something an operator must fix; the message says what (the commands print it and exit non-zero)."""


@dataclass
class RestoreReport:
    tables: int = 0
    rows: int = 0
    files: int = 0
    files_unchanged: int = 0
    extra_files: list[str] = field(default_factory=list)
    manifest: dict[str, Any] = field(default_factory=dict)


def _quiet(message: str) -> None:
    pass


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def media_root() -> Path:
    """The folder the site's files live in; refuses a bucket (it has its own versioning and replication)."""
    backend = settings.STORAGES["default"]["BACKEND"]
    if backend != "django.core.files.storage.FileSystemStorage":
        raise BackupError(
            f"Files are kept by {backend}, not in MEDIA_ROOT: back the bucket up with its own versioning or "
            "replication and run this command with --no-media."
        )
    return Path(settings.MEDIA_ROOT)


def media_files(root: Path) -> Iterator[tuple[str, Path]]:
    """Every regular file under ``root`` as (posix path relative to root, path), in a stable order."""
    if not root.is_dir():
        return
    for directory, subdirs, names in os.walk(root):
        subdirs.sort()
        for name in sorted(names):
            path = Path(directory) / name
            if path.is_file() and not path.is_symlink():
                yield path.relative_to(root).as_posix(), path


def row_counts(connection: BaseDatabaseWrapper) -> dict[str, int]:
    """Every table's row count, as this connection sees it (inside a backup's snapshot, that snapshot)."""
    counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = int(cursor.fetchone()[0])
    return counts


def applied_migrations(connection: BaseDatabaseWrapper) -> dict[str, list[str]]:
    """The migrations recorded in this connection's database (raw SQL: the ORM knows only named aliases)."""
    applied: dict[str, list[str]] = {}
    with connection.cursor() as cursor:
        if "django_migrations" not in connection.introspection.table_names(cursor):
            return {}
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        for app, name in cursor.fetchall():
            applied.setdefault(app, []).append(name)
    return applied


def _engine(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
    return connection.vendor


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed: install PostgreSQL's client programs (Debian: postgresql-client), "
            "of the server's major version or newer."
        )
    return path


def _pg_env(settings_dict: dict[str, Any]) -> dict[str, str]:
    """libpq's environment for the database Django uses: the password never appears on a command line."""
    env = dict(os.environ)
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGDATABASE", "NAME")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    options = settings_dict.get("OPTIONS") or {}
    for variable, key in (("PGSSLMODE", "sslmode"), ("PGSSLROOTCERT", "sslrootcert")):
        if options.get(key):
            env[variable] = str(options[key])
    return env


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise BackupError(f"{what} failed (exit {done.returncode}): " + " / ".join(detail))


# Backup ---------------------------------------------------------------------------------------------------


@contextmanager
def _private_connection(alias: str = "default") -> Iterator[BaseDatabaseWrapper]:
    """A connection of our own, so that a snapshot transaction never mixes with the caller's."""
    connection = connections.create_connection(alias)
    try:
        yield connection
    finally:
        connection.close()


def _dump_postgresql(target: Path, say: Say) -> tuple[dict[str, int], dict[str, list[str]]]:
    """pg_dump in the snapshot of a REPEATABLE READ transaction whose row counts go in the manifest: the
    counts and the dump describe the same instant, while the site keeps running."""
    pg_dump = _tool("pg_dump")
    with _private_connection() as connection:
        connection.set_autocommit(False)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                (snapshot,) = cursor.fetchone()
            say("database: counting rows")
            counts = row_counts(connection)
            migrations = applied_migrations(connection)
            say("database: pg_dump (custom format)")
            _run(
                [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={target}", "--no-password"],
                _pg_env(connection.settings_dict),
                "pg_dump",
            )
        finally:
            connection.rollback()
    return counts, migrations


def _dump_sqlite(target: Path, say: Say) -> tuple[dict[str, int], dict[str, list[str]]]:
    """SQLite's online backup API: a consistent copy while others keep writing; counted on the copy."""
    connection = connections["default"]
    connection.ensure_connection()
    source = connection.connection
    copy = sqlite3.connect(target)
    try:
        say("database: SQLite online backup")
        source.backup(copy, pages=4096)
    finally:
        copy.close()
    with _sqlite_file_connection(target) as on_copy:
        say("database: counting rows")
        return row_counts(on_copy), applied_migrations(on_copy)


@contextmanager
def _sqlite_file_connection(path: Path) -> Iterator[BaseDatabaseWrapper]:
    """A Django connection to an SQLite file (for introspection and the migration table)."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    settings_dict = {**connections["default"].settings_dict, "NAME": str(path), "OPTIONS": {}}
    connection = DatabaseWrapper(settings_dict, alias="__backup_copy__")
    try:
        yield connection
    finally:
        connection.close()


def create_backup(
    archive: Path, *, include_media: bool = True, say: Say = _quiet, progress: Any = None
) -> dict[str, Any]:
    """Write ``archive`` and return its manifest. ``progress`` (start/advance) follows the files."""
    engine = _engine(connections["default"])
    root = media_root() if include_media else None
    archive = Path(archive)
    archive.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rightstrack-backup-") as work:
        dump = Path(work) / DUMP_NAMES[engine]
        dumper = _dump_postgresql if engine == "postgresql" else _dump_sqlite
        counts, migrations = dumper(dump, say)
        files: dict[str, dict[str, Any]] = {}
        if root is not None:
            listed = list(media_files(root))
            say(f"media: {len(listed)} files under {root}")
            if progress is not None:
                progress.start(len(listed), "checksums")
            for name, path in listed:
                files[name] = {"sha256": sha256_of(path), "size": path.stat().st_size}
                if progress is not None:
                    progress.advance(1, "checksums")
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "engine": engine,
            "database": {"file": dump.name, "sha256": sha256_of(dump), "size": dump.stat().st_size},
            "migrations": migrations,
            "tables": counts,
            "media": {"included": root is not None, "files": files},
        }
        manifest_path = Path(work) / MANIFEST
        manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
        partial = archive.with_name(archive.name + ".partial")
        say(f"writing {archive}")
        with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
            tar.add(manifest_path, arcname=MANIFEST)
            tar.add(dump, arcname=dump.name)
            if root is not None:
                if progress is not None:
                    progress.start(len(files), "archiving")
                for name in files:
                    tar.add(root / name, arcname=MEDIA_PREFIX + name, recursive=False)
                    if progress is not None:
                        progress.advance(1, "archiving")
        os.replace(partial, archive)  # a half-written archive never carries the final name
    return manifest


# Restore --------------------------------------------------------------------------------------------------


def read_archive(archive: Path, into: Path, say: Say = _quiet) -> dict[str, Any]:
    """Unpack ``archive`` into ``into`` (safely: regular files only, no path leaves the folder) and check it
    against its manifest: the database file's and every file's SHA-256. Returns the manifest."""
    say(f"reading {archive}")
    try:
        with tarfile.open(archive, "r:*") as tar:
            tar.extractall(into, filter="data")
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"{archive} cannot be read as a backup archive: {exc}") from exc
    try:
        manifest = json.loads((into / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{archive} has no readable {MANIFEST}: it is not a rightstrack backup.") from exc
    if manifest.get("format") != FORMAT or manifest.get("version") != FORMAT_VERSION:
        raise BackupError(f"{archive} is not a rightstrack backup of format version {FORMAT_VERSION}.")
    database = manifest["database"]
    if sha256_of(into / database["file"]) != database["sha256"]:
        raise BackupError(
            f"The database file in {archive} does not match its checksum: the archive is damaged."
        )
    say(f"checking {len(manifest['media']['files'])} files against the manifest")
    for name, info in manifest["media"]["files"].items():
        path = into / (MEDIA_PREFIX + name)
        if not path.is_file() or sha256_of(path) != info["sha256"]:
            raise BackupError(f"media/{name} in {archive} is missing or damaged.")
    return manifest


def occupied_tables(connection: BaseDatabaseWrapper) -> dict[str, int]:
    """Tables holding rows other than migrate's own bookkeeping: a database with none counts as empty."""
    return {
        table: count
        for table, count in row_counts(connection).items()
        if count and table not in BOOKKEEPING_TABLES
    }


def _restore_postgresql(dump: Path, say: Say) -> None:
    """pg_restore's SQL, after dropping every table there is, in ONE transaction through psql: the database
    ends up as the archive's or, on any error, as it was. Owners and grants are left out (the restoring role
    owns what it creates; run grant_app_role again for a separate application role)."""
    pg_restore, psql = _tool("pg_restore"), _tool("psql")
    connection = connections["default"]
    env = _pg_env(connection.settings_dict)
    work = dump.parent
    script = work / "restore.sql"
    _run(
        [
            pg_restore,
            "--no-owner",
            "--no-privileges",
            "--clean",
            "--if-exists",
            f"--file={script}",
            str(dump),
        ],
        env,
        "pg_restore",
    )
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    drop = work / "drop.sql"
    drop.write_text(
        "".join(f"DROP TABLE IF EXISTS {connection.ops.quote_name(t)} CASCADE;\n" for t in tables),
        encoding="utf-8",
    )
    connection.close()  # our own session must hold no lock on what is dropped
    say(f"database: restoring (drop {len(tables)} tables, then load) in one transaction")
    _run(
        [psql, "-X", "-q", "--no-password", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-f", str(drop)]
        + ["-f", str(script)],
        env,
        "psql (restore)",
    )


def _restore_sqlite(copy: Path, say: Say) -> None:
    """SQLite's backup API from the archive's copy onto the live database: page by page, replacing it."""
    connection = connections["default"]
    connection.ensure_connection()
    say("database: SQLite online backup from the archive")
    source = sqlite3.connect(copy)
    try:
        source.backup(connection.connection, pages=4096)
    finally:
        source.close()
    connection.close()


def restore_backup(
    archive: Path, *, force: bool = False, include_media: bool = True, say: Say = _quiet, progress: Any = None
) -> RestoreReport:
    """Put the archive's database and files back, then prove it: every table's rows and every file's
    checksum as in the manifest. Refuses a database with data, or files that would be overwritten with other
    content, unless ``force``."""
    connection = connections["default"]
    engine = _engine(connection)
    root = media_root() if include_media else None
    report = RestoreReport()
    with tempfile.TemporaryDirectory(prefix="rightstrack-restore-") as work_name:
        work = Path(work_name)
        manifest = read_archive(Path(archive), work, say)
        report.manifest = manifest
        if manifest["engine"] != engine:
            raise BackupError(
                f"The archive holds a {manifest['engine']} database and this site uses {engine}: restore it "
                f"into {manifest['engine']}, then move the data with dumpdata/loaddata."
            )
        files: dict[str, dict[str, Any]] = manifest["media"]["files"] if root is not None else {}
        occupied = occupied_tables(connection)
        clashes = (
            [
                name
                for name, info in files.items()
                if (root / name).is_file() and sha256_of(root / name) != info["sha256"]
            ]
            if root is not None
            else []
        )
        if not force and (occupied or clashes):
            parts = []
            if occupied:
                listed = ", ".join(f"{t} ({n})" for t, n in sorted(occupied.items())[:5])
                parts.append(f"the database holds data in {len(occupied)} tables: {listed}")
            if clashes:
                parts.append(f"{len(clashes)} files in {root} differ from the archive's, e.g. {clashes[0]}")
            raise BackupError(
                "Refusing to restore: " + "; ".join(parts) + ". Restore into an empty database, or give "
                "--force to replace everything there."
            )
        dump = work / manifest["database"]["file"]
        if engine == "postgresql":
            _restore_postgresql(dump, say)
        else:
            _restore_sqlite(dump, say)
        if root is not None:
            if progress is not None:
                progress.start(len(files), "files")
            for name, info in files.items():
                target = root / name
                if target.is_file() and sha256_of(target) == info["sha256"]:
                    report.files_unchanged += 1
                else:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(work / (MEDIA_PREFIX + name), target)
                if progress is not None:
                    progress.advance(1, "files")
            known = set(files)
            report.extra_files = [name for name, _ in media_files(root) if name not in known]
    say("verifying row counts and checksums")
    verify(manifest, include_media=root is not None, report=report)
    return report


def verify(
    manifest: dict[str, Any], *, include_media: bool = True, report: RestoreReport | None = None
) -> None:
    """Raise BackupError unless this site's tables and files are those the manifest describes."""
    connection = connections["default"]
    counts = row_counts(connection)
    expected: dict[str, int] = manifest["tables"]
    wrong = {t: (n, counts.get(t)) for t, n in expected.items() if counts.get(t) != n}
    if wrong:
        listed = ", ".join(
            f"{t}: {got} rows, expected {want}" for t, (want, got) in sorted(wrong.items())[:5]
        )
        raise BackupError(f"After the restore {len(wrong)} tables differ from the manifest: {listed}.")
    bad_files: list[str] = []
    if include_media:
        root = media_root()
        for name, info in manifest["media"]["files"].items():
            path = root / name
            if not path.is_file() or sha256_of(path) != info["sha256"]:
                bad_files.append(name)
    if bad_files:
        raise BackupError(
            f"After the restore {len(bad_files)} files differ from the manifest, e.g. {bad_files[0]}."
        )
    if report is not None:
        report.tables, report.rows = len(expected), sum(expected.values())
        report.files = len(manifest["media"]["files"]) if include_media else 0
