"""What every test runs under, and the one test world.

Settings: plain HTTP (the test client and live server speak no TLS), background tasks run in-process right
after commit (django-tasks' ImmediateBackend), e-mail kept in memory, a fast password hash, uploads in a
temporary folder per test.

The world (``tests/world.py``: places, bodies, the personas) and the reporting objects on top of it are built
once per session and xdist worker, not once per test: see ``tests/layers.py`` for how, and
``docs/development.md`` for how to use it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.layers import (
    Layers,
    State,
    is_transactional,
    layer,
    layer_fixture,
    layers_of,
    layers_wanted,
    order_by_layers,
)

if TYPE_CHECKING:
    from django.test import Client
    from rest_framework.test import APIClient

    from tests.world import (
        Activities,
        Conferences,
        Documents,
        Followup,
        Legal,
        Proposals,
        Recommendations,
        Reporting,
        World,
    )

# pyproject.toml keeps schemathesis' pytest plugin out of ordinary runs; its own CI step needs it.
pytest_plugins = ["schemathesis.pytest.plugin"] if os.environ.get("RIGHTSTRACK_FUZZ") == "1" else []

# Property tests judge what the code answers, not how fast: on a loaded 2-core machine (several engineers'
# suites side by side) Hypothesis' 200 ms deadline and its "input generation is slow" check failed tests
# whose answers were right. A test that is about time measures it itself.
hypothesis_settings.register_profile(
    "rightstrack", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("rightstrack")

TEST_SETTINGS: dict[str, Any] = {
    "SECURE_SSL_REDIRECT": False,
    "SESSION_COOKIE_SECURE": False,
    "CSRF_COOKIE_SECURE": False,
    "TASKS": {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}
    },
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],  # speed, tests only
    "JOB_RETENTION_DAYS": 0,  # no hourly purge in a job run (test_jobs_purge.py sets it)
}


@pytest.fixture(scope="session", autouse=True)
def _test_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """For the whole session, so that the worlds built once are built under them too. Uploads land in a
    temporary folder of the session (per xdist worker), never in the working tree."""
    from django.test import override_settings

    media = tmp_path_factory.mktemp("media")
    with override_settings(**TEST_SETTINGS, MEDIA_ROOT=media):
        yield media


@pytest.fixture(scope="session")
def django_db_setup(
    request: pytest.FixtureRequest,
    django_test_environment: None,
    django_db_blocker: Any,
    django_db_use_migrations: bool,
    django_db_keepdb: bool,
    django_db_createdb: bool,
    django_db_modify_db_settings: None,
) -> Iterator[None]:
    """pytest-django's own, except that the test database is a copy of one migrated once (``tests/testdb.py``)
    where that applies; otherwise (``--reuse-db``, ``--no-migrations``, several databases) it is Django's."""
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _get_databases_for_setup

    from tests import testdb

    aliases, serialized = _get_databases_for_setup(request.session.items)
    verbosity = request.config.option.verbose
    keepdb = django_db_keepdb and not django_db_createdb
    with django_db_blocker.unblock():
        if django_db_use_migrations and not keepdb and not serialized and testdb.wanted(aliases):
            config = testdb.setup(verbosity)
        else:
            if not django_db_use_migrations:
                from pytest_django.fixtures import _disable_migrations

                _disable_migrations()
            config = setup_databases(
                verbosity=verbosity,
                interactive=False,
                aliases=aliases,
                serialized_aliases=serialized,
                keepdb=keepdb,
            )
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(config, verbosity=verbosity)


@pytest.fixture
def media_root(settings: Any, tmp_path: Path, _test_layers: Layers) -> Path:
    """A media folder of this test's own (with the files of the session's worlds), for a test that looks at
    the folder itself rather than at the files it knows by name."""
    settings.MEDIA_ROOT = tmp_path / "media"
    _test_layers.copy_media(settings.MEDIA_ROOT)
    return settings.MEDIA_ROOT  # type: ignore[no-any-return]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    order_by_layers(items)


# The session-built layers -----------------------------------------------------------------------------


@layer("world")
def _build_world(state: State) -> State:
    from tests.world import build_world

    return {"world": build_world()}


@layer("reporting", on=("world",))
def _build_reporting(state: State) -> State:
    world = state["world"]
    world.reporting()
    return {"world": world}


@layer("conferences", on=("reporting",))
def _build_conferences(state: State) -> State:
    world = state["world"]
    world.conferences()
    return {"world": world}


@layer("followup", on=("conferences",))
def _build_followup(state: State) -> State:
    world = state["world"]
    world.followup()
    return {"world": world}


@layer("activities", on=("reporting",))
def _build_activities(state: State) -> State:
    world = state["world"]
    world.activities()
    return {"world": world}


@layer("documents", on=("conferences",))
def _build_documents(state: State) -> State:
    world = state["world"]
    world.documents()
    return {"world": world}


@layer("recommendations", on=("world",))
def _build_recommendations(state: State) -> State:
    world = state["world"]
    world.recommendations()
    return {"world": world}


@layer("legal", on=("conferences",))
def _build_legal(state: State) -> State:
    world = state["world"]
    world.legal()
    return {"world": world}


@layer("proposals", on=("legal",))
def _build_proposals(state: State) -> State:
    world = state["world"]
    world.proposals()
    return {"world": world}


@layer("demo")
def _build_demo(state: State) -> State:
    from django.utils import translation

    from rightstrack.core.demo import load_demo

    with translation.override("vi"):
        load_demo()
    return {}


@pytest.fixture(scope="session")
def _test_layers(django_db_setup: None, django_db_blocker: Any, _test_settings: Path) -> Iterator[Layers]:
    layers = Layers(_test_settings)
    yield layers
    with django_db_blocker.unblock():
        layers.close()


@pytest.fixture
def _current_layers(request: pytest.FixtureRequest, _test_layers: Layers, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        _test_layers.make_current(layers_of(request.node))


@pytest.fixture
def _django_db_helper(_current_layers: None, _django_db_helper: None) -> None:
    """pytest-django's own, entered once the layers this test reads are current, so that its transaction
    (rolled back after the test) nests inside them."""


@pytest.fixture
def _layer_state(request: pytest.FixtureRequest, db: None, _test_layers: Layers) -> State:
    if is_transactional(request.node):
        return _test_layers.build_committed(layers_wanted(request.node))
    return _test_layers.state


@pytest.fixture
@layer_fixture("world")
def world(_layer_state: State) -> World:
    """The places, bodies and personas of ``tests/world.py``: built once, a fresh copy for each test."""
    return _layer_state["world"]  # type: ignore[no-any-return]


@pytest.fixture
@layer_fixture("reporting")
def reporting(_layer_state: State) -> Reporting:
    """``world.reporting()``, built once: a template, a cycle open for A and B, their reports."""
    return _layer_state["world"].reporting()  # type: ignore[no-any-return]


@pytest.fixture
@layer_fixture("conferences")
def conferences(_layer_state: State) -> Conferences:
    """``world.conferences()``, built once: two conferences on the reporting cycle (tests/world.py)."""
    return _layer_state["world"].conferences()  # type: ignore[no-any-return]


@pytest.fixture
@layer_fixture("followup")
def followup(_layer_state: State) -> Followup:
    """``world.followup()``, built once: directives and tasks on the conferences (tests/world.py)."""
    return _layer_state["world"].followup()  # type: ignore[no-any-return]


@pytest.fixture
@layer_fixture("activities")
def activities(_layer_state: State) -> Activities:
    """``world.activities()``, built once: four activities in the reporting cycle's period."""
    return _layer_state["world"].activities()  # type: ignore[no-any-return]


@pytest.fixture
@layer_fixture("documents")
def documents(_layer_state: State) -> Documents:
    """``world.documents()``, built once: an article and a meeting report of A's (tests/world.py)."""
    return _layer_state["world"].documents()  # type: ignore[no-any-return]


@pytest.fixture
@layer_fixture("recommendations")
def recommendations(_layer_state: State) -> Recommendations:
    """``world.recommendations()``, built once: four recommendations, two kept nationally (tests/world.py)."""
    return _layer_state["world"].recommendations()  # type: ignore[no-any-return]


@pytest.fixture
@layer_fixture("legal")
def legal(_layer_state: State) -> Legal:
    """``world.legal()``, built once: the register of laws and policies (tests/world.py)."""
    return _layer_state["world"].legal()  # type: ignore[no-any-return]


@pytest.fixture
@layer_fixture("proposals")
def proposals(_layer_state: State) -> Proposals:
    """``world.proposals()``, built once: three proposals on the register (tests/world.py)."""
    return _layer_state["world"].proposals()  # type: ignore[no-any-return]


@pytest.fixture
@layer_fixture("demo")
def demo(_layer_state: State) -> None:
    """The whole demo (``rightstrack demo``'s data, in Vietnamese) on an empty database, loaded once: for the
    tests of what the demo holds. A test that loads it again sees nothing new written."""


@pytest.fixture
def unchanged(world: World) -> Callable[[], None]:
    """Call it after the test's action: asserts that no membership, user, body or audit record was added."""
    from rightstrack.accounts.models import User
    from rightstrack.bodies.models import Body, Membership
    from rightstrack.core.models import AuditEntry

    def counts() -> tuple[int, ...]:
        return tuple(model.objects.count() for model in (Membership, User, Body, AuditEntry))

    before = counts()

    def check() -> None:
        assert counts() == before

    return check


# A real browser ---------------------------------------------------------------------------------------

CHROMIUM = os.environ.get("RIGHTSTRACK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser(_test_layers: Layers, django_db_blocker: Any, live_server: Any) -> Iterator[Any]:
    """Debian's Chromium through Playwright's sync API (never `playwright install`: no downloads).

    It asks for the live server (after the database is set up) so that the server stops after Chromium
    closes: the server's request threads that still hold Chromium's keep-alive connections then end while
    they may still use the in-memory SQLite connection they share with the tests (otherwise each one's last
    close failed at the end of the session, reported as a thread exception on the last test).

    Playwright runs an event loop in the test's thread, in a context of its own, so Django would refuse the
    ORM calls made from the test as "async unsafe" (they are plain synchronous calls, hence the flag) and
    would give the test another database connection than the one the layers are open on: the layers are
    closed first (browser tests commit, and run after every other test).
    """
    if not Path(CHROMIUM).exists() and shutil.which(CHROMIUM) is None:
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with django_db_blocker.unblock():
        _test_layers.close()
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


# Clients ----------------------------------------------------------------------------------------------


@pytest.fixture
def signed_in(world: World) -> Callable[..., Client]:
    """A browser-like client signed in as a persona (a name from ``tests.world.PERSONAS`` or a user;
    ``"anonymous"`` or ``None``: not signed in), speaking ``language`` (``tests.world.signed_in``)."""
    from tests.world import signed_in

    def make(persona: Any, *, language: str = "en") -> Client:
        return signed_in(world.user(persona) if isinstance(persona, str) else persona, language)

    return make


@pytest.fixture
def client_for(signed_in: Callable[..., Client]) -> Callable[..., Client]:
    """The same as ``signed_in`` (its older name)."""
    return signed_in


@pytest.fixture
def api_for(world: World) -> Callable[[Any], APIClient]:
    """An API client authenticated as the persona or user (``"anonymous"`` or ``None``: no credentials)."""
    from tests.world import api_client

    def make(persona: Any) -> APIClient:
        return api_client(world.user(persona) if isinstance(persona, str) else persona)

    return make
