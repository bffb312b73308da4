"""The register's pages and API: the citations a reader may open, statuses within scope, bad input refused
with a translated reason and nothing changed."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from rightstrack.laws.models import LegalDocument, LegalStatus
from tests.world import World

pytestmark = pytest.mark.usefixtures("legal")


def test_the_law_page_links_the_citation_for_the_province_that_wrote_it(
    world: World, client_for: Any
) -> None:
    url = reverse("laws:document_detail", args=[world.legal().decree.pk])
    report_url = world.reporting().report_a.get_absolute_url() + "#section-proposals"
    page_a = client_for("focal_a").get(url).content.decode()
    page_b = client_for("focal_b").get(url).content.decode()
    assert report_url in page_a and "30/2020/ND-CP" in page_a
    assert report_url not in page_b  # B does not see A's report: no link, no passage
    assert "Đề nghị sửa đổi" not in page_b


def test_each_province_sees_only_its_own_status(world: World, client_for: Any) -> None:
    url = reverse("laws:document_detail", args=[world.legal().decree.pk])
    page_b = client_for("focal_b").get(url).content.decode()
    assert world.committee_b.name in page_b and world.committee_a.name not in page_b


def test_the_vietnamese_page_says_in_force_but_not_in_practice(world: World, signed_in: Any) -> None:
    url = reverse("laws:document_detail", args=[world.legal().decree.pk])
    page = signed_in(world.secretariat, language="vi").get(url).content.decode()
    assert "Có hiệu lực nhưng chưa đi vào thực tiễn" in page


def test_a_malformed_symbol_on_the_form_is_refused_in_vietnamese(world: World, signed_in: Any) -> None:
    before = LegalDocument.objects.count()
    response = signed_in(world.secretariat, language="vi").post(
        reverse("laws:document_create"),
        {"kind": "decree", "symbol": "30/2020", "title": "Nghị định", "issuer": "Chính phủ"},
    )
    assert response.status_code == 200
    assert "không phải là số, ký hiệu văn bản" in response.content.decode()
    assert LegalDocument.objects.count() == before


def test_a_status_for_a_body_outside_scope_is_not_offered(world: World, client_for: Any) -> None:
    before = list(LegalStatus.objects.values_list("pk", "status"))
    response = client_for("focal_a").post(
        reverse("laws:status_set", args=[world.legal().decree.pk]),
        {"body": world.committee_b.pk, "status": "repealed"},
    )
    assert response.status_code == 302
    assert list(LegalStatus.objects.values_list("pk", "status")) == before


def test_the_api_parses_the_symbol_and_refuses_a_malformed_one(world: World, api_for: Any) -> None:
    api = api_for("secretariat")
    created = api.post(
        "/api/laws/",
        {
            "kind": "law",
            "symbol": "104 / 2016 / qh13",
            "title": "Luật Tiếp cận thông tin",
            "issuer": "Quốc hội",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["symbol"] == "104/2016/QH13"
    refused = api.post(
        "/api/laws/", {"kind": "law", "symbol": "abc", "title": "X", "issuer": "Y"}, format="json"
    )
    assert refused.status_code == 400
    assert "symbol" in refused.json() or "symbol" in str(refused.json())


def test_the_api_records_a_status_in_scope_and_404s_outside(world: World, api_for: Any) -> None:
    decree = world.legal().decree
    api = api_for("focal_a")
    ok = api.post(
        f"/api/laws/{decree.pk}/status/", {"body": world.committee_a.pk, "status": "drafting"}, format="json"
    )
    assert ok.status_code == 200, ok.content
    assert ok.json()["history"][0]["status"] == "drafting"
    out = api.post(
        f"/api/laws/{decree.pk}/status/", {"body": world.committee_b.pk, "status": "drafting"}, format="json"
    )
    assert out.status_code == 400  # the body is "not found" for A
    assert LegalStatus.objects.get(document=decree, body=world.committee_b).status == "not_in_practice"
