"""The register of laws and policies: the documents the work refers to, how each stands in each body's work
(with its history), and the report passages that cite them (found by their symbol)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from rightstrack.core.fields import user_fk
from rightstrack.laws.choices import ImplementationStatus, LegalKind


class LegalDocument(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=LegalKind.choices, db_index=True)
    symbol = models.CharField(
        _("number and symbol"),
        max_length=64,
        blank=True,
        help_text=_(
            "As the document writes it, e.g. 30/2020/NĐ-CP or 14/2012/QH13 (none for a constitution)."
        ),
    )
    # The symbol folded ("30/2020/ND-CP"): how a citation typed any way finds the document.
    symbol_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    part = models.CharField(
        _("part"),
        max_length=255,
        blank=True,
        help_text=_("A chapter or article, when only that part is meant."),
    )
    title = models.CharField(_("title"), max_length=500)
    title_en = models.CharField(_("English title"), max_length=500, blank=True)
    issuer = models.CharField(_("issued by"), max_length=255)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    in_force_from = models.DateField(_("in force from"), null=True, blank=True)
    repealed_on = models.DateField(_("repealed on"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    url = models.URLField(_("official text (URL)"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = user_fk(_("created by"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("legal document")
        verbose_name_plural = _("laws and policies")
        ordering = ["-issued_on", "title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["symbol_key", "part"],
                condition=~Q(symbol_key=""),
                name="legal_document_symbol_unique",
            ),
            models.CheckConstraint(
                condition=Q(repealed_on__isnull=True)
                | Q(in_force_from__isnull=True)
                | Q(repealed_on__gte=models.F("in_force_from")),
                name="legal_document_repealed_after_force",
            ),
        ]

    def __str__(self) -> str:
        head = f"{self.symbol} " if self.symbol else ""
        tail = f" — {self.part}" if self.part else ""
        return f"{head}{self.display_title}{tail}"

    def get_absolute_url(self) -> str:
        return reverse("laws:document_detail", args=[self.pk])

    @property
    def display_title(self) -> str:
        language = get_language() or ""
        return self.title_en if language.startswith("en") and self.title_en else self.title


class LegalStatus(models.Model):
    """How ``document`` stands in ``body``'s work now; ``changes`` keeps how it got there."""

    document = models.ForeignKey(
        LegalDocument, verbose_name=_("legal document"), on_delete=models.CASCADE, related_name="statuses"
    )
    body = models.ForeignKey(
        "bodies.Body", verbose_name=_("body"), on_delete=models.PROTECT, related_name="legal_statuses"
    )
    status = models.CharField(_("status"), max_length=16, choices=ImplementationStatus.choices)
    since = models.DateField(_("since"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = user_fk(_("updated by"))

    class Meta:
        verbose_name = _("implementation status")
        verbose_name_plural = _("implementation statuses")
        ordering = ["document", "body__name", "id"]
        constraints = [models.UniqueConstraint(fields=["document", "body"], name="legal_status_unique")]

    def __str__(self) -> str:
        return f"{self.document} — {self.body}: {self.get_status_display()}"


class LegalStatusChange(models.Model):
    record = models.ForeignKey(
        LegalStatus, verbose_name=_("implementation status"), on_delete=models.CASCADE, related_name="changes"
    )
    previous = models.CharField(_("from"), max_length=16, choices=ImplementationStatus.choices, blank=True)
    status = models.CharField(_("to"), max_length=16, choices=ImplementationStatus.choices)
    since = models.DateField(_("since"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    changed_by = user_fk(_("changed by"))

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["record", "-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.record}: {self.previous or '—'} → {self.status}"


class LegalMention(models.Model):
    """A report's section answer that cites ``document`` by its symbol (found by the mentions job)."""

    document = models.ForeignKey(
        LegalDocument, verbose_name=_("legal document"), on_delete=models.CASCADE, related_name="mentions"
    )
    section = models.ForeignKey(
        "reporting.ReportSection",
        verbose_name=_("report section"),
        on_delete=models.CASCADE,
        related_name="legal_mentions",
    )
    cited_as = models.CharField(_("cited as"), max_length=100)
    excerpt = models.TextField(_("passage"), blank=True)
    found_at = models.DateTimeField(_("found at"), auto_now_add=True)

    class Meta:
        verbose_name = _("citation in a report")
        verbose_name_plural = _("citations in reports")
        ordering = ["document", "-section__report__cycle__period_end", "section__report__body__name", "id"]
        constraints = [models.UniqueConstraint(fields=["document", "section"], name="legal_mention_unique")]

    def __str__(self) -> str:
        return f"{self.document} ← {self.section}"
