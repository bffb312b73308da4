"""Recommendations come in the order people read them — session 9 before 46, "140.9" before "140.116" —
in the list, the API and the exports, on PostgreSQL and SQLite alike (a sort key with padded digits)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from rightstrack.recommendations import services
from rightstrack.recommendations.models import sort_key_of
from tests.world import World

NUMBERS = ["140.116", "140.9", "9.1", "140.10", "140.9a", "141.1"]


@given(st.lists(st.tuples(st.integers(0, 999), st.integers(0, 99_999), st.integers(0, 9_999)), min_size=2))
def test_the_key_orders_as_the_numbers_do(values: list[tuple[int, int, int]]) -> None:
    keys = {v: sort_key_of(str(v[0]), f"{v[1]}.{v[2]}") for v in values}
    assert sorted(values, key=keys.__getitem__) == sorted(values)


def make(world: World) -> None:
    for session in ("46", "9"):
        for number in NUMBERS:
            services.recommendation_create(
                actor=world.secretariat,
                owner=world.national,
                text=f"Recommendation {session}/{number}",
                mechanism="UPR",
                session=session,
                number=number,
            )


EXPECTED = [(s, n) for s in ("9", "46") for n in ["9.1", "140.9", "140.9a", "140.10", "140.116", "141.1"]]


def test_the_list_the_api_and_the_exports_read_numbers_in_order(
    world: World, signed_in: Any, api_for: Any, tmp_path: Path
) -> None:
    make(world)
    page = signed_in("secretariat", language="en").get(
        reverse("recommendations:recommendation_list"), {"mechanism": "UPR", "q": "Recommendation"}
    )
    listed = [(r.session, r.number) for r in page.context["object_list"]]
    assert listed == EXPECTED
    api = api_for("secretariat").get("/api/recommendations/", {"mechanism": "UPR", "q": "Recommendation"})
    assert [(r["session"], r["number"]) for r in api.json()["results"]] == EXPECTED
    target = tmp_path / "all.json"
    call_command("recommendations_export", "--format", "json", "-o", str(target), stderr=io.StringIO())
    exported = [
        (r["session"], r["number"])
        for r in json.loads(target.read_text(encoding="utf-8"))
        if r["text"].startswith("Recommendation ")
    ]
    assert exported == EXPECTED
