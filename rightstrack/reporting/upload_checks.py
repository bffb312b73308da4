"""Moved to ``rightstrack.exchange.uploads``; kept until the views and forms import from there."""

from rightstrack.exchange.uploads import DEFAULT_MAX_BYTES, DOCX, check_upload, kind_label

__all__ = ["DEFAULT_MAX_BYTES", "DOCX", "check_upload", "kind_label"]
