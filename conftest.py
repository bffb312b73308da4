"""Settings every test runs under: plain HTTP (the test client and live server speak no TLS)."""

import pytest


@pytest.fixture(autouse=True)
def _plain_http(settings):  # type: ignore[no-untyped-def]
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
