"""Worlds built once per test session and kept in open savepoints: what Django's ``setUpTestData`` does for
one class, done for the whole suite.

A *layer* is a piece of test data with a builder: the world of personas, the reporting objects on top of it,
Viet Nam as the places loader loads it. A fixture declares the layers it reads (``@layer_fixture(...)``);
before pytest-django opens a test's own transaction, the layers that test needs are made current: the open
ones it does not need are rolled back and the missing ones built, each inside its own savepoint. The test
then runs in a transaction nested in them and rolled back after it, so every test sees exactly the data it
asked for, built once instead of once per test. The tests are ordered so that those needing the same layers
run together (``order_by_layers``), which keeps the rebuilds to about one per layer and xdist worker.

Tests that need real commits (``transaction=True``, ``transactional_db``, ``live_server``) run last and with
no layer open: they build what they need themselves and the flush after them only empties an empty database.

Every test gets its own copy of the layers' objects (as ``setUpTestData`` does, but unpickled: several times
faster than a deep copy), so changing an object in memory never leaks into the next test. Files the builders
write land in the session's media folder, where the tests find them.
"""

from __future__ import annotations

import pickle
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

State = dict[str, Any]
Builder = Callable[[State], State]

# name -> (layers it stands on, builder). Builders take the state below them and return what they add.
LAYERS: dict[str, tuple[tuple[str, ...], Builder]] = {}


def layer(name: str, *, on: tuple[str, ...] = ()) -> Callable[[Builder], Builder]:
    """Register a builder for the layer ``name``, built on top of the layers ``on``."""

    def register(builder: Builder) -> Builder:
        LAYERS[name] = (on, builder)
        return builder

    return register


F = Callable[..., Any]


def layer_fixture(*names: str) -> Callable[[F], F]:
    """Mark a fixture function as reading the layers ``names`` (decorate it before ``@pytest.fixture``)."""

    def mark(function: F) -> F:
        function._test_layers = names  # type: ignore[attr-defined]
        return function

    return mark


def _with_foundations(names: Iterable[str]) -> tuple[str, ...]:
    """The layers named and those they stand on, in the order they are registered (which builds the base
    first)."""
    wanted: set[str] = set()

    def add(name: str) -> None:
        if name not in wanted:
            wanted.add(name)
            for below in LAYERS[name][0]:
                add(below)

    for name in names:
        add(name)
    return tuple(name for name in LAYERS if name in wanted)


def is_transactional(item: pytest.Item) -> bool:
    """The same test pytest-django makes to choose a TransactionTestCase."""
    marker = item.get_closest_marker("django_db")
    if marker is not None:
        if marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"):
            return True
        if marker.args and marker.args[0]:
            return True
    names = getattr(item, "fixturenames", ())
    return bool({"transactional_db", "live_server", "django_db_reset_sequences"} & set(names))


def layers_wanted(item: pytest.Item) -> tuple[str, ...]:
    """The layers the fixtures of ``item`` read, with those they stand on."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return ()
    names: list[str] = []
    for fixture_name in item.fixturenames:  # type: ignore[attr-defined]
        definitions = info.name2fixturedefs.get(fixture_name) or ()
        if definitions:
            names.extend(getattr(definitions[-1].func, "_test_layers", ()))
    return _with_foundations(names)


def layers_of(item: pytest.Item) -> tuple[str, ...]:
    """The layers to hold open around ``item``: none for a test that commits (it builds its own)."""
    return () if is_transactional(item) else layers_wanted(item)


def order_by_layers(items: list[pytest.Item]) -> None:
    """Tests that need the same layers together, transactional tests last, and among those the ones marked
    ``heavy`` spread out: one first, each followed by an equal share of the light ones (``_spread``);
    otherwise the order is kept. xdist hands a worker whole runs of consecutive items (up to a quarter of
    those left, at the end), so heavy items side by side all went to one worker, which finished long after
    the other (the eight parts of the axe gate: docs/benchmarks.md, "Suite on this host"); spread out they
    fall to both, and each worker's last tests are short ones."""
    order = {name: index for index, name in enumerate(LAYERS)}

    def key(pair: tuple[int, pytest.Item]) -> tuple[bool, tuple[int, ...], int]:
        index, item = pair
        return (is_transactional(item), tuple(order[name] for name in layers_of(item)), index)

    ordered = [item for _, item in sorted(enumerate(items), key=key)]
    reading = [item for item in ordered if not is_transactional(item)]
    committing = ordered[len(reading) :]
    heavy = [item for item in committing if item.get_closest_marker("heavy") is not None]
    light = [item for item in committing if item.get_closest_marker("heavy") is None]
    items[:] = reading + _spread(heavy, light)


def _spread(heavy: list[pytest.Item], light: list[pytest.Item]) -> list[pytest.Item]:
    """Each heavy item followed by its share of the light ones, both in their own order."""
    if not heavy:
        return light
    out: list[pytest.Item] = []
    for index, item in enumerate(heavy):
        out.append(item)
        out += light[round(index * len(light) / len(heavy)) : round((index + 1) * len(light) / len(heavy))]
    return out


class Layers:
    """The stack of open layers on the default database connection of this worker."""

    def __init__(self, media_root: Path) -> None:
        self.media_root = media_root
        # (name, open atomic block, the state up to this layer, pickled)
        self.stack: list[tuple[str, Any, bytes]] = []
        self.connection: Any = None  # the connection wrapper the open layers live on

    @property
    def state(self) -> State:
        """A fresh copy of the objects of the open layers."""
        return pickle.loads(self.stack[-1][2]) if self.stack else {}  # noqa: S301 (our own bytes)

    def make_current(self, names: tuple[str, ...]) -> None:
        from django.db import connections

        if self.stack and connections["default"] is not self.connection:
            raise RuntimeError(
                "The layers' connection is not this test's: something switched the context (as Playwright's "
                "sync API does) while layers were open. Use the root conftest's `browser` fixture, which "
                "closes them first, or mark the test transactional."
            )
        kept = 0
        while kept < min(len(self.stack), len(names)) and self.stack[kept][0] == names[kept]:
            kept += 1
        while len(self.stack) > kept:
            self._roll_back()
        for name in names[kept:]:
            self._build(name)

    def close(self) -> None:
        while self.stack:
            self._roll_back()

    def _build(self, name: str) -> None:
        from django.db import connections, transaction
        from django.test import override_settings

        below = self.state
        self.connection = connections["default"]
        block = transaction.atomic()
        block.__enter__()
        try:
            with override_settings(MEDIA_ROOT=self.media_root):
                added = LAYERS[name][1](below)
            blob = pickle.dumps(below | added, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:
            transaction.set_rollback(True)
            block.__exit__(None, None, None)
            raise
        self.stack.append((name, block, blob))

    def _roll_back(self) -> None:
        from django.db import transaction

        _, block, _ = self.stack.pop()
        transaction.set_rollback(True)
        block.__exit__(None, None, None)

    def build_committed(self, names: tuple[str, ...]) -> State:
        """For a test that commits: the layers built for it alone, in its own transactions; the flush after
        the test removes them."""
        state: State = {}
        for name in names:
            state = state | LAYERS[name][1](state)
        return state

    def copy_media(self, media_root: Path) -> None:
        """The files the layers wrote, copied into a test's own media folder."""
        if self.media_root.exists():
            shutil.copytree(self.media_root, media_root, dirs_exist_ok=True)
