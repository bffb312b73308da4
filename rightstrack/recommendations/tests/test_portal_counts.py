"""The portal's total and facet counts kept per filter set and published data version: every change of what
the portal shows moves the version in its own transaction, so a kept count is never read after it; the same
filters written differently share one entry; a job counts the unfiltered list after each change."""

from __future__ import annotations

import datetime
import io
import json
import re
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from rightstrack.recommendations import imports, published
from rightstrack.recommendations.services import (
    assessment_add,
    assessment_publish,
    recommendation_assign,
    recommendation_publish,
    recommendation_update,
)
from tests.world import World

pytestmark = pytest.mark.usefixtures("recommendations")

LIST = "/public/recommendations/"
COUNTING = re.compile(r"\bCOUNT\(", re.IGNORECASE)


@pytest.fixture(autouse=True)
def _pages_not_kept(settings: Any) -> None:
    """Pages built every time (the counts alone are kept), from an empty cache."""
    settings.PUBLIC_CACHE_SECONDS = 0
    cache.clear()


def _page(params: dict[str, str] | None = None) -> tuple[str, list[str]]:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST, params or {})
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in queries]


def _total(html: str) -> int:
    found = re.search(r"(\d+) published recommendation", html)
    assert found, "the list says how many it found"
    return int(found.group(1))


def test_every_change_the_portal_shows_moves_the_version(world: World) -> None:
    recs = world.recommendations()
    start = published.version()
    recommendation_publish(actor=world.secretariat, recommendation=recs.upr)
    assert published.version() == start + 1
    recommendation_publish(actor=world.secretariat, recommendation=recs.upr)  # nothing changed
    assert published.version() == start + 1
    recommendation_assign(actor=world.secretariat, recommendation=recs.upr, lead=world.justice)
    assert published.version() == start + 2  # its bodies are shown
    assessment = assessment_add(
        actor=world.secretariat,
        recommendation=recs.upr,
        status="in_progress",
        assessed_on=datetime.date(2026, 1, 1),
    )
    assessment_publish(actor=world.secretariat, assessment=assessment)
    assert published.version() == start + 3
    recommendation_update(actor=world.secretariat, recommendation=recs.upr, text_vi="Bản dịch")
    assert published.version() == start + 4
    recommendation_publish(actor=world.secretariat, recommendation=recs.upr, published=False)
    assert published.version() == start + 5
    with pytest.raises(RuntimeError), transaction.atomic():
        recommendation_publish(actor=world.secretariat, recommendation=recs.upr)
        raise RuntimeError  # rolled back: the version with it
    assert published.version() == start + 5


def test_kept_counts_are_exact_after_a_publish(world: World) -> None:
    recs = world.recommendations()
    html, queries = _page()
    before = _total(html)
    assert any(COUNTING.search(sql) for sql in queries)  # counted once…
    again, queries = _page()
    assert _total(again) == before and not any(COUNTING.search(sql) for sql in queries)  # …then kept
    recommendation_publish(actor=world.secretariat, recommendation=recs.upr)  # no cache emptied by hand
    html, queries = _page()
    assert _total(html) == before + 1 and recs.upr.text in html
    assert any(COUNTING.search(sql) for sql in queries)
    upr_facet = re.search(r'mechanism=UPR"[^<]*>[^<]*</a><span class="rt-num">(\d+)<', html)
    assert upr_facet and upr_facet.group(1) == "1"
    recommendation_publish(actor=world.secretariat, recommendation=recs.upr, published=False)
    assert _total(_page()[0]) == before


def test_the_same_filters_written_differently_share_their_counts(world: World) -> None:
    recommendation_publish(actor=world.secretariat, recommendation=world.recommendations().upr)
    first, queries = _page({"q": "Giáo dục", "mechanism": "UPR"})
    assert any(COUNTING.search(sql) for sql in queries)
    second, queries = _page({"mechanism": "UPR", "q": "giao  duc"})
    assert not any(COUNTING.search(sql) for sql in queries)
    assert _total(first) == _total(second) == 1
    assert _total(_page({"mechanism": "CEDAW"})[0]) == 1  # another filter set: counted on its own


def test_a_job_counts_the_list_after_a_change(world: World, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        recommendation_publish(actor=world.secretariat, recommendation=world.recommendations().upr)
    html, queries = _page()  # the first reader after the publish: the counts are there already
    assert not any(COUNTING.search(sql) for sql in queries)
    assert _total(html) == 2
    assert published.warm() is False  # a second job of the same burst finds it done


def test_an_import_that_changed_recorded_rows_moves_the_version(world: World) -> None:
    cedaw = world.recommendations().cedaw  # published
    row = {
        "number": cedaw.number,
        "text": cedaw.text,
        "themes": ["Rights of older persons"],
        "mechanism": cedaw.mechanism,
        "session": cedaw.session,
        "external_id": cedaw.external_id,
    }
    data = json.dumps([row]).encode()
    start = published.version()
    result = imports.import_apply(actor=world.secretariat, owner=world.national, file=io.BytesIO(data))
    assert result.updated == 1 and published.version() == start + 1
    again = imports.import_apply(actor=world.secretariat, owner=world.national, file=io.BytesIO(data))
    assert again.updated == 0 and published.version() == start + 1  # nothing changed: the counts stand
