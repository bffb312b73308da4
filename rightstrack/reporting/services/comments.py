"""Reviewers' comments on a report or on one of its sections."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rightstrack.accounts.models import User
from rightstrack.core.audit import audit_record
from rightstrack.core.scope import ensure_can
from rightstrack.reporting.models import (
    Report,
    ReportRevision,
    ReviewComment,
)


@transaction.atomic
def review_comment_add(
    *, actor: User | None, report: Report, text: str, section_key: str | None = None
) -> ReviewComment:
    """A reviewer's comment on the report or on one of its sections."""
    if actor is not None:
        ensure_can(actor, "reporting.comment_report", report)
    comment = build_comment(report=report, author=actor, section_key=section_key, text=text)
    comment.save()
    audit_record(obj=comment, action="create", actor=actor)
    return comment


def build_comment(
    *, report: Report, author: User | None, section_key: str | None, text: str
) -> ReviewComment:
    """An unsaved, validated comment: text required, section (if any) one of the report's template."""
    if not (text or "").strip():
        raise ValidationError({"text": _("Write the comment.")})
    section = None
    if section_key:
        section = report.template.sections.filter(key=section_key).first()
        if section is None:
            raise ValidationError(
                {
                    "section": ValidationError(
                        _("This report has no section “%(key)s”."), params={"key": section_key}
                    )
                }
            )
    latest = ReportRevision.objects.filter(report=report).order_by("-number").values_list("number", flat=True)
    return ReviewComment(
        report=report, section=section, author=author, text=text.strip(), revision_number=latest.first()
    )
