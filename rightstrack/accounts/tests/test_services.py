"""Users: every user belongs to a body; bad input says so in the user's language and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import User
from rightstrack.accounts.services import user_create, user_update
from rightstrack.bodies.models import Body
from tests.conftest import World

NO_BODY = {
    "en": "Every user belongs to a body: choose one.",
    "vi": "Mỗi người dùng phải thuộc một cơ quan: đề nghị chọn cơ quan.",
}


# A user with no body -----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "vi"])
def test_service_refuses_a_user_without_a_body(language: str, world: World, unchanged: Any) -> None:
    with translation.override(language), pytest.raises(ValidationError) as caught:
        user_create(actor=world.users["admin"], username="nobody", body=None, role=Role.REVIEWER)
    with translation.override(language):
        assert caught.value.message_dict["body"] == [NO_BODY[language]]
    unchanged()


def test_service_refuses_taking_a_users_body_away(world: World, unchanged: Any) -> None:
    user = world.users["focal_a"]
    with pytest.raises(ValidationError):
        user_update(actor=world.users["admin"], user=user, body=None)
    user.refresh_from_db()
    assert user.body == world.committee_a
    unchanged()


@pytest.mark.parametrize("language", ["en", "vi"])
def test_user_form_without_a_body_says_so(
    language: str, world: World, client_for: Any, unchanged: Any
) -> None:
    response = client_for("admin", language=language).post(
        reverse("accounts:user_create"),
        {
            "username": "nobody",
            "role": Role.REVIEWER,
            "preferred_language": "vi",
            "password": "a-long-test-password-2026",
        },
    )
    assert response.status_code == 200
    assert NO_BODY[language] in response.content.decode()
    unchanged()


@pytest.mark.parametrize("body", [None, "missing"])
@pytest.mark.parametrize("language", ["en", "vi"])
def test_api_without_a_body_says_so(
    body: Any, language: str, world: World, api_for: Any, unchanged: Any
) -> None:
    data: dict[str, Any] = {
        "username": "nobody",
        "role": Role.REVIEWER,
        "password": "a-long-test-password-2026",
    }
    if body is None:
        data["body"] = None
    response = api_for("admin").post("/api/users/", data, format="json", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    assert response.json() == {"body": [NO_BODY[language]]}
    unchanged()


def test_a_user_without_a_body_sees_nothing(world: World, client_for: Any) -> None:
    """A superuser may exist without a body (an installation's first account); a plain user never is, but
    if one were, they would see nothing rather than everything."""
    stray = User.objects.create_user(username="stray", password="x", role=Role.REVIEWER)
    from rightstrack.core.scope import scoped

    assert not scoped(stray, Body.objects.all()).exists()
    assert not scoped(stray, User.objects.all()).exists()
