from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityKind(models.TextChoices):
    AWARENESS = "awareness", _("Awareness raising")
    TRAINING = "training", _("Training")
    LAW_DISSEMINATION = "law_dissemination", _("Law dissemination")
    OTHER = "other", _("Other activity")


class ActivitiesJob(models.TextChoices):
    IMPORT_XLSX = "activities.import_xlsx", _("Import activities from a spreadsheet")


# The audience groups a country starts with (code, Vietnamese name, English name); administrators edit them
# in the admin. Migration 0001 seeds the same list (a migration keeps its own copy).
DEFAULT_AUDIENCE_GROUPS = (
    ("ethnic-minorities", "Người dân tộc thiểu số", "Ethnic minorities"),
    ("religious-dignitaries", "Chức sắc, chức việc tôn giáo", "Religious dignitaries"),
    ("women", "Phụ nữ", "Women"),
    ("children", "Trẻ em", "Children"),
    ("persons-with-disabilities", "Người khuyết tật", "Persons with disabilities"),
    ("older-persons", "Người cao tuổi", "Older persons"),
    ("officials", "Cán bộ, công chức", "Officials"),
    ("general-public", "Người dân", "General public"),
)
