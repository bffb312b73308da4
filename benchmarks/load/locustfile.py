"""The deadline-day mix: provinces' focal points writing and submitting, the centre reading and reviewing.

Personas (weights give the share of the concurrent users): provincial focal points (each bound to one
province's report in the open cycle: the cycle dashboard, the editor, autosaves, now and then a submit and a
Word download), standing-office staff (dashboards, report pages, the dashboard workbook), reviewers (report
pages; they return submitted reports, which keeps the workflow turning), ministry focal points and
administrators (dashboards, lists). Everyone starts signed in (sessions made by prepare.py): the working day
is measured, not a storm of 200 password hashes (sign-ins: docs/benchmarks.md).

Two paces (``LOAD_PROFILE``, decision 0060):

- ``deadline`` (the default, what the p95 goal is measured with): the pace the product itself sets. A writer's
  editor sends one autosave every 20 seconds while they type (``editor.js``'s interval), so a focal point
  starts one action every 20 s, most of them that autosave, now and then a page (the dashboard, the editor
  opened again, the Word file, a submit); the centre's people open a page every 10–30 s.
- ``stress``: everyone acts every 2–6 s (focal points) or 3–10 s (the others), autosave being 8 of 15 of
  the focal points' actions: four to five times the deadline pace, to find where the machine saturates.

Several focal points write one province's report, each in a section of their own (``prepare.py``), as the
work is shared out. Expected answers that are not failures: 409 on an autosave (someone else saved first: the
writer's text is sent again on the merged version, as the editor does; or the report was submitted
meanwhile), a refused submit or return of a report in the wrong state (the page redirects with a
message). Anything 5xx, a timeout or a connection error is an error.

    locust -f benchmarks/load/locustfile.py --headless -u 200 -r 2 -t 11m40s --reset-stats \\
        --host http://127.0.0.1:8731 --csv /tmp/load
    (PLAN=/tmp/plan.json from prepare.py; LOAD_PROFILE=stress for the saturation run). People arrive over
    100 s (``-r 2``), not in the same second; ``--reset-stats`` starts the figures when all 200 are in, so
    they cover ten minutes at full concurrency.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import threading
from typing import Any

from locust import HttpUser, between, constant_pacing, task

PLAN: dict[str, Any] = json.loads(open(os.environ.get("PLAN", "plan.json"), encoding="utf-8").read())
PROFILE = os.environ.get("LOAD_PROFILE", "deadline")
if PROFILE not in ("deadline", "stress"):
    raise SystemExit(f"LOAD_PROFILE must be deadline or stress, not {PROFILE!r}")
STRESS = PROFILE == "stress"
_counters: dict[str, itertools.count[int]] = {}
_lock = threading.Lock()


def next_of(persona: str) -> int:
    with _lock:
        return next(_counters.setdefault(persona, itertools.count()))


class Signed(HttpUser):
    abstract = True
    persona = ""

    def account(self) -> str:
        users = PLAN[self.persona]
        return users[next_of(self.persona) % len(users)]  # type: ignore[no-any-return]

    def on_start(self) -> None:
        """Signed in already (a session prepare.py made); a first page gives the CSRF cookie."""
        self.client.cookies.set("sessionid", PLAN["sessions"][self.account()])
        self.client.get(self.first_page(), name="first page")

    def first_page(self) -> str:
        return PLAN["home"]  # type: ignore[no-any-return]

    def csrf(self) -> dict[str, str]:
        return {"X-CSRFToken": self.client.cookies.get("csrftoken", ""), "Referer": self.host + "/"}


class FocalPoint(Signed):
    weight = 150
    # stress: every 2-6 s; deadline: one action every 20 s, the editor's autosave interval
    wait_time = between(2, 6) if STRESS else constant_pacing(20)
    persona = "focal"

    def account(self) -> str:
        self.mine = PLAN["focal"][next_of("focal") % len(PLAN["focal"])]
        self.version: int | None = None
        self.read_only = False  # the report was submitted: the editor stops saving, as editor.js does
        return self.mine["username"]  # type: ignore[no-any-return]

    def first_page(self) -> str:
        return self.mine["edit"]  # type: ignore[no-any-return]

    @task(3)
    def dashboard(self) -> None:
        self.client.get(PLAN["home"], name="home")
        self.client.get(PLAN["cycle"], name="cycle dashboard")

    @task(2)
    def open_editor(self) -> None:
        self.client.get(self.mine["edit"], name="report editor")
        report = self.client.get(self.mine["api"], name="api report").json()
        self.version = report.get("version")
        self.read_only = report.get("status") not in ("draft", "returned")

    @task(8 if STRESS else 12)
    def autosave(self) -> None:
        if self.read_only:  # nothing to save until the centre returns it: the writer reads it instead
            self.client.get(self.mine["detail"], name="report page")
            return
        if self.version is None:
            self.open_editor()
            if self.read_only:
                return
        text = f"<p>Bản nháp {random.randint(1, 10**6)} — tiến độ thực hiện khuyến nghị.</p>"
        payload: dict[str, Any] = {"sections": {}, "figures": {}}
        if self.mine.get("section"):
            payload["sections"] = {self.mine["section"]: text}  # the writer's own section
        else:
            payload["unplaced"] = text
        self.save(payload, name="autosave")

    def save(self, payload: dict[str, Any], *, name: str) -> None:
        """One autosave as ``editor.js`` sends it. A stale answer (someone else saved first) carries the
        server's merge and its version: the editor takes what others wrote and sends the writer's text again
        on that version at once (``again``), so it does here. A report no longer editable stops the saving
        until the writer opens the editor again (``open_editor``) and finds it returned."""
        with self.client.post(
            self.mine["autosave"],
            data=json.dumps({"version": self.version, **payload}),
            headers={**self.csrf(), "Content-Type": "application/json"},
            name=name,
            catch_response=True,
        ) as response:
            if response.status_code == 200:
                self.version = response.json().get("version", self.version)
                response.success()
                return
            if response.status_code != 409:
                return  # counted as a failure
            response.success()
            answer = response.json()
        if answer.get("code") == "stale" and name == "autosave":
            merge = answer.get("merge") or {}
            self.version = merge.get("version") or answer.get("version")
            # A clash on the writer's own part (the merge could not tell who changed it) is settled by
            # keeping their text, as a writer would; it is counted apart, a measure of false clashes.
            clashes = merge.get("conflicts", {})
            clashed = any(clashes.get(kind) for kind in ("sections", "figures", "unplaced"))
            self.save(payload, name=f"autosave again ({'after a clash' if clashed else 'merged'})")
        elif answer.get("code") == "read_only":  # submitted meanwhile: the editor stops saving
            self.read_only = True
        else:  # stale twice running: open the editor again
            self.version = None

    @task(1)
    def download(self) -> None:
        self.client.get(self.mine["docx"], name="report .docx")

    @task(1)
    def submit(self) -> None:
        if random.random() < 0.3:
            with self.client.post(
                self.mine["submit"], headers=self.csrf(), name="submit", catch_response=True
            ) as response:
                if response.status_code < 500:
                    response.success()
        self.client.get(self.mine["detail"], name="report page")


class Reviewer(Signed):
    weight = 15
    wait_time = between(3, 8) if STRESS else between(10, 30)
    persona = "reviewer"

    @task(3)
    def read(self) -> None:
        self.client.get(random.choice(PLAN["reports"])["detail"], name="report page")

    @task(1)
    def return_one(self) -> None:
        with self.client.post(
            random.choice(PLAN["reports"])["return"],
            data={"comment": "Đề nghị bổ sung số liệu."},
            headers=self.csrf(),
            name="return",
            catch_response=True,
        ) as response:
            if response.status_code < 500:
                response.success()

    @task(2)
    def dashboard(self) -> None:
        self.client.get(PLAN["cycle"], name="cycle dashboard")


class Secretariat(Signed):
    weight = 20
    wait_time = between(3, 8) if STRESS else between(10, 30)
    persona = "secretariat"

    @task(3)
    def dashboard(self) -> None:
        self.client.get(PLAN["cycle"], name="cycle dashboard")

    @task(2)
    def report(self) -> None:
        self.client.get(random.choice(PLAN["reports"])["detail"], name="report page")

    @task(1)
    def workbook(self) -> None:
        self.client.get(PLAN["dashboard_xlsx"], name="dashboard .xlsx")

    @task(1)
    def api_list(self) -> None:
        self.client.get(PLAN["report_list_api"], name="api reports")


class Agency(Signed):
    weight = 10
    wait_time = between(4, 10) if STRESS else between(10, 30)
    persona = "agency"

    @task
    def browse(self) -> None:
        self.client.get(PLAN["home"], name="home")
        if PLAN.get("cycle_closed"):
            self.client.get(PLAN["cycle_closed"], name="cycle dashboard (closed)")


class Administrator(Signed):
    weight = 5
    wait_time = between(4, 10) if STRESS else between(10, 30)
    persona = "admin"

    @task
    def browse(self) -> None:
        self.client.get(PLAN["home"], name="home")
        self.client.get(PLAN["cycle"], name="cycle dashboard")
        self.client.get(PLAN["report_list_api"], name="api reports")
