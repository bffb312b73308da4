"""Helpers shared by the report page tests: URLs, what a report holds now, downloads through a job."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client, TestCase
from django.urls import reverse
from django.utils import translation

from rightstrack.reporting.models import Report, ReportSection

PDF_BYTES = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def url(name: str, *args: Any) -> str:
    return reverse(f"reporting:{name}", args=args)


def sections_of(report: Report) -> dict[str, str]:
    return {
        row.section.key: row.html
        for row in ReportSection.objects.filter(report=report).select_related("section")
    }


def figures_of(report: Report) -> dict[str, str]:
    report.refresh_from_db()
    return {row.indicator.key: row.display_value for row in report.figures.select_related("indicator")}


def content_of(response: Any) -> bytes:
    """The body of a file download (a streaming response)."""
    return b"".join(response.streaming_content)


def via_job(client: Client, path: str) -> Any:
    """Start an export: the request answers at once with the job's page (the job runs at once here), whose
    link downloads the file."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        started = client.get(path)
    assert started.status_code == 302 and started["Location"].startswith("/jobs/"), started
    page = client.get(started["Location"]).content.decode()
    link = re.search(r'href="(/jobs/\d+/download/)"', page)
    assert link is not None, page
    return client.get(link.group(1))


def messages_of(response: Any) -> list[str]:
    return [str(message) for message in response.context["messages"]] if response.context else []


def translated(text: str, language: str = "vi", **params: Any) -> str:
    with translation.override(language):
        message = translation.gettext(text)
    return message % params if params else message
