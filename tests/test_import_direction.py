"""Imports run one way: portal → domain apps → places/bodies/accounts/notifications → exchange, nlp → core.

Every module of every app is parsed (imports inside functions and ``if TYPE_CHECKING`` blocks included) and
each import of another rightstrack app is checked against the apps' ranks: an app may import apps of its own
rank or below, never above; core imports no other app at all. The project modules (settings, urls, cli...)
assemble the apps and are imported by none. An app's ``tests/`` package is exempt: tests exercise the
assembled project and may build any app's objects. See docs/decisions/0007-app-registry.md.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "rightstrack"
RANKS = {
    "core": 0,
    "exchange": 1,
    "nlp": 1,
    "places": 2,
    "bodies": 3,
    "accounts": 4,
    "notifications": 4,
    "reporting": 5,
    "conferences": 5,
    "packs": 5,
    "documents": 6,  # reads articles into conferences: above them, so conferences never import documents
    "laws": 5,
    # Activities are a lower domain app: the follow-up of directives reads them as evidence, and activities
    # never reach back (tasks, laws, proposals).
    "activities": 5,
    "followup": 5.5,
    # Proposals cite laws (and conferences, packs, reports); laws never reach back: a half step above them.
    "proposals": 5.5,
    # Recommendations cite tasks of the follow-up (and activities, laws, report sections) as the evidence of
    # an assessment; the kept documents come through followup's hook (decision 0053).
    "recommendations": 5.75,
    "portal": 6,
    # Tagging reads the texts of recommendations, reports, conferences and documents: above them all.
    "tagging": 6.5,
}
DOMAIN = 5  # a new app not named above is a domain app
PROJECT = 7  # settings, urls, api_urls, cli, wsgi: they assemble the apps, no app imports them


def rank(name: str) -> float:
    if (PACKAGE / f"{name}.py").exists():
        return PROJECT
    return RANKS.get(name, DOMAIN)


def imported_apps(source: str, module: str) -> Iterator[tuple[int, str, str]]:
    """(line, the import as written, the rightstrack app or project module it reaches) for each import."""
    package = module.split(".")[: module.count(".")]  # the module's package, for relative imports
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "rightstrack" and len(parts) > 1:
                    yield node.lineno, f"import {alias.name}", parts[1]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = [*base, *(node.module.split(".") if node.module else [])]
            names = ", ".join(alias.name for alias in node.names)
            written = f"from {'.' * node.level}{node.module or ''} import {names}"
            if target[:1] != ["rightstrack"]:
                continue
            if len(target) > 1:
                yield node.lineno, written, target[1]
            else:  # from rightstrack import bodies
                for alias in node.names:
                    yield node.lineno, written, alias.name


def violations(source: str, module: str) -> list[str]:
    """Each import of ``module`` (e.g. "rightstrack.core.views") that goes the wrong way, as a sentence."""
    app = module.split(".")[1]
    found = []
    for line, written, target in imported_apps(source, module):
        if target == app or target == "__version__":
            continue
        if app == "core":
            found.append(f"{module}:{line}: core imports no other rightstrack app, but has `{written}`")
        elif rank(target) > rank(app):
            found.append(
                f"{module}:{line}: `{written}` goes up from {app} (rank {rank(app)}) to {target} "
                f"(rank {rank(target)}); register it in core.registry or move the code down"
            )
    return found


def app_modules() -> Iterator[tuple[Path, str]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if len(parts) < 3 or "tests" in parts[2:]:
            continue  # a project module (rightstrack/urls.py), or an app's tests
        yield path, ".".join(parts)  # a package's __init__ keeps its name: relative imports start there


def test_every_import_goes_down_or_sideways() -> None:
    modules = list(app_modules())
    assert len(modules) > 100  # the walk found the code
    found = [v for path, module in modules for v in violations(path.read_text(encoding="utf-8"), module)]
    assert not found, "Imports against the one direction:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        (
            "rightstrack.core.views",
            "def f():\n    from rightstrack.bodies.selectors import home_summary\n",
            "rightstrack.core.views:2: core imports no other rightstrack app, but has "
            "`from rightstrack.bodies.selectors import home_summary`",
        ),
        (
            "rightstrack.bodies.services",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import rightstrack.accounts.models\n",
            "rightstrack.bodies.services:3: `import rightstrack.accounts.models` goes up from bodies "
            "(rank 3) to accounts (rank 4); register it in core.registry or move the code down",
        ),
        (
            "rightstrack.places.services",
            "from ..reporting import models\n",
            "rightstrack.places.services:1: `from ..reporting import models` goes up from places (rank 2) "
            "to reporting (rank 5); register it in core.registry or move the code down",
        ),
        (
            "rightstrack.exchange.docx",
            "from rightstrack import settings\n",
            "rightstrack.exchange.docx:1: `from rightstrack import settings` goes up from exchange (rank 1) "
            "to settings (rank 7); register it in core.registry or move the code down",
        ),
        (
            "rightstrack.conferences.views",
            "from rightstrack.portal import urls\n",
            "rightstrack.conferences.views:1: `from rightstrack.portal import urls` goes up from conferences "
            "(rank 5) to portal (rank 6); register it in core.registry or move the code down",
        ),
        (
            "rightstrack.activities.selectors",
            "from rightstrack.followup.models import Task\n",
            "rightstrack.activities.selectors:1: `from rightstrack.followup.models import Task` goes up from "
            "activities (rank 5) to followup (rank 5.5); register it in core.registry or move the code down",
        ),
    ],
)
def test_a_wrong_way_import_is_named_with_its_module_and_line(
    module: str, source: str, expected: str
) -> None:
    assert violations(source, module) == [expected]


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("rightstrack.reporting.views", "from rightstrack.bodies.models import Body\n"),
        ("rightstrack.accounts.services", "from rightstrack.notifications import services\n"),  # same rank
        (
            "rightstrack.bodies.rules",
            "from rightstrack.core.scope import scoped\nimport rightstrack.places\n",
        ),
        ("rightstrack.core.scope", "from rightstrack.core import registry\nfrom . import context\n"),
        ("rightstrack.portal.views", "from rightstrack.reporting.selectors import cycle_list\n"),
    ],
)
def test_imports_down_or_sideways_pass(module: str, source: str) -> None:
    assert violations(source, module) == []
