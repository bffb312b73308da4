"""Every page and API answer of the persona route matrix carries the Content-Security-Policy and the
Permissions-Policy, and ``Cache-Control: no-store`` when it was made for a signed-in user; no page holds an
inline script, an inline event handler or an inline style that the policy would block."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.conftest import ANONYMOUS, PERSONAS, World
from tests.test_route_matrix import CASES_BY_ID

# A JSON data block (type="application/json") is data, not code: the policy lets it be.
INLINE_SCRIPT = re.compile(r'<script\b(?![^>]*\bsrc=)(?![^>]*type="application/json")[^>]*>', re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|<[^>]+\sstyle\s*=", re.IGNORECASE)


def policy() -> dict[str, str]:
    """The policy as the setting declares it: directive → sources."""
    return {
        name: " ".join(sources) for name, sources in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"].items()
    }


def test_the_policy_is_strict() -> None:
    declared = policy()
    assert declared["script-src"] == "'self'" and declared["style-src"] == "'self'"
    assert declared["object-src"] == "'none'" and declared["frame-ancestors"] == "'none'"
    assert not any("unsafe" in sources or "*" in sources for sources in declared.values())


def assert_headers(response: Any, *, signed_in: bool, where: str) -> None:
    header = response.get("Content-Security-Policy", "")
    served = dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    assert served == policy(), f"{where}: {header!r}"
    assert response.get("Permissions-Policy") == settings.PERMISSIONS_POLICY, where
    if signed_in:
        assert response.get("Cache-Control") == "no-store", f"{where}: {response.get('Cache-Control')!r}"
    if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
        html = response.content.decode()
        for pattern in (INLINE_SCRIPT, INLINE_HANDLER, INLINE_STYLE):
            found = pattern.search(html)
            assert found is None, f"{where}: {found.group(0) if found else ''}"


@pytest.mark.parametrize("case_id", list(CASES_BY_ID))
def test_every_route_carries_the_policy_and_no_store(case_id: str, world: World, client_for: Any) -> None:
    case = CASES_BY_ID[case_id]
    url = reverse(case.route, kwargs=case.args(world)) + case.query
    for persona in PERSONAS:
        response = client_for(persona).get(url)
        assert response.status_code == case.expect[persona]
        assert_headers(response, signed_in=persona != ANONYMOUS, where=f"{persona} GET {url}")


@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/bodies/body/", "/admin/accounts/user/", "/admin/core/auditentry/"]
)
def test_the_admin_site_carries_them_too(path: str, world: World, client_for: Any) -> None:
    response = client_for("admin").get(path)
    assert response.status_code == 200
    assert_headers(response, signed_in=True, where=path)


def test_a_token_authenticated_api_answer_is_not_stored(world: World) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=world.users['focal_a']).key}")
    response = client.get("/api/bodies/")
    assert response.status_code == 200
    assert_headers(response, signed_in=True, where="token GET /api/bodies/")


def test_downloads_are_not_stored(world: World, client_for: Any) -> None:
    reporting = world.reporting()
    for url in (
        reverse("reporting:report_export_docx", args=[reporting.report_a.pk]),
        reverse("reporting:report_attachment", args=[reporting.report_a.pk, reporting.attachment.pk]),
    ):
        response = client_for("focal_a").get(url)
        assert response.status_code == 200 and response.get("Content-Disposition")
        assert response["Cache-Control"] == "no-store", url
