"""Documents: articles, meeting reports and official documents kept as evidence, with their text.

A document belongs to a body (whose staff uploaded it: that is its scope). Its text is extracted once, on
ingestion, and kept with a folded copy (``core.text.fold``: no diacritics, đ→d, case-folded) that the
full-text index reads (docs/decisions: documents' search). The source address is recorded as the user gives
it, or as a web page states its own (its canonical link), never fetched; its words give an article's kind
when the text states none (``nlp/address.py``). An article may be linked to the conference it covers
(``conference``).
"""

from __future__ import annotations

import os
import uuid
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rightstrack.core.fields import user_fk
from rightstrack.documents.choices import DocumentKind, DocumentLanguage, FileKind

HASH_CHARS = 64


def document_path(instance: Document, filename: str) -> str:
    """documents/<body>/<random><ext>: the stored name never comes from the uploader."""
    extension = os.path.splitext(filename)[1].lower()[:10]
    return f"documents/{instance.body_id}/{uuid.uuid4().hex}{extension}"


class Document(models.Model):
    body = models.ForeignKey(
        "bodies.Body", verbose_name=_("body"), on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField(
        _("kind"), max_length=32, choices=DocumentKind.choices, default=DocumentKind.ARTICLE
    )
    title = models.CharField(_("title"), max_length=500)
    language = models.CharField(
        _("language"), max_length=8, choices=DocumentLanguage.choices, default=DocumentLanguage.UNKNOWN
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    source_url = models.URLField(_("source address (URL)"), max_length=1000, blank=True)
    file = models.FileField(_("file"), upload_to=document_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    file_kind = models.CharField(_("file type"), max_length=8, choices=FileKind.choices)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    text = models.TextField(_("text"))
    sections = models.JSONField(_("sections"), default=list, blank=True)
    truncated = models.BooleanField(_("text cut at the limit"), default=False)
    # The folded title and text: what the full-text index reads (SQLite FTS5 / PostgreSQL GIN).
    folded_title = models.TextField(editable=False, default="")
    folded_text = models.TextField(editable=False, default="")
    content_hash = models.CharField(_("content hash"), max_length=HASH_CHARS, db_index=True)
    minhash = models.JSONField(editable=False, default=list)
    near_duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("nearly the same as"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="near_duplicates",
    )
    facts = models.JSONField(_("meeting facts"), null=True, blank=True)
    conference = models.ForeignKey(
        "conferences.Conference",
        verbose_name=_("conference covered"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coverage",
    )
    created_by = user_fk(_("added by"))
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-published_on", "-created_at", "-id"]
        indexes = [models.Index(fields=["body", "-created_at"], name="documents_body_created")]
        constraints = [
            models.UniqueConstraint(fields=["body", "content_hash"], name="document_unique_text_per_body")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:document_detail", args=[self.pk])

    @property
    def statements(self) -> dict[str, Any]:
        facts = self.facts or {}
        return {key: facts.get(key) or [] for key in ("directives", "shortcomings", "proposals")}


class DocumentBand(models.Model):
    """One band of a document's MinHash signature: two documents sharing a band are near-duplicate
    candidates (locality-sensitive hashing), found with one indexed query instead of a pass over all."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="bands")
    band = models.BigIntegerField(db_index=True)

    class Meta:
        verbose_name = _("document signature band")
        verbose_name_plural = _("document signature bands")
        constraints = [models.UniqueConstraint(fields=["document", "band"], name="document_band_unique")]

    def __str__(self) -> str:
        return f"{self.document_id}:{self.band}"
