"""Settings of the worker processes of tests/test_lost_worker.py: the test job kind, a slow outbox."""

from rightstrack.settings import *  # noqa: F403
from rightstrack.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.lost_worker.apps.LostWorkerConfig"]
EMAIL_BACKEND = "tests.lost_worker.work.SlowOutbox"
