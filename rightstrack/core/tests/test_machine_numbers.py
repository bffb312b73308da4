"""Numbers meant for machines stay plain while people's numbers are grouped (USE_THOUSAND_SEPARATOR):
a link to page 1,235 says ``page=1235`` in Vietnamese too, while the page shows "1.235"."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation


def test_pagination_links_carry_plain_page_numbers_in_both_languages() -> None:
    page = Paginator(range(5000), 2).page(1234)
    request = RequestFactory().get("/x/", {"q": "Hà Nội", "page": "1234"})
    for language, shown in (("vi", "1.234"), ("en", "1,234")):
        with translation.override(language):
            html = render_to_string(
                "includes/pagination.html", {"is_paginated": True, "page_obj": page, "request": request}
            )
        assert "page=1233" in html and "page=1235" in html
        assert shown in html  # "Page 1.234 of 2.500" for people
