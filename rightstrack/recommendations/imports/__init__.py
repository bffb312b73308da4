"""Importing the UN's files of recommendations: a dry run that says, row by row, what would be created,
updated or skipped and why; then an atomic apply (a job, with progress) that upserts on UHRI's id, else on
mechanism + session + number, so that importing a file twice changes nothing the second time.

The file is read by ``exchange.un_recommendations`` (the formats live there); this module compares its rows
with what is recorded (``plan``) and writes them (``apply``). A file with any error is applied not at all.
"""

from rightstrack.recommendations.imports.apply import import_apply
from rightstrack.recommendations.imports.plan import (
    CREATE,
    PREVIEW_ROWS,
    SKIP,
    UPDATE,
    ImportPlan,
    ImportResult,
    PlannedRow,
    describe,
    format_label,
    import_plan,
    plan_rows,
)

__all__ = [
    "CREATE",
    "PREVIEW_ROWS",
    "SKIP",
    "UPDATE",
    "ImportPlan",
    "ImportResult",
    "PlannedRow",
    "describe",
    "format_label",
    "import_apply",
    "import_plan",
    "plan_rows",
]
