"""The body list of the user form (issue 7 item 3): searchable, without dissolved bodies, except the body a
user already belongs to, so editing that user never loses it."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse

from rightstrack.accounts.choices import Role
from tests.conftest import World
from tests.factories import UserFactory


def body_options(page: str) -> dict[str, str]:
    select = re.search(r'<select name="body"[^>]*>(.*?)</select>', page, re.S)
    assert select is not None
    return dict(re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', select.group(1)))


def test_a_new_user_is_offered_todays_bodies_in_a_searchable_list(world: World, signed_in: Any) -> None:
    page = signed_in("admin", language="vi").get(reverse("accounts:user_create")).content.decode()
    assert re.search(r'<select name="body"[^>]*data-searchable', page)
    assert 'data-search-label="Lọc danh sách"' in page
    options = body_options(page)
    assert str(world.committee_a.pk) in options and str(world.hue_committee.pk) in options
    assert str(world.quang_tri_committee.pk) not in options  # dissolved on 1 July 2025


def test_a_user_of_a_dissolved_body_keeps_it_when_edited(world: World, signed_in: Any) -> None:
    kept: Any = UserFactory(
        username="qt.focal", body=world.quang_tri_committee, role=Role.PROVINCIAL_FOCAL_POINT
    )
    page = signed_in("admin").get(reverse("accounts:user_edit", args=[kept.pk])).content.decode()
    options = body_options(page)
    assert str(world.quang_tri_committee.pk) in options and str(world.committee_a.pk) in options
