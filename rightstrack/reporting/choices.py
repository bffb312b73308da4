from django.db import models
from django.utils.translation import gettext_lazy as _


class CycleStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for revision")
    ACCEPTED = "accepted", _("Accepted")


class RevisionReason(models.TextChoices):
    SAVE = "save", _("Saved")
    IMPORT = "import", _("Imported from a document")
    SUBMIT = "submit", _("Submitted")
    RETURN = "return", _("Returned")
    ACCEPT = "accept", _("Accepted")


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")


class ReportingJob(models.TextChoices):
    """Reporting's background job kinds (``core.jobs``), declared in ``apps.py`` and run by ``jobs.py``."""

    CYCLE_ZIP = "reporting.cycle_zip", _("The cycle's reports as Word files (ZIP)")
    REPORT_PDF = "reporting.report_pdf", _("A report as PDF")
    IMPORT_DOCX = "reporting.import_docx", _("Reading a Word document to import")
    APPLY_DOCX = "reporting.apply_docx", _("Importing a Word document into a report")
