"""The places part of the demo: Viet Nam's real units (before and after 1 July 2025) and regions."""

from __future__ import annotations

from rightstrack.core.registry import DemoResult
from rightstrack.places.services import communes_load_2025, places_load_vietnam

# The communes of the two provinces with demo focal points (accounts/demo.py): Hồ Chí Minh City and Đà Nẵng.
DEMO_COMMUNE_PROVINCES = ("79", "48")


def load() -> DemoResult:
    """The registered demo loader; idempotent (the loaders update units in place)."""
    counts = places_load_vietnam(actor=None)
    communes = communes_load_2025(actor=None, provinces=DEMO_COMMUNE_PROVINCES)
    return DemoResult(
        lines=[
            f"Places: {counts['created']} units created, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged; communes of {', '.join(DEMO_COMMUNE_PROVINCES)}: "
            f"{communes.created} created, {communes.unchanged} unchanged."
        ]
    )
