"""The one mapping of a service's ``ValidationError`` to what the user sees.

Services raise Django's ``ValidationError`` (keyed by field, or not); pages show it on the form or as a
message, the API as a 400 problem body, JSON endpoints as ``{"message": ..., "errors": ...}``. Every view,
viewset and command goes through these functions, so a service error reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms import BaseForm
from django.http import HttpRequest


def error_text(error: ValidationError) -> str:
    """All of the error's messages as one sentence for a banner, a message or a log line."""
    return " ".join(str(message) for message in error.messages)


def error_dict(error: ValidationError, *, non_field_key: str = NON_FIELD_ERRORS) -> dict[str, list[str]]:
    """The error's messages by field; those about no one field under ``non_field_key``."""
    if hasattr(error, "error_dict"):
        errors = {key: [str(m) for m in value] for key, value in error.message_dict.items()}
    else:
        errors = {NON_FIELD_ERRORS: [str(m) for m in error.messages]}
    if non_field_key != NON_FIELD_ERRORS and NON_FIELD_ERRORS in errors:
        errors[non_field_key] = errors.pop(NON_FIELD_ERRORS)
    return errors


def add_form_errors(
    form: BaseForm, error: ValidationError, *, field_for: Callable[[str], str] | None = None
) -> None:
    """Keyed errors on their fields when the form has them; the rest above the form. ``field_for`` maps a
    service's key to the form's field name where they differ (``sections.<key>`` → ``section_<key>``)."""
    for key, texts in error_dict(error).items():
        field = field_for(key) if field_for is not None and key != NON_FIELD_ERRORS else key
        form.add_error(field if field in form.fields else None, texts)


def add_error_messages(request: HttpRequest, error: ValidationError, *, level: int = messages.ERROR) -> None:
    """The error as one message on the next page (a POST that redirects)."""
    messages.add_message(request, level, error_text(error))


def problem(error: ValidationError, **extra: Any) -> dict[str, Any]:
    """A JSON body for endpoints that answer their own errors: one message and the errors by field."""
    return {"message": error_text(error), "errors": error_dict(error)} | extra
