"""Evidence of a progress note beyond a report section, a file and a reference: a legal document of the
register, an activity of the task's body, a kept document the actor can read. Each checked for scope (an id
out of scope is "not found"), another body's activity refused, nothing written by a refusal; shown on the
task page with links, and the tasks that cite a legal document shown on its page."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import translation

from rightstrack.core.models import AuditEntry
from rightstrack.followup.choices import EvidenceKind
from rightstrack.followup.models import TaskEvidence, TaskUpdate
from rightstrack.followup.services import Evidence, task_update
from tests.world import World

pytestmark = pytest.mark.usefixtures("followup", "activities", "legal", "documents")


def counts() -> tuple[int, int, int]:
    return TaskUpdate.objects.count(), TaskEvidence.objects.count(), AuditEntry.objects.count()


def test_a_legal_document_an_activity_and_a_document_are_evidence(world: World) -> None:
    task = world.followup().task_a
    decree = world.legal().decree
    training = world.activities().a_training
    under = world.activities().pc_a_dissemination  # A's People's Committee: a body under A's committee
    article = world.documents().article_a
    update = task_update(
        actor=world.focal_a,
        task=task,
        text="Đã tập huấn và phổ biến nghị định.",
        evidence=[
            Evidence(legal_document=decree),
            Evidence(activity=training),
            Evidence(activity=under),
            Evidence(document=article),
        ],
    )
    rows = {
        (row.kind, row.legal_document_id or row.activity_id or row.document_id)
        for row in update.evidence.all()
    }
    assert rows == {
        (EvidenceKind.LEGAL_DOCUMENT, decree.pk),
        (EvidenceKind.ACTIVITY, training.pk),
        (EvidenceKind.ACTIVITY, under.pk),
        (EvidenceKind.DOCUMENT, article.pk),
    }
    entry = AuditEntry.objects.for_object(update).get(action="create")
    cited = {
        (e["kind"], e.get("legal_document") or e.get("activity") or e.get("document"))
        for e in (entry.after or {})["evidence"]
    }
    assert (EvidenceKind.LEGAL_DOCUMENT, decree.pk) in cited and (EvidenceKind.DOCUMENT, article.pk) in cited


def test_another_bodys_activity_is_refused_and_nothing_changes(world: World) -> None:
    task = world.followup().task_a
    of_b = world.activities().b_awareness
    before = counts()
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        task_update(actor=world.secretariat, task=task, text="x", evidence=[Evidence(activity=of_b)])
    assert world.committee_b.name in " ".join(caught.value.message_dict["evidence"])
    assert counts() == before
    # A's focal point does not even see B's activity: "not found".
    with pytest.raises(Http404):
        task_update(actor=world.focal_a, task=task, text="x", evidence=[Evidence(activity=of_b)])
    assert counts() == before


def test_a_document_the_actor_cannot_read_is_not_found(world: World) -> None:
    task = world.followup().task_b
    article_of_a = world.documents().article_a
    before = counts()
    with pytest.raises(Http404):
        task_update(actor=world.focal_b, task=task, text="x", evidence=[Evidence(document=article_of_a)])
    assert counts() == before


def test_one_kind_per_piece_of_evidence(world: World) -> None:
    before = counts()
    with pytest.raises(ValidationError):
        task_update(
            actor=world.focal_a,
            task=world.followup().task_a,
            evidence=[Evidence(legal_document=world.legal().decree, reference="Nghị định 30")],
        )
    assert counts() == before


def test_the_form_cites_them_and_the_task_page_links_them(world: World, client_for: Any) -> None:
    task = world.followup().task_a
    decree = world.legal().decree
    training = world.activities().a_training
    article = world.documents().article_a
    focal = client_for("focal_a", language="en")
    page = focal.get(reverse("followup:task_detail", args=[task.pk])).content.decode()
    assert 'name="legal_document"' in page and 'name="activity"' in page and 'name="document"' in page
    assert world.activities().b_awareness.topic not in page  # B's activity is not offered
    response = focal.post(
        reverse("followup:task_update", args=[task.pk]),
        {"text": "Evidence.", "legal_document": decree.pk, "activity": training.pk, "document": article.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = focal.get(reverse("followup:task_detail", args=[task.pk])).content.decode()
    assert decree.get_absolute_url() in page
    assert article.get_absolute_url() in page
    assert training.get_absolute_url() in page  # A's focal point may open (edit) A's activity
    # The reviewer reads the activity but may not edit it: named, not linked.
    page = client_for("reviewer", language="en").get(reverse("followup:task_detail", args=[task.pk]))
    text = page.content.decode()
    assert training.topic in text and training.get_absolute_url() not in text


def test_the_form_refuses_another_bodys_activity_as_not_found(world: World, client_for: Any) -> None:
    task = world.followup().task_a
    before = counts()
    response = client_for("focal_a", language="en").post(
        reverse("followup:task_update", args=[task.pk]),
        {"text": "x", "activity": world.activities().b_awareness.pk},
    )
    assert response.status_code == 200 and "not found" in response.content.decode().lower()
    assert counts() == before


def test_the_legal_documents_page_shows_the_tasks_citing_it(world: World, client_for: Any) -> None:
    task = world.followup().task_a
    decree = world.legal().decree
    task_update(actor=world.focal_a, task=task, text="x", evidence=[Evidence(legal_document=decree)])
    url = reverse("laws:document_detail", args=[decree.pk])
    page = client_for("focal_a", language="en").get(url).content.decode()
    assert "Tasks citing this document as evidence" in page and task.get_absolute_url() in page
    # B's focal point does not see A's task.
    page = client_for("focal_b", language="en").get(url).content.decode()
    assert task.get_absolute_url() not in page and "No task you can see cites this document." in page


def test_the_api_takes_each_kind_and_answers_not_found_out_of_scope(world: World, api_for: Any) -> None:
    task = world.followup().task_a
    api = api_for("focal_a")
    progress = f"/api/tasks/{task.pk}/progress/"
    response = api.post(
        progress,
        {
            "text": "API",
            "legal_document": world.legal().constitution.pk,
            "activity": world.activities().a_awareness.pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    kinds = {row["kind"] for row in response.json()["evidence"]}
    assert kinds == {"legal_document", "activity"}
    before = counts()
    missing = api.post(progress, {"text": "x", "legal_document": 999_999}, format="json")
    assert missing.status_code == 400 and "not found" in str(missing.json()["legal_document"]).lower()
    other = api.post(progress, {"text": "x", "activity": world.activities().b_awareness.pk}, format="json")
    assert other.status_code == 400 and "not found" in str(other.json()["activity"]).lower()
    unread = api_for("focal_b").post(
        f"/api/tasks/{world.followup().task_b.pk}/progress/",
        {"text": "x", "document": world.documents().article_a.pk},
        format="json",
    )
    assert unread.status_code == 400 and "not found" in str(unread.json()["document"]).lower()
    office = api_for("secretariat").post(
        progress, {"text": "x", "activity": world.activities().b_awareness.pk}, format="json"
    )
    assert office.status_code == 400 and world.committee_b.name in str(office.json())
    assert counts() == before
