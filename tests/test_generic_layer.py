"""Every page and endpoint stands on the generic layer (``core.views.generic``, ``core.api``).

The views are read from the URL resolver, so a new page that hand-writes its own "fetch in scope, then
check the permission" fails here until it is declared on the layer (or, for a page about no object, named
below with the reason).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from rightstrack.accounts.views import InvitationAcceptView, SignInView
from rightstrack.core.api import ScopedViewSetMixin
from rightstrack.core.api_docs import ApiDocsView
from rightstrack.core.views.generic import (
    ObjectActionView,
    ObjectEditView,
    ObjectListView,
    ObjectView,
)
from rightstrack.core.views.pages import HomeView
from rightstrack.core.views.public import PublicListView, PublicObjectView
from rightstrack.portal.views import LanguageView
from rightstrack.recommendations.views import TaxonomyView

# The public views (the portal) are the generic layer's anonymous half: published rows only, no scope.
GENERIC_VIEWS = (
    ObjectListView,
    ObjectView,
    ObjectEditView,
    ObjectActionView,
    PublicListView,
    PublicObjectView,
)

# Pages about no object, each with its reason. Keep this list short.
NOT_OBJECT_PAGES: dict[type, str] = {
    HomeView: "the home page shows each app's panels for the signed-in user; it fetches no object",
    ApiDocsView: "the API's public documentation (Swagger UI in the site's layout); it fetches no object",
    SignInView: "Django's sign-in form, which also keeps the previous visit for the home page; no object",
    InvitationAcceptView: "an invitation link sets a password: its token, not a scope, opens it (no sign-in)",
    TaxonomyView: "the UN's themes and groups: reference data read whole; each edit is its own view",
    LanguageView: "the public pages' language switch: sets the language cookie and goes back; no object",
}


def _callbacks(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _callbacks(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def _our_views() -> Iterator[tuple[str, type]]:
    for route, callback in _callbacks(get_resolver().url_patterns):
        view = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
        if view is not None and view.__module__.startswith("rightstrack."):
            yield route, view


def test_the_walk_finds_the_pages_and_the_api() -> None:
    names = {view.__name__ for _route, view in _our_views()}
    assert {
        "BodyListView",
        "BodyEditView",
        "BodyViewSet",
        "AuditLogView",
        "NotificationReadView",
        "ReportEditView",
        "ReportViewSet",
        "CycleOpenView",
    } <= names


def test_every_view_is_on_the_generic_layer() -> None:
    strays = []
    for route, view in _our_views():
        on_layer = issubclass(view, GENERIC_VIEWS + (ScopedViewSetMixin,)) or view in NOT_OBJECT_PAGES
        if not on_layer:
            strays.append(f"{route}: {view.__module__}.{view.__qualname__}")
    assert not strays, "views not built on core.views.generic / core.api:\n" + "\n".join(sorted(set(strays)))


def test_no_view_dispatch_fetches_by_hand() -> None:
    """ "Fetch in scope, then ensure_can" lives in ScopedObjectMixin only: no view overrides dispatch."""
    overriding = sorted(
        {
            f"{view.__module__}.{view.__qualname__}"
            for _route, view in _our_views()
            if "dispatch" in vars(view)
        }
    )
    assert not overriding


def test_no_view_opens_a_transaction() -> None:
    """One view, one service call: the service is atomic, so no view module touches ``transaction``."""
    import importlib
    import inspect
    import re

    uses = re.compile(r"\btransaction\.atomic\b|^from django\.db import .*\btransaction\b", re.MULTILINE)
    modules = {view.__module__ for _route, view in _our_views()}
    opening = sorted(
        name for name in modules if uses.search(inspect.getsource(importlib.import_module(name)))
    )
    assert not opening


# Views one of whose methods calls two writing services, each with its reason (the calls are on different
# branches: one request makes one of them). Keep this list short.
SECOND_SERVICE_CALLS: dict[str, str] = {
    "rightstrack.accounts.api.views.UserViewSet.token": "DELETE revokes the caller's token, POST issues one",
}


def _service_calls(view: type) -> Iterator[tuple[str, list[str]]]:
    """Each method of ``view``'s own classes, with the functions of a ``services`` module it calls."""
    import ast
    import importlib
    import inspect
    import textwrap
    from types import FunctionType, ModuleType

    def is_service(function: Any) -> bool:
        """A write: a function of a services module that is atomic (decorated, or opening the block)."""
        if not (isinstance(function, FunctionType) and ".services" in f".{function.__module__}"):
            return False
        return hasattr(function, "__wrapped__") or "atomic" in inspect.getsource(function)

    for klass in view.__mro__:
        if not klass.__module__.startswith("rightstrack.") or klass.__module__.startswith("rightstrack.core"):
            continue
        module = vars(importlib.import_module(klass.__module__))
        tree = ast.parse(textwrap.dedent(inspect.getsource(klass)))
        for method in (node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)):
            calls = []
            for call in (node for node in ast.walk(method) if isinstance(node, ast.Call)):
                target = call.func
                if isinstance(target, ast.Name) and is_service(module.get(target.id)):
                    calls.append(target.id)
                elif (
                    isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name)
                    and isinstance(module.get(target.value.id), ModuleType)
                    and is_service(getattr(module[target.value.id], target.attr, None))
                ):
                    calls.append(f"{target.value.id}.{target.attr}")
            yield f"{klass.__module__}.{klass.__qualname__}.{method.name}", calls


def test_no_view_calls_two_services() -> None:
    """One view, one service call: no method of a page or endpoint calls two writing services (atomic
    functions of a services module: a second would be a second transaction, or orchestration that belongs in
    a service), except on separate branches named above with their reasons. Reading functions of a services
    module (a file's bytes, its name, the merge of a refused save) are not counted."""
    calling_two = {
        name: calls
        for _route, view in _our_views()
        for name, calls in _service_calls(view)
        if len(calls) > 1 and name not in SECOND_SERVICE_CALLS
    }
    assert calling_two == {}
    seen = {name for _route, view in _our_views() for name, calls in _service_calls(view) if len(calls) > 1}
    assert set(SECOND_SERVICE_CALLS) <= seen, "an exception above no longer calls two: remove it"
