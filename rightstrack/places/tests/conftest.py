"""Fixtures for the places tests: Viet Nam as the real loader loads it (once per session, see
``tests/layers.py``), and two users who belong to no body."""

from __future__ import annotations

from typing import Any

import pytest

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import User
from tests.layers import State, layer, layer_fixture


@layer("vietnam")
def _load_vietnam(state: State) -> State:
    from rightstrack.places.services import places_load_vietnam

    return {"vietnam": places_load_vietnam()}


@pytest.fixture
@layer_fixture("vietnam")
def vietnam(_layer_state: State) -> dict[str, int]:
    """The shipped data file, loaded by ``places_load_vietnam``: what it returned (created, updated...)."""
    return _layer_state["vietnam"]  # type: ignore[no-any-return]


@pytest.fixture
def admin_user(db: None) -> User:
    return User.objects.create(username="admin-places", role=Role.ADMIN)


@pytest.fixture
def focal_point(db: None) -> User:
    return User.objects.create(username="focal-places", role=Role.PROVINCIAL_FOCAL_POINT)


@layer("vietnam-communes", on=("vietnam",))
def _load_communes(state: State) -> State:
    from rightstrack.places.services import communes_load_2025

    return {"communes": communes_load_2025(actor=None)}


@pytest.fixture
@layer_fixture("vietnam", "vietnam-communes")
def vietnam_communes(_layer_state: State) -> Any:
    """The shipped communes of 1 July 2025, all 34 provinces, loaded on top of ``vietnam``: the result."""
    return _layer_state["communes"]
