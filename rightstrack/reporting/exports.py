"""Moved to ``reporting.services.exports`` and ``rightstrack.exchange``; kept until the views import there."""

from rightstrack.core.text import ascii_file_name as safe_file_name
from rightstrack.reporting.services.exports import cycle_to_zip, report_to_docx, report_to_pdf

__all__ = ["cycle_to_zip", "report_to_docx", "report_to_pdf", "safe_file_name"]
