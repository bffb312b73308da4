"""A real e-mail backend for tests: keeps mail in memory like Django's locmem backend, but refuses every
message addressed to one of ``settings.TEST_EMAIL_REFUSE`` as an SMTP server refusing a recipient would."""

from __future__ import annotations

import smtplib
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.locmem import EmailBackend


class RefusingEmailBackend(EmailBackend):
    def send_messages(self, messages: Sequence[EmailMessage]) -> int:
        refused = set(getattr(settings, "TEST_EMAIL_REFUSE", ()))
        for message in messages:
            bad = refused.intersection(message.recipients())
            if bad:
                raise smtplib.SMTPRecipientsRefused({address: (550, b"refused") for address in bad})
        return super().send_messages(messages)

    def open(self) -> Any:
        return False
