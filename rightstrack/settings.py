"""The one settings module: everything a deployment changes comes from the environment.

Every value is read through rightstrack/environment.py, whose helpers raise ImproperlyConfigured with one
sentence naming the variable and what it expects, so a typo stops start-up instead of running with a
surprise. ``NAME_FILE`` is read for secrets.
Importing this module only reads: var/ and the development secret key are made beforehand by the commands
that need them (rightstrack/bootstrap.py).
"""

from __future__ import annotations

import datetime
import importlib.util
import ipaddress
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from rightstrack.bootstrap import var_dir
from rightstrack.environment import (
    cache,
    database,
    default_storage,
    env,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_url,
    secret_key,
)

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = var_dir()

SECRET_KEY = secret_key(VAR_DIR)
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

DATABASES = {"default": database(env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'rightstrack.sqlite3'}"))}
# A PostgreSQL streaming replica of DATABASE_URL: list pages and the cycle dashboard read from it, everything
# else from the primary (core.db_router, docs/decisions/0037). In tests it mirrors the test database.
if env("DATABASE_REPLICA_URL").strip():
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_REPLICA_URL needs DATABASE_URL to be PostgreSQL too.")
    DATABASES["replica"] = {
        **database(env("DATABASE_REPLICA_URL").strip(), "DATABASE_REPLICA_URL"),
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


CACHES = {"default": cache(env("CACHE_URL").strip())}
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


STORAGE_BACKEND = env_choice("STORAGE_BACKEND", "filesystem", ("filesystem", "s3"))
STORAGES = {
    "default": default_storage(STORAGE_BACKEND),
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
