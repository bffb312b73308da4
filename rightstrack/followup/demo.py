"""The follow-up part of the demo (filled below)."""

from __future__ import annotations

from rightstrack.core.registry import DemoResult


def load() -> DemoResult:
    return DemoResult()
