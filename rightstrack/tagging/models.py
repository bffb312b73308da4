"""What the tagger proposed and what people decided: the trained models (one active per taxonomy) and the
suggestions, each kept with the model version that made it. An accepted suggestion is the tag for objects
that have no taxonomy fields of their own (report sections, conference minutes, documents); on a
recommendation it also sets the recommendation's own themes, groups and SDGs."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rightstrack.core.fields import user_fk
from rightstrack.tagging.choices import SuggestionState, TargetKind, TaxonomyKey


class TaggerVersion(models.Model):
    """A trained tagger for one taxonomy: its bytes, what it measured on held-out folds when it was trained,
    and whether it is the one in use (at most one active per taxonomy)."""

    taxonomy = models.CharField(_("taxonomy"), max_length=32, choices=TaxonomyKey.choices, db_index=True)
    version = models.CharField(_("version"), max_length=200)
    model = models.BinaryField(_("model"), editable=False)
    figures = models.JSONField(_("measured figures"), default=dict, blank=True)
    examples = models.PositiveIntegerField(_("trained on (examples)"), default=0)
    active = models.BooleanField(_("in use"), default=False)
    # Why it is (not) in use: the comparison the retraining made, shown in the history.
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = user_fk(_("created by"))

    class Meta:
        verbose_name = _("tagger version")
        verbose_name_plural = _("tagger versions")
        ordering = ["taxonomy", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["taxonomy", "version"], name="tagger_version_unique"),
            models.UniqueConstraint(
                fields=["taxonomy"], condition=Q(active=True), name="tagger_version_one_active"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.taxonomy} {self.version}"

    @property
    def macro_f1(self) -> float | None:
        value = (self.figures or {}).get("macro_f1")
        return float(value) if isinstance(value, int | float) else None

    @property
    def short_version(self) -> str:
        """A version as the history names it: its kind and its data's digest ("supervised 05d45a2fa49b")."""
        parts = self.version.split("/")
        kind = parts[1].rsplit("-", 1)[-1] if len(parts) > 1 else ""
        return f"{kind} {parts[-1]}".strip()

    @property
    def macro_f1_percent(self) -> float | None:
        value = self.macro_f1
        return None if value is None else value * 100


class Suggestion(models.Model):
    """One term the tagger proposes for one text (a recommendation, a report's section, a conference's
    minutes, a document), with its score and model version; a person accepts or rejects it."""

    kind = models.CharField(_("about"), max_length=16, choices=TargetKind.choices)
    recommendation = models.ForeignKey(
        "recommendations.Recommendation",
        verbose_name=_("recommendation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    report = models.ForeignKey(
        "reporting.Report",
        verbose_name=_("report"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    section_key = models.SlugField(_("section"), max_length=64, blank=True)
    conference = models.ForeignKey(
        "conferences.Conference",
        verbose_name=_("conference"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    taxonomy = models.CharField(_("taxonomy"), max_length=32, choices=TaxonomyKey.choices)
    code = models.CharField(_("term"), max_length=64)
    score = models.FloatField(_("score"))
    model_version = models.CharField(_("model version"), max_length=200)
    state = models.CharField(
        _("state"), max_length=16, choices=SuggestionState.choices, default=SuggestionState.PENDING
    )
    created_at = models.DateTimeField(_("suggested at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = user_fk(_("decided by"))

    class Meta:
        verbose_name = _("tag suggestion")
        verbose_name_plural = _("tag suggestions")
        ordering = ["taxonomy", "-score", "id"]
        constraints = [
            models.CheckConstraint(
                name="suggestion_one_target",
                condition=(
                    Q(
                        kind=TargetKind.RECOMMENDATION,
                        recommendation__isnull=False,
                        report__isnull=True,
                        conference__isnull=True,
                        document__isnull=True,
                    )
                    | Q(
                        kind=TargetKind.REPORT_SECTION,
                        recommendation__isnull=True,
                        report__isnull=False,
                        conference__isnull=True,
                        document__isnull=True,
                    )
                    & ~Q(section_key="")
                    | Q(
                        kind=TargetKind.CONFERENCE,
                        recommendation__isnull=True,
                        report__isnull=True,
                        conference__isnull=False,
                        document__isnull=True,
                    )
                    | Q(
                        kind=TargetKind.DOCUMENT,
                        recommendation__isnull=True,
                        report__isnull=True,
                        conference__isnull=True,
                        document__isnull=False,
                    )
                ),
            ),
            *(
                models.UniqueConstraint(
                    fields=[*fields, "taxonomy", "code"],
                    condition=Q(kind=kind),
                    name=f"suggestion_once_per_{kind}",
                )
                for kind, fields in (
                    (TargetKind.RECOMMENDATION, ["recommendation"]),
                    (TargetKind.REPORT_SECTION, ["report", "section_key"]),
                    (TargetKind.CONFERENCE, ["conference"]),
                    (TargetKind.DOCUMENT, ["document"]),
                )
            ),
        ]
        indexes = [
            models.Index(fields=["recommendation", "taxonomy"], name="suggestion_recommendation"),
            models.Index(fields=["report", "section_key"], name="suggestion_report_section"),
            models.Index(fields=["taxonomy", "state"], name="suggestion_taxonomy_state"),
        ]

    def __str__(self) -> str:
        return f"{self.taxonomy} {self.code} ({self.get_state_display()})"

    @property
    def target(self) -> Any:
        """The object the suggestion is about (for a report section: the report)."""
        return self.recommendation or self.report or self.conference or self.document
