"""The places part of the demo: Viet Nam's real units (before and after 1 July 2025) and regions."""

from __future__ import annotations

from rightstrack.core.registry import DemoResult
from rightstrack.places.services import places_load_vietnam


def load() -> DemoResult:
    """The registered demo loader; idempotent (the loader updates units in place)."""
    counts = places_load_vietnam(actor=None)
    return DemoResult(
        lines=[
            f"Places: {counts['created']} units created, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged."
        ]
    )
