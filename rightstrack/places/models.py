"""Administrative units with validity dates and successors, and named regions defined as of a date."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rightstrack.places.choices import RegionKind, UnitLevel
from rightstrack.places.normalize import fold, match_key


def ended_label(name: str, ended_on: datetime.date | None) -> str:
    """``name`` marked with the day it ceased to exist (the first day it no longer did): "before 07/2025"
    when that is the first of a month (a reform's date), else "until" the last day it did."""
    if ended_on is None:
        return name
    if ended_on.day == 1:
        return _("%(name)s (before %(month)s)") % {"name": name, "month": ended_on.strftime("%m/%Y")}
    last_day = ended_on - datetime.timedelta(days=1)
    return _("%(name)s (until %(date)s)") % {"name": name, "date": last_day.strftime("%d/%m/%Y")}


class UnitQuerySet(models.QuerySet["AdministrativeUnit"]):
    def valid_on(self, day: datetime.date) -> UnitQuerySet:
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


class AdministrativeUnit(models.Model):
    """A country, province, district or commune as it existed between two dates.

    A reorganisation ends units (``valid_to``) and links them to the units that took over their territory
    (``successors``), so old names keep resolving and history stays true.
    """

    code = models.CharField(_("code"), max_length=32, db_index=True)
    name = models.CharField(_("name"), max_length=200)
    name_ascii = models.CharField(_("name without diacritics"), max_length=200, editable=False)
    match_key = models.CharField(max_length=200, editable=False, db_index=True)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    kind = models.CharField(
        _("type"), max_length=64, blank=True, help_text=_("e.g. tỉnh, thành phố, xã, phường")
    )
    level = models.CharField(_("level"), max_length=16, choices=UnitLevel.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self",
        verbose_name=_("successors"),
        symmetrical=False,
        blank=True,
        related_name="predecessors",
        through="UnitSuccession",
    )
    source = models.CharField(_("source"), max_length=255, blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["level", "name_ascii", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "code", "valid_from"], name="unit_code_unique_per_period"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_to_after_valid_from",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.name_ascii = fold(self.name)
        self.match_key = match_key(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("places:unit_detail", args=[self.pk])

    @property
    def display_name(self) -> str:
        """The name, and for an ended unit when it ended: "Hồ Chí Minh (before 07/2025)" is not the city of
        today, which carries the same name."""
        return ended_label(self.name, self.valid_to + datetime.timedelta(days=1) if self.valid_to else None)

    def clean(self) -> None:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("A unit cannot end before it starts.")})
        overlapping = AdministrativeUnit.objects.filter(level=self.level, code=self.code).exclude(pk=self.pk)
        if self.valid_from:
            overlapping = overlapping.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from))
        if self.valid_to:
            overlapping = overlapping.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=self.valid_to))
        if self.code and overlapping.exists():
            raise ValidationError(
                {"code": _("Another unit of this level already uses this code in the same period.")}
            )

    def is_current(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )

    def current_successors(self, day: datetime.date | None = None) -> list[AdministrativeUnit]:
        """The units valid on ``day`` that this unit's territory passed to, following chains of mergers."""
        day = day or timezone.localdate()
        if self.is_current(day):
            return [self]
        found: list[AdministrativeUnit] = []
        seen: set[int] = {self.pk}
        frontier = list(self.successors.all())
        while frontier:
            unit = frontier.pop(0)
            if unit.pk in seen:
                continue
            seen.add(unit.pk)
            if unit.is_current(day):
                found.append(unit)
            else:
                frontier.extend(unit.successors.all())
        return found


class UnitSuccession(models.Model):
    predecessor = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="succeeded_by")
    successor = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="succeeds")
    effective_on = models.DateField(_("effective on"))
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="unit_succession_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.effective_on})"


class UnitAlias(models.Model):
    """Another name a unit is known by: an abbreviation (BRVT, HCM), an old spelling, a short form."""

    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(_("alias"), max_length=200)
    alias_folded = models.CharField(max_length=200, editable=False, db_index=True)
    alias_key = models.CharField(max_length=200, editable=False, db_index=True)

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [models.UniqueConstraint(fields=["unit", "alias_folded"], name="unit_alias_unique")]

    def __str__(self) -> str:
        return self.alias

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.alias_folded = fold(self.alias)
        self.alias_key = match_key(self.alias)
        super().save(*args, **kwargs)


class Region(models.Model):
    """A named grouping of units whose membership can change over time."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=RegionKind.choices, default=RegionKind.CUSTOM)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="parts",
    )
    units = models.ManyToManyField(AdministrativeUnit, through="RegionMembership", related_name="regions")

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("places:region_detail", args=[self.pk])

    def units_on(self, day: datetime.date) -> UnitQuerySet:
        """Member units on ``day``: membership and the unit itself both valid then."""
        memberships = self.memberships.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )
        return AdministrativeUnit.objects.valid_on(day).filter(region_memberships__in=memberships).distinct()


class RegionMembership(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="region_memberships")
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("to"), null=True, blank=True)
    # Where the membership comes from: a province straddling two regions is a member of both, and says why.
    source = models.CharField(_("source"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("region membership")
        verbose_name_plural = _("region memberships")
        constraints = [
            models.UniqueConstraint(fields=["region", "unit", "valid_from"], name="region_membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} ∈ {self.region}"
