"""The sign-in form says which field was left empty."""

from __future__ import annotations

from typing import Any

from django.urls import reverse


def test_an_empty_form_names_each_missing_field(db: None, client: Any) -> None:
    page = client.post(reverse("login"), {"username": "", "password": ""}, HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert "Enter your user name." in text and "Enter your password." in text
    assert "did not match" not in text


def test_a_missing_password_is_named_and_the_user_name_kept(db: None, client: Any) -> None:
    text = client.post(reverse("login"), {"username": "lan", "password": ""}).content.decode()
    assert "Đề nghị nhập mật khẩu." in text  # Vietnamese by default
    assert "Đề nghị nhập tên đăng nhập." not in text
    assert 'value="lan"' in text


def test_a_wrong_password_still_says_they_did_not_match(world: Any, client: Any) -> None:
    text = client.post(
        reverse("login"), {"username": "focal_a", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "did not match" in text
