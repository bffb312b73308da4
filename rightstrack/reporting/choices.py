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
