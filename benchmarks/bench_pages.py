"""Time the main pages and API lists and count their queries at two data sizes.

Builds, in a scratch database, a national committee with N provincial committees, each with sub-bodies,
memberships and users, then requests each page as an administrator and as a provincial focal point.
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import time

from scratch import prepare  # benchmarks/ is on sys.path

prepare(tasks_immediate=False)

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from rightstrack.accounts.models import User  # noqa: E402
from rightstrack.accounts.services import user_create  # noqa: E402
from rightstrack.bodies.choices import BodyKind, BodyLevel, Position  # noqa: E402
from rightstrack.bodies.models import Body  # noqa: E402
from rightstrack.bodies.services import body_create, membership_create, person_get_or_create  # noqa: E402
from rightstrack.core.context import action_context  # noqa: E402
from rightstrack.places.models import AdministrativeUnit  # noqa: E402

START = datetime.date(2020, 1, 1)


def build(provinces: int, subs: int, members: int) -> dict[str, object]:
    """Create the national committee and ``provinces`` committees with ``subs`` sub-bodies each."""
    with action_context(source="system"):
        national = body_create(
            actor=None,
            code="nc",
            name="Ban Chỉ đạo",
            kind=BodyKind.NATIONAL_COMMITTEE,
            level=BodyLevel.NATIONAL,
        )
        admin = user_create(
            actor=None,
            username="admin",
            body=national,
            role="admin",
            password="x",
            validate=False,
            superuser=True,
        )
        first = None
        for p in range(provinces):
            unit = AdministrativeUnit(code=f"{p:03d}", name=f"Tỉnh số {p}", level="province")
            unit.save()
            committee = body_create(
                actor=None,
                code=f"p{p}",
                name=f"Ban Chỉ đạo tỉnh {p}",
                kind=BodyKind.PROVINCIAL_COMMITTEE,
                level=BodyLevel.PROVINCIAL,
                parent=national,
                unit=unit,
            )
            first = first or committee
            for s in range(subs):
                body_create(
                    actor=None,
                    code=f"p{p}-s{s}",
                    name=f"Sở {s} tỉnh {p}",
                    kind=BodyKind.DEPARTMENT,
                    level=BodyLevel.PROVINCIAL,
                    parent=committee,
                    unit=unit,
                )
            for m in range(members):
                person = person_get_or_create(actor=None, full_name=f"Người {p}-{m}")
                membership_create(
                    actor=None, body=committee, position=Position.MEMBER, person=person, start_on=START
                )
            user_create(
                actor=None,
                username=f"fp{p}",
                body=committee,
                role="provincial_focal_point",
                password="x",
                validate=False,
            )
        focal = User.objects.get(username="fp0")
    return {"admin": admin, "focal": focal, "committee": first}


def measure(client: Client, url: str, repeat: int) -> tuple[int, float, int]:
    client.get(url)  # warm
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    queries = len(ctx.captured_queries)  # read now: the next request resets the query log
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
    return queries, statistics.median(times), response.status_code


def run(provinces: int, subs: int, members: int, repeat: int) -> dict[str, tuple[int, float, int]]:
    call_command("flush", interactive=False, verbosity=0)
    t0 = time.perf_counter()
    world = build(provinces, subs, members)
    build_s = time.perf_counter() - t0
    committee: Body = world["committee"]  # type: ignore[assignment]
    pages = {
        "overview /": "/",
        "body list /bodies/": "/bodies/",
        "body list, last page": "/bodies/?page=last",
        "body detail (committee)": f"/bodies/{committee.pk}/",
        "unit list": "/places/units/",
        "user list": "/users/",
        "audit log": "/audit/",
        "API bodies": "/api/bodies/",
        "API memberships": "/api/memberships/",
        "API users": "/api/users/",
    }
    results: dict[str, tuple[int, float, int]] = {}
    for persona in ("admin", "focal"):
        client = Client()
        client.force_login(world[persona])  # type: ignore[arg-type]
        for label, url in pages.items():
            if persona == "focal" and url == "/audit/":
                continue
            results[f"{persona:5} {label}"] = measure(client, url, repeat)
    n_bodies = Body.objects.count()
    print(
        f"\n{provinces} provinces × {subs} sub-bodies, {members} members each: {n_bodies} bodies "
        f"(built in {build_s:.1f} s)"
    )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", interactive=False, verbosity=0)
    small = run(provinces=5, subs=2, members=3, repeat=args.repeat)
    large = run(provinces=63, subs=30, members=25, repeat=args.repeat)
    print(f"\ndatabase: {connection.vendor}; median of {args.repeat} requests")
    print(f"{'page':40} {'queries small':>14} {'queries large':>14} {'ms large':>9}")
    for label, (q_small, _, status) in small.items():
        q_large, ms, status_large = large[label]
        flag = "" if q_small == q_large else "  <-- grows with data"
        print(
            f"{label:40} {q_small:>14} {q_large:>14} {ms:>9.1f}{flag}"
            f"{'' if status == status_large == 200 else f'  status {status}/{status_large}'}"
        )


if __name__ == "__main__":
    main()
