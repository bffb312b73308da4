"""A consolidated pack: one cycle's reports from a set of bodies, put together for a review.

The pack row says what to consolidate (the cycle, the set of bodies, who organises it); what was built from
the sources lives in ``content`` with the fingerprint of the sources it was built from, so the page can say
when a report changed since (stale) and a rebuild over the same sources reuses it (the cache).
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rightstrack.core.fields import user_fk
from rightstrack.packs.choices import Selection
from rightstrack.reporting.content import localized


class ConsolidatedPack(models.Model):
    title = models.CharField(_("title"), max_length=255)
    title_en = models.CharField(_("English title"), max_length=255, blank=True)
    cycle = models.ForeignKey(
        "reporting.ReportingCycle",
        verbose_name=_("reporting cycle"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The body whose staff prepare the pack (its scope decides who sees it: the texts of every province).
    organiser = models.ForeignKey(
        "bodies.Body", verbose_name=_("organised by"), on_delete=models.PROTECT, related_name="+"
    )
    selection = models.CharField(_("bodies"), max_length=16, choices=Selection.choices, default=Selection.ALL)
    conference = models.ForeignKey(
        "conferences.Conference",
        verbose_name=_("conference"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="packs",
    )
    region = models.ForeignKey(
        "places.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The bodies covered, resolved when the pack is made (a region's members on the cycle's last day).
    bodies = models.ManyToManyField("bodies.Body", verbose_name=_("bodies"), related_name="+", blank=True)
    # Bodies marked "presenting" and put first (a conference's presenters).
    presenting = models.ManyToManyField(
        "bodies.Body", verbose_name=_("presenting bodies"), related_name="+", blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = user_fk(_("created by"))
    # What the last build produced (JSON, see packs/content.py), the hash of the sources' content it was
    # built from, and each source report's version then (the page compares versions to flag it stale).
    content = models.JSONField(_("content"), null=True, blank=True, editable=False)
    content_hash = models.CharField(_("sources' content hash"), max_length=64, blank=True, editable=False)
    source_versions = models.JSONField(_("source versions"), default=dict, blank=True, editable=False)
    built_at = models.DateTimeField(_("built at"), null=True, blank=True, editable=False)
    builds = models.PositiveIntegerField(_("builds"), default=0, editable=False)

    class Meta:
        verbose_name = _("consolidated pack")
        verbose_name_plural = _("consolidated packs")
        ordering = ["-created_at", "-id"]
        permissions = [("build_consolidatedpack", "Can build a consolidated pack")]

    def __str__(self) -> str:
        return self.display_title

    def get_absolute_url(self) -> str:
        return reverse("packs:pack_detail", args=[self.pk])

    @property
    def display_title(self) -> str:
        return localized(self.title, self.title_en)

    @property
    def is_built(self) -> bool:
        return self.content is not None
