"""The country's UN recommendations and the taxonomies they are tagged with (UHRI themes, affected-person
groups, the SDG framework, the State's own clusters)."""

from __future__ import annotations

import re
from typing import Any

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from rightstrack.core.fields import user_fk
from rightstrack.core.text import fold
from rightstrack.recommendations.choices import AssignmentRole, ImplementationStatus, Mechanism, Position


def _localised(name: str, name_vi: str) -> str:
    language = get_language() or ""
    return name_vi if language.startswith("vi") and name_vi else name


class NamedTerm(models.Model):
    """A term of a taxonomy: its English name as the UN writes it, unique, and a Vietnamese name beside it;
    shown in the reader's language."""

    name = models.CharField(_("name (English)"), max_length=300, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=300, blank=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return _localised(self.name, self.name_vi)


class Theme(NamedTerm):
    """A UHRI human-rights theme ("Equality & non-discrimination"); created by imports, editable."""

    code = models.CharField(_("code"), max_length=16, blank=True, help_text=_("UHRI's old code, e.g. A12."))

    class Meta(NamedTerm.Meta):
        verbose_name = _("human rights theme")
        verbose_name_plural = _("human rights themes")


class AffectedPersons(NamedTerm):
    """A group of affected persons ("Children", "Persons with disabilities"); created by imports, editable."""

    class Meta(NamedTerm.Meta):
        verbose_name = _("affected-person group")
        verbose_name_plural = _("affected-person groups")


class SdgGoal(models.Model):
    """One of the 17 Sustainable Development Goals (loaded from the shipped data file)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    short = models.CharField(_("short name"), max_length=100)
    title = models.CharField(_("title"), max_length=300)
    short_vi = models.CharField(_("short name (Vietnamese)"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("SDG goal")
        verbose_name_plural = _("SDG goals")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number} – {self.display_name}"

    @property
    def display_name(self) -> str:
        return _localised(self.short, self.short_vi)


class SdgTarget(models.Model):
    """One of the 169 SDG targets ("16.3", "1.a")."""

    goal = models.ForeignKey(
        SdgGoal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="targets"
    )
    code = models.CharField(_("code"), max_length=8, unique=True)
    title = models.TextField(_("title"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")
        ordering = ["goal__number", "order", "code"]

    def __str__(self) -> str:
        return self.code


class SdgIndicator(models.Model):
    """A global SDG indicator ("16.3.1")."""

    target = models.ForeignKey(
        SdgTarget, verbose_name=_("target"), on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.CharField(_("code"), max_length=12, unique=True)
    title = models.TextField(_("title"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("SDG indicator")
        verbose_name_plural = _("SDG indicators")
        ordering = ["target__goal__number", "target__order", "order"]

    def __str__(self) -> str:
        return self.code


class Cluster(NamedTerm):
    """The State's own grouping of recommendations (e.g. "Rights of the child"), kept by the owner."""

    class Meta(NamedTerm.Meta):
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")


class Recommendation(models.Model):
    """One recommendation received by the State, as the UN published it, with a Vietnamese translation
    beside the original (entered or imported, never machine-made)."""

    owner = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("kept by"),
        on_delete=models.PROTECT,
        related_name="recommendations",
        help_text=_("The body that keeps this recommendation on record (usually the national committee)."),
    )
    mechanism = models.CharField(_("mechanism"), max_length=8, choices=Mechanism.choices, db_index=True)
    session = models.CharField(
        _("session"), max_length=64, blank=True, db_index=True, help_text=_("E.g. 46 (UPR) or 86 (CEDAW).")
    )
    cycle = models.PositiveSmallIntegerField(_("UPR cycle"), null=True, blank=True)
    document_symbol = models.CharField(_("document symbol"), max_length=100, blank=True)
    document_date = models.DateField(_("date of the document"), null=True, blank=True)
    number = models.CharField(_("number"), max_length=32, blank=True, help_text=_("E.g. 140.116."))
    text = models.TextField(_("text (original)"))
    text_vi = models.TextField(_("text (Vietnamese)"), blank=True)
    recommending_states = models.JSONField(_("recommending States"), default=list, blank=True)
    position = models.CharField(_("position"), max_length=16, choices=Position.choices, blank=True)
    position_source = models.CharField(
        _("source of position"), max_length=200, blank=True, help_text=_("E.g. A/HRC/59/15/Add.1 - Para.3.")
    )
    response_text = models.TextField(_("response of the Government"), blank=True)
    response_text_vi = models.TextField(_("response of the Government (Vietnamese)"), blank=True)
    countries = models.JSONField(_("countries concerned"), default=list, blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="recommendations"
    )
    affected_persons = models.ManyToManyField(
        AffectedPersons, verbose_name=_("affected persons"), blank=True, related_name="recommendations"
    )
    sdg_goals = models.ManyToManyField(
        SdgGoal, verbose_name=_("SDG goals"), blank=True, related_name="recommendations"
    )
    sdg_targets = models.ManyToManyField(
        SdgTarget, verbose_name=_("SDG targets"), blank=True, related_name="recommendations"
    )
    clusters = models.ManyToManyField(
        Cluster, verbose_name=_("clusters"), blank=True, related_name="recommendations"
    )
    external_id = models.CharField(
        _("external id"), max_length=100, blank=True, help_text=_("UHRI's annotation id, where known.")
    )
    # Shown on the public portal (decision "public portal"): set by ``services.recommendation_publish``
    # only, by the standing office; its assessments are published one by one beside it.
    is_published = models.BooleanField(_("published on the portal"), default=False, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    # fold() of the number, both texts and the recommending States: what the search compares with (see
    # docs/decisions, "recommendations search"); written by the services, never by hand.
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    # The order people read them in: session 9 before 46, "140.9" before "140.116" (``sort_key_of``);
    # written with search_text, by the services and the import (decision 0055).
    sort_key = models.CharField(_("sort key"), max_length=200, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = user_fk(_("created by"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["mechanism", "sort_key", "id"]
        indexes = [
            models.Index(fields=["mechanism", "session", "number"], name="recommendation_natural"),
            models.Index(fields=["mechanism", "sort_key", "id"], name="recommendation_order"),
            models.Index(
                fields=["mechanism", "sort_key", "id"],
                condition=Q(is_published=True),
                name="recommendation_published",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"], condition=~Q(external_id=""), name="recommendation_external_id"
            ),
            models.UniqueConstraint(
                fields=["mechanism", "session", "number"],
                condition=~Q(number="") & Q(external_id=""),
                name="recommendation_number_in_session",
            ),
        ]

    def __str__(self) -> str:
        label = f"{self.mechanism} {self.session}".strip()
        return f"{label} {self.number}".strip() if self.number else f"{label} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("recommendations:recommendation_detail", args=[self.pk])

    @property
    def display_text(self) -> str:
        return _localised(self.text, self.text_vi)

    @property
    def current_status_display(self) -> str:
        """The label of ``current_status``, which the selectors annotate (the latest assessment's status)."""
        status = getattr(self, "current_status", None)
        return str(ImplementationStatus(status).label) if status in ImplementationStatus.values else ""

    @property
    def states_display(self) -> str:
        return ", ".join(self.recommending_states or [])

    def folded(self) -> str:
        return search_text_of(
            number=self.number,
            text=self.text,
            text_vi=self.text_vi,
            states=self.recommending_states,
            symbol=self.document_symbol,
        )


SORT_DIGITS = 10
_DIGITS = re.compile(r"\d+")


def sort_key_of(session: str, number: str) -> str:
    """Session and number with every run of digits zero-padded to ten, so that text order is numeric
    order on both databases ("46 140.9" → "0000000046 0000000140.0000000009", before "… .0000000116")."""

    def natural(value: str) -> str:
        return _DIGITS.sub(lambda m: m[0].lstrip("0").rjust(SORT_DIGITS, "0"), value.casefold())

    return f"{natural(session)} {natural(number)}"[:200]


def search_text_of(*, number: str, text: str, text_vi: str, states: Any, symbol: str) -> str:
    """What the search compares with: one folded line (diacritics and case gone) in which every word follows
    a space, punctuation read as spaces, so that a search matches the start of words ("tre em" finds "trẻ
    em", not "strengthen"); the number and the document symbol are also kept as written ("140.116",
    "a/hrc/54/8"), which a search for them matches anywhere (``filters.search``)."""
    kept = fold(" ".join(p for p in (number, symbol) if p))
    words = fold(
        " ".join(p for p in (number, symbol, text, text_vi, " ".join(states or [])) if p), separators=True
    )
    return f" {kept} {words}"


class Assignment(models.Model):
    """A body made responsible for a recommendation: one lead, any number of supporting bodies."""

    recommendation = models.ForeignKey(
        Recommendation, verbose_name=_("recommendation"), on_delete=models.CASCADE, related_name="assignments"
    )
    body = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        related_name="recommendation_assignments",
    )
    role = models.CharField(_("role"), max_length=16, choices=AssignmentRole.choices)
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["recommendation", "role", "body__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["recommendation", "body"], name="assignment_once_per_body"),
            models.UniqueConstraint(
                fields=["recommendation"], condition=Q(role="lead"), name="assignment_one_lead"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} — {self.recommendation}"


class Measure(models.Model):
    """What the lead body plans to do about a recommendation: what, who, by when, budget, indicator."""

    recommendation = models.ForeignKey(
        Recommendation, verbose_name=_("recommendation"), on_delete=models.CASCADE, related_name="measures"
    )
    body = models.ForeignKey(
        "bodies.Body", verbose_name=_("body"), on_delete=models.PROTECT, related_name="+"
    )
    what = models.TextField(_("measure"))
    responsible = models.CharField(_("who carries it out"), max_length=300, blank=True)
    due_on = models.DateField(_("due by"), null=True, blank=True)
    budget_note = models.CharField(_("budget"), max_length=500, blank=True)
    indicator = models.CharField(_("indicator"), max_length=500, blank=True)
    created_by = user_fk(_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["recommendation", "due_on", "id"]

    def __str__(self) -> str:
        return self.what[:80]


def evidence_path(instance: Assessment, filename: str) -> str:
    """recommendations/<recommendation>/<random><ext>: the stored name never comes from the uploader."""
    import os
    import uuid

    extension = os.path.splitext(filename)[1].lower()[:10]
    return f"recommendations/{instance.recommendation_id}/{uuid.uuid4().hex}{extension}"


class Assessment(models.Model):
    """How far a recommendation has been implemented on a day, with the evidence for it."""

    recommendation = models.ForeignKey(
        Recommendation, verbose_name=_("recommendation"), on_delete=models.CASCADE, related_name="assessments"
    )
    body = models.ForeignKey(
        "bodies.Body", verbose_name=_("body"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=32, choices=ImplementationStatus.choices)
    assessed_on = models.DateField(_("assessed on"))
    note = models.TextField(_("note"), blank=True)
    evidence_sections = models.ManyToManyField(
        "reporting.ReportSection", verbose_name=_("report sections"), blank=True, related_name="+"
    )
    # Tasks, activities, laws and kept documents are named by string: this app cites them and never
    # writes them (decision 0053; the documents app sits above this one and is never imported).
    evidence_tasks = models.ManyToManyField(
        "followup.Task", verbose_name=_("tasks"), blank=True, related_name="+"
    )
    evidence_activities = models.ManyToManyField(
        "activities.Activity", verbose_name=_("activities"), blank=True, related_name="+"
    )
    evidence_legal_documents = models.ManyToManyField(
        "laws.LegalDocument", verbose_name=_("laws and policies"), blank=True, related_name="+"
    )
    evidence_documents = models.ManyToManyField(
        "documents.Document", verbose_name=_("documents"), blank=True, related_name="+"
    )
    evidence_file = models.FileField(_("file"), upload_to=evidence_path, max_length=255, blank=True)
    evidence_file_name = models.CharField(_("file name"), max_length=255, blank=True)
    # Shown on the portal (its status, date, body and note) when its recommendation is published too.
    is_published = models.BooleanField(_("published on the portal"), default=False, editable=False)
    created_by = user_fk(_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["recommendation", "-assessed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.assessed_on:%d/%m/%Y})"


class PublishedVersion(models.Model):
    """One row: a number that moves on, in the same transaction, whenever what the portal shows changes
    (a publish or withdrawal, an import that changed recorded rows, an assessment shown or changed). What is
    kept per version (the portal's counts, ``recommendations.published``) is never read after it moves."""

    number = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("published data version")
        verbose_name_plural = _("published data versions")

    def __str__(self) -> str:
        return str(self.number)
