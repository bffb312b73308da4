"""Committees, offices and agencies, and who sits in them in which position, from when to when."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rightstrack.bodies.choices import BodyKind, BodyLevel, Position
from rightstrack.places.models import ended_label

PATH_STEP = 6  # digits per level of the materialised path: "000012/000345/"


class BodyQuerySet(models.QuerySet["Body"]):
    def subtree_of(self, body: Body) -> BodyQuerySet:
        return self.filter(path__startswith=body.path)

    def active_on(self, day: datetime.date) -> BodyQuerySet:
        return self.filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=day))


class Body(models.Model):
    """A committee, office or agency. ``path`` lists its ancestors' ids so a subtree is one index scan."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=BodyKind.choices)
    level = models.CharField(_("level"), max_length=16, choices=BodyLevel.choices)
    unit = models.ForeignKey(
        "places.AdministrativeUnit",
        verbose_name=_("administrative unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bodies",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, editable=False, db_index=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    establishment_decision = models.CharField(_("establishment decision"), max_length=255, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )

    objects = BodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True)
                | Q(established_on__isnull=True)
                | Q(dissolved_on__gte=models.F("established_on")),
                name="body_dissolved_after_established",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("bodies:body_detail", args=[self.pk])

    @property
    def display_name(self) -> str:
        """The name, and for a dissolved body when it ended: the committee of the old Hồ Chí Minh City reads
        "… Hồ Chí Minh (before 07/2025)", never the same as the committee of today's city."""
        return ended_label(self.name, self.dissolved_on)

    def clean(self) -> None:
        if self.established_on and self.dissolved_on and self.dissolved_on < self.established_on:
            raise ValidationError({"dissolved_on": _("A body cannot be dissolved before it is established.")})
        if self.parent_id and self.pk:
            ancestor: Body | None = self.parent
            while ancestor is not None:
                if ancestor.pk == self.pk:
                    raise ValidationError({"parent": _("A body cannot be placed under itself.")})
                ancestor = ancestor.parent

    @property
    def depth(self) -> int:
        return self.path.count("/")

    @property
    def is_active(self) -> bool:
        return self.dissolved_on is None or self.dissolved_on > timezone.localdate()


class Person(models.Model):
    """An official, known here only by name and title in their official roles."""

    full_name = models.CharField(_("full name"), max_length=200)
    title = models.CharField(_("official title"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name


class Membership(models.Model):
    """A seat in a body, held by a person or (for a standing agency or member ministry) another body."""

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    member_body = models.ForeignKey(
        Body,
        verbose_name=_("member agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="seats",
    )
    position = models.CharField(_("position"), max_length=32, choices=Position.choices)
    title = models.CharField(_("title in this body"), max_length=255, blank=True)
    start_on = models.DateField(_("from"))
    end_on = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["body", "end_on", "position", "start_on"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(member_body__isnull=True))
                | (Q(person__isnull=True) & Q(member_body__isnull=False)),
                name="membership_person_xor_body",
                # Said once, in the user's words (full_clean checks constraints after clean()).
                violation_error_message=_("A seat is held by a person or by an agency: choose exactly one."),
            ),
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(end_on__gte=models.F("start_on")),
                name="membership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.holder} — {self.get_position_display()} ({self.body})"

    def get_absolute_url(self) -> str:
        return self.body.get_absolute_url()

    @property
    def holder(self) -> Person | Body | None:
        return self.person or self.member_body

    def clean(self) -> None:
        if self.start_on and self.end_on and self.end_on < self.start_on:
            raise ValidationError({"end_on": _("A membership cannot end before it starts.")})
        if self.member_body_id and self.member_body_id == self.body_id:
            raise ValidationError({"member_body": _("A body cannot be a member of itself.")})

    def is_current(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.start_on <= day and (self.end_on is None or self.end_on >= day)


class Letterhead(models.Model):
    """What a body last put at the head and foot of its official documents (Decree 30/2020/NĐ-CP): offered
    again at its next export, so nobody types the parent body, the symbol or the recipients twice."""

    body = models.OneToOneField(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="letterhead"
    )
    parent_name = models.CharField(_("parent body"), max_length=255, blank=True)
    issuing_name = models.CharField(_("issuing body"), max_length=255, blank=True)
    symbol = models.CharField(_("symbol"), max_length=64, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    recipients = models.TextField(_("recipients"), blank=True)  # one a line
    signer = models.ForeignKey(
        Membership,
        verbose_name=_("signer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signer_authority = models.CharField(_("signing for"), max_length=255, blank=True)
    signer_position = models.CharField(_("signer's position"), max_length=255, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("letterhead")
        verbose_name_plural = _("letterheads")

    def __str__(self) -> str:
        return str(self.body)

    def get_absolute_url(self) -> str:
        return self.body.get_absolute_url()

    def clean(self) -> None:
        if self.signer_id and self.signer is not None and self.signer.body_id != self.body_id:
            raise ValidationError({"signer": _("The signer must hold a seat in this body.")})
