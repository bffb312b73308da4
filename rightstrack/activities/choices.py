from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityKind(models.TextChoices):
    AWARENESS = "awareness", _("Awareness raising")
    TRAINING = "training", _("Training")
    LAW_DISSEMINATION = "law_dissemination", _("Law dissemination")
    OTHER = "other", _("Other activity")


class ActivitiesJob(models.TextChoices):
    IMPORT_XLSX = "activities.import_xlsx", _("Import activities from a spreadsheet")
