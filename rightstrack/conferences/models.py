"""Conferences: who met, when and where, who chaired, who took part, who presented which report, and what
came of it (agenda, minutes, documents, media coverage)."""

from __future__ import annotations

import os
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from rightstrack.conferences.choices import ConferenceKind, MediaLanguage, ParticipantsMode
from rightstrack.core.fields import user_fk

MAX_ATTENDEES = 1_000_000


class Conference(models.Model):
    kind = models.CharField(_("kind"), max_length=32, choices=ConferenceKind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=500)
    title_en = models.CharField(_("English title"), max_length=500, blank=True)
    date = models.DateField(_("date"), db_index=True)
    start_time = models.TimeField(_("starts at"), null=True, blank=True)
    end_time = models.TimeField(_("ends at"), null=True, blank=True)
    place = models.ForeignKey(
        "places.AdministrativeUnit",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conferences",
        help_text=_("The unit as it was named on the day (a unit since merged is shown with its successor)."),
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    organiser = models.ForeignKey(
        "bodies.Body", verbose_name=_("organising body"), on_delete=models.PROTECT, related_name="+"
    )
    chair = models.ForeignKey(
        "bodies.Membership",
        verbose_name=_("chair"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="chaired_conferences",
        help_text=_("A person in the position they held on the day."),
    )
    cycle = models.ForeignKey(
        "reporting.ReportingCycle",
        verbose_name=_("cycle reviewed"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conferences",
    )
    # How the participants were chosen, kept for the record (the participant rows are what counts).
    participants_mode = models.CharField(
        _("participants chosen as"),
        max_length=16,
        choices=ParticipantsMode.choices,
        default=ParticipantsMode.LIST,
    )
    region = models.ForeignKey(
        "places.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    participants_on = models.DateField(_("participants as of"), null=True, blank=True)
    attendee_count = models.PositiveIntegerField(_("number of participants (people)"), null=True, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = user_fk(_("created by"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    bodies = models.ManyToManyField(
        "bodies.Body", through="ConferenceParticipant", related_name="conferences", blank=True
    )

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        ordering = ["-date", "-start_time", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=True)
                | Q(end_time__gte=models.F("start_time")),
                name="conference_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(attendee_count__isnull=True) | Q(attendee_count__lte=MAX_ATTENDEES),
                name="conference_attendees_bounded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_title} ({self.date:%d/%m/%Y})" if self.date else self.display_title

    def get_absolute_url(self) -> str:
        return reverse("conferences:conference_detail", args=[self.pk])

    @property
    def display_title(self) -> str:
        language = get_language() or ""
        return self.title_en if language.startswith("en") and self.title_en else self.title

    def clean(self) -> None:
        if self.start_time and self.end_time and self.end_time < self.start_time:
            raise ValidationError({"end_time": _("The conference cannot end before it starts.")})
        if self.attendee_count is not None and self.attendee_count > MAX_ATTENDEES:
            raise ValidationError({"attendee_count": _("Enter the number of people who took part.")})


class ConferenceParticipant(models.Model):
    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="participants"
    )
    body = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        related_name="conference_participations",
    )

    class Meta:
        verbose_name = _("participating body")
        verbose_name_plural = _("participating bodies")
        ordering = ["conference", "body__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "body"], name="conference_participant_unique")
        ]

    def __str__(self) -> str:
        return f"{self.body} — {self.conference}"


class ConferencePresentation(models.Model):
    """A participant that presented, with the report of the reviewed cycle it presented (if any)."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="presentations"
    )
    body = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        related_name="conference_presentations",
    )
    report = models.ForeignKey(
        "reporting.Report",
        verbose_name=_("report presented"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="presentations",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("presentation")
        verbose_name_plural = _("presentations")
        ordering = ["conference", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "body"], name="conference_presenter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.body} — {self.conference}"


def document_path(instance: ConferenceDocument, filename: str) -> str:
    """conferences/<conference>/<random><ext>: the stored name never comes from the uploader."""
    extension = os.path.splitext(filename)[1].lower()[:10]
    return f"conferences/{instance.conference_id}/{uuid.uuid4().hex}{extension}"


class ConferenceDocument(models.Model):
    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=255, blank=True)
    file = models.FileField(_("file"), upload_to=document_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    kind = models.CharField(_("file type"), max_length=16, blank=True)
    uploaded_by = user_fk(_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("conference document")
        verbose_name_plural = _("conference documents")
        ordering = ["conference", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title or self.original_name


class ConferenceMediaLink(models.Model):
    """A news article or broadcast about the conference: recorded, never fetched."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="media_links"
    )
    url = models.URLField(_("address (URL)"), max_length=1000)
    title = models.CharField(_("title"), max_length=500)
    outlet = models.CharField(_("outlet"), max_length=255, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=MediaLanguage.choices, default=MediaLanguage.VI
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    added_by = user_fk(_("added by"))
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("media coverage")
        verbose_name_plural = _("media coverage")
        ordering = ["conference", "published_on", "id"]

    def __str__(self) -> str:
        return self.title
