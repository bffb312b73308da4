from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    """Every kind of message the platform sends; apps add theirs here so the inbox can filter by kind."""

    REPORT_SUBMITTED = "report_submitted", _("Report submitted")
    REPORT_RETURNED = "report_returned", _("Report returned")
    REPORT_ACCEPTED = "report_accepted", _("Report accepted")
    REMINDER_DUE_SOON = "reminder_due_soon", _("Report due soon")
    REMINDER_OVERDUE = "reminder_overdue", _("Report overdue")
    TASK_DUE_SOON = "task_due_soon", _("Task due soon")
    TASK_OVERDUE = "task_overdue", _("Task overdue")
    INVITATION = "invitation", _("Invitation to set a password")
    OTHER = "other", _("Other")
