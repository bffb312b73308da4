"""The Vietnamese pages of the main journeys hold no English UI string: not in the text, not in labels,
placeholders or titles, not in Django's own messages (form errors, password validation).

Text marked ``lang="en"`` (the API reference, an English name) and code are skipped. A word counts as English
when it is on a list of words that no Vietnamese UI text contains (``ENGLISH``); data that is English by
nature (user names such as ``focal_a``) is not on it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse

from tests.world import Reporting, World

# Words of English UI text that are not Vietnamese words written without diacritics ("in", "do", "an", "to"
# and "than" are Vietnamese, so they are not here).
ENGLISH = frozenset(
    """the and your you this that these those field fields required enter please password passwords submit
    submitted save saved cancel choose select selected search previous next page pages report reports user
    users name names body bodies date edit delete back home sign help with from for not has have are was were
    will must should which what when where there their been valid value characters least only more first last
    new open close closed draft accepted returned none yes no all any other read unread message messages
    notification notifications overview settings log logout login download upload file files view show hide
    change changes changed history created updated by at on of is it be or if can can't don't didn't
    similar common numeric short too ensure invalid correct incorrectly again match minute minutes hour hours
    day days week weeks month months year years ago""".split()
)
SKIP_TAGS = {"script", "style", "code", "pre", "template"}
TEXT_ATTRIBUTES = ("aria-label", "placeholder", "title", "alt")
WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")


class VisibleText(HTMLParser):
    """The text a Vietnamese reader meets, and the attributes read out to them, outside ``lang="en"``."""

    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: whether it (or an ancestor) is skipped
        self.parts: list[str] = []

    @property
    def skipping(self) -> bool:
        return bool(self.stack and self.stack[-1])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        skipped = (
            self.skipping
            or tag in SKIP_TAGS
            or (values.get("lang") or "").startswith("en")
            or values.get("translate") == "no"
            or "hidden" in values
        )
        if not skipped:
            self.parts.extend(str(values[name]) for name in TEXT_ATTRIBUTES if values.get(name))
            if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
                self.parts.append(str(values["value"]))
        if tag not in self.VOID:
            self.stack.append(skipped)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def english_in(html: str) -> list[str]:
    """The lines of visible text that hold an English UI word."""
    parser = VisibleText()
    parser.feed(html)
    found = []
    for part in parser.parts:
        text = " ".join(part.split())
        if text and any(word.lower() in ENGLISH for word in WORD.findall(text)):
            found.append(text)
    return found


def test_the_detector_finds_english_and_spares_vietnamese() -> None:
    assert english_in("<p>This field is required.</p>") == ["This field is required."]
    assert english_in('<input placeholder="Search">') == ["Search"]
    assert english_in("<p>In báo cáo do Sở Tư pháp gửi; an ninh, trật tự.</p>") == []
    assert english_in('<div lang="en"><p>The API reference</p></div><script>var the = 1;</script>') == []


# The main journeys: (persona, how to get the page, what it is)
Fetch = Callable[[Any, World, Reporting], Any]


def get(name: str, *args: Callable[[World, Reporting], Any]) -> Fetch:
    return lambda client, world, reporting: client.get(
        reverse(name, args=[a(world, reporting) for a in args])
    )


def post(name: str, data: dict[str, Any] | Callable[[World], dict[str, Any]]) -> Fetch:
    def fetch(client: Any, world: World, reporting: Reporting) -> Any:
        return client.post(reverse(name), data(world) if callable(data) else data)

    return fetch


REPORT_A = lambda w, r: r.report_a.pk  # noqa: E731
REPORT_B = lambda w, r: r.report_b.pk  # noqa: E731
CYCLE = lambda w, r: r.cycle.pk  # noqa: E731
COMMITTEE_A = lambda w, r: w.committee_a.pk  # noqa: E731
ARTICLE_A = lambda w, r: w.documents().article_a.pk  # noqa: E731
REPORT_DOC_A = lambda w, r: w.documents().report_a.pk  # noqa: E731
CONFERENCE_A = lambda w, r: w.conferences().with_a.pk  # noqa: E731

JOURNEYS: list[tuple[str, str, Fetch]] = [
    ("login, empty", "anonymous", post("login", {"username": "", "password": ""})),
    ("login, wrong", "anonymous", post("login", {"username": "focal_a", "password": "sai mật khẩu"})),
    ("home, focal point", "focal_a", get("home")),
    ("home, reviewer", "reviewer", get("home")),
    ("home, secretariat", "secretariat", get("home")),
    ("home, administrator", "admin", get("home")),
    ("home, agency", "agency", get("home")),
    ("cycles", "focal_a", get("reporting:cycle_list")),
    ("cycle dashboard", "secretariat", get("reporting:cycle_detail", CYCLE)),
    ("report, writer", "focal_a", get("reporting:report_detail", REPORT_A)),
    ("report editor", "focal_a", get("reporting:report_edit", REPORT_A)),
    ("report, reviewer", "reviewer", get("reporting:report_detail", REPORT_B)),
    ("return form", "reviewer", get("reporting:report_return", REPORT_B)),
    ("notifications", "focal_a", get("notifications:notification_list")),
    ("bodies", "secretariat", get("bodies:body_list")),
    ("body", "secretariat", get("bodies:body_detail", COMMITTEE_A)),
    ("audit log", "admin", get("core:audit_log")),
    ("history", "admin", get("core:history", lambda w, r: "bodies", lambda w, r: "body", COMMITTEE_A)),
    ("users", "admin", get("accounts:user_list")),
    ("new user, empty", "admin", post("accounts:user_create", {})),
    (
        "new user, weak password",
        "admin",
        post(
            "accounts:user_create",
            lambda w: {
                "username": "lan",
                "password": "123",  # the service's password validators answer (Django's own messages)
                "body": w.committee_a.pk,
                "role": "reviewer",
                "preferred_language": "vi",
            },
        ),
    ),
    (
        "new user, bad e-mail and no role",
        "admin",
        post("accounts:user_create", {"username": "lan", "password": "123", "email": "không-phải-thư"}),
    ),
    (
        "password change, wrong",
        "focal_a",
        post("password_change", {"old_password": "x", "new_password1": "1", "new_password2": "2"}),
    ),
    ("jobs", "focal_a", get("core:job_list")),
    ("directives", "secretariat", get("followup:directive_list")),
    (
        "directive",
        "secretariat",
        get("followup:directive_detail", lambda w, r: w.followup().from_conference.pk),
    ),
    ("new directive", "secretariat", get("followup:directive_create")),
    ("new directive, empty", "secretariat", post("followup:directive_create", {})),
    (
        "assign a directive",
        "secretariat",
        get("followup:directive_assign", lambda w, r: w.followup().to_b.pk),
    ),
    ("tasks, focal point", "focal_a", get("followup:task_list")),
    ("overdue tasks", "secretariat", get("followup:task_overdue")),
    ("task, focal point", "focal_a", get("followup:task_detail", lambda w, r: w.followup().task_a.pk)),
    ("task, ministry", "agency", get("followup:task_detail", lambda w, r: w.followup().task_justice.pk)),
    ("home, agency with a task", "agency", lambda c, w, r: (w.followup(), c.get(reverse("home")))[1]),
    ("kinds of directive", "secretariat", get("followup:kind_list")),
    ("activities", "focal_a", get("activities:activity_list")),
    ("activities list form", "focal_a", get("activities:activity_entry")),
    (
        "activities list form, errors",
        "focal_a",
        post(
            "activities:activity_entry",
            lambda w: {
                "body": w.committee_a.pk,
                "rows-TOTAL_FORMS": "3",
                "rows-INITIAL_FORMS": "0",
                "rows-0-date": "32/13/2025",
                "rows-0-topic": "Tuyên truyền",
                "rows-0-participants": "nhiều",
                "rows-1-date": "01/06/2025",
                "rows-1-kind": "training",
            },
        ),
    ),
    ("activities import", "focal_a", get("activities:import")),
    ("report figures from activities", "focal_a", get("activities:report_figures", REPORT_A)),
    ("province with its communes", "focal_a", get("places:unit_detail", lambda w, r: w.province_a.pk)),
    (
        "communes, nothing found",
        "focal_a",
        lambda client, w, r: client.get(
            reverse("places:unit_detail", args=[w.province_a.pk]) + "?q=không+có"
        ),
    ),
    ("documents", "secretariat", get("documents:document_list")),
    (
        "documents, search",
        "focal_a",
        lambda c, w, r: c.get(reverse("documents:document_list"), {"q": "hội nghị"}),
    ),
    ("document", "secretariat", get("documents:document_detail", ARTICLE_A)),
    ("document, linked", "focal_a", get("documents:document_detail", REPORT_DOC_A)),
    ("document, upload", "focal_a", get("documents:document_upload")),
    ("document, upload empty", "focal_a", post("documents:document_upload", {})),
    ("documents, bulk", "focal_a", get("documents:document_bulk")),
    ("document, to a conference", "secretariat", get("documents:document_conference", ARTICLE_A)),
    ("conference with coverage", "secretariat", get("conferences:conference_detail", CONFERENCE_A)),
    ("recommendations", "secretariat", get("recommendations:recommendation_list")),
    ("recommendations, province", "focal_a", get("recommendations:recommendation_list")),
    (
        "recommendation",
        "secretariat",
        get("recommendations:recommendation_detail", lambda w, r: w.recommendations().upr.pk),
    ),
    ("recommendation import", "secretariat", get("recommendations:import")),
    ("recommendation themes", "secretariat", get("recommendations:taxonomy")),
    ("laws and policies", "secretariat", get("laws:document_list")),
    ("a law, secretariat", "secretariat", get("laws:document_detail", lambda w, r: w.legal().decree.pk)),
    ("a law, focal point", "focal_a", get("laws:document_detail", lambda w, r: w.legal().decree.pk)),
    ("new law, empty", "secretariat", post("laws:document_create", {})),
    ("proposals", "secretariat", get("proposals:proposal_list")),
    (
        "a proposal, secretariat",
        "secretariat",
        get("proposals:proposal_detail", lambda w, r: w.proposals().of_a.pk),
    ),
    (
        "a proposal, focal point",
        "focal_a",
        get("proposals:proposal_detail", lambda w, r: w.proposals().of_a.pk),
    ),
    (
        "delete a law still referred to",
        "secretariat",
        get("laws:document_delete", lambda w, r: w.legal().decree.pk),
    ),
    ("delete a proposal", "focal_a", get("proposals:proposal_delete", lambda w, r: w.proposals().of_a.pk)),
    ("new proposal", "focal_a", get("proposals:proposal_create")),
    ("new proposal, empty", "focal_a", post("proposals:proposal_create", {})),
    (
        "new law, malformed symbol",
        "secretariat",
        post("laws:document_create", {"kind": "decree", "symbol": "30/2020", "title": "X", "issuer": "Y"}),
    ),
]


@pytest.mark.usefixtures("recommendations")
@pytest.mark.parametrize("name", [j[0] for j in JOURNEYS])
def test_the_vietnamese_page_holds_no_english(
    name: str, world: World, reporting: Reporting, signed_in: Any
) -> None:
    _, persona, fetch = next(j for j in JOURNEYS if j[0] == name)
    response = fetch(signed_in(persona, language="vi"), world, reporting)
    assert response.status_code in (200, 400), response.status_code
    found = english_in(response.content.decode())
    assert found == [], "\n".join(found)
