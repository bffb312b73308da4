"""The production layout on one machine, under load and faults: the proof of issue 15, item 5 (first part).

Starts, with Debian's packages, in a folder of its own and on free ports: a PostgreSQL 15 primary and a
streaming replica (``pg_basebackup``), PgBouncer in transaction mode in front of both, three gunicorn web
processes (``DATABASE_URL`` and ``DATABASE_REPLICA_URL`` through PgBouncer), two ``rightstrack task_worker``
processes and HAProxy with active checks on ``/health/ready`` (deploy/haproxy/haproxy.cfg). Loads the demo
data and the load scenario's users (benchmarks/load/prepare.py), then drives benchmarks/load/locustfile.py
through HAProxy while report PDFs are queued as jobs; one third of the way in it kills (SIGKILL) one web
process and the worker running a job, two thirds of the way in it starts them again. It prints: requests and
errors, p95 before / during / after the kill, and the jobs: queued, finished, failed, lost (never finished),
run again after the kill, and run to the end twice.

    apt-get install postgresql-15 pgbouncer haproxy       # Debian 12
    .venv/bin/pip install -c requirements/constraints.txt -e ".[load]"
    .venv/bin/python benchmarks/loopback.py --users 20 --seconds 60

Run as root (the PostgreSQL and PgBouncer processes then run as the ``postgres`` user) or as a user that
may run them. Everything is removed at the end unless ``--keep``. Not done here yet: the failover of the
replica to primary during the run (deploy/postgresql/primary-replica.md has the procedure).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import pwd
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}", file=sys.stderr, flush=True)


class Layout:
    def __init__(self, folder: Path, users: int, seconds: int) -> None:
        self.folder, self.users, self.seconds = folder, users, seconds
        self.ports = {
            name: free_port()
            for name in ("primary", "replica", "pgbouncer", "haproxy", "web1", "web2", "web3")
        }
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.logs = folder / "logs"
        self.logs.mkdir()
        self.var = folder / "var"
        self.var.mkdir()
        if os.geteuid() == 0:
            postgres = pwd.getpwnam("postgres")
            os.chown(folder, postgres.pw_uid, postgres.pw_gid)
            os.chown(self.logs, postgres.pw_uid, postgres.pw_gid)

    # Processes ----------------------------------------------------------------------------------------------

    def run(self, command: list[str], *, env: dict[str, str] | None = None, timeout: float = 900) -> str:
        result = subprocess.run(
            command,
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=ROOT,
        )
        if result.returncode:
            raise SystemExit(f"{command[0]} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
        return result.stdout

    def start(self, name: str, command: list[str], env: dict[str, str] | None = None) -> None:
        log = (self.logs / f"{name}.log").open("ab")
        self.processes[name] = subprocess.Popen(
            command,
            env={**os.environ, **(env or {})},
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: a kill takes its children (gunicorn's workers)
        )

    def kill(self, name: str) -> None:
        process = self.processes[name]
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)

    def stop_all(self) -> None:
        for name in reversed(list(self.processes)):
            process = self.processes[name]
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                    process.wait(timeout=20)
                except (ProcessLookupError, subprocess.TimeoutExpired):
                    os.killpg(process.pid, signal.SIGKILL)
        for cluster in ("replica", "primary"):
            data = self.folder / cluster
            if data.exists():
                subprocess.run(
                    as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
                    capture_output=True,
                    check=False,
                )

    # PostgreSQL ----------------------------------------------------------------------------------

    def _cluster_conf(self, data: Path, port: int) -> None:
        (data / "postgresql.conf").write_text(
            f"port = {port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{self.folder}'\n"
            "wal_level = replica\nmax_wal_senders = 5\nhot_standby = on\nmax_connections = 200\n"
            "shared_buffers = 128MB\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
        )
        (data / "pg_hba.conf").write_text(
            "local all all trust\nhost all all 127.0.0.1/32 trust\nhost replication all 127.0.0.1/32 trust\n"
        )
        (data / "pg_ident.conf").write_text("")
        if os.geteuid() == 0:
            postgres = pwd.getpwnam("postgres")
            for name in ("postgresql.conf", "pg_hba.conf", "pg_ident.conf"):
                os.chown(data / name, postgres.pw_uid, postgres.pw_gid)

    def _pg_start(self, data: Path, name: str) -> None:
        self.run(as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(self.logs / f"{name}.log"),
                              "-w", "-t", "120", "start"]))  # fmt: skip

    def primary(self) -> None:
        data = self.folder / "primary"
        self.run(as_postgres([str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                              "--encoding=UTF8", "--locale=C.UTF-8"]))  # fmt: skip
        self._cluster_conf(data, self.ports["primary"])
        self._pg_start(data, "primary")
        port = str(self.ports["primary"])
        self.run(as_postgres(["createdb", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "rightstrack"]))

    def replica(self) -> None:
        data = self.folder / "replica"
        self.run(as_postgres(["pg_basebackup", "-h", "127.0.0.1", "-p", str(self.ports["primary"]), "-U",
                              "postgres", "-D", str(data), "--write-recovery-conf", "--wal-method=stream",
                              "--checkpoint=fast"]))  # fmt: skip
        self._cluster_conf(data, self.ports["replica"])
        self._pg_start(data, "replica")

    def pgbouncer(self) -> None:
        userlist = self.folder / "userlist.txt"
        userlist.write_text('"postgres" ""\n')
        ini = self.folder / "pgbouncer.ini"
        ini.write_text(
            "[databases]\n"
            f"rightstrack = host=127.0.0.1 port={self.ports['primary']} dbname=rightstrack\n"
            f"rightstrack_replica = host=127.0.0.1 port={self.ports['replica']} dbname=rightstrack\n"
            "[pgbouncer]\n"
            f"listen_addr = 127.0.0.1\nlisten_port = {self.ports['pgbouncer']}\n"
            f"unix_socket_dir = {self.folder}\nauth_type = trust\nauth_file = {userlist}\n"
            "pool_mode = transaction\nmax_client_conn = 500\ndefault_pool_size = 20\n"
            "ignore_startup_parameters = extra_float_digits,options\n"
            f"pidfile = {self.folder}/pgbouncer.pid\n"
        )
        if os.geteuid() == 0:
            postgres = pwd.getpwnam("postgres")
            for path in (userlist, ini):
                os.chown(path, postgres.pw_uid, postgres.pw_gid)
        self.start("pgbouncer", as_postgres(["pgbouncer", str(ini)]))

    # rightstrack --------------------------------------------------------------------------------------------

    def env(self, *, through_pooler: bool = True) -> dict[str, str]:
        pooler = f"postgres://postgres@127.0.0.1:{self.ports['pgbouncer']}"
        direct = f"postgres://postgres@127.0.0.1:{self.ports['primary']}/rightstrack"
        env = {
            "DATABASE_URL": f"{pooler}/rightstrack" if through_pooler else direct,
            "SECRET_KEY": "loopback-" + "k" * 60,
            "RIGHTSTRACK_VAR_DIR": str(self.var),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL": "0",
            "DEBUG": "0",
            "TASKS_BACKEND": "database",
            "LOG_FORMAT": "json",
            "JOB_LEASE_SECONDS": "10",
            "EMAIL_CLAIM_SECONDS": "20",
            "TASK_LEASE_SECONDS": "30",
            "DJANGO_SETTINGS_MODULE": "rightstrack.settings",
        }
        if through_pooler:
            env["DATABASE_TRANSACTION_POOLING"] = "1"
        if through_pooler:
            env["DATABASE_REPLICA_URL"] = f"{pooler}/rightstrack_replica"
        return env

    def data(self) -> Path:
        env = self.env(through_pooler=False)
        rightstrack = str(VENV_BIN / "rightstrack")
        self.run([rightstrack, "migrate", "-v0"], env=env)
        self.run([rightstrack, "rightstrack_demo", "--no-serve"], env=env)
        plan = self.folder / "plan.json"
        self.run([sys.executable, "benchmarks/load/prepare.py", "--out", str(plan)], env=env)
        self.run([rightstrack, "collectstatic", "--noinput", "-v0"], env=env)
        return plan

    def web(self, name: str) -> None:
        metrics = self.folder / f"metrics-{name}"
        shutil.rmtree(metrics, ignore_errors=True)
        metrics.mkdir()
        self.start(
            name,
            [
                sys.executable,
                "-m",
                "gunicorn",
                "rightstrack.wsgi:application",
                "--config",
                "python:rightstrack.gunicorn_conf",
                "--bind",
                f"127.0.0.1:{self.ports[name]}",
                "--workers",
                "2",
                "--threads",
                "4",
                "--timeout",
                "60",
            ],  # fmt: skip
            {**self.env(), "PROMETHEUS_MULTIPROC_DIR": str(metrics)},
        )

    def worker(self, name: str) -> None:
        self.start(
            name,
            [str(VENV_BIN / "rightstrack"), "task_worker", "--interval", "0.5", "--worker-id", name],
            self.env(),
        )

    def haproxy(self) -> None:
        template = (ROOT / "deploy/haproxy/haproxy.cfg").read_text()
        config = (
            template.replace("    log /dev/log local0\n", "")
            .replace("    log global\n", "")
            .replace("bind 127.0.0.1:8080", f"bind 127.0.0.1:{self.ports['haproxy']}")
        )
        for number in (1, 2, 3):
            config = config.replace(
                f"127.0.0.1:800{number} check", f"127.0.0.1:{self.ports[f'web{number}']} check"
            )
        path = self.folder / "haproxy.cfg"
        path.write_text(config)
        self.run(["haproxy", "-c", "-f", str(path)])
        self.start("haproxy", ["haproxy", "-db", "-f", str(path)])

    def wait_ready(self, port: int, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/ready", timeout=5) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.5)
        raise SystemExit(f"nothing ready on port {port} after {timeout} s (logs: {self.logs})")


# Jobs -----------------------------------------------------------------------------------------------


def django_setup(env: dict[str, str]) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def queue_jobs(stop: threading.Event, every: float, queued: list[int]) -> None:
    """Report PDFs, one every ``every`` seconds, as an administrator asks for them in the web."""
    from django.contrib.auth import get_user_model
    from django.db import close_old_connections

    from rightstrack.core.jobs.services import job_enqueue
    from rightstrack.reporting.jobs import REPORT_PDF
    from rightstrack.reporting.models import Report

    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    reports = list(Report.objects.order_by("pk").values_list("pk", flat=True)[:50])
    i = 0
    while not stop.is_set():
        job = job_enqueue(
            actor=admin, kind=REPORT_PDF, params={"report": reports[i % len(reports)]}, idempotency_key=""
        )
        queued.append(job.pk)
        i += 1
        close_old_connections()
        stop.wait(every)


def worker_with_a_running_job() -> str | None:
    from django_tasks_db.models import DBTaskResult

    from rightstrack.core.jobs.models import Job, JobState

    task_ids = list(Job.objects.filter(state=JobState.RUNNING).values_list("task_id", flat=True))
    for row in DBTaskResult.objects.filter(pk__in=[t for t in task_ids if t]):
        for worker_id in row.worker_ids or []:
            if worker_id in ("worker1", "worker2"):
                return str(worker_id)
    return None


def reads_by_cluster(layout: Layout) -> dict[str, int]:
    """Rows read from the rightstrack database on each cluster (pg_stat_database) since it started."""
    import psycopg

    rows = {}
    for cluster in ("primary", "replica"):
        port = layout.ports[cluster]
        with psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname="rightstrack") as db:
            found = db.execute(
                "SELECT tup_returned + tup_fetched FROM pg_stat_database WHERE datname = 'rightstrack'"
            ).fetchone()
            rows[cluster] = int(found[0]) if found else 0
    return rows


def job_figures(queued: list[int], wait: float) -> dict[str, Any]:
    from rightstrack.core.jobs.models import Job, JobState
    from rightstrack.core.models import AuditEntry

    deadline = time.monotonic() + wait
    while (
        time.monotonic() < deadline
        and Job.objects.filter(pk__in=queued, state__in=["queued", "running"]).exists()
    ):
        time.sleep(1)
    jobs = Job.objects.filter(pk__in=queued)
    requeued = AuditEntry.objects.filter(action="job_requeued", object_id__in=[str(pk) for pk in queued])
    return {
        "queued": len(queued),
        "finished": jobs.filter(state=JobState.SUCCEEDED).count(),
        "failed": jobs.filter(state=JobState.FAILED).count(),
        "lost (not finished)": jobs.filter(state__in=[JobState.QUEUED, JobState.RUNNING]).count(),
        "run again after the kill": requeued.count(),
        # A second complete run would need a second outcome; the run counter lets only one be written.
        "finished twice": 0 if all(j.finished_at for j in jobs.filter(state=JobState.SUCCEEDED)) else "?",
        "attempts": sorted({j.attempts for j in jobs}),
    }


# Load -----------------------------------------------------------------------------------------------


def p95(values: list[float]) -> float | None:
    if len(values) < 2:
        return values[0] if values else None
    return statistics.quantiles(values, n=20)[18]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--jobs-every", type=float, default=4.0, help="seconds between two queued PDFs")
    parser.add_argument("--keep", action="store_true", help="leave the folder (logs, clusters) behind")
    args = parser.parse_args()
    for tool in ("haproxy", "pgbouncer"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is not installed: apt-get install {tool}")
    folder = Path(tempfile.mkdtemp(prefix="rightstrack-loopback-"))
    layout = Layout(folder, args.users, args.seconds)
    say(f"working in {folder}; ports {layout.ports}")
    try:
        say("PostgreSQL primary")
        layout.primary()
        say("demo data and the load scenario's users (this takes a while)")
        plan = layout.data()
        say("streaming replica, PgBouncer")
        layout.replica()
        layout.pgbouncer()
        for name in ("web1", "web2", "web3"):
            layout.web(name)
        for name in ("worker1", "worker2"):
            layout.worker(name)
        layout.haproxy()
        for name in ("web1", "web2", "web3"):
            layout.wait_ready(layout.ports[name])
        layout.wait_ready(layout.ports["haproxy"])
        django_setup(layout.env())
        say(f"load: {args.users} users for {args.seconds} s through HAProxy")
        results = run_load(layout, plan, args)
        print(json.dumps(results, indent=2, ensure_ascii=False))
    finally:
        layout.stop_all()
        if args.keep:
            say(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def run_load(layout: Layout, plan: Path, args: argparse.Namespace) -> dict[str, Any]:
    requests_log = layout.folder / "requests.csv"
    env = {
        **os.environ,
        "PLAN": str(plan),
        "REQUESTS_LOG": str(requests_log),
        "PYTHONPATH": str(ROOT),
    }
    started = time.time()
    reads_before = reads_by_cluster(layout)
    locust = subprocess.Popen(
        [str(VENV_BIN / "locust"), "-f", "benchmarks/load/timed.py", "--headless", "-u", str(args.users),
         "-r", str(max(1, args.users // 4)), "-t", f"{args.seconds}s", "--host",
         f"http://127.0.0.1:{layout.ports['haproxy']}", "--only-summary", "--stop-timeout", "10"],
        cwd=ROOT, env=env, stdout=(layout.logs / "locust.log").open("wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    queued: list[int] = []
    stop = threading.Event()
    jobs = threading.Thread(target=queue_jobs, args=(stop, args.jobs_every, queued), daemon=True)
    jobs.start()
    kill_at, back_at = started + args.seconds / 3, started + 2 * args.seconds / 3
    time.sleep(max(0.0, kill_at - time.time()))
    deadline = time.monotonic() + 10
    victim = worker_with_a_running_job()
    while victim is None and time.monotonic() < deadline:  # kill a worker in the middle of a job
        time.sleep(0.2)
        victim = worker_with_a_running_job()
    victim = victim or "worker1"
    layout.kill("web2")
    layout.kill(victim)
    killed = time.time()
    say(f"killed web2 and {victim} (kill -9) at +{killed - started:.0f} s")
    time.sleep(max(0.0, back_at - time.time()))
    layout.web("web2")
    layout.worker(victim)
    back = time.time()
    say(f"started web2 and {victim} again at +{back - started:.0f} s")
    locust.wait(timeout=args.seconds + 120)
    stop.set()
    jobs.join(timeout=30)
    figures = job_figures(queued, wait=180)
    reads_after = reads_by_cluster(layout)

    phases: dict[str, list[float]] = {"before": [], "during": [], "after": []}
    steady: dict[str, list[float]] = {"before": [], "during": [], "after": []}
    errors: list[str] = []
    total = 0
    with requests_log.open(newline="") as handle:
        for at, name, ms, failed in csv.reader(handle):
            total += 1
            moment = float(at)
            phase = "before" if moment < killed else ("during" if moment < back else "after")
            phases[phase].append(float(ms))
            if name != "first page":  # each user's first page after start-up: all users at once
                steady[phase].append(float(ms))
            if failed:
                errors.append(f"+{moment - started:.0f} s {name}: {failed}")
    return {
        "users": args.users,
        "seconds": args.seconds,
        "requests": total,
        "errors": len(errors),
        "error samples": errors[:10],
        "p95 ms": {phase: round(p95(values) or 0) for phase, values in phases.items()},
        "p95 ms without the first pages": {phase: round(p95(v) or 0) for phase, v in steady.items()},
        "requests by phase": {phase: len(values) for phase, values in phases.items()},
        "killed at s": round(killed - started),
        "started again at s": round(back - started),
        "jobs": figures,
        "rows read during the run": {k: reads_after[k] - reads_before[k] for k in reads_after},
    }


if __name__ == "__main__":
    main()
