"""Give the demo site the users of the load scenario and write the plan the locustfile reads.

On top of `rightstrack demo --no-serve` (run first, same DATABASE_URL): for every province whose committee
has a report in the open cycle, focal points of its own (``--per-province``), plus standing-office staff,
reviewers, ministry focal points and administrators; all with the demo password. Writes ``plan.json``: the
paths each persona uses (resolved with ``reverse``), so the locustfile knows no URL patterns.

    DATABASE_URL=postgres://… python benchmarks/load/prepare.py --out /tmp/plan.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")

import django  # noqa: E402

from rightstrack import bootstrap  # noqa: E402

bootstrap.prepare()
django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import transaction  # noqa: E402
from django.urls import reverse  # noqa: E402

from rightstrack.accounts.choices import Role  # noqa: E402
from rightstrack.accounts.models import User  # noqa: E402
from rightstrack.accounts.services import user_create  # noqa: E402
from rightstrack.reporting.choices import CycleStatus  # noqa: E402
from rightstrack.reporting.models import Report, ReportingCycle, ReportSection  # noqa: E402

PASSWORD = "demo-rightstrack"


def ensure(username: str, *, body: object, role: str) -> str:
    if not User.objects.filter(username=username).exists():
        user_create(actor=None, username=username, body=body, role=role, validate=False)
    return username


def sessions_for(users: object) -> dict[str, str]:
    """A signed-in session per user, as the login form would leave it: the scenario measures the working day,
    not 200 password hashes at once (the sign-in figure is measured apart, docs/benchmarks.md)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    backend = "django.contrib.auth.backends.ModelBackend"
    assert backend in settings.AUTHENTICATION_BACKENDS
    keys = {}
    for user in users:  # type: ignore[attr-defined]
        store = SessionStore()
        store[SESSION_KEY], store[BACKEND_SESSION_KEY] = str(user.pk), backend
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        keys[user.username] = store.session_key
    return keys


@transaction.atomic
def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="plan.json")
    # Five a province (170 for 34): the 150 focal users each get an account of their own (with four,
    # 136, fourteen accounts were shared by two users writing the same section: true clashes, decision 0065).
    parser.add_argument("--per-province", type=int, default=5)
    args = parser.parse_args()
    cycle = ReportingCycle.objects.filter(status=CycleStatus.OPEN).order_by("-pk").first()
    assert cycle is not None, "run `rightstrack demo --no-serve` first"
    closed = ReportingCycle.objects.exclude(pk=cycle.pk).order_by("-pk").first()
    admin = User.objects.get(username="admin")
    central = {
        "secretariat": User.objects.get(username="vanphong").body,
        "reviewer": User.objects.get(username="thamdinh").body,
        "agency": User.objects.get(username="bo.tuphap").body,
        "admin": admin.body,
    }
    roles = {
        "secretariat": Role.SECRETARIAT,
        "reviewer": Role.REVIEWER,
        "agency": Role.AGENCY_FOCAL_POINT,
        "admin": Role.ADMIN,
    }
    plan: dict[str, object] = {
        "password": PASSWORD,
        "login": reverse("login"),
        "home": "/",
        "cycle": reverse("reporting:cycle_detail", args=[cycle.pk]),
        "cycle_closed": reverse("reporting:cycle_detail", args=[closed.pk]) if closed else None,
        "dashboard_xlsx": reverse("reporting:cycle_dashboard_xlsx", args=[cycle.pk]),
        "report_list_api": f"/api/reports/?cycle={cycle.pk}",
    }
    focal = []
    reports = Report.objects.filter(cycle=cycle).select_related("body").order_by("pk")
    for report in reports:
        keys = list(
            ReportSection.objects.filter(report=report)
            .order_by("section__order")
            .values_list("section__key", flat=True)
        )
        for n in range(args.per_province):
            name = ensure(f"load-{report.body_id}-{n}", body=report.body, role=Role.PROVINCIAL_FOCAL_POINT)
            focal.append(
                {
                    "username": name,
                    "report": report.pk,
                    # Several writers of one report write in sections of their own, as a province shares
                    # the work out; the first may also write where the sections end (``unplaced``).
                    "section": keys[n % len(keys)] if keys else None,
                    "api": f"/api/reports/{report.pk}/",
                    "detail": reverse("reporting:report_detail", args=[report.pk]),
                    "edit": reverse("reporting:report_edit", args=[report.pk]),
                    "autosave": reverse("reporting:report_autosave", args=[report.pk]),
                    "submit": reverse("reporting:report_submit", args=[report.pk]),
                    "docx": reverse("reporting:report_export_docx", args=[report.pk]),
                }
            )
    plan["focal"] = focal
    plan["reports"] = [
        {
            "detail": reverse("reporting:report_detail", args=[r.pk]),
            "return": reverse("reporting:report_return", args=[r.pk]),
        }
        for r in reports
    ]
    for persona, body in central.items():
        plan[persona] = [ensure(f"load-{persona}-{n}", body=body, role=roles[persona]) for n in range(8)]
    # One hash for all (the production hasher takes a noticeable time per user on a busy machine).
    User.objects.filter(username__startswith="load-").update(password=make_password(PASSWORD))
    plan["sessions"] = sessions_for(User.objects.filter(username__startswith="load-"))
    Path(args.out).write_text(json.dumps(plan, indent=1), encoding="utf-8")
    print(f"{len(focal)} focal points over {reports.count()} provinces' reports; plan in {args.out}")


if __name__ == "__main__":
    main()
