"""Publishing on the portal: the standing office decides, the change is audited, and whatever the flags
are, an anonymous reader sees exactly the published recommendations and, of those, the published
assessments (a property over every combination of flags)."""

from __future__ import annotations

import datetime
import json
from typing import Any, cast

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, StreamingHttpResponse
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rightstrack.core.models import AuditEntry
from rightstrack.recommendations.models import Assessment, Recommendation
from rightstrack.recommendations.services import (
    assessment_add,
    assessment_publish,
    recommendation_assign,
    recommendation_publish,
)
from tests.world import World

pytestmark = pytest.mark.usefixtures("recommendations")


def test_the_office_publishes_and_withdraws_with_a_record(world: World) -> None:
    upr = world.recommendations().upr
    recommendation_assign(actor=world.secretariat, recommendation=upr, lead=world.justice)
    assessment = assessment_add(
        actor=world.agency, recommendation=upr, status="in_progress", assessed_on=datetime.date(2026, 2, 1)
    )
    recommendation_publish(actor=world.secretariat, recommendation=upr)
    upr.refresh_from_db()
    assessment.refresh_from_db()
    assert upr.is_published and upr.published_at is not None and assessment.is_published
    entry = AuditEntry.objects.filter(object_id=str(upr.pk), action="published").latest("pk")
    assert (entry.after or {})["published_assessments"] == [assessment.pk]
    assert (entry.before or {})["is_published"] is False

    recommendation_publish(actor=world.secretariat, recommendation=upr, published=False)
    upr.refresh_from_db()
    assert not upr.is_published and upr.published_at is None
    assert AuditEntry.objects.filter(object_id=str(upr.pk), action="unpublished").exists()
    with pytest.raises(ValidationError):  # an assessment is shown only with its recommendation
        assessment_publish(actor=world.secretariat, assessment=assessment)


def test_publishing_twice_records_once(world: World) -> None:
    cedaw = world.recommendations().cedaw  # published by the world already
    before = AuditEntry.objects.count()
    recommendation_publish(actor=world.secretariat, recommendation=cedaw)
    assert AuditEntry.objects.count() == before


def test_only_the_keeper_publishes(world: World) -> None:
    recs = world.recommendations()
    recommendation_assign(actor=world.secretariat, recommendation=recs.upr, lead=world.justice)
    with pytest.raises(PermissionDenied):  # the lead ministry reports on it but does not publish it
        recommendation_publish(actor=world.agency, recommendation=recs.upr)
    with pytest.raises(PermissionDenied):
        recommendation_publish(actor=world.users["reviewer"], recommendation=recs.upr)
    with pytest.raises(Http404):  # province B does not even see it
        recommendation_publish(actor=world.users["focal_b"], recommendation=recs.upr)
    assert not Recommendation.objects.get(pk=recs.upr.pk).is_published


def test_the_publish_button_and_its_result(world: World, signed_in: Any) -> None:
    upr = world.recommendations().upr
    page = signed_in("secretariat").get(reverse("recommendations:recommendation_detail", args=[upr.pk]))
    assert b"data-publish" in page.content and b"Publish on the portal" in page.content
    answer = signed_in("secretariat").post(reverse("recommendations:recommendation_publish", args=[upr.pk]))
    assert answer.status_code == 302
    page = signed_in("secretariat").get(answer["Location"])
    assert b"Published on the portal" in page.content and b"Withdraw from the portal" in page.content
    reviewer = signed_in("reviewer").get(reverse("recommendations:recommendation_detail", args=[upr.pk]))
    assert b"data-publish" not in reviewer.content and b"data-unpublish" not in reviewer.content


def test_the_api_publishes(world: World, api_for: Any) -> None:
    province = world.recommendations().province
    response = api_for("secretariat").post(
        f"/api/recommendations/{province.pk}/publish/", {"published": True}, format="json"
    )
    assert response.status_code == 200 and response.json()["is_published"] is True
    refused = api_for("agency").post(f"/api/recommendations/{province.pk}/publish/", {}, format="json")
    assert refused.status_code == 404  # the ministry does not see province A's recommendation


# Whatever is published, the portal shows exactly that ------------------------------------------------


def _assessments(world: World) -> list[Assessment]:
    recs = world.recommendations()
    made = []
    for n, rec in enumerate((recs.upr, recs.cedaw, recs.province)):
        recommendation_assign(actor=None, recommendation=rec, lead=world.justice)
        for k in range(2):
            made.append(
                assessment_add(
                    actor=None,
                    recommendation=rec,
                    status="in_progress",
                    assessed_on=datetime.date(2026, 1, 1 + k),
                    note=f"ghi-chu-{n}-{k}",
                )
            )
    return made


def test_the_portal_shows_exactly_what_is_published(world: World) -> None:
    recs = [world.recommendations().upr, world.recommendations().cedaw, world.recommendations().province]
    assessments = _assessments(world)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")

    @settings(
        max_examples=25,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        shown=st.lists(st.booleans(), min_size=3, max_size=3),
        notes=st.lists(st.booleans(), min_size=6, max_size=6),
    )
    def check(shown: list[bool], notes: list[bool]) -> None:
        Recommendation.objects.filter(pk__in=[r.pk for r in recs]).update(is_published=False)
        Assessment.objects.filter(pk__in=[a.pk for a in assessments]).update(is_published=False)
        Recommendation.objects.filter(pk__in=[r.pk for r, s in zip(recs, shown, strict=True) if s]).update(
            is_published=True
        )
        Assessment.objects.filter(pk__in=[a.pk for a, s in zip(assessments, notes, strict=True) if s]).update(
            is_published=True
        )
        cache.clear()
        listing = client.get("/public/recommendations/").content.decode()
        download = cast(StreamingHttpResponse, client.get("/public/recommendations/export.json"))
        exported = json.loads(b"".join(download.streaming_content))  # type: ignore[arg-type]
        assert sorted(r["number"] for r in exported) == sorted(
            r.number for r, s in zip(recs, shown, strict=True) if s
        )
        for index, rec in enumerate(recs):
            assert (rec.text in listing) is shown[index]
            page = client.get(f"/public/recommendations/{rec.pk}/")
            assert page.status_code == (200 if shown[index] else 404)
            html = page.content.decode()
            for k in range(2):
                visible = shown[index] and notes[index * 2 + k]
                assert (f"ghi-chu-{index}-{k}" in html) is visible

    check()
