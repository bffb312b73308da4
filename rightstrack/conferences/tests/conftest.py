"""Conferences' fixtures on top of the shared world (``tests/world.py``: ``world.conferences()``)."""

from __future__ import annotations

from typing import cast

import pytest

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import User
from tests.factories import UserFactory
from tests.world import World


@pytest.fixture
def provincial_secretariat(world: World) -> User:
    """Standing-office staff of province A: organises within A's subtree only."""
    return cast(User, UserFactory(username="office_a", body=world.committee_a, role=Role.SECRETARIAT))
