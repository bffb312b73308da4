"""What every page carries (issue 7 item 8 and item 3): the site's icon, and from the API documentation a way
back to the application, in both languages."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.conftest import World

ICON = '<link rel="icon" href="/static/rightstrack/favicon.svg" type="image/svg+xml">'
BACK = {"en": "Back to rightstrack", "vi": "Quay lại rightstrack"}


@pytest.mark.parametrize("route", ["login", "api-docs"])
def test_a_page_signed_out_has_the_icon(route: str, world: World, signed_in: Any) -> None:
    page = signed_in("anonymous").get(reverse(route)).content.decode()
    assert ICON in page


@pytest.mark.parametrize("route", ["home", "profile", "notifications:notification_list"])
def test_a_page_signed_in_has_the_icon(route: str, world: World, signed_in: Any) -> None:
    page = signed_in("focal_a").get(reverse(route)).content.decode()
    assert ICON in page


def test_the_server_error_page_has_the_icon_too() -> None:
    from django.template.loader import render_to_string

    assert ICON in render_to_string("500.html")


def test_the_icon_is_an_svg_file_of_the_site() -> None:
    from django.contrib.staticfiles import finders

    found = finders.find("rightstrack/favicon.svg")
    assert found and open(found, encoding="utf-8").read().lstrip().startswith("<svg")


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_api_documentation_links_back_to_the_application(
    language: str, world: World, signed_in: Any
) -> None:
    page = signed_in("focal_a", language=language).get(reverse("api-docs")).content.decode()
    assert f'href="{reverse("home")}">{BACK[language]}</a>' in page
