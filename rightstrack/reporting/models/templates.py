"""Report templates: versioned outlines of sections and numeric indicators.

A version is never changed once a report uses it: revising a template writes version N+1 (same family,
same stable keys) and marks it current, so every report keeps pointing at the outline it was written on.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rightstrack.core.fields import user_fk
from rightstrack.reporting.content import localized

MAX_DECIMALS = 4


class ReportTemplate(models.Model):
    family = models.SlugField(
        _("family"), max_length=64, help_text=_("Shared by every version of a template.")
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    is_current = models.BooleanField(_("current version"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = user_fk(_("created by"))

    class Meta:
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")
        ordering = ["family", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["family", "version"], name="template_version_unique"),
            models.UniqueConstraint(
                fields=["family"], condition=Q(is_current=True), name="template_one_current_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} (v{self.version})"

    @property
    def display_name(self) -> str:
        return localized(self.name, self.name_en)


class TemplateSection(models.Model):
    """A heading of the outline; work-area sub-sections hang under their parent (two levels)."""

    template = models.ForeignKey(
        ReportTemplate, verbose_name=_("template"), on_delete=models.CASCADE, related_name="sections"
    )
    order = models.PositiveIntegerField(_("order"))
    key = models.SlugField(_("key"), max_length=64, help_text=_("Stable across versions."))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    title = models.CharField(_("title"), max_length=255)
    title_en = models.CharField(_("English title"), max_length=255, blank=True)
    guidance = models.TextField(_("guidance for the writer"), blank=True)
    guidance_en = models.TextField(_("English guidance"), blank=True)
    match_aliases = models.JSONField(
        _("other headings"),
        default=list,
        blank=True,
        help_text=_(
            "Other heading texts (Vietnamese or English) that mean this section in imported documents."
        ),
    )

    class Meta:
        verbose_name = _("template section")
        verbose_name_plural = _("template sections")
        ordering = ["template", "order"]
        constraints = [
            models.UniqueConstraint(fields=["template", "key"], name="template_section_key_unique"),
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return localized(self.title, self.title_en)

    @property
    def display_guidance(self) -> str:
        return localized(self.guidance, self.guidance_en)

    @property
    def level(self) -> int:
        return 1 if self.parent_id is None else 2


class TemplateIndicator(models.Model):
    """A figure every report gives, e.g. awareness sessions held; may sum across provinces."""

    template = models.ForeignKey(
        ReportTemplate, verbose_name=_("template"), on_delete=models.CASCADE, related_name="indicators"
    )
    order = models.PositiveIntegerField(_("order"))
    key = models.SlugField(_("key"), max_length=64, help_text=_("Stable across versions."))
    label = models.CharField(_("label"), max_length=255)
    label_en = models.CharField(_("English label"), max_length=255, blank=True)
    unit = models.CharField(_("unit"), max_length=64, blank=True)
    unit_en = models.CharField(_("English unit"), max_length=64, blank=True)
    sums_across_bodies = models.BooleanField(_("sums across bodies"), default=True)
    allow_negative = models.BooleanField(_("may be negative"), default=False)
    decimals = models.PositiveSmallIntegerField(
        _("decimal places"), default=0, validators=[MaxValueValidator(MAX_DECIMALS)]
    )

    class Meta:
        verbose_name = _("template indicator")
        verbose_name_plural = _("template indicators")
        ordering = ["template", "order"]
        constraints = [
            models.UniqueConstraint(fields=["template", "key"], name="template_indicator_key_unique"),
            models.CheckConstraint(condition=Q(decimals__lte=MAX_DECIMALS), name="indicator_decimals_max"),
        ]

    def __str__(self) -> str:
        return self.display_label

    @property
    def display_label(self) -> str:
        return localized(self.label, self.label_en)

    @property
    def display_unit(self) -> str:
        return localized(self.unit, self.unit_en)
