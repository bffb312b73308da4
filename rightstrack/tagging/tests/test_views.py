"""The tagging pages and API: the suggestion panels on a recommendation and a report with accept/reject for
the text's keeper only, the taxonomy page with its version in use and figures, retraining and "tag all
untagged" as jobs, and the API's list, accept, reject and versions, all within scope."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from rightstrack.core.models import Job
from rightstrack.tagging.choices import SuggestionState
from rightstrack.tagging.models import Suggestion, TaggerVersion
from rightstrack.tagging.services import suggestion_accept
from rightstrack.tagging.targets import Target

from .conftest import make_labelled

pytestmark = pytest.mark.django_db


def pending(obj: Any, taxonomy: str, code: str, section_key: str = "") -> Suggestion:
    return Suggestion.objects.create(
        taxonomy=taxonomy, code=code, score=0.83, model_version="test", **Target.of(obj, section_key).lookup
    )


def test_the_keeper_accepts_a_suggestion_from_the_recommendation_page(
    recommendations: Any, client_for: Any
) -> None:
    suggestion = pending(recommendations.cedaw, "sdg-goal", "5")
    office = client_for("secretariat", language="vi")
    page = office.get(reverse("recommendations:recommendation_detail", args=[recommendations.cedaw.pk]))
    text = page.content.decode()
    assert 'data-testid="tag-panel"' in text and 'data-code="5"' in text
    assert reverse("tagging:suggestion_accept", args=[suggestion.pk]) in text
    response = office.post(reverse("tagging:suggestion_accept", args=[suggestion.pk]))
    assert response.status_code == 302
    assert response["Location"] == recommendations.cedaw.get_absolute_url()
    assert list(recommendations.cedaw.sdg_goals.values_list("number", flat=True)) == [5]
    page = office.get(response["Location"]).content.decode()
    assert 'data-testid="tag-accepted"' in page and "Đã chấp nhận" in page


def test_a_reader_sees_the_panel_without_buttons(recommendations: Any, client_for: Any) -> None:
    suggestion = pending(recommendations.cedaw, "sdg-goal", "5")
    page = client_for("reviewer").get(recommendations.cedaw.get_absolute_url()).content.decode()
    assert 'data-testid="tag-pending"' in page
    assert reverse("tagging:suggestion_accept", args=[suggestion.pk]) not in page
    assert (
        client_for("reviewer").post(reverse("tagging:suggestion_accept", args=[suggestion.pk])).status_code
        == 403
    )
    assert (
        client_for("focal_b").post(reverse("tagging:suggestion_reject", args=[suggestion.pk])).status_code
        == 404
    )
    assert Suggestion.objects.get(pk=suggestion.pk).state == SuggestionState.PENDING


def test_the_writer_decides_a_sections_tags_on_the_report_page(reporting: Any, client_for: Any) -> None:
    report = reporting.report_a
    accepted = pending(report, "work-area", "results-legal", "situation")
    rejected = pending(report, "sdg-goal", "16", "situation")
    writer = client_for("focal_a")
    page = writer.get(report.get_absolute_url()).content.decode()
    assert 'data-section="situation"' in page
    assert writer.post(reverse("tagging:suggestion_accept", args=[accepted.pk])).status_code == 302
    response = writer.post(reverse("tagging:suggestion_reject", args=[rejected.pk]))
    assert response["Location"].endswith("#tags-situation")
    page = writer.get(report.get_absolute_url()).content.decode()
    assert page.count('data-testid="tag-accepted"') == 1 and page.count('data-testid="tag-rejected"') == 1
    assert client_for("focal_b").get(report.get_absolute_url()).status_code == 404


def test_suggest_tags_button_makes_suggestions(reporting: Any, client_for: Any) -> None:
    response = client_for("focal_a").post(reverse("tagging:report_suggest", args=[reporting.report_a.pk]))
    assert response.status_code == 302
    assert Suggestion.objects.filter(report=reporting.report_a, section_key="situation").exists()
    refused = client_for("focal_a").post(reverse("tagging:report_suggest", args=[reporting.report_b.pk]))
    assert refused.status_code == 404


def test_the_taxonomy_page_offers_retraining_to_the_office_only(
    recommendations: Any, client_for: Any
) -> None:
    page = (
        client_for("secretariat").get(reverse("tagging:taxonomy_detail", args=["sdg-goal"])).content.decode()
    )
    assert 'data-testid="zero-shot"' in page and "Retrain" in page
    assert (
        "Retrain"
        not in client_for("focal_a")
        .get(reverse("tagging:taxonomy_detail", args=["sdg-goal"]))
        .content.decode()
    )
    assert (
        client_for("secretariat").get(reverse("tagging:taxonomy_detail", args=["nothing"])).status_code == 404
    )


def test_retrain_runs_as_a_job_and_the_page_shows_the_new_version(
    recommendations: Any, world: Any, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    make_labelled(world)
    office = client_for("secretariat", language="vi")
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(reverse("tagging:retrain", args=["sdg-goal"]))
    assert response.status_code == 302
    job = Job.objects.get(kind="tagging.retrain")
    assert job.state == "succeeded", job.error
    version = TaggerVersion.objects.get(taxonomy="sdg-goal")
    page = office.get(reverse("tagging:taxonomy_detail", args=["sdg-goal"])).content.decode()
    assert version.version in page
    if version.active:
        assert 'data-testid="figure-macro_f1"' in page
    else:
        assert 'data-testid="kept-aside"' in page
    assert client_for("focal_a").post(reverse("tagging:retrain", args=["sdg-goal"])).status_code == 403


def test_tag_all_untagged_runs_as_a_job(
    recommendations: Any, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("secretariat").post(reverse("tagging:tag_untagged", args=["affected-persons"]))
    assert response.status_code == 302
    assert Job.objects.get(kind="tagging.tag_untagged").state == "succeeded"
    assert Suggestion.objects.filter(
        taxonomy="affected-persons", recommendation=recommendations.cedaw
    ).exists()


def test_the_api_lists_accepts_and_rejects(recommendations: Any, reporting: Any, api_for: Any) -> None:
    suggestion = pending(recommendations.cedaw, "sdg-goal", "5")
    section = pending(reporting.report_a, "sdg-goal", "16", "situation")
    office = api_for("secretariat")
    listed = office.get("/api/tag-suggestions/", {"recommendation": recommendations.cedaw.pk}).json()
    assert [row["id"] for row in listed["results"]] == [suggestion.pk]
    answer = office.post(f"/api/tag-suggestions/{suggestion.pk}/accept/")
    assert answer.status_code == 200 and answer.json()["state"] == "accepted"
    assert answer.json()["decided_by"]
    assert api_for("focal_b").post(f"/api/tag-suggestions/{section.pk}/reject/").status_code == 404
    assert api_for("focal_b").get("/api/tag-suggestions/").json()["count"] == 0
    assert api_for("focal_a").post(f"/api/tag-suggestions/{section.pk}/reject/").json()["state"] == "rejected"
    assert (
        api_for("focal_a").post("/api/tagger-versions/retrain/", {"taxonomy": "sdg-goal"}).status_code == 403
    )
    assert office.get("/api/tagger-versions/").status_code == 200


def test_the_taxonomy_page_counts_accepted_tags_of_sections_by_body(
    reporting: Any, world: Any, client_for: Any
) -> None:
    suggestion = pending(reporting.report_a, "sdg-goal", "16", "situation")
    page = (
        client_for("secretariat").get(reverse("tagging:taxonomy_detail", args=["sdg-goal"])).content.decode()
    )
    assert 'data-testid="by-body"' not in page  # nothing accepted yet
    suggestion_accept(actor=world.users["focal_a"], suggestion=suggestion)
    page = (
        client_for("secretariat").get(reverse("tagging:taxonomy_detail", args=["sdg-goal"])).content.decode()
    )
    assert 'data-testid="by-body"' in page and reporting.report_a.body.name in page
    assert (
        reporting.report_a.body.name
        not in client_for("focal_b")
        .get(reverse("tagging:taxonomy_detail", args=["sdg-goal"]))
        .content.decode()
    )
