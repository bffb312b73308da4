"""The axe gate: axe-core runs on every page of the site, as the persona who uses it, in both languages, on a
desktop and on a phone, and with the report editor's pop-ups open; a serious or critical violation fails.

Each page is loaded once per language, with axe injected as it loads, and checked at the desktop width, then
again after the window is narrowed to the phone's (the same CSS media queries apply as on a phone-sized load;
the page's own resize handlers run). A language's pages are checked in ``PARTS`` test items (every
``PARTS``-th page each), so that the two pytest-xdist workers share the gate instead of one of them running a
language's two minutes alone at the end; one browser context per persona serves a part.

The pages are not listed here: they are the route matrix's (tests/test_route_matrix.py) — every GET route of
the web site (not the API) that some persona may open, answered with HTML. A new page joins the gate by
joining the matrix, which every new route must. axe-core is vendored (tests/browser/vendor/), so the gate
needs no network. What it covers and what it cannot: docs/accessibility.md.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse

from tests.browser.conftest import sign_in
from tests.conftest import ANONYMOUS, Reporting, World
from tests.test_route_matrix import ANONYMOUS_STATUS, API, CASES, CASES_BY_ID, Case

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"
FAILING_IMPACTS = {"serious", "critical"}
LANGUAGES = {"vi": "vi-VN", "en": "en-GB"}
WIDTHS = {"1366": {"width": 1366, "height": 900}, "390": {"width": 390, "height": 844}}
PARTS = 4  # test items per language; together they check every page (test_the_gate_covers_every_web_page...)
MIN_PAGES = 30  # fewer pages checked in all than this: the route matrix has moved under the gate
# Who opens a page, when several may: the standing office runs most of the site, then the province that
# writes its report, then the administrator (users, the audit log). A public page is checked signed out.
USED_BY = ("secretariat", "focal_a", "admin", "reviewer", "focal_b", "agency")
# A route is checked once, with its first case in the matrix: its other cases show the same template for
# another object (six bodies, seven histories). These cases are checked as well, as these personas, because
# the page shows something else to them or in that state (the writer's own draft, a report under review).
ALSO = {
    "home": ("focal_a",),
    "reporting:report_detail[A]": ("focal_a",),
    "reporting:report_detail[B]": ("secretariat",),
}
RUN_AXE = """async () => {
  const results = await axe.run(document, { resultTypes: ["violations"] });
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({ target: n.target.join(" "), summary: n.failureSummary })),
  }));
}"""
# Pages that fill themselves in after loading mark the part still coming with aria-busy (as screen readers
# expect): the check waits for it.
SETTLED = "() => document.readyState === 'complete' && !document.querySelector('[aria-busy=true]')"


@dataclass(frozen=True)
class Visit:
    case: Case
    persona: str

    @property
    def id(self) -> str:
        return f"{self.case.id} as {self.persona}"


def _is_web_page(case: Case) -> bool:
    """A GET route of the web site that someone may open (the API answers a signed-out caller 403)."""
    return case.expect[ANONYMOUS] != ANONYMOUS_STATUS[API] and 200 in case.expect.values()


def _visits() -> list[Visit]:
    visits: list[Visit] = []
    routes_seen: set[str] = set()
    for case in filter(_is_web_page, CASES):
        allowed = [persona for persona, status in case.expect.items() if status == 200]
        if case.route not in routes_seen:
            routes_seen.add(case.route)
            persona = ANONYMOUS if ANONYMOUS in allowed else next(p for p in USED_BY if p in allowed)
            visits.append(Visit(case, persona))
        visits += [
            Visit(case, persona)
            for persona in ALSO.get(case.id, ())
            if persona in allowed and Visit(case, persona) not in visits
        ]
    return visits


VISITS = _visits()


def _part(index: int) -> list[Visit]:
    """Every ``PARTS``-th visit from ``index``: each part gets its share of editors, lists and forms."""
    return VISITS[index::PARTS]


# By case id, whether the answer is a page: a download (XLSX, PDF, the schema) is not, nor is an HTML fragment
# that htmx puts into a page (a job's progress), which is checked inside that page.
_IS_PAGE: dict[str, bool] = {}


@pytest.fixture(scope="module")
def axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def contexts(
    browser: Any, live_server: Any, world: World, reporting: Reporting, axe_source: str, request: Any
) -> Iterator[Any]:
    """One browser context (and page) per persona, signed in by session cookie, in the language asked for."""
    language = request.param
    opened: dict[str, Any] = {}

    def context_for(persona: str) -> Any:
        if persona not in opened:
            context = browser.new_context(viewport=WIDTHS["1366"], locale=LANGUAGES[language])
            context.set_default_timeout(15_000)
            context.add_init_script(script=axe_source)
            user = world.user(persona)
            if user is not None:
                sign_in(context, live_server.url, user, language=language)
            else:
                context.add_cookies(
                    [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
                )
            opened[persona] = (context, context.new_page())
        return opened[persona][1]

    yield context_for
    for context, _page in opened.values():
        context.close()


def _describe(where: str, violations: list[dict[str, Any]]) -> list[str]:
    lines = []
    for violation in violations:
        if violation["impact"] not in FAILING_IMPACTS:
            continue
        nodes = violation["nodes"]
        lines.append(f"{where}: {violation['id']} ({violation['impact']}, {len(nodes)}×) {violation['help']}")
        lines += [f"    {node['target']}: {node['summary'].splitlines()[-1].strip()}" for node in nodes[:3]]
    return lines


def _check(page: Any, where: str) -> list[str]:
    page.wait_for_function(SETTLED)
    return _describe(where, page.evaluate(RUN_AXE))


def _check_editor_popups(page: Any, where: str) -> list[str]:
    """The text style menu and the link box, opened as a writer opens them."""
    failures = []
    toolbar = page.locator(".ql-toolbar").first
    toolbar.locator(".ql-picker-label").click()
    page.locator(".ql-picker.ql-expanded .ql-picker-options").wait_for(state="visible")
    failures += _check(page, f"{where} (text style menu open)")
    page.keyboard.press("Escape")
    page.evaluate(
        "() => { const q = window.rightstrackEditor.fields[0].quill; q.focus(); q.setSelection(0, 4); }"
    )
    toolbar.locator("button.ql-link").click()
    page.locator(".ql-tooltip.ql-editing").first.wait_for(state="visible")
    failures += _check(page, f"{where} (link box open)")
    page.keyboard.press("Escape")
    return failures


@pytest.mark.heavy
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("contexts", "part"),
    [(language, index) for language in LANGUAGES for index in range(PARTS)],
    ids=[f"{language}-{index + 1}of{PARTS}" for language in LANGUAGES for index in range(PARTS)],
    indirect=["contexts"],
)
def test_every_page_passes_axe(
    contexts: Any, part: int, live_server: Any, world: World, request: Any
) -> None:
    language = request.node.callspec.params["contexts"]
    failures: list[str] = []
    checked = 0
    for visit in _part(part):
        case = visit.case
        url = live_server.url + reverse(case.route, kwargs=case.args(world)) + case.query
        page = contexts(visit.persona)
        if case.id not in _IS_PAGE:
            answer = page.request.get(url, max_redirects=0)
            assert answer.status == 200, f"{visit.id}: GET {url} answered {answer.status}"
            html = answer.headers.get("content-type", "").startswith("text/html")
            _IS_PAGE[case.id] = html and answer.text().lstrip()[:15].lower() == "<!doctype html>"
        if not _IS_PAGE[case.id]:
            continue
        if page.viewport_size != WIDTHS["1366"]:
            page.set_viewport_size(WIDTHS["1366"])
        response = page.goto(url)
        assert response is not None and response.status == 200, f"{visit.id}: {url}"
        assert page.locator("html").get_attribute("lang") == language, f"{visit.id}: not in {language}"
        editor = page.locator(".ql-toolbar .ql-picker-label").count() > 0
        for width, viewport in WIDTHS.items():
            if page.viewport_size != viewport:
                page.set_viewport_size(viewport)
                assert page.evaluate("() => window.innerWidth") == viewport["width"], f"{visit.id}: {width}"
            where = f"[{language}, {width} px] {visit.id} {url}"
            failures += _check(page, where)
            if editor:
                failures += _check_editor_popups(page, where)
        checked += 1
    least = math.ceil(MIN_PAGES / PARTS)
    assert checked >= least, f"only {checked} pages were checked in this part: has the route matrix moved?"
    assert not failures, "axe found serious or critical problems:\n" + "\n".join(failures)


def test_the_gate_covers_every_web_page_of_the_matrix() -> None:
    """Nobody has to remember to add a page: every route the matrix opens with a 200 is visited."""
    visited = {visit.case.route for visit in VISITS}
    assert visited == {case.route for case in CASES if _is_web_page(case)}
    assert {"home", "login", "api-docs", "reporting:report_edit"} <= visited
    assert Visit(CASES_BY_ID["reporting:report_edit[A]"], "focal_a") in VISITS  # the writer, not the office
    # the parts of a language together make every visit once
    parts = [_part(index) for index in range(PARTS)]
    assert all(parts) and sorted(v.id for part in parts for v in part) == sorted(v.id for v in VISITS)
