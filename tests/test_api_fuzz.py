"""Schemathesis over the OpenAPI schema, as every persona of the test world: no input may become a 500.

Each operation of the schema is called with inputs generated from the schema (valid and invalid: wrong
types, bounds, formats, missing fields), with each persona's API token and without one, in process through
the WSGI application. The only check is "not a server error": the answers a persona gets (403, 404, 400,
409…) are the other tests' business.

It runs as its own CI step (``.ci/run``), bounded by ``FUZZ_EXAMPLES`` examples per operation and persona;
the ordinary test run skips it:

    RIGHTSTRACK_FUZZ=1 .venv/bin/pytest -q -p no:randomly tests/test_api_fuzz.py
"""

from __future__ import annotations

import os
from typing import Any

import pytest

if os.environ.get("RIGHTSTRACK_FUZZ") != "1":
    pytest.skip(
        "the schema fuzzer runs as its own CI step: RIGHTSTRACK_FUZZ=1 pytest tests/test_api_fuzz.py",
        allow_module_level=True,
    )

import schemathesis  # noqa: E402
from drf_spectacular.generators import SchemaGenerator  # noqa: E402
from hypothesis import HealthCheck, Phase, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from rightstrack.wsgi import application  # noqa: E402
from tests.world import PERSONAS  # noqa: E402

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = application


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Any:
    """Calls go through the bare WSGI application, whose request signals close "old" connections: on
    PostgreSQL that closes the connection holding the test world's transaction. Django's test client
    disconnects the same handler for the same reason."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(world: Any) -> dict[str, str]:
    from rest_framework.authtoken.models import Token

    return {
        name: Token.objects.get_or_create(user=world.user(name))[0].key
        for name in PERSONAS
        if name != "anonymous"
    }


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same inputs on every run: a failure in CI reproduces here
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_no_input_makes_a_server_error(case: Any, tokens: dict[str, str]) -> None:
    """Each generated input is sent once per persona (and anonymously)."""
    for persona in PERSONAS:
        headers = {"Authorization": f"Token {tokens[persona]}"} if persona in tokens else {}
        try:
            case.call_and_validate(headers=headers, checks=[not_a_server_error])
        except Exception as exc:
            exc.add_note(f"as {persona}")
            raise
