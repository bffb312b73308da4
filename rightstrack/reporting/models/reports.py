"""A body's report for a cycle: section texts, figures, attachments, review comments and every revision."""

from __future__ import annotations

import datetime
import os
import uuid

from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rightstrack.core.fields import user_fk
from rightstrack.reporting.choices import ReminderKind, ReportStatus, RevisionReason
from rightstrack.reporting.exceptions import InvalidTransition
from rightstrack.reporting.models.cycles import ReportingCycle
from rightstrack.reporting.models.templates import ReportTemplate, TemplateIndicator, TemplateSection

# The whole workflow: draft → submitted → returned → submitted → accepted, and nothing else.
TRANSITIONS: dict[str, frozenset[str]] = {
    ReportStatus.DRAFT: frozenset({ReportStatus.SUBMITTED}),
    ReportStatus.RETURNED: frozenset({ReportStatus.SUBMITTED}),
    ReportStatus.SUBMITTED: frozenset({ReportStatus.RETURNED, ReportStatus.ACCEPTED}),
    ReportStatus.ACCEPTED: frozenset(),
}
EDITABLE_STATUSES = frozenset({ReportStatus.DRAFT, ReportStatus.RETURNED})
FIGURE_MAX_DIGITS = 20
FIGURE_DECIMAL_PLACES = 4


class Report(models.Model):
    cycle = models.ForeignKey(
        ReportingCycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="reports"
    )
    body = models.ForeignKey(
        "bodies.Body", verbose_name=_("body"), on_delete=models.PROTECT, related_name="reports"
    )
    template = models.ForeignKey(
        ReportTemplate, verbose_name=_("template"), on_delete=models.PROTECT, related_name="reports"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT, db_index=True
    )
    # The optimistic lock: every content save and every transition adds one; a save names the version it read.
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = user_fk(_("submitted by"))
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    returned_by = user_fk(_("returned by"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = user_fk(_("accepted by"))
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    unplaced_html = models.TextField(
        _("text not yet placed in a section"),
        blank=True,
        help_text=_("Imported text that matched no section of the template; never dropped."),
    )
    # The version in which ``unplaced_html`` last changed (0: unknown, written before it was counted), as
    # ``ReportSection.changed_in``.
    unplaced_changed_in = models.PositiveIntegerField(_("not yet placed text changed in version"), default=0)
    # The furniture of the last imported Word letter that had any (exchange.letter.details): its number,
    # place and date, signer…, and its text. Kept with the report, never in a section; the official export
    # starts from it where the body's letterhead says nothing.
    letter = models.JSONField(
        _("imported letter"),
        default=dict,
        blank=True,
        help_text=_("The number, place and date, recipients and signature of the imported Word letter."),
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["cycle", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "body"], name="report_once_per_cycle_and_body")
        ]
        indexes = [models.Index(fields=["cycle", "status"], name="report_cycle_status")]

    def __str__(self) -> str:
        return f"{self.body} — {self.cycle}"

    def get_absolute_url(self) -> str:
        try:
            return reverse("reporting:report_detail", args=[self.pk])
        except NoReverseMatch:  # the pages are added by the reporting UI
            return ""

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def can_become(self, target: str) -> bool:
        return target in TRANSITIONS[ReportStatus(self.status)]

    def transition_to(self, target: str) -> None:
        """Move to ``target`` and count a new version, or raise InvalidTransition."""
        if not self.can_become(target):
            raise InvalidTransition(current=self.status, target=target)
        self.status = ReportStatus(target)
        self.version += 1

    def is_late(self, today: datetime.date | None = None) -> bool:
        """First submitted after the deadline, or still not submitted once it has passed."""
        deadline = self.cycle.deadline
        if self.first_submitted_at is not None:
            return timezone.localdate(self.first_submitted_at) > deadline
        return (today or timezone.localdate()) > deadline


class ReportSection(models.Model):
    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="sections"
    )
    section = models.ForeignKey(
        TemplateSection, verbose_name=_("section"), on_delete=models.PROTECT, related_name="+"
    )
    html = models.TextField(_("text"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), null=True, blank=True)
    updated_by = user_fk(_("updated by"))
    # The report version in which ``html`` last changed (0: unknown, written before it was counted): a stale
    # save whose version is not older than it changes text nobody else has touched since (services.conflicts).
    changed_in = models.PositiveIntegerField(_("changed in version"), default=0)

    class Meta:
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        ordering = ["report", "id"]
        constraints = [models.UniqueConstraint(fields=["report", "section"], name="report_section_unique")]

    def __str__(self) -> str:
        return f"{self.report} — {self.section}"


class ReportFigure(models.Model):
    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="figures"
    )
    indicator = models.ForeignKey(
        TemplateIndicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(
        _("value"),
        max_digits=FIGURE_MAX_DIGITS,
        decimal_places=FIGURE_DECIMAL_PLACES,
        null=True,
        blank=True,
    )
    changed_in = models.PositiveIntegerField(_("changed in version"), default=0)  # as ReportSection's

    class Meta:
        verbose_name = _("report figure")
        verbose_name_plural = _("report figures")
        ordering = ["report", "id"]
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="report_figure_unique")]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.display_value}"

    @property
    def display_value(self) -> str:
        if self.value is None:
            return ""
        return f"{self.value:.{self.indicator.decimals}f}"


class ReportRevision(models.Model):
    """The report's whole content at one moment: after a save, an import or a workflow step."""

    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("revision"))
    report_version = models.PositiveIntegerField(_("report version"))
    status = models.CharField(_("status at the time"), max_length=16, choices=ReportStatus.choices)
    reason = models.CharField(_("reason"), max_length=16, choices=RevisionReason.choices)
    autosave = models.BooleanField(_("autosaved"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    created_by = user_fk(_("by"))
    snapshot = models.JSONField(
        _("content"), default=dict
    )  # {"sections": {key: html}, "figures": {key: str}, ...}

    class Meta:
        verbose_name = _("report revision")
        verbose_name_plural = _("report revisions")
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="report_revision_unique")]

    def __str__(self) -> str:
        return f"{self.report} — {self.number}"


class ReviewComment(models.Model):
    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="comments"
    )
    section = models.ForeignKey(
        TemplateSection,
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    author = user_fk(_("author"))
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revision_number = models.PositiveIntegerField(_("on revision"), null=True, blank=True)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["report", "created_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]


def attachment_path(instance: Attachment, filename: str) -> str:
    """reports/<cycle>/<body>/<random><ext>: the stored name never comes from the uploader."""
    extension = os.path.splitext(filename)[1].lower()[:10]
    return f"reports/{instance.report.cycle_id}/{instance.report.body_id}/{uuid.uuid4().hex}{extension}"


class Attachment(models.Model):
    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    kind = models.CharField(_("file type"), max_length=16, blank=True)
    uploaded_by = user_fk(_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["report", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class ReportReminder(models.Model):
    """That a reminder trigger fired for a report: at most once per (report, kind), whoever the recipients."""

    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ReminderKind.choices)
    sent_on = models.DateField(_("sent on"))
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["report", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["report", "kind"], name="reminder_once_per_trigger"),
        ]

    def __str__(self) -> str:
        return f"{self.report} — {self.get_kind_display()}"
