"""`rightstrack backup` / `restore`: a round trip on the database in use (PostgreSQL or SQLite) that
compares every table's row count and every file's checksum, a refusal to overwrite data, and a damaged
archive refused before anything is touched.

The backup runs here, on the test database with the reporting world committed; the restore runs as the real
command in another process, into a database and a media folder of its own, which is then backed up again:
both manifests must describe the same rows and the same files.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from rightstrack.core.backup import BackupError, read_archive, row_counts, sha256_of

pytestmark = pytest.mark.django_db(transaction=True)

FILES = {
    "attachments/2026/12/Báo cáo tỉnh Đà Nẵng.docx": b"PK\x03\x04 not really a zip " * 100,
    "jobs/2026/12/7/kết quả.pdf": bytes(range(256)) * 64,
}


@pytest.fixture
def site_media(reporting: Any, settings: Any, tmp_path: Path) -> Path:
    """A media folder of the test's own: the world's attachment and two files with Vietnamese names."""
    attachment = reporting.attachment.file
    with attachment.open("rb") as stream:
        content = stream.read()
    root = tmp_path / "media"
    settings.MEDIA_ROOT = root
    for name, data in {**FILES, attachment.name: content}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root  # type: ignore[no-any-return]


@pytest.fixture
def other_site(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment of another site on the same engine: a new, empty database and media folder."""
    settings_dict = connection.settings_dict
    var = tmp_path / "other-var"
    var.mkdir()
    env = {
        **os.environ,
        "RIGHTSTRACK_VAR_DIR": str(var),
        "MEDIA_ROOT": str(tmp_path / "other-media"),
        "SECRET_KEY": "backup-test-" + "x" * 50,
        "TASKS_BACKEND": "immediate",
    }
    if connection.vendor == "postgresql":
        name = f"{settings_dict['NAME']}_restored"[:63]
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
        user, password = settings_dict.get("USER") or "", settings_dict.get("PASSWORD") or ""
        credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
        host, port = settings_dict.get("HOST") or "127.0.0.1", settings_dict.get("PORT") or 5432
        env["DATABASE_URL"] = f"postgres://{credentials}{host}:{port}/{name}"
        yield env
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        yield env


def rightstrack(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rightstrack.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def manifest_of(archive: Path) -> dict[str, Any]:
    with tarfile.open(archive) as tar:
        member = tar.extractfile("manifest.json")
        assert member is not None
        return json.loads(member.read())  # type: ignore[no-any-return]


def test_a_backup_restored_elsewhere_has_the_same_rows_and_files(
    site_media: Path, other_site: dict[str, str], tmp_path: Path
) -> None:
    archive = tmp_path / "site.tar.gz"
    call_command("backup", "-o", str(archive))

    manifest = manifest_of(archive)
    assert manifest["engine"] == connection.vendor
    assert manifest["tables"] == row_counts(connection)
    assert manifest["tables"]["accounts_user"] > 5 and manifest["tables"]["reporting_report"] >= 2
    assert manifest["tables"]["core_auditentry"] > 0
    files = manifest["media"]["files"]
    assert len(files) == 3
    for name, data in FILES.items():
        assert files[name]["sha256"] == sha256_of(site_media / name)
        assert files[name]["size"] == len(data)

    restored = rightstrack(other_site, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    assert "verified: " in restored.stderr and "restore: database" in restored.stderr  # progress on stderr

    again = rightstrack(other_site, "backup", "-o", str(tmp_path / "again.tar.gz"))
    assert again.returncode == 0, again.stderr
    second = manifest_of(tmp_path / "again.tar.gz")
    assert second["tables"] == manifest["tables"]
    assert second["media"]["files"] == manifest["media"]["files"]
    assert second["migrations"] == manifest["migrations"]

    # The restored site now holds data: a second restore is refused, and changes nothing ...
    other_media = Path(other_site["MEDIA_ROOT"])
    damaged = other_media / next(iter(FILES))
    damaged.write_bytes(b"changed since")
    refused = rightstrack(other_site, "restore", str(archive))
    assert refused.returncode != 0
    assert "Refusing to restore" in refused.stderr and "--force" in refused.stderr
    assert damaged.read_bytes() == b"changed since"
    # ... unless forced: then every table and file is the archive's again.
    forced = rightstrack(other_site, "restore", "--force", str(archive))
    assert forced.returncode == 0, forced.stderr
    assert sha256_of(damaged) == files[next(iter(FILES))]["sha256"]


def test_restore_refuses_a_database_with_data_and_touches_nothing(site_media: Path, tmp_path: Path) -> None:
    archive = tmp_path / "site.tar.gz"
    call_command("backup", "-o", str(archive))
    before = row_counts(connection)

    with pytest.raises(CommandError, match="Refusing to restore: the database holds data"):
        call_command("restore", str(archive))

    assert row_counts(connection) == before


def test_a_damaged_archive_is_refused_before_anything_is_touched(site_media: Path, tmp_path: Path) -> None:
    archive = tmp_path / "site.tar.gz"
    call_command("backup", "-o", str(archive), "--no-media")
    unpacked = tmp_path / "unpacked"
    read_archive(archive, unpacked)  # sound as written
    name = json.loads((unpacked / "manifest.json").read_text())["database"]["file"]
    (unpacked / name).write_bytes((unpacked / name).read_bytes()[:-10])
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(tampered, "w:gz") as tar:
        for member in ("manifest.json", name):
            tar.add(unpacked / member, arcname=member)

    with pytest.raises(BackupError, match="does not match its checksum"):
        read_archive(tampered, tmp_path / "again")
