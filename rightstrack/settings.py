"""The one settings module: everything a deployment changes comes from the environment.

Each helper raises ImproperlyConfigured with one sentence naming the variable and what it expects,
so a typo stops start-up instead of running with a surprise. ``NAME_FILE`` is read for secrets.
Importing this module only reads: var/ and the development secret key are made beforehand by the commands
that need them (rightstrack/bootstrap.py).
"""

from __future__ import annotations

import datetime
import importlib.util
import ipaddress
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from rightstrack.bootstrap import SECRET_FILE_NAME, var_dir

BASE_DIR = Path(__file__).resolve().parent
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


VAR_DIR = var_dir()


def _secret_key() -> str:
    """The configured key, or the one a command generated into var/ (never a literal in the repository)."""
    key = env("SECRET_KEY")
    if not key:
        key_file = VAR_DIR / SECRET_FILE_NAME
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


def _database(url: str, name: str = "DATABASE_URL") -> dict:
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


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
# Where users reach the site: links in e-mail are built from it (they cannot be relative).
SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
    "csp",
    "rules.apps.AutodiscoverRulesConfig",
    "django_prometheus",
    "rightstrack.core",
    "rightstrack.exchange",
    "rightstrack.accounts",
    "rightstrack.places",
    "rightstrack.bodies",
    "django_tasks",
    "rightstrack.notifications",
    "rightstrack.reporting",
    "rightstrack.conferences",
    "rightstrack.recommendations",
    "rightstrack.packs",
    "rightstrack.followup",
    "rightstrack.documents",
    "rightstrack.laws",
    "rightstrack.proposals",
    "rightstrack.activities",
    "rightstrack.tagging",
    "rightstrack.portal",
]

MIDDLEWARE = [
    # First and (nearly) last: django-prometheus times every request, labelled by its route's name.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    # /health/live, /health/ready and /metrics answer here, before the host check, the HTTPS redirect and
    # the session: a balancer or Prometheus asks by address, over plain HTTP (core.ops, decision 0035).
    "rightstrack.core.middleware.OpsEndpointsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise, so static files go out as they are; every other response gets the CSP, no-store
    # when it was made for a signed-in user, and the Permissions-Policy.
    "csp.middleware.CSPMiddleware",
    "rightstrack.core.middleware.SecurityHeadersMiddleware",
    "rightstrack.core.middleware.RequestIdMiddleware",
    # Before the session: its save counts as a write (after signing in, the next pages read the primary).
    "rightstrack.core.db_router.ReplicaPinMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "rightstrack.core.middleware.AuditActorMiddleware",
    # The user's own time zone for the pages made for them (accounts' User.time_zone).
    "rightstrack.core.middleware.UserTimeZoneMiddleware",
    "rightstrack.core.middleware.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rightstrack.urls"
WSGI_APPLICATION = "rightstrack.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account before any password is checked (django-axes).
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Django's templates, but the commonest widgets written in Python: the same HTML at a fraction of the cost.
FORM_RENDERER = "rightstrack.core.widgets_renderer.FastWidgetsRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "rightstrack.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": _database(env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'rightstrack.sqlite3'}"))}
# A PostgreSQL streaming replica of DATABASE_URL: list pages and the cycle dashboard read from it, everything
# else from the primary (core.db_router, docs/decisions/0037). In tests it mirrors the test database.
if env("DATABASE_REPLICA_URL").strip():
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_REPLICA_URL needs DATABASE_URL to be PostgreSQL too.")
    DATABASES["replica"] = {
        **_database(env("DATABASE_REPLICA_URL").strip(), "DATABASE_REPLICA_URL"),
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["rightstrack.core.db_router.ReplicaRouter"]
# After a request that wrote, that browser reads from the primary for this long (its own changes show).
DATABASE_REPLICA_PIN_SECONDS = env_int("DATABASE_REPLICA_PIN_SECONDS", 10)
# A replica that refuses a connection is not tried again for this long (its reads go to the primary).
DATABASE_REPLICA_RETRY_SECONDS = env_int("DATABASE_REPLICA_RETRY_SECONDS", 30)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


def _cache(url: str) -> dict[str, Any]:
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


CACHES = {"default": _cache(env("CACHE_URL").strip())}
# How long the public portal's pages are kept (seconds); publishing or withdrawing anything starts them over
# in a shared cache at once, in each process's own memory after at most this long. 0: not kept.
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 300)

LANGUAGE_CODE = env("LANGUAGE_CODE", "vi")
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(f"LANGUAGE_CODE must be 'vi' or 'en'; it is {LANGUAGE_CODE!r}.")
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True
# Numbers as people write them (26.019 and 0,35 in Vietnamese, 26,019 and 0.35 in English) wherever a template
# shows one; dates day first in both languages. rightstrack/formats/, decision 0041.
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["rightstrack.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "media/"


def _default_storage(backend: str) -> dict:
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


STORAGE_BACKEND = env_choice("STORAGE_BACKEND", "filesystem", ("filesystem", "s3"))
STORAGES = {
    "default": _default_storage(STORAGE_BACKEND),
    "staticfiles": {
        # Hashed, compressed names once `collectstatic` has run (as `rightstrack serve` does); plain before.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if (STATIC_ROOT / "staticfiles.json").exists()
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Background tasks (django-tasks; see docs/decisions/0006-reporting-model.md). TASKS_BACKEND is
# "database" (queued in the database, run by `manage.py db_worker`; needs the django-tasks-db package and
# is the default where it is installed), "immediate" (run in the calling process right after commit: the
# default without django-tasks-db, and what tests use) or "dummy" (queued in memory, never run).
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "dummy": "django_tasks.backends.dummy.DummyBackend",
}
_HAS_TASKS_DB = importlib.util.find_spec("django_tasks_db") is not None
TASKS_BACKEND = env("TASKS_BACKEND", "database" if _HAS_TASKS_DB else "immediate").strip().lower()
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}; it is {TASKS_BACKEND!r}."
    )
if TASKS_BACKEND == "database":
    if not _HAS_TASKS_DB:
        raise ImproperlyConfigured(
            "TASKS_BACKEND=database needs the django-tasks-db package; "
            "install it or set TASKS_BACKEND=immediate."
        )
    INSTALLED_APPS.append("django_tasks_db")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}
# Finished background jobs (core.jobs) and their files are removed this many days after they finished, by
# the task workers (at most once an hour each) and by `rightstrack jobs purge`; 0 keeps them for ever.
JOB_RETENTION_DAYS = env_int("JOB_RETENTION_DAYS", 7)
# A long PDF (the consolidated pack) is laid out in parts by this many processes at most, never more than
# the CPUs the job may use; each holds one part's pages (~300 MB at the most), so lower it on a small server.
PDF_WORKERS = env_int("PDF_WORKERS", 4, minimum=1)

# Workers that die (kill -9, a lost machine): a job whose worker has not reported for JOB_LEASE_SECONDS is
# queued again, up to JOB_MAX_ATTEMPTS runs in all, then failed; any other task (e-mail) still "running"
# TASK_LEASE_SECONDS after it started is run again (tasks are idempotent). `rightstrack task_worker` reclaims.
# E-mail claims expire after EMAIL_CLAIM_SECONDS, which must stay below TASK_LEASE_SECONDS.
JOB_LEASE_SECONDS = env_int("JOB_LEASE_SECONDS", 300, minimum=1)
JOB_MAX_ATTEMPTS = env_int("JOB_MAX_ATTEMPTS", 3, minimum=1)
EMAIL_CLAIM_SECONDS = env_int("EMAIL_CLAIM_SECONDS", 600, minimum=1)
TASK_LEASE_SECONDS = env_int("TASK_LEASE_SECONDS", 900, minimum=EMAIL_CLAIM_SECONDS + 1)

# E-mail: console in development, SMTP when EMAIL_HOST is set.
EMAIL_HOST = env("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "rightstrack@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)

# Security: strict unless DEBUG; an intranet served over plain HTTP sets SECURE_SSL=0.
_SECURE = env_bool("SECURE_SSL", not DEBUG)
SECURE_SSL_REDIRECT = _SECURE
SESSION_COOKIE_SECURE = _SECURE
CSRF_COOKIE_SECURE = _SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if _SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _SECURE
SECURE_HSTS_PRELOAD = _SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
# Content-Security-Policy (django-csp): scripts, styles, fonts, images and connections from this site only;
# no inline script, inline handler or inline style anywhere (templates load static files and use data-
# attributes); nothing may frame the site, and forms post only to it. docs/security.md says how it is tested.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Browser features no page of rightstrack uses, switched off for all of them.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), midi=(), payment=(), usb=(), interest-cohort=()"
)
X_FRAME_OPTIONS = "DENY"
# Sessions end after SESSION_IDLE_MINUTES without a request (the cookie and the stored session both expire;
# core.middleware.IdleSessionMiddleware renews them at most once a minute, so reading a page keeps one alive).
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30, minimum=1)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# API tokens (accounts.authentication): refused, and deleted, this many hours after they were issued; also
# revoked when their user's password changes, when the user signs out and when the account is deactivated.
API_TOKEN_TTL_HOURS = env_int("API_TOKEN_TTL_HOURS", 24 * 30, minimum=1)
# How long an invitation link to set one's password works (accounts.services.user_invite, decision 0019).
INVITATION_TTL_HOURS = env_int("INVITATION_TTL_HOURS", 72, minimum=1)

# Sign-in throttling (django-axes): LOGIN_FAILURE_LIMIT wrong passwords for one user name lock that account
# for LOGIN_LOCKOUT_MINUTES; each failure is logged and audited (accounts.receivers). Locking by user name,
# not by address: behind a reverse proxy every client shares the proxy's address.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 20, minimum=1)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 30, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 asks to lock by address too; a ministry's offices sit behind one NAT address and one proxy, so
# that would lock a whole office out after 20 typos among its staff (docs/security.md).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "rightstrack.accounts.views.locked_out"
AXES_ENABLE_ADMIN = False  # unlock with `rightstrack axes_reset_username NAME`
AXES_VERBOSE = True
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rightstrack.accounts.authentication.ExpiringTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rightstrack.core.drf.ScopedPermission"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rightstrack.core.drf.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "rightstrack.core.drf.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "rightstrack API",
    "DESCRIPTION": "Scoped access to units, bodies, people in roles, reporting cycles, templates, reports "
    "and the audit log.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "UnitLevelEnum": "rightstrack.places.choices.UnitLevel",
        "BodyLevelEnum": "rightstrack.bodies.choices.BodyLevel",
        "BodyKindEnum": "rightstrack.bodies.choices.BodyKind",
        "RegionKindEnum": "rightstrack.places.choices.RegionKind",
        "CycleStatusEnum": "rightstrack.reporting.choices.CycleStatus",
        "ReportStatusEnum": "rightstrack.reporting.choices.ReportStatus",
        "ConferenceKindEnum": "rightstrack.conferences.choices.ConferenceKind",
        "MediaLanguageEnum": "rightstrack.conferences.choices.MediaLanguage",
        "ParticipantsModeEnum": "rightstrack.conferences.choices.ParticipantsMode",
        "DocumentKindEnum": "rightstrack.documents.choices.DocumentKind",
        "DocumentLanguageEnum": "rightstrack.documents.choices.DocumentLanguage",
        "DocumentFileKindEnum": "rightstrack.documents.choices.FileKind",
        "LegalKindEnum": "rightstrack.laws.choices.LegalKind",
        "ImplementationStatusEnum": "rightstrack.laws.choices.ImplementationStatus",
        "ProposalKindEnum": "rightstrack.proposals.choices.ProposalKind",
        "ProposalStatusEnum": "rightstrack.proposals.choices.ProposalStatus",
        "MembershipPositionEnum": "rightstrack.bodies.choices.Position",
        "RecommendationPositionEnum": "rightstrack.recommendations.choices.Position",
        "ActivityKindEnum": "rightstrack.activities.choices.ActivityKind",
        "TaskStatusEnum": "rightstrack.followup.choices.TaskStatus",
        "TaskTargetModeEnum": "rightstrack.followup.choices.TargetMode",
        "TaskEvidenceKindEnum": "rightstrack.followup.choices.EvidenceKind",
        "RecommendationStatusEnum": "rightstrack.recommendations.choices.ImplementationStatus",
        "RecommendationMechanismEnum": "rightstrack.recommendations.choices.Mechanism",
        "TagTargetKindEnum": "rightstrack.tagging.choices.TargetKind",
    },
}

# Health and metrics (core.ops, docs/deployment.md). /health/ready says "degraded" (still 200) when the
# oldest queued job has waited longer than HEALTH_QUEUE_MAX_AGE_SECONDS or a running job's worker has not
# been heard of within JOB_LEASE_SECONDS; it checks that the file storage takes a write at most every
# HEALTH_STORAGE_CHECK_SECONDS (a bucket is not written to on every probe).
HEALTH_QUEUE_MAX_AGE_SECONDS = env_int("HEALTH_QUEUE_MAX_AGE_SECONDS", 600, minimum=1)
HEALTH_STORAGE_CHECK_SECONDS = env_int("HEALTH_STORAGE_CHECK_SECONDS", 30)
# /metrics answers a caller from one of METRICS_ALLOWED_IPS (addresses or networks) that did not come
# through a proxy, or one that sends "Authorization: Bearer METRICS_TOKEN"; everyone else gets 404.
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS", "127.0.0.1,::1")
for _network in METRICS_ALLOWED_IPS:
    try:
        ipaddress.ip_network(_network, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"METRICS_ALLOWED_IPS must list addresses or networks (10.0.0.5, 10.0.0.0/24); {_network!r} is "
            "neither."
        ) from None
METRICS_TOKEN = env("METRICS_TOKEN").strip()
if METRICS_TOKEN and len(METRICS_TOKEN) < 32:
    raise ImproperlyConfigured("METRICS_TOKEN must be at least 32 characters long (or empty: no token).")
PROMETHEUS_LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, float("inf"))
PROMETHEUS_METRIC_NAMESPACE = "rightstrack"

# Logs: "plain" lines for people, or "json" (one object a line, with the request id) for a log collector.
LOG_FORMAT = env_choice("LOG_FORMAT", "plain", ("plain", "json"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "rightstrack.core.middleware.RequestIdLogFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
        "json": {"()": "rightstrack.core.logs.JsonLogFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]}
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}
FILTERS_EMPTY_CHOICE_LABEL = _("All")
