"""A new user's role has no default: whoever creates the user chooses it, on every path (decision 0019)."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from rightstrack.accounts.choices import Role
from rightstrack.accounts.forms import UserForm
from rightstrack.accounts.services import user_create
from tests.conftest import World

NO_ROLE = {
    "en": "Choose the user's role: no role is given by default.",
    "vi": "Đề nghị chọn vai trò của người dùng: hệ thống không tự gán vai trò nào.",
}


def test_the_form_starts_with_no_role_chosen(world: World) -> None:
    form = UserForm(user=world.admin)
    assert list(form.fields["role"].choices)[0][0] == ""  # type: ignore[attr-defined]
    assert form["role"].value() in (None, "")


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_page_refuses_a_user_without_a_role(
    language: str, world: World, client_for: Any, unchanged: Any
) -> None:
    response = client_for("admin", language=language).post(
        reverse("accounts:user_create"),
        {
            "username": "lan",
            "body": world.committee_a.pk,
            "preferred_language": "vi",
            "password": "a-long-test-password-2026",
        },
    )
    assert response.status_code == 200
    assert NO_ROLE[language] in html.unescape(response.content.decode())
    unchanged()


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_api_refuses_a_user_without_a_role(
    language: str, world: World, api_for: Any, unchanged: Any
) -> None:
    data = {"username": "lan", "body": world.committee_a.pk, "password": "a-long-test-password-2026"}
    response = api_for("admin").post("/api/users/", data, format="json", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    assert response.json() == {"role": [NO_ROLE[language]]}
    unchanged()


def test_the_service_refuses_an_empty_role(world: World, unchanged: Any) -> None:
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        user_create(actor=world.admin, username="lan", body=world.committee_a, role="")
    assert caught.value.message_dict["role"] == [NO_ROLE["en"]]
    unchanged()


def test_a_chosen_role_is_kept(world: World, client_for: Any) -> None:
    client_for("admin").post(
        reverse("accounts:user_create"),
        {
            "username": "lan",
            "body": world.committee_a.pk,
            "role": Role.REVIEWER,
            "preferred_language": "vi",
            "password": "a-long-test-password-2026",
        },
    )
    from rightstrack.accounts.models import User

    assert User.objects.get(username="lan").role == Role.REVIEWER
