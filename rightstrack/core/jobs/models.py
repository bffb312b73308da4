"""The job record: who asked for what, how far it got, and what came out."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Finished")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


LIVE_STATES = (JobState.QUEUED, JobState.RUNNING)
FINAL_STATES = (JobState.SUCCEEDED, JobState.FAILED, JobState.CANCELLED)


def _result_path(job: Job, filename: str) -> str:
    return f"jobs/{job.created_at:%Y/%m}/{job.pk}/{filename}"


def _input_path(job: Job, filename: str) -> str:
    return f"jobs/{job.created_at:%Y/%m}/{job.pk}/input/{filename}"


class Job(models.Model):
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=64, db_index=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=16, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=JobState.choices, default=JobState.QUEUED)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    # An English message id (marked with gettext_noop where it is set) and its parameters, translated when
    # shown, so each reader sees it in their own language.
    message = models.CharField(_("message"), max_length=255, blank=True)
    message_params = models.JSONField(_("message parameters"), default=dict, blank=True)
    input_file = models.FileField(_("input file"), upload_to=_input_path, max_length=300, blank=True)
    result = models.FileField(_("result file"), upload_to=_result_path, max_length=300, blank=True)
    result_name = models.CharField(_("result file name"), max_length=255, blank=True)
    result_type = models.CharField(_("result content type"), max_length=100, blank=True)
    result_data = models.JSONField(_("result data"), null=True, blank=True)
    # For users: what went wrong and what to do, in the requester's language; tracebacks go to the log.
    error = models.TextField(_("error"), blank=True)
    idempotency_key = models.CharField(_("idempotency key"), max_length=200, blank=True)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at (UTC)"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(_("started at (UTC)"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at (UTC)"), null=True, blank=True)
    # Written when the job is claimed and with every progress write: a running job whose heartbeat is older
    # than JOB_LEASE_SECONDS lost its worker (core.jobs.reclaim).
    heartbeat_at = models.DateTimeField(_("last heard of (UTC)"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-id"]
        default_permissions = ("view",)
        indexes = [models.Index(fields=["actor", "-created_at"], name="job_by_actor")]
        constraints = [
            # Enqueuing the same work twice while it is queued or running returns the existing job; the
            # database decides when two requests race.
            models.UniqueConstraint(
                fields=["actor", "kind", "idempotency_key"],
                condition=Q(state__in=["queued", "running"]) & ~Q(idempotency_key=""),
                name="job_live_once_per_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("core:job_detail", args=[self.pk])

    @property
    def label(self) -> str:
        from rightstrack.core.jobs.registry import label_of

        return label_of(self.kind)

    @property
    def is_live(self) -> bool:
        return self.state in LIVE_STATES

    @property
    def is_final(self) -> bool:
        return self.state in FINAL_STATES

    @property
    def percent(self) -> int:
        if self.state == JobState.SUCCEEDED:
            return 100
        if not self.total:
            return 0
        return min(100, (100 * self.done) // self.total)

    @property
    def has_result_file(self) -> bool:
        return self.state == JobState.SUCCEEDED and bool(self.result)

    def message_text(self) -> str:
        """The progress message in the active language."""
        if not self.message:
            return ""
        text = gettext(self.message)
        try:
            return text % self.message_params if self.message_params else text
        except (KeyError, TypeError, ValueError):
            return text

    def success_url(self) -> str:
        """Where the user goes when the job has finished: the kind's page, else the download."""
        from rightstrack.core.jobs.registry import kind_or_none

        kind = kind_or_none(self.kind)
        if kind is not None and kind.success_url is not None:
            return kind.success_url_for(self) or ""
        if self.has_result_file:
            return reverse("core:job_download", args=[self.pk])
        return ""

    def as_progress(self) -> dict[str, Any]:
        return {"state": self.state, "done": self.done, "total": self.total, "percent": self.percent}
