"""Reporting cycles: who reports on which period, by when, on which template version."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from rightstrack.core.fields import user_fk
from rightstrack.reporting.choices import CycleStatus
from rightstrack.reporting.content import localized
from rightstrack.reporting.models.templates import ReportTemplate

DEFAULT_REMINDER_DAYS = 7


class ReportingCycle(models.Model):
    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    deadline = models.DateField(_("deadline"))
    template = models.ForeignKey(
        ReportTemplate, verbose_name=_("template"), on_delete=models.PROTECT, related_name="cycles"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=CycleStatus.choices, default=CycleStatus.PLANNED, db_index=True
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        _("remind this many days before the deadline"), default=DEFAULT_REMINDER_DAYS
    )
    # How the participants were chosen, kept for the record (the participant rows are what counts).
    region = models.ForeignKey(
        "places.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    region_on = models.DateField(_("participants as of"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = user_fk(_("created by"))
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    bodies = models.ManyToManyField(
        "bodies.Body", through="CycleParticipant", related_name="reporting_cycles", blank=True
    )

    # Ids the audit records keep in lists, for the history page to show only those a reader may see.
    audit_id_lists = {"participants": "bodies.Body"}

    class Meta:
        verbose_name = _("reporting cycle")
        verbose_name_plural = _("reporting cycles")
        ordering = ["-period_end", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="cycle_period_ordered"
            ),
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("period_start")), name="cycle_deadline_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        try:
            return reverse("reporting:cycle_detail", args=[self.pk])
        except NoReverseMatch:  # the pages are added by the reporting UI
            return ""

    @property
    def display_name(self) -> str:
        return localized(self.name, self.name_en)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The period cannot end before it starts.")
        if self.period_start and self.deadline and self.deadline < self.period_start:
            errors["deadline"] = _("The deadline cannot be before the period starts.")
        if errors:
            raise ValidationError(errors)


class CycleParticipant(models.Model):
    cycle = models.ForeignKey(
        ReportingCycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="participants"
    )
    body = models.ForeignKey(
        "bodies.Body", verbose_name=_("body"), on_delete=models.PROTECT, related_name="cycle_participations"
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["cycle", "id"]
        constraints = [models.UniqueConstraint(fields=["cycle", "body"], name="cycle_participant_unique")]

    def __str__(self) -> str:
        return f"{self.body} — {self.cycle}"
