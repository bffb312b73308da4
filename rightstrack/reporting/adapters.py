"""Moved to ``reporting.services.imports`` and ``reporting.services.exports``; kept until the views import
from there."""

from rightstrack.reporting.services.exports import cycle_figures_xlsx, export_file_name, export_report
from rightstrack.reporting.services.imports import IMPORT_MAX_BYTES, import_apply, import_plan

__all__ = [
    "IMPORT_MAX_BYTES",
    "cycle_figures_xlsx",
    "export_file_name",
    "export_report",
    "import_apply",
    "import_plan",
]
