"""Deleting a proposal recorded by mistake: its own body's focal point (or the standing office) deletes it
while it is still submitted and merged with none, with its passages and history, and the audit log keeps it;
an answered or merged proposal stays on record; another province's is not found."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from rightstrack.core.models import AuditEntry
from rightstrack.proposals.models import Proposal, ProposalSource, ProposalStatusChange
from rightstrack.proposals.services import proposal_delete, proposal_merge, proposal_status_change
from tests.world import World

pytestmark = pytest.mark.usefixtures("proposals")


def test_a_submitted_proposal_goes_with_its_passages_and_history(world: World) -> None:
    of_a = world.proposals().of_a
    pk = of_a.pk
    proposal_delete(actor=world.focal_a, proposal=of_a)
    assert not Proposal.objects.filter(pk=pk).exists()
    assert not ProposalSource.objects.filter(proposal_id=pk).exists()
    assert not ProposalStatusChange.objects.filter(proposal_id=pk).exists()
    entry = AuditEntry.objects.get(action="delete", object_id=str(pk), content_type__model="proposal")
    assert entry.before is not None and entry.before["topic"] == "Sửa đổi Nghị định về công tác văn thư"
    assert world.legal().decree.pk  # the law it concerned stays in the register


def test_an_answered_proposal_stays(world: World) -> None:
    of_b = world.proposals().of_b
    proposal_status_change(actor=world.secretariat, proposal=of_b, status="considering")
    with pytest.raises(ValidationError) as refused:
        proposal_delete(actor=world.secretariat, proposal=of_b)
    assert "stays on record" in refused.value.messages[0]
    assert Proposal.objects.filter(pk=of_b.pk).exists()


def test_a_merged_proposal_and_the_one_it_was_merged_into_stay(world: World) -> None:
    found = world.proposals()
    proposal_merge(actor=world.secretariat, target=found.national, proposals=[found.of_a])
    for proposal in (found.of_a, found.national):
        with pytest.raises(ValidationError) as refused:
            proposal_delete(actor=world.secretariat, proposal=proposal)
        assert "merged" in refused.value.messages[0]
    assert Proposal.objects.filter(pk__in=[found.of_a.pk, found.national.pk]).count() == 2


def test_a_reviewer_cannot_and_another_province_does_not_find_it(world: World) -> None:
    of_a = world.proposals().of_a
    with pytest.raises(PermissionDenied):
        proposal_delete(actor=world.reviewer, proposal=of_a)
    with pytest.raises(Http404):
        proposal_delete(actor=world.focal_b, proposal=of_a)
    assert Proposal.objects.filter(pk=of_a.pk).exists()


def test_the_page_offers_it_confirms_and_deletes(world: World, client_for: Any) -> None:
    of_a = world.proposals().of_a
    url = reverse("proposals:proposal_delete", args=[of_a.pk])
    client = client_for("focal_a", language="vi")
    assert url in client.get(of_a.get_absolute_url()).content.decode()
    assert "Xóa kiến nghị" in client.get(url).content.decode()
    gone = client.post(url)
    assert gone.status_code == 302 and gone["Location"] == reverse("proposals:proposal_list")
    assert not Proposal.objects.filter(pk=of_a.pk).exists()


def test_the_page_does_not_offer_it_once_answered_and_a_post_is_refused(
    world: World, client_for: Any
) -> None:
    of_b = world.proposals().of_b
    proposal_status_change(actor=world.secretariat, proposal=of_b, status="declined", response="Chưa bố trí.")
    url = reverse("proposals:proposal_delete", args=[of_b.pk])
    client = client_for("focal_b")
    assert url not in client.get(of_b.get_absolute_url()).content.decode()
    refused = client.post(url)
    assert refused.status_code == 302 and refused["Location"] == of_b.get_absolute_url()
    assert Proposal.objects.filter(pk=of_b.pk).exists()


def test_the_api_deletes_and_answers_400_with_the_reason(world: World, api_for: Any) -> None:
    found = world.proposals()
    proposal_status_change(actor=world.secretariat, proposal=found.of_b, status="considering")
    refused = api_for("focal_b").delete(f"/api/proposals/{found.of_b.pk}/")
    assert refused.status_code == 400 and "stays on record" in str(refused.json())
    assert api_for("focal_b").delete(f"/api/proposals/{found.of_a.pk}/").status_code == 404
    assert api_for("focal_a").delete(f"/api/proposals/{found.of_a.pk}/").status_code == 204
    assert not Proposal.objects.filter(pk=found.of_a.pk).exists()
