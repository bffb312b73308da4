"""The public portal: anyone may read what was published, and nothing else; a search typed without
diacritics finds Vietnamese text; a kept page costs no query; publishing shows at once."""

from __future__ import annotations

import csv
import datetime
import io
import json
from typing import Any, cast

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import StreamingHttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rightstrack.recommendations.models import Recommendation
from rightstrack.recommendations.services import (
    assessment_add,
    assessment_publish,
    recommendation_assign,
    recommendation_publish,
)
from tests.world import World

pytestmark = pytest.mark.usefixtures("recommendations")

LIST = "/public/recommendations/"


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def anonymous(language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.cookies["django_language"] = language
    return client


def streamed(response: Any) -> bytes:
    """The body of a streamed download, read whole."""
    assert response.streaming
    return b"".join(cast(StreamingHttpResponse, response).streaming_content)  # type: ignore[arg-type]


def test_anonymous_reads_only_what_is_published(world: World) -> None:
    recs = world.recommendations()
    page = anonymous().get(LIST)
    assert page.status_code == 200
    html = page.content.decode()
    assert recs.cedaw.text in html
    assert recs.upr.text not in html and recs.province.text not in html
    assert anonymous().get(reverse("portal:recommendation_detail", args=[recs.cedaw.pk])).status_code == 200
    for hidden in (recs.upr, recs.province):
        assert anonymous().get(reverse("portal:recommendation_detail", args=[hidden.pk])).status_code == 404


def test_the_permanent_link_by_uhri_id(world: World) -> None:
    cedaw = world.recommendations().cedaw
    page = anonymous().get(reverse("portal:recommendation_by_external_id", args=[cedaw.external_id]))
    assert page.status_code == 200
    assert f'rel="canonical" href="/public/recommendations/{cedaw.pk}/"' in page.content.decode()


def test_a_search_without_diacritics_finds_vietnamese_text(world: World) -> None:
    upr = world.recommendations().upr
    recommendation_publish(actor=world.secretariat, recommendation=upr)
    found = anonymous("vi").get(LIST, {"q": "giao duc quyen con nguoi"}).content.decode()
    assert "Đưa giáo dục quyền con người" in found or upr.text in found
    assert world.recommendations().cedaw.text not in found
    nothing = anonymous("vi").get(LIST, {"q": "khai sinh"}).content.decode()  # only in an unpublished one
    assert "Bảo đảm đăng ký khai sinh" not in nothing


def test_filters_and_a_bad_filter(world: World) -> None:
    upr = world.recommendations().upr
    recommendation_publish(actor=world.secretariat, recommendation=upr)
    html = anonymous().get(LIST, {"mechanism": "UPR", "cycle": "4", "position": "supported"}).content.decode()
    assert upr.text in html and world.recommendations().cedaw.text not in html
    assert anonymous().get(LIST, {"cycle": "0"}).status_code == 400
    assert anonymous().get(LIST, {"status": "nonsense"}).status_code == 400


def test_status_and_evidence_are_those_published(world: World) -> None:
    upr = world.recommendations().upr
    recommendation_assign(actor=world.secretariat, recommendation=upr, lead=world.justice)
    first = assessment_add(
        actor=world.secretariat,
        recommendation=upr,
        status="in_progress",
        assessed_on=datetime.date(2026, 1, 10),
        note="Chương trình thí điểm ở 20 trường",
    )
    recommendation_publish(actor=world.secretariat, recommendation=upr)
    later = assessment_add(
        actor=world.secretariat,
        recommendation=upr,
        status="implemented",
        assessed_on=datetime.date(2026, 3, 1),
        note="Ghi chú nội bộ chưa công bố",
    )
    url = reverse("portal:recommendation_detail", args=[upr.pk])
    html = anonymous().get(url).content.decode()
    assert "Chương trình thí điểm ở 20 trường" in html and "In progress" in html
    assert "Ghi chú nội bộ chưa công bố" not in html
    by_status = anonymous().get(LIST, {"status": "implemented"}).content.decode()
    assert upr.text not in by_status
    assessment_publish(actor=world.secretariat, assessment=later)
    cache.clear()  # the on-commit invalidation does not run inside a test's transaction
    html = anonymous().get(url).content.decode()
    assert "Ghi chú nội bộ chưa công bố" in html
    assert upr.text in anonymous().get(LIST, {"status": "implemented"}).content.decode()
    assessment_publish(actor=world.secretariat, assessment=first, published=False)
    cache.clear()
    assert "Chương trình thí điểm ở 20 trường" not in anonymous().get(url).content.decode()


def test_exports_hold_the_filtered_public_list(world: World) -> None:
    recs = world.recommendations()
    recommendation_publish(actor=world.secretariat, recommendation=recs.upr)
    data = json.loads(
        streamed(anonymous().get(reverse("portal:recommendation_export_json"), {"mechanism": "UPR"}))
    )
    assert [r["number"] for r in data] == [recs.upr.number]
    assert data[0]["url"].endswith(f"/public/recommendations/{recs.upr.pk}/")
    assert data[0]["themes"] and "owner" not in data[0]
    response = anonymous().get(reverse("portal:recommendation_export_csv"))
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.streaming and response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(streamed(response).decode("utf-8-sig"))))
    assert sorted(r["number"] for r in rows) == sorted([recs.upr.number, recs.cedaw.number])


def test_a_kept_page_costs_no_query(world: World) -> None:
    client = anonymous()
    first = client.get(LIST, {"q": "violence", "mechanism": "CEDAW"})
    assert first.status_code == 200 and first["X-Public-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        again = client.get(LIST, {"mechanism": "CEDAW", "q": "violence"})  # the same query, reordered
    assert len(queries) == 0, [q["sql"] for q in queries]
    assert again["X-Public-Cache"] == "hit" and again.content == first.content
    assert again["Cache-Control"].startswith("public")
    detail = reverse("portal:recommendation_detail", args=[world.recommendations().cedaw.pk])
    client.get(detail)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(detail).status_code == 200
    assert len(queries) == 0


def test_each_language_is_kept_apart_and_the_switch_works(world: World) -> None:
    client = Client()
    english = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    switched = client.get(reverse("portal:language"), {"language": "vi", "next": LIST})
    assert switched.status_code == 302 and switched["Location"] == LIST
    vietnamese = client.get(LIST).content.decode()
    assert 'lang="en"' in english[:200] and 'lang="vi"' in vietnamese[:200]
    assert "Tìm kiếm" in vietnamese and "Search" in english
    elsewhere = client.get(reverse("portal:language"), {"language": "en", "next": "https://evil.example/"})
    assert elsewhere["Location"] == LIST


def test_publishing_starts_the_cache_over(world: World, django_capture_on_commit_callbacks: Any) -> None:
    upr = world.recommendations().upr
    assert upr.text not in anonymous().get(LIST).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        recommendation_publish(actor=world.secretariat, recommendation=upr)
    assert upr.text in anonymous().get(LIST).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        recommendation_publish(actor=world.secretariat, recommendation=upr, published=False)
    assert upr.text not in anonymous().get(LIST).content.decode()
    assert anonymous().get(reverse("portal:recommendation_detail", args=[upr.pk])).status_code == 404


def test_no_page_of_the_portal_carries_a_form_token_or_a_user(world: World) -> None:
    cedaw = world.recommendations().cedaw
    for url in (LIST, reverse("portal:recommendation_detail", args=[cedaw.pk])):
        response = anonymous().get(url)
        html = response.content.decode()
        assert "csrfmiddlewaretoken" not in html and "csrftoken" not in response.cookies
        assert "sessionid" not in response.cookies and "Sign out" not in html
    assert Recommendation.objects.filter(is_published=True).count() == 1


def test_a_streamed_file_is_the_file_made_whole(world: World, settings: Any) -> None:
    """The download is streamed as its rows are read; its bytes are those of the file made in memory, and
    its queries are a fixed number per chunk of rows (here one chunk; the pieces read no more)."""
    from rightstrack.portal import exports
    from rightstrack.recommendations import selectors
    from rightstrack.recommendations.filters import PublicRecommendationFilterSet

    recommendation_publish(actor=world.secretariat, recommendation=world.recommendations().upr)
    for file_format in ("csv", "json"):
        for params in ({}, {"mechanism": "UPR"}, {"q": "nothing of the sort"}):
            response = anonymous().get(reverse(f"portal:recommendation_export_{file_format}"), params)
            assert response.streaming and "X-Public-Cache" not in response
            with CaptureQueriesContext(connection) as queries:
                content = streamed(response)
            listed = PublicRecommendationFilterSet(params or None, queryset=selectors.public_list()).qs
            assert content == exports.public_file(listed, file_format=file_format).content
            assert len(queries) <= 7, [q["sql"] for q in queries]  # the rows, then their five kinds of tags
