"""Tags across the product: the taxonomy page's accepted tags by body (a chart, with the table as its
accessible alternative, one report section or all, at a fixed number of queries), the texts with an accepted
tag filtered by tag, kind, section and body, and the API's request for one text's suggestions (a job)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rightstrack.core.models import Job
from rightstrack.tagging.by_tag import short_names
from rightstrack.tagging.choices import SuggestionState
from rightstrack.tagging.models import Suggestion
from rightstrack.tagging.targets import Target

pytestmark = pytest.mark.django_db

SDG = "sdg-goal"


def accepted(obj: Any, code: str, section_key: str = "", taxonomy: str = SDG) -> Suggestion:
    return Suggestion.objects.create(
        taxonomy=taxonomy,
        code=code,
        score=0.8,
        model_version="test",
        state=SuggestionState.ACCEPTED,
        **Target.of(obj, section_key).lookup,
    )


def chart_data(page: str) -> dict[str, Any]:
    found = re.search(r'<script id="by-body-chart-data" type="application/json">(.*?)</script>', page, re.S)
    assert found, "the page carries the chart's data"
    return json.loads(found.group(1))


def taxonomy_page(client: Any, query: str = "") -> str:
    response = client.get(reverse("tagging:taxonomy_detail", args=[SDG]) + query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_chart_draws_accepted_sdgs_by_province_with_the_table_beside_it(
    reporting: Any, client_for: Any
) -> None:
    a, b = reporting.report_a, reporting.report_b
    accepted(a, "16", "limitations")
    accepted(a, "5", "limitations")
    accepted(a, "16", "situation")
    accepted(b, "16", "limitations")
    page = taxonomy_page(client_for("secretariat", language="en"))
    data = chart_data(page)
    a_name, b_name = short_names([a.body.name, b.body.name])  # the words all names begin with left out
    assert set(data["labels"]) == {a_name, b_name}
    assert [d["label"].split(" ")[0] for d in data["datasets"]] == ["16", "5"]  # the most used first
    by_body = dict(zip(data["labels"], zip(*(d["data"] for d in data["datasets"]), strict=True), strict=True))
    assert by_body[a_name] == (2, 1) and by_body[b_name] == (1, 0)
    assert 'id="by-body-chart" role="img"' in page and 'id="by-body-table"' in page
    assert a.body.name in page and b.body.name in page  # the table names them in full
    assert "vendor/chartjs-4.6.1/chart.umd.min.js" in page and "tagging/by_body.js" in page

    shortcomings = chart_data(taxonomy_page(client_for("secretariat"), "?section=limitations"))
    by_body = dict(zip(shortcomings["labels"], shortcomings["datasets"][0]["data"], strict=True))
    assert by_body == {a_name: 1, b_name: 1}  # SDG 16 in the shortcomings only
    assert chart_data(taxonomy_page(client_for("focal_b")))["labels"] == [b.body.name]  # one: in full


def test_the_unknown_section_shows_every_section(reporting: Any, client_for: Any) -> None:
    accepted(reporting.report_a, "16", "limitations")
    accepted(reporting.report_a, "4", "situation")
    page = taxonomy_page(client_for("secretariat"), "?section=not-a-section")
    assert len(chart_data(page)["datasets"]) == 2


def _queries(client: Any) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        page = taxonomy_page(client, "?section=limitations")
    return len(captured), page


def test_the_taxonomy_page_costs_the_same_queries_whatever_the_tags(reporting: Any, client_for: Any) -> None:
    accepted(reporting.report_a, "16", "limitations")
    client = client_for("secretariat")
    _queries(client)  # warm: the session, the terms
    before, small = _queries(client)
    for code in range(1, 18):
        for section in ("limitations", "situation", "results", "proposals"):
            if (code, section) != (16, "limitations"):
                accepted(reporting.report_a, str(code), section)
            accepted(reporting.report_b, str(code), section)
    after, big = _queries(client)
    assert len(chart_data(big)["datasets"]) == 8 > len(chart_data(small)["datasets"])  # the page did grow
    assert after == before


def test_the_tagged_texts_are_filtered_by_tag_section_and_body(
    reporting: Any, recommendations: Any, world: Any, client_for: Any
) -> None:
    accepted(reporting.report_a, "16", "limitations")
    accepted(reporting.report_a, "5", "situation")
    accepted(reporting.report_b, "16", "limitations")
    accepted(recommendations.cedaw, "5")
    Suggestion.objects.create(  # a pending suggestion is no tag
        taxonomy=SDG, code="16", score=0.5, model_version="t", **Target.of(recommendations.cedaw).lookup
    )
    url = reverse("tagging:tagged_list")
    office = client_for("secretariat", language="en")

    def rows(client: Any, query: dict[str, Any]) -> list[str]:
        response = client.get(url, query)
        assert response.status_code == 200
        return re.findall(r'<a class="fw-semibold" href="([^"]+)">', response.content.decode())

    sixteen = rows(office, {"taxonomy": SDG, "code": "16"})
    assert len(sixteen) == 2 and all(link.endswith("#tags-limitations") for link in sixteen)
    assert rows(office, {"taxonomy": SDG, "code": "5", "kind": "recommendation"}) == [
        recommendations.cedaw.get_absolute_url()
    ]
    assert len(rows(office, {"section": "limitations"})) == 2
    assert len(rows(office, {"body": world.committee_b.pk})) == 1
    assert rows(client_for("focal_b"), {"taxonomy": SDG, "code": "16"}) == [
        reverse("reporting:report_detail", args=[reporting.report_b.pk]) + "#tags-limitations"
    ]
    assert office.get(url, {"taxonomy": SDG, "code": "99"}).status_code == 400  # no such term
    page = office.get(url, {"taxonomy": SDG}).content.decode()
    assert 'data-code="16"' in page and 'data-code="5"' in page and "Peace" in page


def test_the_tagged_texts_cost_the_same_queries_whatever_the_rows(reporting: Any, client_for: Any) -> None:
    client = client_for("secretariat")
    accepted(reporting.report_a, "16", "limitations")
    url = reverse("tagging:tagged_list")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for code in range(1, 18):
        accepted(reporting.report_b, str(code), "situation")
        accepted(reporting.report_a, str(code), "results")
    with CaptureQueriesContext(connection) as big:
        page = client.get(url).content.decode()
    assert page.count('data-code="') > 30
    assert len(big) == len(small)


def test_the_api_asks_for_one_texts_suggestions_as_a_job(
    reporting: Any, api_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    writer = api_for("focal_a")
    payload = {"kind": "report_section", "id": reporting.report_a.pk, "section": "situation"}
    with django_capture_on_commit_callbacks(execute=True):
        answer = writer.post("/api/tag-suggestions/suggest/", payload, format="json")
    assert answer.status_code == 202, answer.content
    job = Job.objects.get(pk=answer.json()["id"])
    assert answer["Location"] and job.kind == "tagging.suggest"
    job.refresh_from_db()
    assert job.state == "succeeded", job.error
    listed = writer.get("/api/tag-suggestions/", {"report": reporting.report_a.pk, "section": "situation"})
    assert listed.json()["count"] > 0
    assert all(row["state"] == "pending" for row in listed.json()["results"])


def test_the_api_request_is_scoped_and_checked(reporting: Any, recommendations: Any, api_for: Any) -> None:
    ask = "/api/tag-suggestions/suggest/"
    other = {"kind": "report_section", "id": reporting.report_b.pk, "section": "situation"}
    assert api_for("focal_a").post(ask, other, format="json").status_code == 404
    missing = {"kind": "document", "id": 10**6}
    assert api_for("focal_a").post(ask, missing, format="json").status_code == 404
    national = {"kind": "recommendation", "id": recommendations.cedaw.pk}
    assert api_for("reviewer").post(ask, national, format="json").status_code == 403
    wrong = {"kind": "recommendation", "id": recommendations.cedaw.pk, "section": "situation"}
    assert api_for("secretariat").post(ask, wrong, format="json").status_code == 400
    assert api_for("secretariat").post(ask, {"kind": "person", "id": 1}, format="json").status_code == 400
    assert not Job.objects.filter(kind="tagging.suggest").exists()


def test_short_names_leave_out_the_words_every_name_begins_with() -> None:
    assert short_names(["Ban Chỉ đạo tỉnh An Giang", "Ban Chỉ đạo thành phố Huế"]) == [
        "tỉnh An Giang",
        "thành phố Huế",
    ]
    assert short_names(["Ban Chỉ đạo", "Ban Chỉ đạo Huế"]) == ["đạo", "đạo Huế"]  # one word at least
    assert short_names(["Cần Thơ"]) == ["Cần Thơ"]
