"""A malformed environment variable stops `rightstrack` before it touches anything, with one sentence that
names the variable and what it expects (no traceback)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CONSOLE = Path(sys.executable).with_name("rightstrack")
PREFIX = "rightstrack: configuration error: "


def run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    var_dir = tmp_path / "var"
    base = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "RIGHTSTRACK_VAR_DIR": str(var_dir),
        "DATABASE_URL": f"sqlite:///{var_dir / 'db.sqlite3'}",
    }
    command = [str(CONSOLE)] if CONSOLE.exists() else [sys.executable, "-m", "rightstrack.cli"]
    return subprocess.run(
        [*command, *args],
        env=base | env,
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


@pytest.mark.parametrize(
    ("variable", "value", "sentence"),
    [
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
    ],
)
@pytest.mark.parametrize("command", ["check", "migrate"])
def test_a_malformed_variable_stops_with_one_sentence(
    variable: str, value: str, sentence: str, command: str, tmp_path: Path
) -> None:
    result = run(tmp_path, command, **{variable: value})
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
