"""Fixtures for the places tests: Viet Nam's provinces as loaded by the real loader, and two personas."""

from __future__ import annotations

import pytest

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import User
from rightstrack.places.services import places_load_vietnam


@pytest.fixture
def vietnam(db: None) -> dict[str, int]:
    """The shipped data file, loaded once for the test (a few hundred rows)."""
    return places_load_vietnam()


@pytest.fixture
def admin_user(db: None) -> User:
    return User.objects.create(username="admin-places", role=Role.ADMIN)


@pytest.fixture
def focal_point(db: None) -> User:
    return User.objects.create(username="focal-places", role=Role.PROVINCIAL_FOCAL_POINT)
