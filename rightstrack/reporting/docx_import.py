"""Moved to ``rightstrack.exchange`` (import_plan, docx_reader); kept until the views import from there."""

from rightstrack.exchange.import_plan import UNPLACED, HeadingMatch, ImportPart, ImportPlan, apply_moves

__all__ = ["UNPLACED", "HeadingMatch", "ImportPart", "ImportPlan", "apply_moves"]
