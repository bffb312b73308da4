"""Directives and tasks at scale: queries per page and time, next to a bare-SQL floor.

Builds, in a scratch database, a national committee with its standing office, 63 provincial committees (each
with a focal point) and the commune level of two provinces (People's Committees and police of their communes),
then 20 directives each fanned out to all 63 committees, 5 of them also to the commune-level police of the two
provinces; tasks at every stage (done, in progress, proposed done, overdue). A reporting cycle for every
committee whose reports answer all their tasks (decision 0046), submitted but for the first committee's, and a
consolidated pack of the cycle. Then requests each page as the standing office and as a provincial focal
point, at a small and a large size, and reads the pack's sources (its "Implementation of directives" part
included): the query count must be the same at both. The floor is the page's main query run as plain SQL
(what no ORM, template or permission adds).

    .venv/bin/python benchmarks/bench_followup.py [--repeat 10] [--communes 150]
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("RIGHTSTRACK_VAR_DIR", tempfile.mkdtemp(prefix="rt-bench-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{os.environ['RIGHTSTRACK_VAR_DIR']}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
os.environ["SECURE_SSL"] = "0"

import django  # noqa: E402

from rightstrack import bootstrap  # noqa: E402

bootstrap.prepare()
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from rightstrack.accounts.models import User  # noqa: E402
from rightstrack.accounts.services import user_create  # noqa: E402
from rightstrack.bodies.choices import BodyKind, BodyLevel  # noqa: E402
from rightstrack.bodies.models import Body  # noqa: E402
from rightstrack.bodies.services import body_create  # noqa: E402
from rightstrack.core.context import action_context  # noqa: E402
from rightstrack.followup.models import Directive, DirectiveKind, Task  # noqa: E402
from rightstrack.followup.services import Target, directive_create, task_update, tasks_assign  # noqa: E402
from rightstrack.packs.selectors import pack_sources  # noqa: E402
from rightstrack.packs.services import pack_create  # noqa: E402
from rightstrack.places.models import AdministrativeUnit  # noqa: E402
from rightstrack.reporting.models import Report  # noqa: E402
from rightstrack.reporting.services import (  # noqa: E402
    cycle_create,
    cycle_open,
    report_save,
    report_submit,
    template_create_default,
)

ISSUED = datetime.date(2025, 8, 2)


def build(provinces: int, directives: int, communes: int) -> dict[str, object]:
    with action_context(source="system"):
        national = body_create(
            actor=None,
            code="nc",
            name="Ban Chỉ đạo",
            kind=BodyKind.NATIONAL_COMMITTEE,
            level=BodyLevel.NATIONAL,
        )
        office = body_create(
            actor=None,
            code="office",
            name="Văn phòng",
            kind=BodyKind.STANDING_OFFICE,
            level=BodyLevel.NATIONAL,
            parent=national,
        )
        secretariat = user_create(
            actor=None, username="office", body=office, role="secretariat", password="x", validate=False
        )
        committees = []
        for p in range(provinces):
            unit = AdministrativeUnit.objects.create(code=f"{p:03d}", name=f"Tỉnh số {p}", level="province")
            committee = body_create(
                actor=None,
                code=f"p{p}",
                name=f"Ban Chỉ đạo tỉnh {p:02d}",
                kind=BodyKind.PROVINCIAL_COMMITTEE,
                level=BodyLevel.PROVINCIAL,
                parent=national,
                unit=unit,
            )
            committees.append(committee)
            user_create(
                actor=None,
                username=f"fp{p}",
                body=committee,
                role="provincial_focal_point",
                password="x",
                validate=False,
            )
        with_communes = committees[:2]
        for committee in with_communes:
            for c in range(communes):
                for kind, label in ((BodyKind.PEOPLES_COMMITTEE, "UBND"), (BodyKind.POLICE, "Công an")):
                    body_create(
                        actor=None,
                        code=f"{committee.code}-x{c}-{kind}",
                        name=f"{label} xã {c:03d}, {committee.name}",
                        kind=kind,
                        level=BodyLevel.COMMUNE,
                        parent=committee,
                    )
        kinds = list(DirectiveKind.objects.order_by("order"))
        for d in range(directives):
            directive = directive_create(
                actor=secretariat,
                issuer=national,
                kind=kinds[d % len(kinds)],
                number=d + 1,
                text=f"Chỉ đạo số {d + 1}: rà soát, đánh giá kết quả và hạn chế; đề xuất giải pháp.",
                issued_on=ISSUED,
            )
            due = datetime.date(2025, 12, 31) if d % 2 else datetime.date(2030, 6, 30)
            tasks_assign(
                actor=secretariat, directive=directive, target=Target(all_provincial=True), due_on=due
            )
            if d % 4 == 0:
                for committee in with_communes:
                    tasks_assign(
                        actor=secretariat,
                        directive=directive,
                        target=Target(communes_of=committee, commune_kinds=(BodyKind.POLICE,)),
                        due_on=due,
                    )
            for n, task in enumerate(directive.tasks.order_by("pk")):
                stage = n % 4
                if stage == 1:
                    task_update(actor=None, task=task, text="Đang thực hiện.", status="in_progress")
                elif stage == 2:
                    task_update(actor=None, task=task, text="Đề nghị xác nhận.", propose_done=True)
                elif stage == 3:
                    task_update(actor=None, task=task, status="done", text="Xong.")
        # The next cycle: every committee's report answers all its tasks; all but the first are submitted.
        template = template_create_default(actor=secretariat)
        cycle = cycle_open(
            actor=secretariat,
            cycle=cycle_create(
                actor=secretariat,
                name="Báo cáo 6 tháng cuối năm 2025",
                period_start=datetime.date(2025, 7, 1),
                period_end=datetime.date(2025, 12, 31),
                deadline=datetime.date(2031, 1, 15),
                template=template,
                participants=committees,
            ),
        )
        for n, committee in enumerate(committees):
            report = Report.objects.get(cycle=cycle, body=committee)
            answers = {
                str(pk): {"text": f"Kết quả thực hiện nhiệm vụ {pk}."}
                for pk in Task.objects.filter(body=committee).values_list("pk", flat=True)
            }
            report = report_save(
                actor=None,
                report=report,
                expected_version=report.version,
                sections={"situation": "<p>Tình hình ổn định.</p>"},
                figures={},
                extensions={"task_answers": answers},
            )
            if n:
                report_submit(actor=None, report=report)
        pack = pack_create(actor=secretariat, cycle=cycle)
    return {
        "office": secretariat,
        "focal": User.objects.get(username="fp0"),
        "report": Report.objects.get(cycle=cycle, body=committees[0]),
        "pack": pack,
        "big": Directive.objects.order_by("number").first(),
        "task": Task.objects.filter(body=committees[0]).order_by("pk").first(),
        "root": committees[0],
    }


def measure(client: Client, url: str, repeat: int) -> tuple[int, float, float, int]:
    """Queries, median wall ms, median CPU ms of this process (what the machine's other load hardly moves:
    the shared VM's wall clock swings with the neighbours' test suites) and the status."""
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    queries = len(ctx.captured_queries)
    times, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return queries, statistics.median(times), statistics.median(cpu), response.status_code


def floor(sql: str, params: list[object], repeat: int) -> float:
    """The page's main query as plain SQL, fetched in full: the least any implementation pays."""
    times = []
    with connection.cursor() as cursor:
        for _ in range(repeat):
            t0 = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


LIVE = "('open', 'in_progress')"


def run(
    provinces: int, directives: int, communes: int, repeat: int
) -> dict[str, tuple[int, float, float, int, float]]:
    call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", "followup", "zero", interactive=False, verbosity=0)
    call_command("migrate", interactive=False, verbosity=0)  # the seeded kinds of directive again
    t0 = time.perf_counter()
    world = build(provinces, directives, communes)
    build_s = time.perf_counter() - t0
    big: Directive = world["big"]  # type: ignore[assignment]
    task: Task = world["task"]  # type: ignore[assignment]
    root: Body = world["root"]  # type: ignore[assignment]
    report: Report = world["report"]  # type: ignore[assignment]
    today = timezone.localdate().isoformat()
    pages = {
        "directive list": (
            "/followup/directives/",
            "SELECT d.id, d.issued_on, COUNT(t.id), SUM(t.status = 'done') FROM followup_directive d "
            "LEFT JOIN followup_task t ON t.directive_id = d.id GROUP BY d.id "
            "ORDER BY d.issued_on DESC LIMIT 50",
            [],
        ),
        "directive detail (largest)": (
            f"/followup/directives/{big.pk}/",
            "SELECT t.id, t.status, t.due_on, b.name FROM followup_task t "
            "JOIN bodies_body b ON b.id = t.body_id WHERE t.directive_id = %s ORDER BY b.name LIMIT 100",
            [big.pk],
        ),
        "task list": (
            "/followup/tasks/",
            "SELECT t.id, t.due_on, b.name FROM followup_task t JOIN bodies_body b ON b.id = t.body_id "
            "WHERE b.path LIKE %s ORDER BY t.due_on LIMIT 50",
            [],  # filled per persona below
        ),
        "overdue tasks": (
            "/followup/tasks/overdue/",
            f"SELECT t.id, t.due_on, b.name FROM followup_task t JOIN bodies_body b ON b.id = t.body_id "
            f"WHERE t.status IN {LIVE} AND t.due_on < %s ORDER BY t.due_on LIMIT 50",
            [today],
        ),
        "task detail": (
            f"/followup/tasks/{task.pk}/",
            "SELECT u.id, u.text FROM followup_taskupdate u WHERE u.task_id = %s",
            [task.pk],
        ),
        "home": (
            "/",
            f"SELECT COUNT(*) FROM followup_task t JOIN bodies_body b ON b.id = t.body_id "
            f"WHERE b.path LIKE %s AND t.status IN {LIVE}",
            [],
        ),
        "report editor (answers)": (
            f"/reporting/reports/{report.pk}/edit/",
            "SELECT t.id, a.text FROM followup_task t LEFT JOIN followup_taskanswer a ON a.task_id = t.id "
            "AND a.report_id = %s WHERE t.body_id = %s",
            [report.pk, report.body_id],
        ),
        "report read view (answers)": (
            f"/reporting/reports/{report.pk}/",
            "SELECT a.text FROM followup_taskanswer a WHERE a.report_id = %s",
            [report.pk],
        ),
        "API directives": ("/api/directives/", "SELECT id FROM followup_directive LIMIT 50", []),
        "API tasks": ("/api/tasks/", "SELECT id FROM followup_task ORDER BY due_on LIMIT 50", []),
    }
    results: dict[str, tuple[int, float, float, int, float]] = {}
    for persona in ("office", "focal"):
        client = Client()
        client.force_login(world[persona])  # type: ignore[arg-type]
        prefix = "%" if persona == "office" else root.path + "%"
        for label, (url, sql, params) in pages.items():
            if persona == "focal" and "overdue" in label:
                continue
            if persona == "office" and "report" in label:
                continue
            if persona == "focal" and "detail (largest)" in label:
                url = f"/followup/directives/{big.pk}/"
            args = params or ([prefix] if "%s" in sql else [])
            queries, ms, cpu_ms, status = measure(client, url, repeat)
            results[f"{persona:6} {label}"] = (queries, ms, cpu_ms, status, floor(sql, args, repeat))
    pack = world["pack"]
    office = world["office"]
    pack_sources(pack, user=office)  # type: ignore[arg-type]  # warm the office's scope root
    with CaptureQueriesContext(connection) as ctx:
        t0, c0 = time.perf_counter(), time.process_time()
        sources = pack_sources(pack, user=office)  # type: ignore[arg-type]
        pack_ms, pack_cpu = (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000
    part = next(p for p in sources.parts if p["key"] == "directives")
    answered = sum(len(d["answers"]) for d in part["directives"])
    results["office pack sources + directives"] = (
        len(ctx.captured_queries),
        pack_ms,
        pack_cpu,
        200 if answered else 500,
        floor(
            "SELECT a.text FROM followup_taskanswer a JOIN followup_task t ON t.id = a.task_id "
            "WHERE a.report_id IN (SELECT id FROM reporting_report WHERE status = 'submitted')",
            [],
            repeat,
        ),
    )
    print(
        f"\n{provinces} provinces × {directives} directives, communes of 2 provinces × {communes} × 2: "
        f"{Body.objects.count()} bodies, {Task.objects.count()} tasks (built in {build_s:.1f} s)"
    )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--communes", type=int, default=150)
    args = parser.parse_args()
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", interactive=False, verbosity=0)
    small = run(provinces=5, directives=4, communes=5, repeat=args.repeat)
    large = run(provinces=63, directives=20, communes=args.communes, repeat=args.repeat)
    print(f"\ndatabase: {connection.vendor}; median of {args.repeat} requests")
    print(
        f"{'page':36} {'queries small':>13} {'queries large':>13} {'ms large':>9} {'CPU ms':>7} "
        f"{'SQL floor ms':>12}"
    )
    for label, (q_small, _ms, _cpu, status, _floor) in small.items():
        q_large, ms, cpu_ms, status_large, floor_ms = large[label]
        flag = "" if q_small == q_large else "  <-- grows with data"
        bad = "" if status == status_large == 200 else f"  status {status}/{status_large}"
        numbers = f"{q_small:>13} {q_large:>13} {ms:>9.1f} {cpu_ms:>7.1f} {floor_ms:>12.2f}"
        print(f"{label:36} {numbers}{flag}{bad}")


if __name__ == "__main__":
    main()
