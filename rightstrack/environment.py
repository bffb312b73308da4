"""Reading the deployment's environment, for ``rightstrack/settings.py``: each helper raises
ImproperlyConfigured with one sentence naming the variable and what it expects, so a typo stops start-up
instead of running with a surprise; ``NAME_FILE`` is read for secrets. The builders turn one variable (a
database or cache address, a storage backend) into Django's setting. Nothing here writes anything.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from rightstrack.bootstrap import SECRET_FILE_NAME

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env(name: str, default: str = "") -> str:
    """A variable's value, or the content of the file named by ``NAME_FILE``."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(
                f"{name}_FILE names {file_name!r}, which cannot be read ({exc})."
            ) from exc
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = env(name, "1" if default else "0").strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; it is {raw!r}.")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = env(name, str(default)).strip()
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; it is {raw!r}.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}; it is {value}.")
    return value


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def env_url(name: str, default: str) -> str:
    """An absolute http(s) address, without a trailing slash."""
    raw = env(name, default).strip()
    parts = urlsplit(raw)
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"{name} must be an absolute address starting with http:// or https://, such as "
            f"https://rightstrack.example.org; it is {raw!r}."
        )
    return raw.rstrip("/")


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    raw = env(name, default).strip().lower()
    if raw not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}; it is {raw!r}.")
    return raw


def secret_key(var: Path) -> str:
    """The configured key, or the one a command generated into var/ (never a literal in the repository)."""
    key = env("SECRET_KEY")
    if not key:
        key_file = var / SECRET_FILE_NAME
        try:
            key = key_file.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            raise ImproperlyConfigured(
                f"SECRET_KEY is not set and {key_file} does not exist: set SECRET_KEY or SECRET_KEY_FILE, "
                "or run any `rightstrack` command once to generate a key there."
            ) from None
    if len(key) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long.")
    return key


def database(url: str, name: str = "DATABASE_URL") -> dict:
    import dj_database_url

    if not url.startswith(("sqlite:", "postgres:", "postgresql:", "pgsql:")):
        raise ImproperlyConfigured(
            f"{name} must start with sqlite:// or postgres://; it is {url.split('://')[0]!r}."
        )
    try:
        parsed = dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0))
        config: dict[str, Any] = dict(parsed)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} cannot be read: {exc}.") from exc
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    else:
        # A database that does not answer fails the request (and the readiness check) within this many
        # seconds instead of hanging a web process for the operating system's TCP timeout.
        timeout = env_int("DATABASE_CONNECT_TIMEOUT", 5, minimum=1)
        config["OPTIONS"] = {**(config.get("OPTIONS") or {}), "connect_timeout": timeout}
        # Through PgBouncer in transaction mode a cursor declared in one transaction is gone in the next
        # (another server connection): Django must not use server-side cursors for .iterator() then.
        config["DISABLE_SERVER_SIDE_CURSORS"] = env_bool("DATABASE_TRANSACTION_POOLING", False)
        # A connection kept between requests (DATABASE_CONN_MAX_AGE) is checked before a request reuses it,
        # so a restarted server or PgBouncer costs no failed request.
        config["CONN_HEALTH_CHECKS"] = bool(config.get("CONN_MAX_AGE"))
    return dict(config)


def cache(url: str) -> dict[str, Any]:
    """CACHE_URL: empty for each process's own memory (one web process, or a short PUBLIC_CACHE_SECONDS);
    file:///path for a directory the processes of one machine share; redis://host:port/db for many
    machines (needs the redis package). What the public portal keeps its pages in (docs/deployment.md)."""
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rightstrack"}
    parts = urlsplit(url)
    if parts.scheme == "file" and parts.path:
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": parts.path}
    if parts.scheme in {"redis", "rediss"} and parts.hostname:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    raise ImproperlyConfigured(
        f"CACHE_URL must be empty, file:///a/directory or redis://host:port/0; it is {url.split('://')[0]!r}."
    )


def default_storage(backend: str) -> dict:
    """Uploaded and generated files: MEDIA_ROOT on this machine, or an S3-compatible bucket."""
    if backend == "filesystem":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if importlib.util.find_spec("storages") is None or importlib.util.find_spec("boto3") is None:
        raise ImproperlyConfigured(
            "STORAGE_BACKEND=s3 needs the django-storages and boto3 packages: "
            "pip install 'django-storages[s3]'."
        )
    bucket = env("S3_BUCKET").strip()
    if not bucket:
        raise ImproperlyConfigured("STORAGE_BACKEND=s3 needs S3_BUCKET, the bucket that holds the files.")
    access_key, secret_key = env("S3_ACCESS_KEY_ID").strip(), env("S3_SECRET_ACCESS_KEY").strip()
    if bool(access_key) != bool(secret_key):
        raise ImproperlyConfigured(
            "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both, or neither to use the "
            "machine's own credentials (an instance role, AWS_* variables)."
        )
    options = {
        "bucket_name": bucket,
        "endpoint_url": env_url("S3_ENDPOINT_URL", "") if env("S3_ENDPOINT_URL").strip() else None,
        "region_name": env("S3_REGION").strip() or None,
        "access_key": access_key or None,
        "secret_key": secret_key or None,
        "addressing_style": env_choice("S3_ADDRESSING_STYLE", "auto", ("auto", "path", "virtual")),
        "default_acl": None,  # the bucket's policy decides; files are private
        "querystring_auth": True,  # links to files are signed and expire
        "file_overwrite": False,  # a second upload of the same name gets a new name, as on disk
    }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
