"""Activities: the awareness, training and law-dissemination work a body did, counted, never a record of the
persons who took part (no names: how many, and which groups of people it reached)."""

from __future__ import annotations

import datetime

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from rightstrack.activities.choices import ActivityKind
from rightstrack.core.fields import user_fk

MAX_PEOPLE = 10_000_000  # more people than any one activity reaches: a typing mistake


def _localized(vi: str, en: str) -> str:
    return en if en and (get_language() or "").startswith("en") else vi


class AudienceGroup(models.Model):
    """A group of people an activity reached (ethnic minorities, religious dignitaries…): a small taxonomy
    administrators edit (in the admin)."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    active = models.BooleanField(_("offered for new activities"), default=True)

    class Meta:
        verbose_name = _("audience group")
        verbose_name_plural = _("audience groups")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return _localized(self.name, self.name_en)


class Activity(models.Model):
    body = models.ForeignKey(
        "bodies.Body", verbose_name=_("body"), on_delete=models.PROTECT, related_name="activities"
    )
    date = models.DateField(_("date"), db_index=True)
    date_end = models.DateField(
        _("until"), null=True, blank=True, help_text=_("The last day, for an activity over several days.")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=ActivityKind.choices, db_index=True)
    topic = models.CharField(_("topic"), max_length=500)
    topic_en = models.CharField(_("English topic"), max_length=500, blank=True)
    participants = models.PositiveIntegerField(
        _("participants (people)"), default=0, validators=[MaxValueValidator(MAX_PEOPLE)]
    )
    officials_trained = models.PositiveIntegerField(
        _("officials trained"), default=0, validators=[MaxValueValidator(MAX_PEOPLE)]
    )
    audiences = models.ManyToManyField(
        AudienceGroup, verbose_name=_("audience groups"), blank=True, related_name="activities"
    )
    place_text = models.CharField(_("place"), max_length=255, blank=True, help_text=_("As written."))
    place = models.ForeignKey(
        "places.AdministrativeUnit",
        verbose_name=_("administrative unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = user_fk(_("created by"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["body", "date"], name="activity_body_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_end__isnull=True) | Q(date_end__gte=models.F("date")),
                name="activity_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(participants__lte=MAX_PEOPLE) & Q(officials_trained__lte=MAX_PEOPLE),
                name="activity_people_bounded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_topic} ({self.date:%d/%m/%Y})" if self.date else self.display_topic

    def get_absolute_url(self) -> str:
        return reverse("activities:activity_edit", args=[self.pk])

    @property
    def display_topic(self) -> str:
        return _localized(self.topic, self.topic_en)

    @property
    def last_day(self) -> datetime.date:
        return self.date_end or self.date
