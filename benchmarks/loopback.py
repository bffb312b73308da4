"""The production layout on one machine, under load, faults and a failover: the proof of issue 15, item 5.

Starts, with Debian's packages, in a folder of its own and on free ports (above 20000): a PostgreSQL 15
primary and a streaming replica (``pg_basebackup``), PgBouncer in transaction mode in front of both, three
gunicorn web processes (``DATABASE_URL`` and ``DATABASE_REPLICA_URL`` through PgBouncer), two
``rightstrack task_worker`` processes and HAProxy with active checks on ``/health/ready``
(deploy/haproxy/haproxy.cfg). Loads the demo data and the load scenario's users (benchmarks/load/prepare.py).

1. **Load with faults**: drives benchmarks/load/locustfile.py through HAProxy for ``--duration`` seconds
   while report PDFs are queued as jobs; one third of the way in it kills (SIGKILL) one web process and the
   worker running a job, two thirds of the way in it starts them again.
2. **Failover rehearsal** (deploy/postgresql/primary-replica.md, "Failover", step by step): a probe, one
   focal point, reads the cycle dashboard and autosaves its report through HAProxy every 150 ms each, and a
   job is queued every second; the primary is lost (``pg_ctl stop -m immediate``: no shutdown, as a power
   cut); ``--react-seconds`` later the procedure runs: check the old primary is down, ``pg_ctl promote`` the
   replica, point PgBouncer's two database entries at it, ``RELOAD``. Web processes and workers that exit
   meanwhile are started again after 2 s, as systemd's ``Restart=always`` would.

It prints the figures (JSON, then a summary): requests, errors and p95 before / during / after the kill;
the jobs (queued, finished, failed, lost, run again, run twice); and the failover: the probe's error window,
the time from the loss and from the promotion to recovery, the writes acknowledged by the promoted node (and
found there), and whether every job committed before, during and after the failover ran exactly once.

One command on a fresh Debian 12 machine (``make loopback`` does the same after ``make install``):

    .venv/bin/python benchmarks/loopback.py --users 20 --duration 60

As root it installs what is missing (``apt-get install postgresql-15 pgbouncer haproxy``; the load extra,
locust, into the virtual environment); otherwise it names the command to run and stops. PostgreSQL and
PgBouncer run as the ``postgres`` user. It touches no other cluster: everything lives in its own folder,
every process it starts is stopped by its process id and each cluster by its own data folder, and the
folder is removed at the end unless ``--keep``.
"""

from __future__ import annotations

import argparse
import configparser
import contextlib
import csv
import importlib.util
import json
import os
import pwd
import random
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


PORT_RANGE = (21000, 29000)  # above the usual services (PostgreSQL's 5432, PgBouncer's 6432, 8000s)


def free_ports(names: tuple[str, ...]) -> dict[str, int]:
    """Consecutive free ports from a random place in PORT_RANGE (below the kernel's ephemeral range)."""
    port = random.randrange(*PORT_RANGE)
    ports: dict[str, int] = {}
    while len(ports) < len(names):
        port += 1
        with socket.socket() as s, contextlib.suppress(OSError):
            s.bind(("127.0.0.1", port))
            ports[names[len(ports)]] = port
    return ports


#: What the layout runs, and the Debian 12 package that brings it.
DEBIAN_NEEDS = {
    str(PG_BIN / "initdb"): "postgresql-15",
    str(PG_BIN / "pg_ctl"): "postgresql-15",
    "pg_basebackup": "postgresql-client-15",
    "psql": "postgresql-client-15",
    "pg_isready": "postgresql-client-15",
    "pgbouncer": "pgbouncer",
    "haproxy": "haproxy",
    "runuser": "util-linux",
}


def ensure_installed() -> None:
    """Install what the layout needs when running as root; otherwise say what is missing and stop."""
    missing = sorted({package for tool, package in DEBIAN_NEEDS.items() if not shutil.which(tool)})
    if missing:
        command = ["apt-get", "install", "-y", "-q", *missing]
        if os.geteuid() != 0 or not shutil.which("apt-get"):
            raise SystemExit(f"missing Debian packages: {' '.join(missing)}. Run: sudo {' '.join(command)}")
        say(f"installing {' '.join(missing)} (apt-get)")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-q"], check=True, env=env, stdout=subprocess.DEVNULL)
        subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
        still = sorted({package for tool, package in DEBIAN_NEEDS.items() if not shutil.which(tool)})
        if still:
            raise SystemExit(f"still missing after apt-get install: {' '.join(still)}")
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            raise SystemExit("no 'postgres' user: apt-get install postgresql-15 creates it") from None
    if importlib.util.find_spec("locust") is None:
        command = [sys.executable, "-m", "pip", "install", "-q", "-c", "requirements/constraints.txt", "-e",
                   ".[load]"]  # fmt: skip
        if not os.access(VENV_BIN, os.W_OK):
            raise SystemExit(f"locust is not installed. Run: {' '.join(command)}")
        say("installing the load extra (locust) into the virtual environment")
        subprocess.run(command, check=True, cwd=ROOT)


def as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}", file=sys.stderr, flush=True)


class Layout:
    def __init__(self, folder: Path, users: int, seconds: int) -> None:
        self.folder, self.users, self.seconds = folder, users, seconds
        self.ports = free_ports(("primary", "replica", "pgbouncer", "haproxy", "web1", "web2", "web3"))
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.commands: dict[str, tuple[list[str], dict[str, str] | None]] = {}
        self.restarts: list[tuple[float, str, int | None]] = []  # (when, name, exit status)
        self.primary_port = self.ports["primary"]  # the cluster PgBouncer's "rightstrack" entry points at
        self.stopping = threading.Event()
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
        self.commands[name] = (command, env)
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

    def supervise(self, stop: threading.Event, names: tuple[str, ...]) -> None:
        """What systemd's ``Restart=always`` / ``RestartSec=2`` does for the units in deploy/systemd."""
        while not stop.wait(0.5):
            for name in names:
                process = self.processes[name]
                if process.poll() is not None and not stop.wait(2) and not self.stopping.is_set():
                    self.restarts.append((time.time(), name, process.returncode))
                    say(f"{name} exited ({process.returncode}); started again, as systemd would")
                    self.start(name, *self.commands[name])

    def stop_all(self) -> None:
        self.stopping.set()
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
            "shared_buffers = 128MB\nfsync = off\nfull_page_writes = off\n"
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

    def pgbouncer_ini(self, primary: int, replica: int) -> None:
        """deploy/pgbouncer/pgbouncer.ini as it is, but for this folder, these ports and trust (loopback)."""
        userlist = self.folder / "userlist.txt"
        userlist.write_text('"postgres" ""\n')
        deployed = configparser.ConfigParser(inline_comment_prefixes=(";",), interpolation=None)
        deployed.read(ROOT / "deploy/pgbouncer/pgbouncer.ini")
        settings = dict(deployed["pgbouncer"])
        for name in ("logfile", "stats_users", "auth_query"):
            settings.pop(name, None)  # the log goes to this folder (stderr); no monitoring role here
        settings |= {
            "listen_addr": "127.0.0.1",
            "listen_port": str(self.ports["pgbouncer"]),
            "unix_socket_dir": str(self.folder),
            "auth_type": "trust",
            "auth_file": str(userlist),
            "admin_users": "postgres",
            "pidfile": f"{self.folder}/pgbouncer.pid",
        }
        ini = self.folder / "pgbouncer.ini"
        ini.write_text(
            "[databases]\n"
            f"rightstrack = host=127.0.0.1 port={primary} dbname=rightstrack\n"
            f"rightstrack_replica = host=127.0.0.1 port={replica} dbname=rightstrack\n"
            "[pgbouncer]\n" + "".join(f"{name} = {value}\n" for name, value in settings.items())
        )
        self.primary_port = primary
        if os.geteuid() == 0:
            postgres = pwd.getpwnam("postgres")
            for path in (userlist, ini):
                os.chown(path, postgres.pw_uid, postgres.pw_gid)

    def pgbouncer(self) -> None:
        self.pgbouncer_ini(self.ports["primary"], self.ports["replica"])
        self.start("pgbouncer", as_postgres(["pgbouncer", str(self.folder / "pgbouncer.ini")]))

    def pgbouncer_reload(self) -> None:
        """``systemctl reload pgbouncer``: Debian's unit sends SIGHUP (the admin console's RELOAD)."""
        os.kill(int((self.folder / "pgbouncer.pid").read_text().split()[0]), signal.SIGHUP)

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
            # Its request log (with each request's termination state: why a 503 or a cut connection) goes
            # to haproxy.log in the run's folder, not to a syslog this machine may not have.
            template.replace("    log /dev/log local0\n", "    log stdout format raw local0\n").replace(
                "bind 127.0.0.1:8080", f"bind 127.0.0.1:{self.ports['haproxy']}"
            )
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


def queue_jobs(
    stop: threading.Event, every: float, queued: list[int], refused: list[float] | None = None
) -> None:
    """Report PDFs, one every ``every`` seconds, as an administrator asks for them in the web.

    ``queued`` gets each job whose enqueue returned (committed); with ``refused`` given, an enqueue that
    fails (the database is away) is counted there and the next one tried, as a user would try again.
    """
    from django.contrib.auth import get_user_model
    from django.db import close_old_connections, connection

    from rightstrack.core.jobs.services import job_enqueue
    from rightstrack.reporting.jobs import REPORT_PDF
    from rightstrack.reporting.models import Report

    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    reports = list(Report.objects.order_by("pk").values_list("pk", flat=True)[:50])
    i = 0
    while not stop.is_set():
        try:
            job = job_enqueue(
                actor=admin, kind=REPORT_PDF, params={"report": reports[i % len(reports)]}, idempotency_key=""
            )
        except Exception:
            if refused is None:
                raise
            refused.append(time.time())
            connection.close()
        else:
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


# Failover -------------------------------------------------------------------------------------------


class Probe:
    """One focal point's browser through HAProxy: the cycle dashboard (a read page) and an autosave of the
    report (a write), each every ``every`` seconds in a thread of its own; every answer is recorded."""

    def __init__(self, base: str, plan: dict[str, Any], focal: dict[str, Any], every: float) -> None:
        self.base, self.plan, self.focal, self.every = base, plan, focal, every
        self.samples: list[tuple[float, float, str, str, bool]] = []  # start, end, read/write, outcome, ok
        self.acknowledged: list[tuple[float, int]] = []  # (when, version) of each autosave answered 200
        self.version: int | None = None
        self.stop = threading.Event()
        self.threads = [
            threading.Thread(target=self._loop, args=(kind,), daemon=True) for kind in ("read", "write")
        ]
        self.sessions = {kind: self._session() for kind in ("read", "write")}

    def _session(self) -> Any:
        import requests

        session = requests.Session()
        session.cookies.set("sessionid", self.plan["sessions"][self.focal["username"]])
        return session

    def prepare(self) -> None:
        """The editor once (the CSRF cookie) and the report's version, as the page does."""
        writer = self.sessions["write"]
        writer.get(self.base + self.focal["edit"], timeout=30).raise_for_status()
        if self._read_version() != 200:
            raise SystemExit("the failover probe cannot read its report through HAProxy")

    def _read_version(self) -> int:
        """The report's version from the API, as the editor reads it; the answer's status."""
        answer = self.sessions["write"].get(self.base + self.focal["api"], timeout=10)
        if answer.status_code == 200:
            self.version = int(answer.json()["version"])
        return answer.status_code

    def _once(self, kind: str) -> tuple[str, bool]:
        import requests

        try:
            if kind == "read":
                answer = self.sessions["read"].get(self.base + self.plan["cycle"], timeout=15)
                return str(answer.status_code), answer.status_code == 200
            if self.version is None:  # the editor re-reads the report before it saves again
                status = self._read_version()
                if status != 200:
                    return f"{status} (reading the report)", False
            writer = self.sessions["write"]
            text = f"<p>Probe {time.time():.3f}</p>"
            answer = writer.post(
                self.base + self.focal["autosave"],
                data=json.dumps({"version": self.version, "sections": {}, "figures": {}, "unplaced": text}),
                headers={
                    "Content-Type": "application/json",
                    "X-CSRFToken": writer.cookies.get("csrftoken", ""),
                    "Referer": self.base + "/",
                },
                timeout=15,
            )
            if answer.status_code == 200:
                self.version = int(answer.json()["version"])
                self.acknowledged.append((time.time(), self.version))
                return "200", True
            if answer.status_code == 409:  # the version it had was not the stored one: re-read, as the page
                self.version = None
            return str(answer.status_code), False
        except (requests.RequestException, ValueError, KeyError) as error:
            self.version = None if kind == "write" else self.version
            return type(error).__name__, False

    def _loop(self, kind: str) -> None:
        while not self.stop.is_set():
            started = time.time()
            outcome, ok = self._once(kind)
            self.samples.append((started, time.time(), kind, outcome, ok))
            self.stop.wait(max(0.0, self.every - (time.time() - started)))

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def healthy_since(self, moment: float, seconds: float) -> bool:
        """Every request started in the last ``seconds`` (after ``moment``) succeeded, and there were some."""
        now = time.time()
        recent = [s for s in list(self.samples) if s[0] >= max(moment, now - seconds)]
        return now - moment >= seconds and len(recent) >= 4 and all(s[4] for s in recent)


def pick_focal(plan: dict[str, Any]) -> dict[str, Any]:
    """A focal point whose report can still be edited (the load may have submitted some)."""
    from rightstrack.reporting.choices import ReportStatus
    from rightstrack.reporting.models import Report

    editable = set(
        Report.objects.filter(
            pk__in=[f["report"] for f in plan["focal"]],
            status__in=[ReportStatus.DRAFT, ReportStatus.RETURNED],
        ).values_list("pk", flat=True)
    )
    for focal in reversed(plan["focal"]):
        if focal["report"] in editable:
            return dict(focal)
    raise SystemExit("no report of the open cycle is still editable for the failover probe")


def failover_figures(
    probe: Probe, lost: float, promote: float, promoted: float, reloaded: float
) -> dict[str, Any]:
    samples = sorted(probe.samples)
    failed = [s for s in samples if not s[4]]
    result: dict[str, Any] = {
        "probe requests": len(samples),
        "probe errors": len(failed),
        "errors by answer": {},
        "primary lost at s": 0.0,
        "promote started at s": round(promote - lost, 1),
        "promoted at s": round(promoted - lost, 1),
        "PgBouncer reloaded at s": round(reloaded - lost, 1),
        "procedure (promote, repoint, reload) s": round(reloaded - promote, 1),
    }
    for _start, _end, kind, outcome, _ok in failed:
        key = f"{kind} {outcome}"
        result["errors by answer"][key] = result["errors by answer"].get(key, 0) + 1
    if failed:
        last_failure = max(s[0] for s in failed)
        later = [s for s in samples if s[0] > last_failure]
        recovered = min((s[0] for s in later), default=None)
        result["error window s"] = round(max(s[1] for s in failed) - min(s[0] for s in failed), 1)
        result["first error after the loss s"] = round(min(s[0] for s in failed) - lost, 1)
        result["recovered (every request fine from) s"] = round(recovered - lost, 1) if recovered else None
        result["recovery after the reload s"] = round(recovered - reloaded, 1) if recovered else None
        result["failures before the loss"] = sum(1 for s in failed if s[0] < lost)
    else:
        result["error window s"] = 0.0
    for label, chosen in (
        ("before the loss", [s for s in samples if s[1] < lost]),
        ("after recovery", [s for s in samples if failed and s[0] > max(f[0] for f in failed)]),
    ):
        for kind in ("read", "write"):
            times = [1000 * (s[1] - s[0]) for s in chosen if s[2] == kind and s[4]]
            result[f"{kind} p95 ms {label}"] = round(p95(times) or 0)
    after = [version for when, version in probe.acknowledged if when > reloaded]
    result["autosaves acknowledged after the reload"] = len(after)
    return result


def failover_jobs(queued: list[int], refused: list[float], since: float, wait: float) -> dict[str, Any]:
    """What became of every job whose enqueue returned (committed) before, during and after the failover;
    and of any job row an enqueue that failed left behind (its row committed, its task not)."""
    import datetime

    from django.db import connection

    from rightstrack.core.jobs.models import Job, JobState

    connection.close()  # the script's own connection may still be the one cut off by the loss
    deadline = time.monotonic() + wait
    while (
        time.monotonic() < deadline
        and Job.objects.filter(pk__in=queued, state__in=[JobState.QUEUED, JobState.RUNNING]).exists()
    ):
        time.sleep(1)
    jobs = {job.pk: job for job in Job.objects.filter(pk__in=queued)}
    started = datetime.datetime.fromtimestamp(since, tz=datetime.UTC)
    left_behind = Job.objects.filter(created_at__gte=started).exclude(pk__in=queued)
    return {
        "rows left by refused enqueues": {
            state: left_behind.filter(state=state).count()
            for state in sorted(set(left_behind.values_list("state", flat=True)))
        },
        "committed (enqueue returned)": len(queued),
        "refused (enqueue failed: the user sees an error and asks again)": len(refused),
        "missing on the promoted node": sum(1 for pk in queued if pk not in jobs),
        "finished": sum(1 for j in jobs.values() if j.state == JobState.SUCCEEDED),
        "failed": sum(1 for j in jobs.values() if j.state == JobState.FAILED),
        "failed, messages": sorted({j.error[:120] for j in jobs.values() if j.state == JobState.FAILED}),
        "not finished (queued or running)": sum(
            1 for j in jobs.values() if j.state in (JobState.QUEUED, JobState.RUNNING)
        ),
        "queued without a task": sum(
            1 for j in jobs.values() if j.state == JobState.QUEUED and not j.task_id
        ),
        "attempts": sorted({j.attempts for j in jobs.values()}),
    }


def run_failover(layout: Layout, plan: Path, args: argparse.Namespace) -> dict[str, Any]:
    """deploy/postgresql/primary-replica.md, "Failover", step by step, with a probe and jobs meanwhile."""
    from django.db import connection

    from rightstrack.reporting.models import Report

    loaded = json.loads(plan.read_text(encoding="utf-8"))
    focal = pick_focal(loaded)
    connection.close()
    probe = Probe(f"http://127.0.0.1:{layout.ports['haproxy']}", loaded, focal, args.probe_every)
    probe.prepare()
    queued: list[int] = []
    refused: list[float] = []
    stop_jobs, stop_supervisor = threading.Event(), threading.Event()
    jobs = threading.Thread(target=queue_jobs, args=(stop_jobs, 1.0, queued, refused), daemon=True)
    supervisor = threading.Thread(
        target=layout.supervise,
        args=(stop_supervisor, ("web1", "web2", "web3", "worker1", "worker2")),
        daemon=True,
    )
    supervisor.start()
    probe_started = time.time()
    probe.start()
    jobs.start()
    time.sleep(args.probe_before)

    lost = time.time()
    layout.run(as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(layout.folder / "primary"), "-m", "immediate",
                            "-w", "stop"]))  # fmt: skip
    say("the primary is lost (pg_ctl stop -m immediate)")
    time.sleep(args.react_seconds)

    # 1. The old primary is really down: two primaries must never take writes.
    old = [str(layout.ports["primary"])]
    if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", *old], check=False).returncode == 0:
        raise SystemExit("the old primary still answers: not promoting")
    # 2. Promote the replica.
    promote = time.time()
    replica = layout.folder / "replica"
    layout.run(as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(replica), "-w", "-t", "60", "promote"]))
    promoted = time.time()
    # 3. Both of PgBouncer's entries to the new primary, and RELOAD.
    layout.pgbouncer_ini(layout.ports["replica"], layout.ports["replica"])
    layout.pgbouncer_reload()
    reloaded = time.time()
    say(
        f"promoted the replica in {promoted - promote:.1f} s; "
        f"PgBouncer points at it since +{reloaded - lost:.1f} s"
    )

    deadline = time.time() + args.recovery_timeout
    while time.time() < deadline and not probe.healthy_since(reloaded, args.probe_after):
        time.sleep(0.5)
    probe.finish()
    stop_jobs.set()
    jobs.join(timeout=30)
    figures = failover_figures(probe, lost, promote, promoted, reloaded)
    with (layout.folder / "probe.csv").open("w", newline="") as handle:  # for a closer look (--keep)
        csv.writer(handle).writerows(
            (f"{a - lost:.3f}", f"{b - lost:.3f}", kind, outcome)
            for a, b, kind, outcome, _ok in sorted(probe.samples)
        )
    figures["react (loss to the procedure) s"] = args.react_seconds
    figures["processes restarted (Restart=always)"] = [
        f"{name} at +{when - lost:.0f} s (exit {code})" for when, name, code in layout.restarts
    ]
    figures["jobs"] = failover_jobs(queued, refused, since=probe_started, wait=180)
    stop_supervisor.set()
    supervisor.join(timeout=10)
    # The promoted node holds the last autosave the probe was told succeeded.
    stored = Report.objects.filter(pk=focal["report"]).values_list("version", flat=True).first()
    last = probe.acknowledged[-1][1] if probe.acknowledged else None
    figures["last acknowledged autosave version"] = last
    figures["version on the promoted node"] = stored
    return figures


# Load -----------------------------------------------------------------------------------------------


def p95(values: list[float]) -> float | None:
    if len(values) < 2:
        return values[0] if values else None
    return statistics.quantiles(values, n=20)[18]


def summary(load: dict[str, Any], failover: dict[str, Any] | None) -> str:
    jobs = load["jobs"]
    lines = [
        f"load: {load['users']} users for {load['seconds']} s through HAProxy: {load['requests']} requests, "
        f"{load['errors']} errors",
        "  p95 ms before / during / after the kill of web2 and a worker: "
        + " / ".join(str(v) for v in load["p95 ms"].values())
        + "  (without each user's first page: "
        + " / ".join(str(v) for v in load["p95 ms without the first pages"].values())
        + ")",
        f"  jobs: {jobs['queued']} queued, {jobs['finished']} finished, {jobs['failed']} failed, "
        f"{jobs['lost (not finished)']} lost, {jobs['run again after the kill']} run again, "
        f"{jobs['finished twice']} finished twice",
    ]
    if failover:
        f, j = failover, failover["jobs"]
        lines += [
            f"failover: primary lost at 0 s; procedure from +{f['promote started at s']} s "
            f"(promote {f['promoted at s'] - f['promote started at s']:.1f} s, PgBouncer reloaded at "
            f"+{f['PgBouncer reloaded at s']} s)",
            f"  probe: {f['probe requests']} requests, {f['probe errors']} errors {f['errors by answer']}; "
            f"error window {f['error window s']} s; every request fine again from "
            f"+{f.get('recovered (every request fine from) s')} s "
            f"({f.get('recovery after the reload s')} s after the reload)",
            f"  writes after the reload: {f['autosaves acknowledged after the reload']} autosaves; last "
            f"acknowledged version {f['last acknowledged autosave version']}, on the promoted node "
            f"{f['version on the promoted node']}",
            f"  jobs: {j['committed (enqueue returned)']} committed, {j['finished']} finished, {j['failed']} "
            f"failed, {j['missing on the promoted node']} missing, {j['not finished (queued or running)']} "
            f"not finished; {j['refused (enqueue failed: the user sees an error and asks again)']} refused "
            f"(rows they left, by state: {j['rows left by refused enqueues']})",
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=20, help="concurrent locust users (default 20)")
    parser.add_argument("--duration", "--seconds", dest="seconds", type=int, default=60,
                        help="seconds of load (default 60)")  # fmt: skip
    parser.add_argument("--jobs-every", type=float, default=4.0, help="seconds between two queued PDFs")
    parser.add_argument("--no-failover", dest="failover", action="store_false", help="load and faults only")
    parser.add_argument("--react-seconds", type=float, default=30.0,
                        help="from losing the primary to starting the procedure (default 30)")  # fmt: skip
    parser.add_argument("--probe-every", type=float, default=0.15, help="seconds between two probe reads "
                        "(and two probe writes) during the failover (default 0.15)")  # fmt: skip
    parser.add_argument("--probe-before", type=float, default=5.0, help="probe seconds before the loss")
    parser.add_argument("--probe-after", type=float, default=10.0,
                        help="the probe stops after this long without an error after the reload")  # fmt: skip
    parser.add_argument("--recovery-timeout", type=float, default=180.0)
    parser.add_argument("--keep", action="store_true", help="leave the folder (logs, clusters) behind")
    args = parser.parse_args()
    ensure_installed()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a kill runs the clean-up below too
    started = time.monotonic()
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
        results: dict[str, Any] = {"load": run_load(layout, plan, args)}
        if args.failover:
            say("failover rehearsal")
            results["failover"] = run_failover(layout, plan, args)
        results["wall seconds"] = round(time.monotonic() - started)
        print(json.dumps(results, indent=2, ensure_ascii=False))
        print(summary(results["load"], results.get("failover")))
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
