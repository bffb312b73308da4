"""The test world and its fixtures live in the repository's root ``conftest.py`` and ``tests/world.py``, so
that every app's tests share them; these names stay importable from here."""

from tests.world import (
    ANONYMOUS,
    MINIMAL_PDF,
    PERSONAS,
    SIGNED_IN,
    Reporting,
    World,
    build_world,
)

__all__ = ["ANONYMOUS", "MINIMAL_PDF", "PERSONAS", "SIGNED_IN", "Reporting", "World", "build_world"]
