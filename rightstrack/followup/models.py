"""Directives and the tasks they become: who must do what by when, what they reported, and the evidence.

A task's status is stored (open, in progress, done, cancelled); whether it is *overdue* is never typed: it is
computed from its due date (``Task.is_overdue`` for one row, ``TaskQuerySet.with_overdue`` in queries).
"""

from __future__ import annotations

import datetime
import os
import uuid

from django.db import models
from django.db.models import BooleanField, Case, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from rightstrack.core.fields import user_fk
from rightstrack.followup.choices import (
    CLOSED_STATUSES,
    LIVE_STATUSES,
    EvidenceKind,
    TaskReminderKind,
    TaskStatus,
)

SHORT_TEXT = 90


class DirectiveKind(models.Model):
    """A kind of directive (review, legislation, grassroots, …): a list the standing office maintains."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("kind of directive")
        verbose_name_plural = _("kinds of directive")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("followup:kind_list")

    @property
    def display_name(self) -> str:
        language = get_language() or ""
        return self.name_en if language.startswith("en") and self.name_en else self.name


class Directive(models.Model):
    """What a body's leader directed (at a conference, in a document, or neither), to be split into tasks."""

    issuer = models.ForeignKey(
        "bodies.Body", verbose_name=_("issuing body"), on_delete=models.PROTECT, related_name="directives"
    )
    kind = models.ForeignKey(
        DirectiveKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="directives"
    )
    number = models.PositiveSmallIntegerField(
        _("number"), null=True, blank=True, help_text=_("Its place among the directives of one source.")
    )
    text = models.TextField(_("text (Vietnamese)"), blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    issued_by_name = models.CharField(_("issued by (name)"), max_length=200, blank=True)
    issued_by_position = models.CharField(_("issued by (position)"), max_length=255, blank=True)
    issued_on = models.DateField(_("issued on"), db_index=True)
    conference = models.ForeignKey(
        "conferences.Conference",
        verbose_name=_("conference"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directives",
    )
    source_document = models.CharField(
        _("source document"),
        max_length=500,
        blank=True,
        help_text=_("The number and title of the document that issued it, e.g. a concluding notice."),
    )
    # Taken from what an article states (issue 11): the article (named by string: the documents app sits
    # above this one) and the key of its sentence, so that taking the same sentence twice finds this one.
    source_article = models.ForeignKey(
        "documents.Document",
        verbose_name=_("taken from the article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directives_taken",
    )
    statement_key = models.CharField(_("sentence key"), max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = user_fk(_("created by"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ["-issued_on", "number", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(conference__isnull=True) | Q(source_document=""),
                name="directive_one_source",
                violation_error_message=_(
                    "A directive comes from a conference or from a document, not both: choose one."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(text="") | ~Q(text_en=""),
                name="directive_has_text",
                violation_error_message=_("Write the directive's text, in Vietnamese or in English."),
            ),
            models.UniqueConstraint(
                fields=["source_article", "statement_key"],
                condition=~Q(statement_key=""),
                name="directive_statement_taken_once",
            ),
        ]

    def __str__(self) -> str:
        return Truncator(self.display_text).chars(SHORT_TEXT)

    def get_absolute_url(self) -> str:
        return reverse("followup:directive_detail", args=[self.pk])

    @property
    def display_text(self) -> str:
        """The text in the reader's language, else the other one (a directive taken from an English
        article may have only its English text)."""
        language = get_language() or ""
        if language.startswith("en"):
            return self.text_en or self.text
        return self.text or self.text_en

    @property
    def display_language(self) -> str:
        """The language ``display_text`` is in (for the page's ``lang``)."""
        return "vi" if self.display_text == self.text and self.text else "en"


class TaskQuerySet(models.QuerySet["Task"]):
    def with_overdue(self, today: datetime.date | None = None) -> TaskQuerySet:
        """Annotate ``overdue``: still open or in progress after its due date (never stored)."""
        today = today or timezone.localdate()
        return self.annotate(
            overdue=Case(
                When(status__in=LIVE_STATUSES, due_on__lt=today, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )

    def overdue(self, today: datetime.date | None = None) -> TaskQuerySet:
        return self.filter(status__in=LIVE_STATUSES, due_on__lt=today or timezone.localdate())

    def live(self) -> TaskQuerySet:
        return self.filter(status__in=LIVE_STATUSES)


class Task(models.Model):
    """One body's share of a directive, due on a date."""

    directive = models.ForeignKey(
        Directive, verbose_name=_("directive"), on_delete=models.CASCADE, related_name="tasks"
    )
    body = models.ForeignKey(
        "bodies.Body", verbose_name=_("assigned to"), on_delete=models.PROTECT, related_name="tasks"
    )
    due_on = models.DateField(_("due on"), db_index=True)
    status = models.CharField(
        _("status"), max_length=16, choices=TaskStatus.choices, default=TaskStatus.OPEN, db_index=True
    )
    # The assignee says it is done; the issuer's side confirms it (decision: followup's tasks).
    done_proposed_at = models.DateTimeField(_("done proposed at"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    note = models.TextField(_("instructions"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = user_fk(_("created by"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due_on", "body__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["directive", "body"], name="task_once_per_body"),
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="task_status_due")]

    def __str__(self) -> str:
        return f"{self.body.name} — {self.directive}"

    def get_absolute_url(self) -> str:
        return reverse("followup:task_detail", args=[self.pk])

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        annotated = getattr(self, "overdue", None)
        if annotated is not None and today is None:
            return bool(annotated)
        return self.status in LIVE_STATUSES and self.due_on < (today or timezone.localdate())

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def display_status(self) -> str:
        """The status as people read it: "overdue" in place of open / in progress after the due date."""
        if self.is_overdue():
            return str(_("Overdue"))
        return str(self.get_status_display())

    @property
    def status_css(self) -> str:
        if self.is_overdue():
            return "overdue"
        return str(self.status)


class TaskUpdate(models.Model):
    """A progress note on a task: what was done, perhaps a change of status, and its evidence."""

    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="updates")
    text = models.TextField(_("progress note"), blank=True)
    status_from = models.CharField(_("status before"), max_length=16, choices=TaskStatus.choices, blank=True)
    status_to = models.CharField(_("status after"), max_length=16, choices=TaskStatus.choices, blank=True)
    proposes_done = models.BooleanField(_("proposes it is done"), default=False)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    author = user_fk(_("written by"))

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["task", "created_at", "id"]

    def __str__(self) -> str:
        return Truncator(self.text or str(self.task)).chars(SHORT_TEXT)

    def get_absolute_url(self) -> str:
        return self.task.get_absolute_url()


def evidence_path(instance: TaskEvidence, filename: str) -> str:
    """followup/<task>/<random><ext>: the stored name never comes from the uploader."""
    extension = os.path.splitext(filename)[1].lower()[:10]
    return f"followup/{instance.update.task_id}/{uuid.uuid4().hex}{extension}"


class TaskEvidence(models.Model):
    """One piece of evidence of a progress note: a section of the same body's report, an uploaded file, a
    free reference, a legal document of the register, an activity of the task's body, or a kept document.
    Each kind is its own nullable column and the constraint says the kind's column is filled.

    The document is named by string ("documents.Document"): the documents app sits above this one and is
    never imported here; it offers its documents through ``selectors.register_evidence_documents``
    (docs/decisions: evidence of a task). An activity or a document that is deleted takes its evidence rows
    with it (the audit records them); a legal document of the register is never deleted (PROTECT)."""

    update = models.ForeignKey(
        TaskUpdate, verbose_name=_("progress note"), on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=EvidenceKind.choices)
    report_section = models.ForeignKey(
        "reporting.ReportSection",
        verbose_name=_("report section"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="task_evidence",
    )
    legal_document = models.ForeignKey(
        "laws.LegalDocument",
        verbose_name=_("legal document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="task_evidence",
    )
    activity = models.ForeignKey(
        "activities.Activity",
        verbose_name=_("activity"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="task_evidence",
    )
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="task_evidence",
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=255, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    file_kind = models.CharField(_("file type"), max_length=16, blank=True)
    reference = models.CharField(_("reference"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["update", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind=EvidenceKind.REPORT_SECTION, report_section__isnull=False)
                    | (Q(kind=EvidenceKind.FILE) & ~Q(file=""))
                    | (Q(kind=EvidenceKind.REFERENCE) & ~Q(reference=""))
                    | Q(kind=EvidenceKind.LEGAL_DOCUMENT, legal_document__isnull=False)
                    | Q(kind=EvidenceKind.ACTIVITY, activity__isnull=False)
                    | Q(kind=EvidenceKind.DOCUMENT, document__isnull=False)
                ),
                name="task_evidence_has_its_kind",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == EvidenceKind.FILE:
            return self.original_name
        if self.kind == EvidenceKind.REFERENCE:
            return self.reference
        linked = self.legal_document or self.activity or self.document
        if linked is not None:
            return str(linked)
        return str(self.get_kind_display())

    def get_absolute_url(self) -> str:
        return self.update.task.get_absolute_url()


class TaskReminder(models.Model):
    """That a reminder about a task was sent: at most one per task and kind, however often the job runs."""

    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("kind"), max_length=16, choices=TaskReminderKind.choices)
    sent_on = models.DateField(_("sent on"))
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("task reminder")
        verbose_name_plural = _("task reminders")
        constraints = [models.UniqueConstraint(fields=["task", "kind"], name="task_reminder_once")]

    def __str__(self) -> str:
        return f"{self.task} — {self.get_kind_display()}"


class TaskAnswer(models.Model):
    """What a body wrote about one of its tasks in its report (the section on earlier directives): saved with
    the report's save, shown on the task, in the report and in the consolidated pack."""

    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="answers")
    report = models.ForeignKey(
        "reporting.Report", verbose_name=_("report"), on_delete=models.CASCADE, related_name="task_answers"
    )
    text = models.TextField(_("what was done"), blank=True)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = user_fk(_("written by"))

    class Meta:
        verbose_name = _("answer in a report")
        verbose_name_plural = _("answers in reports")
        ordering = ["task", "report", "id"]
        constraints = [models.UniqueConstraint(fields=["task", "report"], name="task_answer_once_per_report")]

    def __str__(self) -> str:
        return Truncator(self.text or str(self.task)).chars(SHORT_TEXT)

    def get_absolute_url(self) -> str:
        return self.task.get_absolute_url()
