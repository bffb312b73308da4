from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    ARTICLE = "article", _("Article")
    MEETING_REPORT = "meeting_report", _("Meeting report")
    OFFICIAL = "official", _("Official document")
    OTHER = "other", _("Other document")


class DocumentLanguage(models.TextChoices):
    VI = "vi", _("Vietnamese")
    EN = "en", _("English")
    UNKNOWN = "unknown", _("Unknown language")


class FileKind(models.TextChoices):
    PDF = "pdf", _("PDF")
    DOCX = "docx", _("Word")
    HTML = "html", _("Web page")
    TXT = "txt", _("Text")


class DocumentJob(models.TextChoices):
    INGEST = "documents.ingest", _("Document ingestion")
