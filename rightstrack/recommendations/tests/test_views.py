"""The recommendation pages: a search typed without diacritics finds Vietnamese text, filters combine with
facet counts, each recommendation has its page within scope, and the web import goes upload → dry run →
confirm → imported, with a bad file reported and nothing applied."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rightstrack.core.jobs.models import Job
from rightstrack.exchange.tests.test_un_recommendations import HEADERS, ROWS, xlsx_bytes
from rightstrack.recommendations.models import Recommendation
from tests.world import World

pytestmark = pytest.mark.usefixtures("recommendations")


@pytest.fixture
def run_jobs(django_capture_on_commit_callbacks: Any) -> Any:
    """Jobs queued by a request run when it commits (django-tasks' immediate backend, as in production
    with a worker, only sooner)."""
    return django_capture_on_commit_callbacks


LIST = "recommendations:recommendation_list"


def listed(response: Any) -> list[str]:
    return [r.number for r in response.context["object_list"]]


@pytest.mark.parametrize(
    "query", ["giao duc", "GIÁO DỤC", "giáo dục quyền", "Iran", "120.1 morocco"], ids=str
)
def test_a_search_ignores_diacritics_and_case(world: World, signed_in: Any, query: str) -> None:
    response = signed_in("secretariat", language="vi").get(reverse(LIST), {"q": query})
    assert listed(response) == ["120.1"]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("educ", ["120.1"]),  # the start of a word
        ("cation", []),  # the inside of one ("education") is no match
        ("ung", []),  # nor of a Vietnamese syllable ("vùng", "trường")
        ("(Islamic", ["120.1"]),  # punctuation typed or stored is read as a space
        ("vung xa", ["120.2"]),
        ("24(b)", ["24(b)"]),  # a number as written
    ],
    ids=str,
)
def test_a_search_matches_the_start_of_words(
    world: World, signed_in: Any, query: str, found: list[str]
) -> None:
    response = signed_in("admin", language="vi").get(reverse(LIST), {"q": query})
    assert sorted(listed(response)) == found


def test_filters_combine_and_the_facets_count_what_is_listed(world: World, signed_in: Any) -> None:
    recs = world.recommendations()
    client = signed_in("admin", language="en")
    response = client.get(reverse(LIST))
    assert sorted(listed(response)) == ["120.1", "120.2", "24(b)"]
    facets = {
        f["facet"].param: {v["value"].value: v["value"].count for v in f["values"]}
        for f in response.context["facets"]
    }
    assert facets["mechanism"] == {"UPR": 2, "CEDAW": 1}
    assert facets["position"] == {"supported": 1, "noted": 1}
    assert facets["theme"][str(recs.education.pk)] == 1
    response = client.get(reverse(LIST), {"mechanism": "UPR", "theme": recs.education.pk})
    assert listed(response) == ["120.1"]
    facets = {
        f["facet"].param: {v["value"].value: v["value"].count for v in f["values"]}
        for f in response.context["facets"]
    }
    assert facets["mechanism"] == {"UPR": 1}
    assert facets["sdg"] == {str(recs.upr.sdg_goals.get().pk): 1}
    assert client.get(reverse(LIST), {"position": "maybe"}).status_code == 400


def test_a_province_lists_only_what_its_bodies_keep(world: World, signed_in: Any) -> None:
    assert listed(signed_in("focal_a").get(reverse(LIST))) == ["120.2"]
    assert listed(signed_in("focal_b").get(reverse(LIST))) == []
    recs = world.recommendations()
    url = reverse("recommendations:recommendation_detail", args=[recs.upr.pk])
    assert signed_in("focal_a").get(url).status_code == 404


def test_the_detail_shows_both_texts_and_the_tags(world: World, signed_in: Any) -> None:
    recs = world.recommendations()
    page = signed_in("secretariat", language="vi").get(
        reverse("recommendations:recommendation_detail", args=[recs.upr.pk])
    )
    html = page.content.decode()
    assert "Include human rights education in school curricula" in html
    assert "Đưa giáo dục quyền con người vào chương trình học ở trường" in html
    assert "Quyền được giáo dục" in html  # the theme's Vietnamese name
    assert "Iran (Islamic Republic of)" in html and "4.7" in html


def test_the_web_import_reads_then_imports_on_confirmation(
    world: World, signed_in: Any, run_jobs: Any
) -> None:
    client = signed_in("secretariat", language="en")
    upload = SimpleUploadedFile("uhri.xlsx", xlsx_bytes(HEADERS, ROWS))
    with run_jobs(execute=True):
        response = client.post(
            reverse("recommendations:import"), {"file": upload, "owner": world.national.pk}
        )
    assert response.status_code == 302
    dry = Job.objects.filter(kind="recommendations.import").latest("pk")
    preview_url = reverse("recommendations:import_preview", args=[dry.pk])
    assert response["Location"] in (preview_url, dry.get_absolute_url())
    preview = client.get(preview_url)
    assert preview.status_code == 200
    assert preview.context["plan"]["counts"] == {"create": 2, "update": 0, "skip": 0}
    assert "an identifier, not a name" in preview.content.decode()
    assert not Recommendation.objects.filter(external_id="a1b2c3").exists()

    with run_jobs(execute=True):
        confirmed = client.post(preview_url)
    assert confirmed.status_code == 302
    assert Recommendation.objects.filter(external_id__in=["a1b2c3", "d4e5f6"]).count() == 2
    applied = Job.objects.filter(kind="recommendations.import").latest("pk")
    assert (applied.state, applied.done, applied.total) == ("succeeded", 2, 2)


def test_a_bad_file_shows_its_errors_and_cannot_be_confirmed(
    world: World, signed_in: Any, run_jobs: Any
) -> None:
    client = signed_in("secretariat", language="vi")
    renamed = [h if h != "Text" else "Nội dung" for h in HEADERS]
    upload = SimpleUploadedFile("uhri.xlsx", xlsx_bytes(renamed, ROWS))
    with run_jobs(execute=True):
        client.post(reverse("recommendations:import"), {"file": upload, "owner": world.national.pk})
    dry = Job.objects.filter(kind="recommendations.import").latest("pk")
    preview = client.get(reverse("recommendations:import_preview", args=[dry.pk]))
    html = preview.content.decode()
    assert "Thiếu cột “Text”" in html
    assert 'type="submit"' not in html.split("problems-title")[0].split("summary-title")[1]
    before = Recommendation.objects.count()
    with run_jobs(execute=True):
        client.post(reverse("recommendations:import_preview", args=[dry.pk]))
    assert Recommendation.objects.count() == before


def test_a_file_not_of_a_known_kind_is_refused_on_upload(world: World, signed_in: Any, run_jobs: Any) -> None:
    client = signed_in("secretariat", language="en")
    upload = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    with run_jobs(execute=True):
        response = client.post(
            reverse("recommendations:import"), {"file": upload, "owner": world.national.pk}
        )
    assert response.status_code == 400
    assert "Nothing was imported" in response.content.decode()


def test_the_api_searches_and_starts_an_import(world: World, api_for: Any, run_jobs: Any) -> None:
    client = api_for("secretariat")
    found = client.get("/api/recommendations/", {"q": "dang ky khai sinh"}).json()
    assert [r["number"] for r in found["results"]] == ["120.2"]
    with run_jobs(execute=True):
        started = client.post(
            "/api/recommendations/import/",
            {"file": SimpleUploadedFile("uhri.xlsx", xlsx_bytes(HEADERS, ROWS)), "owner": world.national.pk},
            format="multipart",
        )
    assert started.status_code == 202
    job = client.get(started.json()["url"]).json()
    assert job["result"]["plan"]["counts"]["create"] == 2
    assert client.get("/api/sdg-goals/").json()["count"] == 17


def test_a_theme_gets_its_vietnamese_name_from_the_standing_office(world: World, signed_in: Any) -> None:
    recs = world.recommendations()
    url = reverse("recommendations:theme_edit", args=[recs.education.pk])
    response = signed_in("secretariat", language="vi").post(
        url, {"name": "Right to education", "name_vi": "Quyền được học tập"}
    )
    assert response.status_code == 302
    recs.education.refresh_from_db()
    assert recs.education.name_vi == "Quyền được học tập"
    page = signed_in("focal_a", language="vi").get(reverse("recommendations:taxonomy")).content.decode()
    assert "Quyền được học tập" in page
    assert signed_in("focal_a").post(url, {"name": "X", "name_vi": "Y"}).status_code == 403


def test_a_theme_cannot_take_another_themes_name(world: World, signed_in: Any) -> None:
    recs = world.recommendations()
    url = reverse("recommendations:theme_edit", args=[recs.education.pk])
    response = signed_in("secretariat", language="en").post(
        url, {"name": "Rights of the child", "name_vi": ""}
    )
    assert response.status_code == 200
    assert "Another entry already has this name." in response.content.decode()
