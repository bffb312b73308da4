"""Proposals to higher authorities: what a body asked for, of whom, from which passages (a report's, a
pack's grouped proposals, a conference), the laws it concerns, and how the authority answered."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rightstrack.core.fields import user_fk
from rightstrack.proposals.choices import ProposalKind, ProposalStatus, SourceKind


class Proposal(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=ProposalKind.choices, db_index=True)
    topic = models.CharField(_("topic"), max_length=255)
    text = models.TextField(_("proposal"))
    body = models.ForeignKey(
        "bodies.Body", verbose_name=_("proposing body"), on_delete=models.PROTECT, related_name="proposals"
    )
    authority = models.CharField(_("addressed to"), max_length=255)
    authority_body = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("addressed body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("When the authority is a body in the system (a ministry, the national committee)."),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ProposalStatus.choices,
        default=ProposalStatus.SUBMITTED,
        db_index=True,
    )
    submitted_on = models.DateField(_("submitted on"), default=timezone.localdate)
    response = models.TextField(_("the authority's response"), blank=True)
    documents = models.ManyToManyField(
        "laws.LegalDocument",
        verbose_name=_("laws and policies concerned"),
        blank=True,
        related_name="proposals",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged",
    )
    merged_at = models.DateTimeField(_("merged at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = user_fk(_("created by"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-submitted_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(merged_into=models.F("pk")), name="proposal_not_merged_into_itself"
            )
        ]

    def __str__(self) -> str:
        return self.topic

    def get_absolute_url(self) -> str:
        return reverse("proposals:proposal_detail", args=[self.pk])


class ProposalSource(models.Model):
    """A passage the proposal comes from; ``via`` is the proposal it came with when that one was merged."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="sources"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=SourceKind.choices)
    section = models.ForeignKey(
        "reporting.ReportSection",
        verbose_name=_("report section"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    pack = models.ForeignKey(
        "packs.ConsolidatedPack",
        verbose_name=_("consolidated pack"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    conference = models.ForeignKey(
        "conferences.Conference",
        verbose_name=_("conference"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("whose passage"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("passage"), blank=True)
    via = models.ForeignKey(
        Proposal,
        verbose_name=_("came with the merged proposal"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)
    added_by = user_fk(_("added by"))

    class Meta:
        verbose_name = _("source passage")
        verbose_name_plural = _("source passages")
        ordering = ["proposal", "id"]

    def __str__(self) -> str:
        return f"{self.proposal}: {self.get_kind_display()}"


class ProposalStatusChange(models.Model):
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="changes"
    )
    previous = models.CharField(_("from"), max_length=16, choices=ProposalStatus.choices, blank=True)
    status = models.CharField(_("to"), max_length=16, choices=ProposalStatus.choices)
    response = models.TextField(_("the authority's response"), blank=True)
    on = models.DateField(_("on"), default=timezone.localdate)
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    changed_by = user_fk(_("changed by"))

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["proposal", "-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.proposal}: {self.previous or '—'} → {self.status}"
