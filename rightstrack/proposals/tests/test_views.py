"""Proposal pages and API: lists within scope, 404 outside it, the one click from the pack, the law's page
listing the proposals that concern it, and refusals in the reader's language that change nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from rightstrack.packs.services import pack_create, pack_refresh
from rightstrack.proposals.models import Proposal
from rightstrack.reporting.services import report_submit
from tests.world import World

pytestmark = pytest.mark.usefixtures("proposals")


def test_the_list_shows_a_province_only_its_own_proposals(world: World, client_for: Any) -> None:
    page = client_for("focal_b").get(reverse("proposals:proposal_list")).content.decode()
    found = world.proposals()
    assert found.of_b.topic in page
    assert found.of_a.topic not in page and found.national.topic not in page


def test_another_provinces_proposal_is_not_found(world: World, client_for: Any) -> None:
    url = reverse("proposals:proposal_detail", args=[world.proposals().of_a.pk])
    assert client_for("focal_b").get(url).status_code == 404
    assert client_for("focal_b").get(f"/api/proposals/{world.proposals().of_a.pk}/").status_code == 404


def test_the_law_page_lists_the_proposals_that_concern_it(world: World, client_for: Any) -> None:
    url = reverse("laws:document_detail", args=[world.legal().decree.pk])
    of_a = world.proposals().of_a
    assert of_a.get_absolute_url() in client_for("focal_a").get(url).content.decode()
    assert of_a.get_absolute_url() not in client_for("focal_b").get(url).content.decode()


def test_a_status_change_not_allowed_is_explained_in_vietnamese(world: World, signed_in: Any) -> None:
    of_a = world.proposals().of_a
    client = signed_in(world.secretariat, language="vi")
    url = reverse("proposals:proposal_status", args=[of_a.pk])
    client.post(url, {"status": "adopted", "response": "Đồng ý"})
    response = client.post(url, {"status": "considering"}, follow=True)
    assert "không thể chuyển thành" in response.content.decode()
    of_a.refresh_from_db()
    assert of_a.status == "adopted"


def test_a_new_proposal_starts_from_a_report_section(world: World, client_for: Any) -> None:
    from rightstrack.reporting.models import ReportSection

    section = ReportSection.objects.get(report=world.reporting().report_a, section__key="proposals")
    page = client_for("focal_a").get(reverse("proposals:proposal_create") + f"?section={section.pk}")
    assert "30/2020/ND-CP" in page.content.decode()
    other = ReportSection.objects.get(report=world.reporting().report_b, section__key="proposals")
    assert (
        client_for("focal_a").get(reverse("proposals:proposal_create") + f"?section={other.pk}").status_code
        == 404
    )


def test_the_form_refuses_a_section_of_another_body_and_records_nothing(
    world: World, client_for: Any
) -> None:
    from rightstrack.reporting.models import ReportSection

    other = ReportSection.objects.get(report=world.reporting().report_b, section__key="proposals")
    before = Proposal.objects.count()
    response = client_for("focal_a").post(
        reverse("proposals:proposal_create"),
        {
            "body": world.committee_a.pk,
            "kind": "other",
            "topic": "Đề xuất",
            "text": "Nội dung",
            "authority": "Chính phủ",
            "section": other.pk,
        },
    )
    assert response.status_code == 200
    assert Proposal.objects.count() == before


def test_one_click_on_the_packs_proposals_part(world: World, client_for: Any) -> None:
    reporting = world.reporting()
    reporting.report_a.refresh_from_db()
    report_submit(actor=world.focal_a, report=reporting.report_a)
    pack, _ = pack_refresh(
        actor=world.secretariat, pack=pack_create(actor=world.secretariat, cycle=reporting.cycle)
    )
    client = client_for("secretariat")
    page = client.get(reverse("packs:pack_detail", args=[pack.pk])).content.decode()
    action = reverse("proposals:proposal_from_pack", args=[pack.pk])
    assert action in page
    response = client.post(action, {"group": 0})
    proposal = Proposal.objects.get(sources__pack=pack)
    assert response["Location"] == proposal.get_absolute_url()
    assert client_for("focal_a").post(action, {"group": 0}).status_code == 404  # a province reads no pack


def test_the_api_merges_and_refuses_a_status_not_allowed(world: World, api_for: Any) -> None:
    found = world.proposals()
    api = api_for("secretariat")
    merged = api.post(
        f"/api/proposals/{found.national.pk}/merge/", {"proposals": [found.of_a.pk]}, format="json"
    )
    assert merged.status_code == 200, merged.content
    assert len(merged.json()["sources"]) == 2
    answered = api.post(f"/api/proposals/{found.national.pk}/status/", {"status": "declined"}, format="json")
    assert answered.status_code == 200
    refused = api.post(f"/api/proposals/{found.national.pk}/status/", {"status": "adopted"}, format="json")
    assert refused.status_code == 400
    found.national.refresh_from_db()
    assert found.national.status == "declined"


def test_the_report_pages_proposals_section_offers_to_record_a_proposal(
    world: World, client_for: Any
) -> None:
    report = world.reporting().report_a
    page = client_for("focal_a").get(report.get_absolute_url()).content.decode()
    link = reverse("proposals:proposal_create") + f"?report={report.pk}&amp;key=proposals"
    assert link in page
    form = client_for("focal_a").get(
        reverse("proposals:proposal_create") + f"?report={report.pk}&key=proposals"
    )
    assert "30/2020/ND-CP" in form.content.decode()
    other = world.reporting().report_b
    assert (
        client_for("focal_a").get(reverse("proposals:proposal_create") + f"?report={other.pk}").status_code
        == 404
    )
    assert link not in client_for("reviewer").get(report.get_absolute_url()).content.decode()  # no role to


def test_a_proposal_from_a_merged_provinces_report_keeps_its_body_on_the_form(world: World) -> None:
    from rightstrack.proposals.forms import ProposalForm

    dissolved = world.quang_tri_committee
    form = ProposalForm(user=world.secretariat, initial={"body": dissolved.pk})
    assert dissolved in form.fields["body"].queryset  # type: ignore[attr-defined]
    assert dissolved not in ProposalForm(user=world.secretariat).fields["body"].queryset  # type: ignore[attr-defined]
    outside = ProposalForm(user=world.focal_a, initial={"body": world.committee_b.pk})
    assert world.committee_b not in outside.fields["body"].queryset  # type: ignore[attr-defined]
