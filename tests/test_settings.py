"""A malformed environment variable stops `rightstrack` before it touches anything, with one sentence that
names the variable and what it expects (no traceback)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core import mail

from rightstrack.notifications.choices import NotificationKind
from rightstrack.notifications.services import notify

CONSOLE = Path(sys.executable).with_name("rightstrack")
PREFIX = "rightstrack: configuration error: "


def environment(tmp_path: Path, **env: str) -> dict[str, str]:
    var_dir = tmp_path / "var"
    base = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "RIGHTSTRACK_VAR_DIR": str(var_dir),
        "DATABASE_URL": f"sqlite:///{var_dir / 'db.sqlite3'}",
    }
    return base | env


def run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    command = [str(CONSOLE)] if CONSOLE.exists() else [sys.executable, "-m", "rightstrack.cli"]
    return subprocess.run(
        [*command, *args],
        env=environment(tmp_path, **env),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_sound_environment_passes(tmp_path: Path) -> None:
    """The control: with nothing wrong, the same command succeeds."""
    result = run(tmp_path, "check")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


MALFORMED = [
    ("DEBUG", "maybe", "DEBUG must be one of 1/0, true/false, yes/no, on/off; it is 'maybe'."),
    ("EMAIL_PORT", "abc", "EMAIL_PORT must be a whole number; it is 'abc'."),
    ("EMAIL_PORT", "0", "EMAIL_PORT must be at least 1; it is 0."),
    (
        "DATABASE_URL",
        "mysql://x",
        "DATABASE_URL must start with sqlite:// or postgres://; it is 'mysql'.",
    ),
    ("SECRET_KEY", "short", "SECRET_KEY must be at least 50 characters long."),
    ("LANGUAGE_CODE", "fr", "LANGUAGE_CODE must be 'vi' or 'en'; it is 'fr'."),
    (
        "EMAIL_USE_TLS",
        "perhaps",
        "EMAIL_USE_TLS must be one of 1/0, true/false, yes/no, on/off; it is 'perhaps'.",
    ),
    ("DATABASE_CONN_MAX_AGE", "ten", "DATABASE_CONN_MAX_AGE must be a whole number; it is 'ten'."),
    (
        "SITE_URL",
        "rightstrack.example.org",
        "SITE_URL must be an absolute address starting with http:// or https://, such as "
        "https://rightstrack.example.org; it is 'rightstrack.example.org'.",
    ),
    ("STORAGE_BACKEND", "ftp", "STORAGE_BACKEND must be one of filesystem, s3; it is 'ftp'."),
    (
        "DATABASE_REPLICA_URL",
        "postgres://replica.internal/rightstrack",
        "DATABASE_REPLICA_URL needs DATABASE_URL to be PostgreSQL too.",
    ),
    ("LOG_FORMAT", "xml", "LOG_FORMAT must be one of plain, json; it is 'xml'."),
    (
        "METRICS_ALLOWED_IPS",
        "prometheus.internal",
        "METRICS_ALLOWED_IPS must list addresses or networks (10.0.0.5, 10.0.0.0/24); "
        "'prometheus.internal' is neither.",
    ),
    ("METRICS_TOKEN", "short", "METRICS_TOKEN must be at least 32 characters long (or empty: no token)."),
]
COMMANDS = ["check", "migrate"]
INCOMPLETE_S3 = [
    ({}, "STORAGE_BACKEND=s3 needs S3_BUCKET, the bucket that holds the files."),
    (
        {"S3_BUCKET": "files", "S3_ACCESS_KEY_ID": "rightstrack"},
        "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both, or neither to use the "
        "machine's own credentials (an instance role, AWS_* variables).",
    ),
    (
        {"S3_BUCKET": "files", "S3_ENDPOINT_URL": "s3.internal"},
        "S3_ENDPOINT_URL must be an absolute address starting with http:// or https://, such as "
        "https://rightstrack.example.org; it is 's3.internal'.",
    ),
]


@pytest.fixture(scope="module")
def batch(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[Path, subprocess.CompletedProcess[str]]]:
    """The runs that stop on a configuration error, each in a fresh process with a folder of its own, forked
    from one interpreter (``tests/forkrun.py``): by test id, the folder and the result."""
    from tests.forkrun import run_many

    runs = {
        f"{command}-{variable}-{value}": (command, {variable: value})
        for variable, value, _ in MALFORMED
        for command in COMMANDS
    } | {f"s3-{sentence}": ("check", {"STORAGE_BACKEND": "s3"} | env) for env, sentence in INCOMPLETE_S3}
    folders = {key: tmp_path_factory.mktemp("run") for key in runs}
    results = run_many(
        [
            {"args": [command], "env": environment(folders[key], **env), "cwd": str(folders[key])}
            for key, (command, env) in runs.items()
        ],
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"},
    )
    return {key: (folders[key], result) for key, result in zip(runs, results, strict=True)}


@pytest.mark.parametrize(("variable", "value", "sentence"), MALFORMED)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_malformed_variable_stops_with_one_sentence(
    variable: str, value: str, sentence: str, command: str, batch: dict[str, Any]
) -> None:
    tmp_path, result = batch[f"{command}-{variable}-{value}"]
    assert result.returncode == 2
    assert result.stderr == f"{PREFIX}{sentence}\n"
    assert result.stdout == ""
    assert not (tmp_path / "var" / "db.sqlite3").exists()  # nothing migrated, nothing written


def test_an_unreadable_secret_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-secret"
    result = run(tmp_path, "check", SECRET_KEY_FILE=str(missing))
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{PREFIX}SECRET_KEY_FILE names '{missing}', which cannot be read")
    assert "Traceback" not in result.stderr


def test_a_secret_file_is_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("x" * 60 + "\n", encoding="utf-8")
    assert run(tmp_path, "check", SECRET_KEY_FILE=str(secret)).returncode == 0
    secret.write_text("short\n", encoding="utf-8")
    result = run(tmp_path, "check", SECRET_KEY_FILE=str(secret))
    assert (result.returncode, result.stderr) == (
        2,
        f"{PREFIX}SECRET_KEY must be at least 50 characters long.\n",
    )


# SITE_URL: links in e-mail are absolute -----------------------------------------------------------------


def settings_of(tmp_path: Path, *names: str, **env: str) -> dict:
    """The named settings as a fresh interpreter sees them under ``env`` (the test run's own are fixed)."""
    code = (
        "import json, rightstrack.settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {list(names)!r}}}, default=str))"
    )
    base = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "RIGHTSTRACK_VAR_DIR": str(tmp_path / "var"),
        "SECRET_KEY": "k" * 60,
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=base | env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


def test_site_url_defaults_to_the_development_server_and_loses_its_trailing_slash(tmp_path: Path) -> None:
    assert settings_of(tmp_path, "SITE_URL")["SITE_URL"] == "http://127.0.0.1:8000"
    configured = settings_of(tmp_path, "SITE_URL", SITE_URL="https://nhanquyen.example.gov.vn/rt/")
    assert configured["SITE_URL"] == "https://nhanquyen.example.gov.vn/rt"


def test_links_in_e_mail_start_with_the_site_url(
    db: None, settings: Any, django_user_model: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.SITE_URL = "https://nhanquyen.example.gov.vn"
    user = django_user_model.objects.create(username="lan", email="lan@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[user], kind=NotificationKind.OTHER, title_factory=lambda: "Hello", url="/reporting/1/")
    (message,) = mail.outbox
    assert "\nhttps://nhanquyen.example.gov.vn/reporting/1/\n" in message.body


# Storage: the filesystem, or an S3-compatible bucket -----------------------------------------------------


def test_files_are_stored_on_disk_by_default(tmp_path: Path) -> None:
    storages = settings_of(tmp_path, "STORAGES")["STORAGES"]
    assert storages["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_an_s3_bucket_is_configured_from_the_environment(tmp_path: Path) -> None:
    secret = tmp_path / "s3-secret"
    secret.write_text("s3cr3t\n", encoding="utf-8")
    storages = settings_of(
        tmp_path,
        "STORAGES",
        STORAGE_BACKEND="s3",
        S3_BUCKET="rightstrack-files",
        S3_ENDPOINT_URL="https://s3.example.internal:9000",
        S3_ACCESS_KEY_ID="rightstrack",
        S3_SECRET_ACCESS_KEY_FILE=str(secret),
        S3_REGION="ap-southeast-1",
        S3_ADDRESSING_STYLE="path",
    )["STORAGES"]
    assert storages["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storages["default"]["OPTIONS"] | {} == {
        "bucket_name": "rightstrack-files",
        "endpoint_url": "https://s3.example.internal:9000",
        "region_name": "ap-southeast-1",
        "access_key": "rightstrack",
        "secret_key": "s3cr3t",
        "addressing_style": "path",
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
    }


def test_the_s3_storage_builds_from_those_options(tmp_path: Path) -> None:
    """The options are ones django-storages accepts: the storage object is made (no network needed)."""
    from storages.backends.s3 import S3Storage

    options = settings_of(tmp_path, "STORAGES", STORAGE_BACKEND="s3", S3_BUCKET="files")["STORAGES"][
        "default"
    ]
    storage = S3Storage(**options["OPTIONS"])
    assert (storage.bucket_name, storage.file_overwrite, storage.querystring_auth) == ("files", False, True)


@pytest.mark.parametrize(("env", "sentence"), INCOMPLETE_S3)
def test_an_incomplete_s3_configuration_stops_with_one_sentence(
    env: dict[str, str], sentence: str, batch: dict[str, Any]
) -> None:
    _, result = batch[f"s3-{sentence}"]
    assert (result.returncode, result.stderr) == (2, f"{PREFIX}{sentence}\n")


# Importing the settings writes nothing ---------------------------------------------------------------------


def test_importing_the_settings_creates_no_file(tmp_path: Path) -> None:
    settings_of(tmp_path, "SECRET_KEY")
    assert list(tmp_path.iterdir()) == []  # no var/, no key, no static directory


def test_without_a_key_or_a_command_having_run_the_settings_say_what_to_do(tmp_path: Path) -> None:
    env = {"PATH": os.environ.get("PATH", ""), "RIGHTSTRACK_VAR_DIR": str(tmp_path / "var")}
    result = subprocess.run(
        [sys.executable, "-c", "import rightstrack.settings"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (
        "SECRET_KEY is not set and" in result.stderr and "run any `rightstrack` command once" in result.stderr
    )
    assert list(tmp_path.iterdir()) == []


def test_a_command_makes_the_development_key_once_and_keeps_it(tmp_path: Path) -> None:
    assert run(tmp_path, "check").returncode == 0
    key_file = tmp_path / "var" / "secret_key"
    key = key_file.read_text(encoding="utf-8")
    assert len(key) >= 50 and key_file.stat().st_mode & 0o777 == 0o600
    assert run(tmp_path, "check").returncode == 0
    assert key_file.read_text(encoding="utf-8") == key  # sessions survive a restart


def test_a_configured_key_leaves_var_without_a_key_file(tmp_path: Path) -> None:
    assert run(tmp_path, "check", SECRET_KEY="s" * 60).returncode == 0
    assert not (tmp_path / "var" / "secret_key").exists()
