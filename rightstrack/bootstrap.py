"""What must exist before Django starts, made by the commands that need it; importing settings writes nothing.

``prepare()`` creates the var/ directory (the SQLite database, uploads and collected static files live there
by default) and, when neither SECRET_KEY nor SECRET_KEY_FILE is given, a random key in ``var/secret_key``
(once, readable by its owner only; never a literal in the repository). The `rightstrack` command and
manage.py call it before Django starts (cli.py), as do `make install` and the test run
(``pytest_bootstrap.py``). A production server that starts gunicorn on its own gives SECRET_KEY(_FILE).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

SECRET_FILE_NAME = "secret_key"


def var_dir() -> Path:
    """Where rightstrack keeps its files: RIGHTSTRACK_VAR_DIR, or var/ in the working directory."""
    return Path(os.environ.get("RIGHTSTRACK_VAR_DIR") or Path.cwd() / "var").resolve()


def prepare() -> None:
    directory = var_dir()
    directory.mkdir(parents=True, exist_ok=True)
    Path(os.environ.get("STATIC_ROOT") or directory / "static").mkdir(parents=True, exist_ok=True)
    if os.environ.get("SECRET_KEY") or os.environ.get("SECRET_KEY_FILE"):
        return
    try:
        handle = os.open(directory / SECRET_FILE_NAME, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return  # made by an earlier run: keep it, or every session would end
    with os.fdopen(handle, "w", encoding="utf-8") as key_file:
        key_file.write(secrets.token_urlsafe(64))


if __name__ == "__main__":
    prepare()
